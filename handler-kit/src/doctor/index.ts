/** The doctor as a library: `runDoctor({ url })` returns the report the CLI prints with `renderReport`. */
export { runDoctor, UsageError, type DoctorReport } from './run.ts';
export { renderReport } from './render.ts';
export type { DoctorOptions } from './context.ts';
export type { CheckResult, Status } from './result.ts';
export { ALL_CLIENTS, CLIENT_NAMES, type ClientId } from './clients.ts';
