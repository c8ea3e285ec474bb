import { createLambdaHandler } from '@serverless-mcp/handler-kit/aws-lambda/minimal';
import { server } from './server.ts';

/** Observability off and Powertools not bundled: what the kit itself costs. */
export const handler = createLambdaHandler(server);
