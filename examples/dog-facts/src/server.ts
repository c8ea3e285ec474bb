import { createHandler, type Logger, type McpHandler } from '@serverless-mcp/handler-kit';
import { createDependencies, type Dependencies } from './dependencies.ts';
import { getDogFactsTool } from './tools/get-dog-facts.ts';

export interface ServerOptions {
  allowedOrigins?: string[];
  /** Where failures of the dog facts service are logged (default: JSON lines at LOG_LEVEL). */
  logger?: Logger;
}

/** The dog facts MCP server, wired to whatever dependencies it is given (tests pass a fake fetch). */
export function createDogFactsServer(deps: Dependencies, options: ServerOptions = {}): McpHandler {
  return createHandler({
    name: 'dog-facts',
    description: 'Random dog facts from a public API.',
    version: '1.0.0',
    title: 'Dog facts',
    instructions: 'getDogFacts returns 1 to 10 random dog facts from a public API; ask for as many as you will use.',
    tools: [getDogFactsTool(deps)],
    ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
}

/** The server as deployed and served locally: dependencies from the environment. */
export const server = createDogFactsServer(createDependencies(process.env));
