import { toLambdaHandler } from '@serverless-mcp/handler-kit/aws-lambda';
import { server } from './server.ts';

/** The Lambda entry: API Gateway in front; the SDK's SFN client comes from the Lambda runtime. */
export const handler = toLambdaHandler(server);
