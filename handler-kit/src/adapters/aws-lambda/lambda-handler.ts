import type { Context } from 'aws-lambda';
import type { SettledEvent } from '../../core/call.ts';
import type { Logger } from '../../core/context.ts';
import { replaceTooLarge } from '../../core/http/responses.ts';
import type { HttpHandler, HttpRequest, HttpResponse } from '../../core/http/types.ts';
import { deadlineSignal, type Deadline, type DeadlineOptions } from './deadline.ts';
import { functionUrlProcessor, httpV2Processor, isFunctionUrlEvent, isV2Event } from './processors/http-v2.ts';
import { isRestV1Event, restV1Processor } from './processors/rest-v1.ts';
import type { EventProcessor } from './processors/types.ts';

/** What an observer learns about one invocation, and the logger it lends the core for it. */
export interface InvocationObserver {
  logger?: Logger;
  observe(event: SettledEvent): void;
  end(outcome: { status: number; durationMs: number }): void;
}

/** Logging and metrics for invocations (Powertools by default, see toLambdaHandler). */
export interface LambdaObserver {
  start(invocation: { context: Context; coldStart: boolean; kind: string; requestId: string | undefined }): InvocationObserver;
}

export interface LambdaHandlerOptions {
  deadline?: DeadlineOptions;
  observer?: LambdaObserver;
}

export type AnyProcessor = EventProcessor<any, any>;

/** Lambda's limit on a synchronous invocation's response payload (the whole JSON result, headers included). */
export const LAMBDA_RESPONSE_LIMIT = 6 * 1024 * 1024;
/** What the core may put in the body: the limit less room for the status line and headers. */
const BODY_LIMIT = LAMBDA_RESPONSE_LIMIT - 64 * 1024;

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

/**
 * The core's request for one invocation. Its deadline timer is armed only if something asks for the
 * signal (an async tool, ctx.signal): a quick synchronous answer never pays for an AbortController and a
 * timer. A class, so the lazy `signal` lives on the prototype and every request has the same shape.
 */
export class InvocationRequest implements HttpRequest {
  method: string;
  path: string | undefined;
  headers: HttpRequest['headers'];
  body: string | null | undefined;
  auth: HttpRequest['auth'];
  maxResponseBytes: number;
  logger: HttpRequest['logger'];
  observe: HttpRequest['observe'];
  streaming: HttpRequest['streaming'];
  #deadline: Deadline | undefined;
  #gatewayLimitMs: number | undefined;
  readonly #context: Context;
  readonly #options: DeadlineOptions | undefined;

  constructor(base: HttpRequest, context: Context, gatewayLimitMs: number | undefined, options: DeadlineOptions | undefined, maxResponseBytes = BODY_LIMIT) {
    this.method = base.method;
    this.path = base.path;
    this.headers = base.headers;
    this.body = base.body;
    this.auth = base.auth;
    this.maxResponseBytes = maxResponseBytes;
    this.logger = undefined;
    this.observe = undefined;
    this.streaming = undefined;
    this.#context = context;
    this.#gatewayLimitMs = gatewayLimitMs;
    this.#options = options;
  }

  get signal(): AbortSignal {
    this.#deadline ??= deadlineSignal(this.#context.getRemainingTimeInMillis(), this.#gatewayLimitMs, this.#options);
    return this.#deadline.signal;
  }

  /** From now on the gateway allows `gatewayLimitMs` in all (an answer that started to stream). */
  extendTo(gatewayLimitMs: number | undefined): void {
    this.#gatewayLimitMs = gatewayLimitMs;
    // The limit counts from the start of the request: what is left of it, and of the function's time.
    this.#deadline?.reset(this.#context.getRemainingTimeInMillis(), gatewayLimitMs === undefined ? undefined : gatewayLimitMs - this.#elapsed());
  }

  /** Stops the work: the client went away. */
  abort(reason: unknown): void {
    if (!this.#deadline) void this.signal;
    this.#deadline?.abort(reason);
  }

  clear(): void {
    this.#deadline?.clear();
  }

  readonly #started = performance.now();
  #elapsed(): number {
    return performance.now() - this.#started;
  }
}

/** One processor per event kind, recognised per event (a function may sit behind several triggers). */
export function processorFor(event: unknown): AnyProcessor {
  if (isRestV1Event(event)) return restV1Processor;
  if (isV2Event(event)) return isFunctionUrlEvent(event) ? functionUrlProcessor : httpV2Processor;
  throw new TypeError('Unsupported Lambda event: expected API Gateway REST (1.0), HTTP API (2.0) or a function URL event');
}

/**
 * A Lambda handler for API Gateway REST, HTTP API and function URL events. It converts the event to the
 * core's plain request (no Request/Response objects: they cost cold-start and per-call time), adds the
 * deadline and the observer, and converts the answer back.
 */
export function createLambdaHandler(server: HttpHandler, options: LambdaHandlerOptions = {}) {
  let coldStart = true;
  return async (event: unknown, context: Context): Promise<unknown> => {
    const processor = processorFor(event);
    const request = new InvocationRequest(processor.toRequest(event), context, processor.gatewayLimitMs, options.deadline);
    const invocation = options.observer?.start({ context, coldStart, kind: processor.kind, requestId: processor.requestIdOf(event) });
    coldStart = false;
    try {
      if (!invocation) return fitted(processor, await server.handle(request));
      const started = performance.now();
      if (invocation.logger) request.logger = invocation.logger;
      request.observe = invocation.observe;
      const response = await server.handle(request);
      invocation.end({ status: response.status, durationMs: performance.now() - started });
      return fitted(processor, response);
    } finally {
      request.clear();
    }
  };
}
