import { createHandler, type McpHandler } from '@serverless-mcp/handler-kit';
import { createDependencies, type Dependencies } from './dependencies.ts';
import { generateReportTool } from './tools/generate-report.ts';
import { getReportStatusTool } from './tools/get-report-status.ts';

/**
 * The reports MCP server: the long-running pattern. A buffered answer must come within API Gateway's 29 s,
 * so for most clients generate_report only starts the work and get_report_status reads how far it got. A
 * client that asks for progress gets a streamed answer (up to 15 minutes): generate_report then waits for
 * the job, reporting progress, and returns the report itself.
 */
export function createReportsServer(deps: Dependencies, options: { allowedOrigins?: string[] } = {}): McpHandler {
  return createHandler({
    name: 'reports',
    description: 'Long-running reports: start one, then poll its status until it is done.',
    version: '1.0.0',
    title: 'Reports',
    instructions:
      'Reports run in the background. generate_report returns the finished report when your client shows progress; ' +
      'otherwise it returns a jobId at once: then poll get_report_status with it, waiting as its `next` field says, ' +
      'until the status is no longer RUNNING. Dates are YYYY-MM-DD.',
    tools: [generateReportTool, getReportStatusTool].map((make) => make(deps)),
    ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}),
  });
}

/** The server as deployed and served locally: dependencies from the environment. */
export const server = createReportsServer(createDependencies(process.env));
