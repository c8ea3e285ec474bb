import { DescribeExecutionCommand, ExecutionDoesNotExist, StartExecutionCommand, StateMachineDoesNotExist } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { createDependencies } from '../src/dependencies.ts';
import type { ReportSpec } from '../src/domain.ts';
import { InMemoryReportJobs } from '../src/in-memory-report-jobs.ts';
import type { Result } from '../src/report-jobs.ts';
import { StepFunctionsReportJobs, executionName, regionOf, type SfnCommand } from '../src/step-functions-report-jobs.ts';

const MACHINE = 'arn:aws:states:eu-west-1:123456789012:stateMachine:mcp-reports-reports';
const NOW = new Date('2026-11-21T10:00:00.250Z');
const SPEC: ReportSpec = { reportType: 'sales_summary', period: { from: '2026-10-01', to: '2026-10-31' } };
const JOB_ID = 'sales_summary_2026-10-01_2026-10-31_20261121T100000Z';
const EXECUTION = `arn:aws:states:eu-west-1:123456789012:execution:mcp-reports-reports:${JOB_ID}`;

/** The adapter over a `send` that records each command and answers with `answer`. */
function adapter(answer: (command: SfnCommand) => unknown) {
  const sent: { command: SfnCommand; options: { abortSignal?: AbortSignal } | undefined }[] = [];
  const jobs = new StepFunctionsReportJobs({
    stateMachineArn: MACHINE,
    clock: () => NOW,
    send: async (command, options) => {
      sent.push({ command, options });
      return answer(command);
    },
  });
  return { jobs, sent };
}
const awsError = (name: string, httpStatusCode = 400) =>
  Object.assign(new Error(`${name}: something about ${EXECUTION}`), { name, $metadata: { httpStatusCode } });
const throwing = (error: unknown) => () => { throw error; };
const errorOf = (result: Result<unknown>) => {
  if (result.ok) throw new Error('expected a failure');
  return result.error;
};

describe('Step Functions report jobs: requests', () => {
  it('starts the configured state machine with the spec as input under a readable per-second name', async () => {
    const { jobs, sent } = adapter(() => ({ executionArn: EXECUTION, startDate: NOW }));
    expect(await jobs.start(SPEC)).toEqual({ ok: true, value: { jobId: JOB_ID, startedAt: NOW.toISOString() } });
    const command = sent[0]!.command;
    expect(command).toBeInstanceOf(StartExecutionCommand);
    expect(command.input).toEqual({ stateMachineArn: MACHINE, name: JOB_ID, input: JSON.stringify(SPEC) });
    expect(executionName(SPEC, NOW)).toMatch(/^[A-Za-z0-9_-]{1,80}$/);
  });

  it("passes the caller's signal to the SDK so an abandoned call stops", async () => {
    const { jobs, sent } = adapter(() => ({ executionArn: EXECUTION, startDate: NOW }));
    const caller = new AbortController();
    await jobs.start(SPEC, { signal: caller.signal });
    expect(sent[0]!.options?.abortSignal).toBe(caller.signal);
  });

  it('treats ExecutionAlreadyExists as the same report started this second: the same job, not an error', async () => {
    const { jobs } = adapter(throwing(awsError('ExecutionAlreadyExists')));
    expect(await jobs.start(SPEC)).toEqual({ ok: true, value: { jobId: JOB_ID, startedAt: NOW.toISOString() } });
  });

  it('describes the execution whose ARN it rebuilds from the job id, and reports a running one', async () => {
    const { jobs, sent } = adapter(() => ({ executionArn: EXECUTION, status: 'RUNNING', startDate: NOW }));
    expect(await jobs.status(JOB_ID)).toEqual({ ok: true, value: { jobId: JOB_ID, status: 'RUNNING', startedAt: NOW.toISOString() } });
    expect(sent[0]!.command).toBeInstanceOf(DescribeExecutionCommand);
    expect(sent[0]!.command.input).toEqual({ executionArn: EXECUTION });
  });

  it("returns a succeeded execution's output as the report summary", async () => {
    const summary = { ...SPEC, summary: 'sales_summary report for 2026-10-01 to 2026-10-31 is ready.', generatedAt: '2026-11-21T10:00:05.3Z' };
    const stopDate = new Date('2026-11-21T10:00:05.400Z');
    const { jobs } = adapter(() => ({ status: 'SUCCEEDED', startDate: NOW, stopDate, output: JSON.stringify(summary) }));
    expect(await jobs.status(JOB_ID)).toEqual({
      ok: true,
      value: { jobId: JOB_ID, status: 'SUCCEEDED', startedAt: NOW.toISOString(), finishedAt: stopDate.toISOString(), result: summary },
    });
  });

  it('gives a failed execution its error and cause, and a timed-out one its status as the reason', async () => {
    const failed = adapter(() => ({ status: 'FAILED', startDate: NOW, stopDate: NOW, error: 'States.Runtime', cause: 'x'.repeat(900) }));
    const job = await failed.jobs.status(JOB_ID);
    expect(job.ok && job.value.error).toMatch(/^States\.Runtime: x+$/);
    expect(job.ok && job.value.error!.length).toBe(500);
    const timedOut = adapter(() => ({ status: 'TIMED_OUT', startDate: NOW, stopDate: NOW }));
    expect(await timedOut.jobs.status(JOB_ID)).toMatchObject({ ok: true, value: { status: 'TIMED_OUT', error: 'The job ended with status TIMED_OUT.' } });
  });
});

