import { createHandler, type McpHandler } from '@serverless-mcp/handler-kit';
import { createDependencies, type Dependencies } from './dependencies.ts';
import { generateReportTool } from './tools/generate-report.ts';
import { getReportStatusTool } from './tools/get-report-status.ts';

/**
 * The reports MCP server: the long-running pattern. A tool call must answer within the function's time
 * limit, so generate_report only starts the work and get_report_status reads how far it got.
 */
export function createReportsServer(deps: Dependencies, options: { allowedOrigins?: string[] } = {}): McpHandler {
  return createHandler({
    name: 'reports',
    description: 'Long-running reports: start one, then poll its status until it is done.',
    version: '1.0.0',
    title: 'Reports',
    instructions:
      'Reports run in the background. generate_report returns a jobId immediately; poll get_report_status with ' +
      'it, waiting as its `next` field says, until the status is no longer RUNNING. Dates are YYYY-MM-DD.',
    tools: [generateReportTool, getReportStatusTool].map((make) => make(deps)),
    ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}),
  });
}

/** The server as deployed and served locally: dependencies from the environment. */
export const server = createReportsServer(createDependencies(process.env));
