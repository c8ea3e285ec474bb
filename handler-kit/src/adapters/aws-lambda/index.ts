export { toLambdaHandler, toLambdaStreamingHandler, type LambdaOptions } from './to-lambda-handler.ts';
export {
  createLambdaStreamingHandler,
  LAMBDA_STREAM_LIMIT,
  type AwsLambdaStreaming,
  type LambdaResponseStream,
  type LambdaStreamingOptions,
} from './streaming-handler.ts';
export { createLambdaHandler, type InvocationObserver, type LambdaHandlerOptions, type LambdaObserver } from './lambda-handler.ts';
export { powertoolsObserver, type ObservabilityOptions } from './observability/powertools-observer.ts';
export type { DeadlineOptions } from './deadline.ts';
