import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { InMemoryReportJobs } from './in-memory-report-jobs.ts';
import type { ReportJobs } from './report-jobs.ts';
import { WORKFLOW_SECONDS } from './report-workflow.ts';
import { StepFunctionsReportJobs, regionOf } from './step-functions-report-jobs.ts';

/** Everything the tools need from outside. Tests build their own; the server builds it from the environment. */
export interface Dependencies {
  reports: ReportJobs;
  clock: () => Date;
  /** When a fresh job is worth asking about again: the hint generate_report gives the model. */
  pollAfterSeconds: number;
  /**
   * When the client asked for progress (and the answer streams), generate_report waits for the job,
   * reading its status this often (default 1000 ms) and for at most `maxWaitMs` (default 10 minutes),
   * reporting progress, instead of handing back a job id.
   */
  waitPollMs?: number;
  maxWaitMs?: number;
}

/**
 * With REPORTS_STATE_MACHINE_ARN set (as deploy.ts does), jobs run on that Step Functions state machine.
 * Without it (make dev, tests) they run in memory and finish after REPORTS_DEMO_SECONDS (default 5).
 * REPORTS_WAIT_POLL_MS sets how often generate_report reads a job's status while it waits (default 1000).
 */
export function createDependencies(env: Readonly<Record<string, string | undefined>> = {}): Dependencies {
  const clock = () => new Date();
  const poll = Number(env.REPORTS_WAIT_POLL_MS);
  const waitPollMs = Number.isFinite(poll) && poll > 0 ? poll : 1_000;
  const stateMachineArn = env.REPORTS_STATE_MACHINE_ARN;
  if (stateMachineArn) {
    // The client is made once per instance and reused across invocations (connections stay warm).
    const client = new SFNClient({ region: regionOf(stateMachineArn) });
    const reports = new StepFunctionsReportJobs({
      stateMachineArn,
      clock,
      // Two branches only so each call picks SFNClient.send's overload for its command.
      send: (command, options) => (command instanceof StartExecutionCommand ? client.send(command, options) : client.send(command, options)),
    });
    return { reports, clock, pollAfterSeconds: WORKFLOW_SECONDS + 2, waitPollMs };
  }
  const seconds = Number(env.REPORTS_DEMO_SECONDS ?? WORKFLOW_SECONDS);
  const durationMs = Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : WORKFLOW_SECONDS * 1000;
  return { reports: new InMemoryReportJobs({ clock, durationMs }), clock, pollAfterSeconds: Math.ceil(durationMs / 1000) + 1, waitPollMs };
}
