import { ToolError, defineTool } from '@serverless-mcp/handler-kit';
import * as z from 'zod';
import type { Dependencies } from '../dependencies.ts';
import { JobStatus, Period, ReportType } from '../domain.ts';
import { unwrap } from './result.ts';

const MAX_DAYS = 366;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

export const generateReportTool = ({ reports, clock, pollAfterSeconds }: Dependencies) =>
  defineTool({
    name: 'generate_report',
    title: 'Generate report',
    description:
      'Start generating a report for a period. Reports take a while, so this returns a jobId at once; ' +
      'then call get_report_status with it until the status is SUCCEEDED (the result is there) or FAILED.',
    input: z.object({
      reportType: ReportType.describe('Which report'),
      period: Period.describe(`The days the report covers, at most ${MAX_DAYS}`),
    }),
    output: z.object({ jobId: z.string(), status: JobStatus, startedAt: z.string(), next: z.string() }),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    scopes: ['reports:write'],
    handler: async ({ reportType, period }, { signal, log }) => {
      // Checked here rather than in the schema so the model gets a sentence, not a validation dump.
      const days = dayNumber(period.to) - dayNumber(period.from) + 1;
      if (days < 1) throw new ToolError(`period.from (${period.from}) is after period.to (${period.to}).`);
      if (days > MAX_DAYS) throw new ToolError(`The period covers ${days} days; at most ${MAX_DAYS} are allowed. Split it.`);
      const today = clock().toISOString().slice(0, 10);
      if (period.to > today) throw new ToolError(`period.to (${period.to}) is in the future; today is ${today}.`);
      const job = unwrap(await reports.start({ reportType, period }, { signal }), log);
      return {
        ...job,
        status: 'RUNNING' as const,
        next: `Call get_report_status with jobId "${job.jobId}" in about ${pollAfterSeconds} seconds.`,
      };
    },
  });
