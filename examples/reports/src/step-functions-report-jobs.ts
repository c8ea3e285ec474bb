import {
  DescribeExecutionCommand,
  StartExecutionCommand,
  type DescribeExecutionCommandOutput,
  type StartExecutionCommandOutput,
} from '@aws-sdk/client-sfn';
import { JobStatus, ReportSummary, type ReportJob, type ReportSpec } from './domain.ts';
import { fail, ok, quoted, type CallOptions, type ReportJobs, type Result, type StartedJob } from './report-jobs.ts';

export type SfnCommand = StartExecutionCommand | DescribeExecutionCommand;
/** SFNClient.send, narrowed to the two commands used; injected so tests answer for AWS. */
export type SfnSend = (command: SfnCommand, options?: { abortSignal?: AbortSignal }) => Promise<unknown>;

export interface StepFunctionsReportJobsOptions {
  /** arn:aws:states:<region>:<account>:stateMachine:<name> (REPORTS_STATE_MACHINE_ARN). */
  stateMachineArn: string;
  send: SfnSend;
  clock?: () => Date;
}

const STATE_MACHINE_ARN = /^arn:aws[a-z-]*:states:([a-z0-9-]+):\d{12}:stateMachine:[A-Za-z0-9_-]{1,80}$/;
// Execution names may hold more characters, but this server only makes these; anything else is not ours.
const JOB_ID = /^[A-Za-z0-9_-]{1,80}$/;

/** The Region in a state machine ARN, so the client calls the Region the workflow lives in. */
export function regionOf(stateMachineArn: string): string {
  const match = STATE_MACHINE_ARN.exec(stateMachineArn);
  if (!match) throw new TypeError('REPORTS_STATE_MACHINE_ARN must be a Step Functions state machine ARN');
  return match[1]!;
}

/**
 * `<type>_<from>_<to>_<start time to the second>`, e.g. sales_summary_2026-10-01_2026-10-31_20261121T100000Z.
 * Readable in the console, unique per report and second; and since the name fixes the input, a retried
 * tools/call within the same second lands on the same execution instead of starting a second one.
 */
export function executionName({ reportType, period }: ReportSpec, now: Date): string {
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, '');
  return `${reportType}_${period.from}_${period.to}_${stamp}Z`;
}

const ERRORS = {
  notFound: new Set(['ExecutionDoesNotExist', 'InvalidArn']),
  busy: new Set(['ThrottlingException', 'ExecutionLimitExceeded', 'TooManyRequestsException', 'RequestLimitExceeded']),
  misconfigured: new Set(['StateMachineDoesNotExist', 'StateMachineDeleting', 'AccessDeniedException', 'UnrecognizedClientException',
    'InvalidArn', 'InvalidName', 'InvalidExecutionInput', 'ValidationException', 'KmsAccessDeniedException']),
};

/** The error's name and HTTP status: enough for the operator's log, nothing the model needs. */
function causeOf(error: unknown): { name: string; cause: string } {
  const e = error as { name?: unknown; $metadata?: { httpStatusCode?: number } } | null;
  const name = typeof e?.name === 'string' ? e.name : 'UnknownError';
  const status = e?.$metadata?.httpStatusCode;
  return { name, cause: status ? `${name} (HTTP ${status})` : name };
}

/**
 * ReportJobs on AWS Step Functions: start = StartExecution, status = DescribeExecution. The job id is the
 * execution name; the execution ARN is rebuilt from it and the state machine ARN (same Region, account
 * and machine), so ids stay short for the model and only this machine's executions can ever be read.
 */
export class StepFunctionsReportJobs implements ReportJobs {
  readonly #stateMachineArn: string;
  readonly #executionArnPrefix: string;
  readonly #send: SfnSend;
  readonly #clock: () => Date;

  constructor(options: StepFunctionsReportJobsOptions) {
    regionOf(options.stateMachineArn);
    this.#stateMachineArn = options.stateMachineArn;
    this.#executionArnPrefix = `${options.stateMachineArn.replace(':stateMachine:', ':execution:')}:`;
    this.#send = options.send;
    this.#clock = options.clock ?? (() => new Date());
  }

  async start(spec: ReportSpec, options: CallOptions = {}): Promise<Result<StartedJob>> {
    const now = this.#clock();
    const name = executionName(spec, now);
    // Built field by field: the input is exactly the spec, so one name always means one input.
    const input = JSON.stringify({ reportType: spec.reportType, period: { from: spec.period.from, to: spec.period.to } });
    try {
      const out = (await this.#send(new StartExecutionCommand({ stateMachineArn: this.#stateMachineArn, name, input }), signalOf(options))) as StartExecutionCommandOutput;
      return ok({ jobId: name, startedAt: (out.startDate ?? now).toISOString() });
    } catch (error) {
      const { name: errorName, cause } = causeOf(error);
      // The same report was started this very second and already closed: that job is this request's job.
      if (errorName === 'ExecutionAlreadyExists') return ok({ jobId: name, startedAt: now.toISOString() });
      if (ERRORS.busy.has(errorName)) return fail('busy', 'Too many reports are being generated right now. Try again in a minute.', cause);
      if (ERRORS.misconfigured.has(errorName)) return fail('misconfigured', 'The report workflow is not available to this server (it is missing or not allowed).', cause);
      return this.#unavailable(error, options, cause);
    }
  }

  async status(jobId: string, options: CallOptions = {}): Promise<Result<ReportJob>> {
    const notFound = fail('not_found', `No report job has id ${quoted(jobId)}.`);
    if (!JOB_ID.test(jobId)) return notFound;
    let out: DescribeExecutionCommandOutput;
    try {
      out = (await this.#send(new DescribeExecutionCommand({ executionArn: this.#executionArnPrefix + jobId }), signalOf(options))) as DescribeExecutionCommandOutput;
    } catch (error) {
      const { name, cause } = causeOf(error);
      if (ERRORS.notFound.has(name)) return notFound;
      if (ERRORS.busy.has(name)) return fail('busy', 'Step Functions is throttling this server. Try again in a few seconds.', cause);
      if (ERRORS.misconfigured.has(name)) return fail('misconfigured', 'This server may not read report jobs.', cause);
      return this.#unavailable(error, options, cause);
    }
    const status = JobStatus.safeParse(out.status);
    if (!status.success || !out.startDate) return fail('unexpected', 'Step Functions described the job in a way this server does not understand.', `status ${String(out.status)}`);
    const job: ReportJob = { jobId, status: status.data, startedAt: out.startDate.toISOString() };
    if (out.stopDate) job.finishedAt = out.stopDate.toISOString();
    if (status.data === 'SUCCEEDED') {
      const result = ReportSummary.safeParse(parseJson(out.output));
      if (!result.success) return fail('unexpected', `Report job ${quoted(jobId)} finished, but its result is not a report summary.`, 'unreadable output');
      job.result = result.data;
    } else if (status.data !== 'RUNNING') {
      // The workflow's own error name and cause are written for people; a long cause is cut, not dropped.
      const reason = [out.error, out.cause].filter(Boolean).join(': ');
      job.error = reason ? reason.slice(0, 500) : `The job ended with status ${status.data}.`;
    }
    return ok(job);
  }

  #unavailable(error: unknown, options: CallOptions, cause: string): Result<never> {
    if (options.signal?.aborted || causeOf(error).name === 'AbortError') return fail('unavailable', 'The request to Step Functions was cancelled.', cause);
    return fail('unavailable', 'Step Functions is unavailable right now. Try again shortly.', cause);
  }
}

const signalOf = (options: CallOptions) => (options.signal ? { abortSignal: options.signal } : undefined);

function parseJson(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}
