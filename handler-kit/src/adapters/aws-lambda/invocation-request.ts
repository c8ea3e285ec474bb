import type { Context } from 'aws-lambda';
import type { AuthInfo } from '../../core/context.ts';
import type { HttpRequest } from '../../core/http/types.ts';
import { deadlineSignal, type Deadline, type DeadlineOptions } from './deadline.ts';

/** Lambda's limit on a synchronous invocation's response payload (the whole JSON result, headers included). */
export const LAMBDA_RESPONSE_LIMIT = 6 * 1024 * 1024;
/** What the core may put in the body: the limit less room for the status line and headers. */
const BODY_LIMIT = LAMBDA_RESPONSE_LIMIT - 64 * 1024;

/** A streaming integration's time limits: for an answer sent whole at the end, and once bytes flow. */
export interface StreamingLimits {
  bufferedMs: number | undefined;
  streamedMs: number | undefined;
}

/** What the deadline of one invocation is computed from, when something first asks for the signal. */
export interface InvocationClock {
  context: Context;
  options: DeadlineOptions | undefined;
}

/**
 * The core's request for one invocation, built once by the event's processor. Its deadline timer is armed
 * only if something asks for the signal (an async tool, ctx.signal): a quick synchronous answer never pays
 * for an AbortController and a timer. A class, so the lazy `signal` lives on the prototype and every
 * request has the same shape.
 */
export class InvocationRequest implements HttpRequest {
  readonly method: string;
  readonly headers: HttpRequest['headers'];
  readonly body: string | null | undefined;
  readonly auth: AuthInfo | undefined;
  maxResponseBytes: number;
  logger: HttpRequest['logger'];
  observe: HttpRequest['observe'];
  streaming: HttpRequest['streaming'];
  /** The path and origin the client used (a card location is answered with the server card). */
  path: string | undefined;
  origin: string | undefined;
  #deadline: Deadline | undefined;
  readonly #clock: InvocationClock;
  #gatewayLimitMs: number | undefined;
  readonly #started = performance.now();

  constructor(
    method: string,
    headers: HttpRequest['headers'],
    body: string | null | undefined,
    auth: AuthInfo | undefined,
    gatewayLimitMs: number | undefined,
    clock: InvocationClock,
  ) {
    this.method = method;
    this.headers = headers;
    this.body = body;
    this.auth = auth;
    this.maxResponseBytes = BODY_LIMIT;
    this.logger = undefined;
    this.observe = undefined;
    this.streaming = undefined;
    this.path = undefined;
    this.origin = undefined;
    this.#gatewayLimitMs = gatewayLimitMs;
    this.#clock = clock;
  }

  get signal(): AbortSignal {
    return this.#armed().signal;
  }

  /**
   * The request arrived through a streaming integration (the streaming entry sets `streaming` too):
   * answers may be as large as a stream carries, and a buffered one has `bufferedMs`. Called before
   * anything reads the signal.
   */
  throughStream(bufferedMs: number | undefined, maxBytes: number): void {
    this.#gatewayLimitMs = bufferedMs;
    this.maxResponseBytes = maxBytes;
  }

  /** From now on the gateway allows `gatewayLimitMs` in all, counted from the start of the request. */
  extendTo(gatewayLimitMs: number | undefined): void {
    this.#gatewayLimitMs = gatewayLimitMs;
    const left = gatewayLimitMs === undefined ? undefined : gatewayLimitMs - (performance.now() - this.#started);
    this.#deadline?.reset(this.#clock.context.getRemainingTimeInMillis(), left);
  }

  /** Stops the work: the client went away. */
  abort(reason: unknown): void {
    this.#armed().abort(reason);
  }

  clear(): void {
    this.#deadline?.clear();
  }

  /** The deadline, armed on first use. */
  #armed(): Deadline {
    return (this.#deadline ??= deadlineSignal(this.#clock.context.getRemainingTimeInMillis(), this.#gatewayLimitMs, this.#clock.options));
  }
}
