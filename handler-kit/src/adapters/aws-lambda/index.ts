export { toLambdaHandler, type LambdaOptions } from './to-lambda-handler.ts';
export { createLambdaHandler, type InvocationObserver, type LambdaHandlerOptions, type LambdaObserver } from './lambda-handler.ts';
export { powertoolsObserver, type ObservabilityOptions } from './observability/powertools-observer.ts';
export type { DeadlineOptions } from './deadline.ts';
