import { createHandler, type McpHandler } from '@serverless-mcp/handler-kit';
import { createDependencies, type Dependencies } from './dependencies.ts';
import { SERVER_NAME, SERVER_VERSION } from './server-info.ts';
import { calculateTool } from './tools/calculate.ts';
import { getServerStatusTool } from './tools/get-server-status.ts';
import { getWeatherTool } from './tools/get-weather.ts';
import { lookupUserTool } from './tools/lookup-user.ts';

/** The utilities MCP server (weather, calculator, status, user lookup), wired to the dependencies it is given. */
export function createUtilitiesServer(deps: Dependencies, options: { allowedOrigins?: string[] } = {}): McpHandler {
  return createHandler({
    name: SERVER_NAME,
    description: 'Small utilities: demo weather, arithmetic, server status and user lookup.',
    version: SERVER_VERSION,
    title: 'Utilities',
    instructions: 'Small utilities. Weather and users are demo data. Use calculate for arithmetic rather than computing it yourself.',
    tools: [getWeatherTool(deps), calculateTool(), getServerStatusTool(deps), lookupUserTool(deps)],
    ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}),
  });
}

/** The server as deployed and served locally: dependencies from the environment. */
export const server = createUtilitiesServer(createDependencies(process.env));
