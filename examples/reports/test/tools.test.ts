import { connect as connectClient } from '@serverless-mcp/handler-kit/testing';
import { describeServer } from '@serverless-mcp/handler-kit/manifest';
import { describe, expect, it } from 'vitest';
import { InMemoryReportJobs, type InMemoryReportJobsOptions } from '../src/in-memory-report-jobs.ts';
import { createReportsServer } from '../src/server.ts';

const START = new Date('2026-11-21T10:00:00Z');
const OCTOBER = { from: '2026-10-01', to: '2026-10-31' };

/** The reports server over in-memory jobs whose clock the test moves: jobs finish without sleeping. */
async function connect(options: Omit<InMemoryReportJobsOptions, 'clock'> = {}) {
  let now = START;
  const clock = () => now;
  const reports = new InMemoryReportJobs({ clock, durationMs: 5_000, ...options });
  const server = createReportsServer({ reports, clock, pollAfterSeconds: 6 });
  const client = await connectClient(server);
  await client.listTools();
  const call = (name: string, args: Record<string, unknown>) => client.callTool({ name, arguments: args });
  return { client, call, advance: (ms: number) => { now = new Date(now.getTime() + ms); } };
}
const structured = (r: unknown) => (r as { structuredContent: Record<string, any> }).structuredContent;
const textOf = (r: unknown) => (r as { content: { text: string }[] }).content[0]!.text;

describe('reports example', () => {
  it('offers generate_report (reports:write) and a read-only get_report_status (reports:read)', async () => {
    const { client } = await connect();
    const { tools } = await client.listTools();
    expect(tools.map((t) => [t.name, t.annotations?.readOnlyHint ?? false])).toEqual([['generate_report', false], ['get_report_status', true]]);
    const deps = { reports: new InMemoryReportJobs(), clock: () => START, pollAfterSeconds: 6 };
    expect(describeServer(createReportsServer(deps)).tools.map((t) => t.scopes)).toEqual([['reports:write'], ['reports:read']]);
  });

  it('starts a job and answers at once with its id and a hint to call get_report_status', async () => {
    const { call } = await connect();
    const started = structured(await call('generate_report', { reportType: 'sales_summary', period: OCTOBER }));
    expect(started).toEqual({
      jobId: 'R-1', status: 'RUNNING', startedAt: START.toISOString(),
      next: 'Call get_report_status with jobId "R-1" in about 6 seconds.',
    });
  });

  it('reports RUNNING until the delay has passed on the clock, then SUCCEEDED with the summary', async () => {
    const { call, advance } = await connect();
    await call('generate_report', { reportType: 'cost_breakdown', period: OCTOBER });
    advance(4_999);
    const running = structured(await call('get_report_status', { jobId: 'R-1' }));
    expect(running).toMatchObject({ status: 'RUNNING', next: expect.stringMatching(/call get_report_status again in about 6 seconds/) });
    expect(running).not.toHaveProperty('finishedAt');
    advance(1);
    expect(structured(await call('get_report_status', { jobId: 'R-1' }))).toEqual({
      jobId: 'R-1', status: 'SUCCEEDED', startedAt: START.toISOString(), finishedAt: '2026-11-21T10:00:05.000Z',
      result: { reportType: 'cost_breakdown', period: OCTOBER, summary: 'cost_breakdown report for 2026-10-01 to 2026-10-31 is ready.', generatedAt: '2026-11-21T10:00:05.000Z' },
    });
  });

  it('reports a failed job with its reason and a hint to start again', async () => {
    const { call, advance } = await connect({ failWith: () => 'DataUnavailable: the usage export is late' });
    await call('generate_report', { reportType: 'usage_by_customer', period: OCTOBER });
    advance(5_000);
    expect(structured(await call('get_report_status', { jobId: 'R-1' }))).toMatchObject({
      status: 'FAILED', error: 'DataUnavailable: the usage export is late', next: expect.stringMatching(/generate_report/),
    });
  });

  it('names an unknown job id in the error', async () => {
    const { call } = await connect();
    const result = await call('get_report_status', { jobId: 'R-42' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe('No report job has id "R-42". generate_report returns the ids; start a new report if this one is lost.');
  });

  it('refuses a reversed, too long, future or unknown-type period before starting anything', async () => {
    const { call } = await connect();
    const attempts = [
      [{ reportType: 'sales_summary', period: { from: '2026-10-31', to: '2026-10-01' } }, /is after period.to/],
      [{ reportType: 'sales_summary', period: { from: '2024-01-01', to: '2026-10-31' } }, /at most 366 are allowed/],
      [{ reportType: 'sales_summary', period: { from: '2026-11-01', to: '2026-11-30' } }, /in the future; today is 2026-11-21/],
      [{ reportType: 'weather', period: OCTOBER }, /reportType/],
    ] as const;
    for (const [args, message] of attempts) {
      const result = await call('generate_report', args);
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(message);
    }
    expect((await call('get_report_status', { jobId: 'R-1' })).isError).toBe(true);
  });
});
