/**
 * Runs before each test file (vitest `setupFiles`). Workers run many files in one process (`isolate:
 * false` in vitest.config.ts), so an environment variable one file sets, at its top level or in a test,
 * would otherwise still be set in the next file the worker runs. Whatever a file changes in
 * process.env is put back when it ends.
 */
import { afterAll } from 'vitest';

const before = { ...process.env };

afterAll(() => {
  for (const name of Object.keys(process.env)) if (!(name in before)) delete process.env[name];
  Object.assign(process.env, before);
});
