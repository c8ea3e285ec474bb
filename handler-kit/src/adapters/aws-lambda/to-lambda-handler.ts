import type { Context } from 'aws-lambda';
import { booleanEnv } from '../../config/env.ts';
import type { HttpHandler } from '../../core/http/types.ts';
import type { DeadlineOptions } from './deadline.ts';
import { createLambdaHandler, type LambdaHandlerOptions, type LambdaObserver } from './lambda-handler.ts';
import { cloudWatchObserver } from './observability/cloudwatch-observer.ts';
import type { ObservabilityOptions } from './observability/settings.ts';
import { createLambdaStreamingHandler, type AwsLambdaStreaming } from './streaming-handler.ts';

export interface LambdaOptions {
  /**
   * The built-in logging and metrics (default on: Powertools-compatible JSON log lines and EMF metrics, see
   * cloudWatchObserver); `false` switches both off.
   */
  observability?: ObservabilityOptions | false;
  /**
   * Another observer in place of the built-in one, e.g. `powertoolsObserver()` from
   * `@serverless-mcp/handler-kit/aws-lambda/powertools`. Its options go to it, not to `observability`.
   */
  observer?: LambdaObserver;
  deadline?: DeadlineOptions;
  /**
   * Answer through Lambda response streaming (API Gateway REST `STREAM` transfer mode, or a function URL
   * in `RESPONSE_STREAM` mode): the entry must match how the function is invoked. Default: the
   * MCP_RESPONSE_STREAMING environment variable, which the infrastructure module sets with its
   * `streaming` switch; unset, buffered.
   */
  streaming?: boolean;
  /** The streaming contract; default the Lambda runtime's `awslambda` global (tests pass their own). */
  awslambda?: AwsLambdaStreaming;
}

/** A buffered Lambda handler: the event in, the proxy result out. */
export type BufferedLambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

/**
 * `export const handler = toLambdaHandler(server)`: the Lambda entry for API Gateway REST, HTTP API and
 * function URLs, with structured logs and EMF metrics on by default. When streaming is on (the option, or
 * MCP_RESPONSE_STREAMING=true) it is the streaming entry instead, which Lambda calls with a response
 * stream (see toLambdaStreamingHandler); the type describes the buffered form that tests and callers use.
 */
export function toLambdaHandler(server: HttpHandler, options: LambdaOptions = {}): BufferedLambdaHandler {
  const streaming = options.streaming ?? booleanEnv('MCP_RESPONSE_STREAMING') ?? false;
  if (streaming) return toLambdaStreamingHandler(server, options) as BufferedLambdaHandler;
  return createLambdaHandler(server, handlerOptions(options));
}

/**
 * `export const handler = toLambdaStreamingHandler(server)`: the entry for response streaming. Progress
 * and log notifications reach the client while a tool runs, and a tool may run up to 15 minutes.
 * Logging and metrics as in toLambdaHandler, written when the stream ends.
 */
export function toLambdaStreamingHandler(server: HttpHandler, options: Omit<LambdaOptions, 'streaming'> = {}): unknown {
  return createLambdaStreamingHandler(server, { ...handlerOptions(options), ...(options.awslambda ? { awslambda: options.awslambda } : {}) });
}

function handlerOptions(options: LambdaOptions): LambdaHandlerOptions {
  const observer = observerOf(options);
  return { ...(options.deadline ? { deadline: options.deadline } : {}), ...(observer ? { observer } : {}) };
}

function observerOf({ observability, observer }: LambdaOptions): LambdaObserver | undefined {
  if (observability === false) return undefined;
  if (!observer) return cloudWatchObserver(observability);
  if (observability) {
    throw new TypeError('Pass options to the observer you give (observer: powertoolsObserver({ ... })), not as observability: they would be ignored');
  }
  return observer;
}
