/**
 * The Lambda adapter without Powertools: `createLambdaHandler(server, { observer })`. Import from
 * `@serverless-mcp/handler-kit/aws-lambda/minimal` to keep Powertools out of the bundle entirely.
 */
export { createLambdaHandler, type InvocationObserver, type LambdaHandlerOptions, type LambdaObserver } from './lambda-handler.ts';
export type { DeadlineOptions } from './deadline.ts';
export { createLambdaStreamingHandler, type AwsLambdaStreaming, type LambdaResponseStream, type LambdaStreamingOptions } from './streaming-handler.ts';
