/**
 * The Lambda adapter with no observability code: `createLambdaHandler(server, { observer })`, no observer
 * unless given one. Import from `@serverless-mcp/handler-kit/aws-lambda/minimal` for the smallest bundle.
 */
export { createLambdaHandler, type InvocationObserver, type LambdaHandlerOptions, type LambdaObserver } from './lambda-handler.ts';
export type { DeadlineOptions } from './deadline.ts';
export { createLambdaStreamingHandler, type AwsLambdaStreaming, type LambdaResponseStream, type LambdaStreamingOptions } from './streaming-handler.ts';
