import { createHandler, type McpHandler } from '@serverless-mcp/handler-kit';
import { createDependencies, type Dependencies } from './dependencies.ts';
import { getCostAndUsageTool } from './tools/get-cost-and-usage.ts';
import { getCostAnomaliesTool } from './tools/get-cost-anomalies.ts';
import { getCostByServiceTool } from './tools/get-cost-by-service.ts';
import { getCostByTagTool } from './tools/get-cost-by-tag.ts';
import { getCostForecastTool } from './tools/get-cost-forecast.ts';
import { getSavingsPlansCoverageTool } from './tools/get-savings-plans-coverage.ts';
import { getTopServicesTool } from './tools/get-top-services.ts';

const INSTRUCTIONS =
  'Read-only AWS cost tools. Dates are YYYY-MM-DD in UTC; end dates are exclusive (the day after the last ' +
  'day). Start with get_top_services or get_cost_by_service for "where does the money go", ' +
  'get_cost_and_usage for totals and trends, get_cost_forecast for what is coming. Every call is a billed ' +
  'Cost Explorer request ($0.01), so ask for what you need rather than exploring day by day.';

/** The Cost Explorer MCP server, wired to whatever dependencies it is given. */
export function createCostExplorerServer(deps: Dependencies, options: { allowedOrigins?: string[] } = {}): McpHandler {
  return createHandler({
    name: 'cost-explorer',
    description: 'AWS spend from Cost Explorer: cost and usage, by service or tag, forecasts and anomalies.',
    version: '1.0.0',
    title: 'AWS Cost Explorer',
    // The same whatever the data source: manifest.json is made at build time, away from Lambda, and would
    // otherwise describe the deployed server as a demo. Demo answers say so in their own text.
    instructions: INSTRUCTIONS,
    tools: [
      getCostAndUsageTool,
      getCostByServiceTool,
      getCostForecastTool,
      getTopServicesTool,
      getCostAnomaliesTool,
      getCostByTagTool,
      getSavingsPlansCoverageTool,
    ].map((make) => make(deps)),
    ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}),
  });
}

/** The server as deployed and served locally: dependencies from the environment (see dependencies.ts). */
export const server = createCostExplorerServer(createDependencies(process.env));
