import type { ReportJob, ReportSpec } from './domain.ts';

/** Why a call to the job runner failed, in terms a tool can explain to a model. */
export interface ReportJobsError {
  type: 'not_found' | 'busy' | 'misconfigured' | 'unavailable' | 'unexpected';
  message: string;
  /** For the operator's log only (an AWS error name, a status code); never shown to the model. */
  cause?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ReportJobsError };

export interface CallOptions {
  /** Aborts the call when the MCP client goes away or the function's time runs out. */
  signal?: AbortSignal;
}

export interface StartedJob {
  jobId: string;
  startedAt: string;
}

/**
 * The port to whatever runs report jobs in the background. `start` returns at once with the job's id;
 * `status` reads where the job is. In memory for tests and `make dev`; Step Functions when deployed.
 */
export interface ReportJobs {
  start(spec: ReportSpec, options?: CallOptions): Promise<Result<StartedJob>>;
  status(jobId: string, options?: CallOptions): Promise<Result<ReportJob>>;
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (type: ReportJobsError['type'], message: string, cause?: string): Result<never> => ({
  ok: false,
  error: { type, message, ...(cause !== undefined && { cause }) },
});
/** An id as the model sent it, short enough to quote back. */
export const quoted = (jobId: string): string => JSON.stringify(jobId.length > 100 ? `${jobId.slice(0, 100)}…` : jobId);
