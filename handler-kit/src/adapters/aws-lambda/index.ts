export { toLambdaHandler, toLambdaStreamingHandler, type LambdaOptions } from './to-lambda-handler.ts';
export {
  createLambdaStreamingHandler,
  LAMBDA_STREAM_LIMIT,
  type AwsLambdaStreaming,
  type LambdaResponseStream,
  type LambdaStreamingOptions,
} from './streaming-handler.ts';
export { createLambdaHandler, type InvocationObserver, type LambdaHandlerOptions, type LambdaObserver } from './lambda-handler.ts';
export { cloudWatchObserver } from './observability/cloudwatch-observer.ts';
export type { ObservabilityOptions } from './observability/settings.ts';
export type { DeadlineOptions } from './deadline.ts';
