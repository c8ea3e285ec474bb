import { toLambdaHandler } from '@serverless-mcp/handler-kit/aws-lambda';
import { server } from './server.ts';

export const handler = toLambdaHandler(server);
