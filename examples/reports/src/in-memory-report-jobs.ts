import { summaryText, type ReportJob, type ReportSpec } from './domain.ts';
import { fail, ok, quoted, type ReportJobs, type Result, type StartedJob } from './report-jobs.ts';

export interface InMemoryReportJobsOptions {
  /** Measures how long jobs have run; tests move it forward instead of sleeping. */
  clock?: () => Date;
  /** How long a job runs before it is finished (the deployed workflow waits 5 s). */
  durationMs?: number;
  /** Makes a job fail with this error, to exercise the FAILED path. */
  failWith?: (spec: ReportSpec) => string | undefined;
}

interface StoredJob {
  spec: ReportSpec;
  startedAt: Date;
  failure: string | undefined;
}

/**
 * Report jobs in memory, for tests and local runs: each job is RUNNING until `durationMs` has passed on
 * the clock, then SUCCEEDED with the summary the real workflow writes (or FAILED, if `failWith` says so).
 */
export class InMemoryReportJobs implements ReportJobs {
  readonly #jobs = new Map<string, StoredJob>();
  readonly #clock: () => Date;
  readonly #durationMs: number;
  readonly #failWith: (spec: ReportSpec) => string | undefined;
  #nextId = 1;

  constructor(options: InMemoryReportJobsOptions = {}) {
    this.#clock = options.clock ?? (() => new Date());
    this.#durationMs = options.durationMs ?? 5_000;
    this.#failWith = options.failWith ?? (() => undefined);
  }

  async start(spec: ReportSpec): Promise<Result<StartedJob>> {
    const jobId = `R-${this.#nextId++}`;
    const startedAt = this.#clock();
    this.#jobs.set(jobId, { spec, startedAt, failure: this.#failWith(spec) });
    return ok({ jobId, startedAt: startedAt.toISOString() });
  }

  async status(jobId: string): Promise<Result<ReportJob>> {
    const job = this.#jobs.get(jobId);
    if (!job) return fail('not_found', `No report job has id ${quoted(jobId)}.`);
    const running = { jobId, startedAt: job.startedAt.toISOString() };
    const finished = new Date(job.startedAt.getTime() + this.#durationMs);
    if (this.#clock() < finished) return ok({ ...running, status: 'RUNNING' });
    const finishedAt = finished.toISOString();
    if (job.failure) return ok({ ...running, status: 'FAILED', finishedAt, error: job.failure });
    return ok({
      ...running,
      status: 'SUCCEEDED',
      finishedAt,
      result: { reportType: job.spec.reportType, period: job.spec.period, summary: summaryText(job.spec), generatedAt: finishedAt },
    });
  }
}
