import * as z from 'zod';

/** The reports this server can produce; the workflow receives the type verbatim. */
export const ReportType = z.enum(['sales_summary', 'usage_by_customer', 'cost_breakdown']);
export type ReportType = z.infer<typeof ReportType>;

export const Period = z.object({
  from: z.iso.date().describe('First day, YYYY-MM-DD'),
  to: z.iso.date().describe('Last day, YYYY-MM-DD (inclusive)'),
});

export interface ReportSpec {
  reportType: ReportType;
  period: z.infer<typeof Period>;
}

/** Step Functions' execution statuses, kept as they are so no translation can lose one. */
export const JobStatus = z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE']);
export type JobStatus = z.infer<typeof JobStatus>;

/** What a finished report job produces: the output of the workflow's last (Pass) state. */
export const ReportSummary = z.object({
  reportType: ReportType,
  period: Period,
  summary: z.string(),
  generatedAt: z.string(),
});
export type ReportSummary = z.infer<typeof ReportSummary>;

export const ReportJob = z.object({
  jobId: z.string(),
  status: JobStatus,
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  result: ReportSummary.optional(),
  error: z.string().optional(),
});
export type ReportJob = z.infer<typeof ReportJob>;

/** The sentence the workflow's Summarize state writes (see report-workflow.ts); the fake writes the same. */
export const summaryText = ({ reportType, period }: ReportSpec): string => `${reportType} report for ${period.from} to ${period.to} is ready.`;