describe('Step Functions report jobs: failures', () => {
  it('names an unknown job id, and never sends AWS an id this server cannot have made', async () => {
    const missing = adapter(throwing(new ExecutionDoesNotExist({ message: `Execution Does Not Exist: '${EXECUTION}'`, $metadata: { httpStatusCode: 400 } })));
    expect(errorOf(await missing.jobs.status('sales_summary_x'))).toEqual({ type: 'not_found', message: 'No report job has id "sales_summary_x".' });
    const { jobs, sent } = adapter(() => ({}));
    expect(errorOf(await jobs.status('x:../stateMachine:other'))).toMatchObject({ type: 'not_found', message: 'No report job has id "x:../stateMachine:other".' });
    expect(sent).toHaveLength(0);
  });

  const STARTS: [name: string, error: unknown, type: string, message: RegExp, cause: string][] = [
    ['throttling', awsError('ThrottlingException'), 'busy', /Try again in a minute/, 'ThrottlingException (HTTP 400)'],
    ['the execution limit', awsError('ExecutionLimitExceeded'), 'busy', /Too many reports/, 'ExecutionLimitExceeded (HTTP 400)'],
    ['a missing state machine', new StateMachineDoesNotExist({ message: `State Machine Does Not Exist: '${MACHINE}'`, $metadata: { httpStatusCode: 400 } }), 'misconfigured', /not available to this server/, 'StateMachineDoesNotExist (HTTP 400)'],
    ['a refused permission', awsError('AccessDeniedException'), 'misconfigured', /not available to this server/, 'AccessDeniedException (HTTP 400)'],
    ['a service fault', awsError('InternalServerError', 500), 'unavailable', /^Step Functions is unavailable right now/, 'InternalServerError (HTTP 500)'],
    ['a network failure', Object.assign(new Error('connect ETIMEDOUT 52.1.2.3:443'), { code: 'ETIMEDOUT' }), 'unavailable', /unavailable right now/, 'Error'],
    ['an abort', Object.assign(new Error('Request aborted'), { name: 'AbortError' }), 'unavailable', /was cancelled/, 'AbortError'],
  ];
  it.each(STARTS)('maps %s on start to a clear result, keeping the AWS details for the log only', async (_name, error, type, message, cause) => {
    const { jobs } = adapter(throwing(error));
    const failure = errorOf(await jobs.start(SPEC));
    expect(failure).toMatchObject({ type, cause });
    expect(failure.message).toMatch(message);
    expect(failure.message).not.toMatch(/arn:|123456789012|ETIMEDOUT/);
  });

  it('maps throttling, a refused permission and a fault on status too', async () => {
    expect(errorOf(await adapter(throwing(awsError('ThrottlingException'))).jobs.status(JOB_ID)).type).toBe('busy');
    expect(errorOf(await adapter(throwing(awsError('AccessDeniedException'))).jobs.status(JOB_ID)).type).toBe('misconfigured');
    expect(errorOf(await adapter(throwing(awsError('ServiceUnavailable', 503))).jobs.status(JOB_ID)).type).toBe('unavailable');
  });

  it('calls an unreadable output or an unknown status an unexpected answer', async () => {
    const garbled = adapter(() => ({ status: 'SUCCEEDED', startDate: NOW, stopDate: NOW, output: '{"total": 3' }));
    expect(errorOf(await garbled.jobs.status(JOB_ID))).toMatchObject({ type: 'unexpected', message: expect.stringMatching(/not a report summary/) });
    const unknown = adapter(() => ({ status: 'HIBERNATING', startDate: NOW }));
    expect(errorOf(await unknown.jobs.status(JOB_ID)).type).toBe('unexpected');
  });
});

describe('choosing the job runner from the environment', () => {
  it('uses Step Functions in the Region of REPORTS_STATE_MACHINE_ARN, in-memory jobs otherwise', () => {
    expect(createDependencies({ REPORTS_STATE_MACHINE_ARN: MACHINE }).reports).toBeInstanceOf(StepFunctionsReportJobs);
    expect(createDependencies({}).reports).toBeInstanceOf(InMemoryReportJobs);
    expect(createDependencies({ REPORTS_DEMO_SECONDS: '2' }).pollAfterSeconds).toBe(3);
    expect(regionOf('arn:aws-cn:states:cn-north-1:123456789012:stateMachine:r')).toBe('cn-north-1');
    expect(() => createDependencies({ REPORTS_STATE_MACHINE_ARN: 'arn:aws:lambda:eu-west-1:123456789012:function:f' })).toThrow(/must be a Step Functions state machine ARN/);
  });
});
