import type { HttpHandler } from '../../core/http/types.ts';
import type { DeadlineOptions } from './deadline.ts';
import { createLambdaHandler, type LambdaHandlerOptions } from './lambda-handler.ts';
import { createLambdaStreamingHandler, type AwsLambdaStreaming } from './streaming-handler.ts';
import { powertoolsObserver, type ObservabilityOptions } from './observability/powertools-observer.ts';

export interface LambdaOptions {
  /** Powertools logging and metrics (default on); `false` switches both off. */
  observability?: ObservabilityOptions | false;
  deadline?: DeadlineOptions;
}

/**
 * `export const handler = toLambdaHandler(server)`: the Lambda entry for API Gateway REST, HTTP API and
 * function URLs, with Powertools logging and metrics on by default.
 */
export function toLambdaHandler(server: HttpHandler, options: LambdaOptions = {}) {
  return createLambdaHandler(server, handlerOptions(options));
}

/**
 * `export const handler = toLambdaStreamingHandler(server)`: the entry for response streaming (API Gateway
 * REST with `STREAM` transfer mode, or a function URL in `RESPONSE_STREAM` mode). Progress and log
 * notifications reach the client while a tool runs, and a tool may run up to 15 minutes. Powertools
 * logging and metrics as in toLambdaHandler, written when the stream ends.
 */
export function toLambdaStreamingHandler(server: HttpHandler, options: LambdaOptions & { awslambda?: AwsLambdaStreaming } = {}): unknown {
  return createLambdaStreamingHandler(server, { ...handlerOptions(options), ...(options.awslambda ? { awslambda: options.awslambda } : {}) });
}

function handlerOptions(options: LambdaOptions): LambdaHandlerOptions {
  return {
    ...(options.deadline ? { deadline: options.deadline } : {}),
    ...(options.observability === false ? {} : { observer: powertoolsObserver(options.observability) }),
  };
}
