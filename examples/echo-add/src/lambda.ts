import { toLambdaHandler } from '@serverless-mcp/handler-kit/aws-lambda';
import { server } from './server.ts';

/** With the default observability: structured JSON logs and EMF metrics (Powertools-compatible). */
export const handler = toLambdaHandler(server);
