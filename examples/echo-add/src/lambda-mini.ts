import { toLambdaHandler } from '@serverless-mcp/handler-kit/aws-lambda';
import { server } from './server-mini.ts';

/** server-mini.ts (zod/mini) with the default observability, as lambda.ts serves server.ts. */
export const handler = toLambdaHandler(server);
