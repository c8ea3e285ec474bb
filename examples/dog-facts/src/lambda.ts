import { toLambdaHandler } from '@serverless-mcp/handler-kit/aws-lambda';
import { server } from './server.ts';

/** The Lambda entry: API Gateway in front, structured logs and EMF metrics on. */
export const handler = toLambdaHandler(server);
