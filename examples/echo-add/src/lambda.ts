import { toLambdaHandler } from '@serverless-mcp/handler-kit/aws-lambda';
import { server } from './server.ts';

/** With the default observability: Powertools logs and EMF metrics. */
export const handler = toLambdaHandler(server);
