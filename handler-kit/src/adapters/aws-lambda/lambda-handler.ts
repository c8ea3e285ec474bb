import type { Context } from 'aws-lambda';
import type { SettledEvent } from '../../core/http/types.ts';
import type { Logger } from '../../core/context.ts';
import { replaceTooLarge } from '../../core/http/responses.ts';
import type { HttpHandler, HttpResponse } from '../../core/http/types.ts';
import type { DeadlineOptions } from './deadline.ts';
import { LAMBDA_RESPONSE_LIMIT, type InvocationRequest } from './invocation-request.ts';
import { functionUrlProcessor, httpV2Processor, isFunctionUrlEvent, isV2Event } from './processors/http-v2.ts';
import { isRestV1Event, restV1Processor } from './processors/rest-v1.ts';
import type { EventProcessor } from './processors/types.ts';

/** What an observer learns about one invocation, and the logger it lends the core for it. */
export interface InvocationObserver {
  logger?: Logger;
  observe(event: SettledEvent): void;
  end(outcome: { status: number; durationMs: number }): void;
}

/** Logging and metrics for invocations (cloudWatchObserver by default, see toLambdaHandler). */
export interface LambdaObserver {
  start(invocation: { context: Context; coldStart: boolean; kind: string; requestId: string | undefined }): InvocationObserver;
}

export interface LambdaHandlerOptions {
  deadline?: DeadlineOptions;
  observer?: LambdaObserver;
}

export type AnyProcessor = EventProcessor<any, any>;

export { LAMBDA_RESPONSE_LIMIT };

/**
 * The result Lambda returns, kept under its payload limit: a body that only fits before JSON escaping (quotes
 * and backslashes double) becomes the core's clean "too large" error instead of a Lambda failure.
 */
function fitted(processor: AnyProcessor, response: HttpResponse): unknown {
  const result = processor.toResult(response);
  // Every character of the body is at most 3 UTF-8 bytes, doubled at most by escaping: most answers need no count.
  if (response.body.length * 6 + 64 * 1024 <= LAMBDA_RESPONSE_LIMIT) return result;
  const bytes = Buffer.byteLength(JSON.stringify(result));
  return bytes <= LAMBDA_RESPONSE_LIMIT ? result : processor.toResult(replaceTooLarge(response, bytes, LAMBDA_RESPONSE_LIMIT));
}

/** One processor per event kind, recognised per event (a function may sit behind several triggers). */
export function processorFor(event: unknown): AnyProcessor {
  if (isRestV1Event(event)) return restV1Processor;
  if (isV2Event(event)) return isFunctionUrlEvent(event) ? functionUrlProcessor : httpV2Processor;
  throw new TypeError('Unsupported Lambda event: expected API Gateway REST (1.0), HTTP API (2.0) or a function URL event');
}

/**
 * What both Lambda entries do as an invocation starts: the observer's record of it (the instance's first
 * counted as its cold start), lending the request the observer's logger and event sink.
 */
export function invocationStarter(observer: LambdaObserver | undefined) {
  let coldStart = true;
  return (processor: AnyProcessor, event: unknown, context: Context, request: InvocationRequest): InvocationObserver | undefined => {
    const invocation = observer?.start({ context, coldStart, kind: processor.kind, requestId: processor.requestIdOf(event) });
    coldStart = false;
    if (invocation) {
      if (invocation.logger) request.logger = invocation.logger;
      request.observe = invocation.observe;
    }
    return invocation;
  };
}

/**
 * A Lambda handler for API Gateway REST, HTTP API and function URL events. It converts the event to the
 * core's plain request (no Request/Response objects: they cost cold-start and per-call time), adds the
 * deadline and the observer, and converts the answer back.
 */
export function createLambdaHandler(server: HttpHandler, options: LambdaHandlerOptions = {}) {
  const start = invocationStarter(options.observer);
  return async (event: unknown, context: Context): Promise<unknown> => {
    const processor = processorFor(event);
    const request = processor.toRequest(event, { context, options: options.deadline });
    const invocation = start(processor, event, context, request);
    try {
      if (!invocation) return fitted(processor, await server.handle(request));
      const started = performance.now();
      const response = await server.handle(request);
      invocation.end({ status: response.status, durationMs: performance.now() - started });
      return fitted(processor, response);
    } finally {
      request.clear();
    }
  };
}
