import type { HttpHandler } from '../../core/http/types.ts';
import type { DeadlineOptions } from './deadline.ts';
import { createLambdaHandler } from './lambda-handler.ts';
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
  return createLambdaHandler(server, {
    ...(options.deadline ? { deadline: options.deadline } : {}),
    ...(options.observability === false ? {} : { observer: powertoolsObserver(options.observability) }),
  });
}
