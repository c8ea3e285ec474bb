import { ToolError, defineTool, type Logger } from '@serverless-mcp/handler-kit';
import * as z from 'zod';
import type { Dependencies } from '../dependencies.ts';
import { Period, ReportJob, ReportType, type ReportSpec } from '../domain.ts';
import type { ReportJobs, StartedJob } from '../report-jobs.ts';
import { unwrap } from './result.ts';

const MAX_DAYS = 366;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((done, fail) => {
    if (signal.aborted) return fail(signal.reason);
    const timer = setTimeout(() => (signal.removeEventListener('abort', stop), done()), ms);
    const stop = () => (clearTimeout(timer), fail(signal.reason));
    signal.addEventListener('abort', stop, { once: true });
  });

interface WaitContext {
  signal: AbortSignal;
  log: Logger;
  progress(done: number, total?: number, message?: string): boolean;
}

/**
 * Reads the job's status until it is no longer running (or `maxWaitMs` passed), telling the client how far
 * it got: percent of the expected duration, held at 99 until the job is done.
 */
async function waitFor(job: StartedJob, reports: ReportJobs, expectedMs: number, pollMs: number, maxWaitMs: number, ctx: WaitContext): Promise<ReportJob> {
  const started = Date.now();
  ctx.progress(0, 100, `Report job ${job.jobId} started`);
  for (;;) {
    await sleep(pollMs, ctx.signal);
    const current = unwrap(await reports.status(job.jobId, { signal: ctx.signal }), ctx.log);
    const elapsed = Date.now() - started;
    if (current.status !== 'RUNNING' && current.status !== 'PENDING_REDRIVE') {
      ctx.progress(100, 100, `Report job ${job.jobId} ${current.status}`);
      return current;
    }
    if (elapsed >= maxWaitMs) return current;
    ctx.progress(Math.min(99, Math.floor((elapsed / expectedMs) * 100)), 100, `Report job ${job.jobId} running for ${Math.round(elapsed / 1000)} s`);
  }
}

export const generateReportTool = ({ reports, clock, pollAfterSeconds, waitPollMs = 1_000, maxWaitMs = 600_000 }: Dependencies) =>
  defineTool({
    name: 'generate_report',
    title: 'Generate report',
    description:
      'Generate a report for a period. Reports take a while: a client that asked for progress gets the ' +
      'finished report (with progress while it runs); otherwise this returns a jobId at once, and you call ' +
      'get_report_status with it until the status is SUCCEEDED (the result is there) or FAILED.',
    input: z.object({
      reportType: ReportType.describe('Which report'),
      period: Period.describe(`The days the report covers, at most ${MAX_DAYS}`),
    }),
    output: ReportJob.extend({ next: z.string().optional() }),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    scopes: ['reports:write'],
    handler: async ({ reportType, period }, ctx) => {
      const { signal, log } = ctx;
      // Checked here rather than in the schema so the model gets a sentence, not a validation dump.
      const days = dayNumber(period.to) - dayNumber(period.from) + 1;
      if (days < 1) throw new ToolError(`period.from (${period.from}) is after period.to (${period.to}).`);
      if (days > MAX_DAYS) throw new ToolError(`The period covers ${days} days; at most ${MAX_DAYS} are allowed. Split it.`);
      const today = clock().toISOString().slice(0, 10);
      if (period.to > today) throw new ToolError(`period.to (${period.to}) is in the future; today is ${today}.`);
      const spec: ReportSpec = { reportType, period };
      const job = unwrap(await reports.start(spec, { signal }), log);
      const next = `Call get_report_status with jobId "${job.jobId}" in about ${pollAfterSeconds} seconds.`;
      // A client that takes progress gets the report itself; any other gets the job id at once, as before.
      if (!ctx.wantsProgress) return { ...job, status: 'RUNNING' as const, next };
      const finished = await waitFor(job, reports, pollAfterSeconds * 1000, waitPollMs, maxWaitMs, ctx);
      if (finished.status === 'RUNNING' || finished.status === 'PENDING_REDRIVE') return { ...finished, next };
      if (finished.status !== 'SUCCEEDED') return { ...finished, next: 'The job did not produce a report; call generate_report to try again.' };
      return finished;
    },
  });
