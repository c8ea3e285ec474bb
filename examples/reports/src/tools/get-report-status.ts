import { defineTool } from '@serverless-mcp/handler-kit';
import * as z from 'zod';
import type { Dependencies } from '../dependencies.ts';
import { ReportJob } from '../domain.ts';
import { unwrap } from './result.ts';

export const getReportStatusTool = ({ reports, pollAfterSeconds }: Dependencies) =>
  defineTool({
    name: 'get_report_status',
    title: 'Report status',
    description:
      'Where a report job started by generate_report is: RUNNING, SUCCEEDED (with the report in result) or ' +
      'FAILED / TIMED_OUT / ABORTED (with the reason in error).',
    input: z.object({ jobId: z.string().min(1).max(200).describe('The jobId generate_report returned') }),
    output: ReportJob.extend({ next: z.string().optional() }),
    annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    scopes: ['reports:read'],
    handler: async ({ jobId }, { signal, log }) => {
      const job = unwrap(await reports.status(jobId, { signal }), log);
      if (job.status === 'RUNNING' || job.status === 'PENDING_REDRIVE') {
        return { ...job, next: `Still running; call get_report_status again in about ${pollAfterSeconds} seconds.` };
      }
      if (job.status !== 'SUCCEEDED') return { ...job, next: 'The job did not produce a report; call generate_report to try again.' };
      return job;
    },
  });
