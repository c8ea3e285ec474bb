/**
 * The report workflow in Amazon States Language, deployed by ../deploy.ts as a Standard state machine
 * (Standard, because DescribeExecution answers for Standard executions only). Its input is a ReportSpec
 * ({ reportType, period: { from, to } }). A Wait state stands in for the slow part (querying, rendering);
 * a Pass state then writes the summary. Neither calls another service, so the workflow's role needs no
 * permissions. Replace GatherData with Task states (Lambda, Athena, ...) for real reports.
 */
export const WORKFLOW_SECONDS = 5;

export const reportWorkflow = {
  Comment: 'Produces a report summary from a ReportSpec (demo: waits, then summarizes the request).',
  StartAt: 'GatherData',
  // A stuck execution ends as TIMED_OUT instead of running for the Standard maximum of a year.
  TimeoutSeconds: 300,
  States: {
    GatherData: { Type: 'Wait', Seconds: WORKFLOW_SECONDS, Next: 'Summarize' },
    Summarize: {
      Type: 'Pass',
      // Same shape and sentence as summaryText() in domain.ts, so the in-memory fake tells the truth.
      Parameters: {
        'reportType.$': '$.reportType',
        'period.$': '$.period',
        'summary.$': "States.Format('{} report for {} to {} is ready.', $.reportType, $.period.from, $.period.to)",
        'generatedAt.$': '$$.State.EnteredTime',
      },
      End: true,
    },
  },
} as const;
