import type { JsonRpcNotification } from '../jsonrpc.ts';
import { utf8Length } from '../limits.ts';
import { acceptsRange } from './checks.ts';
import type { HttpRequest, HttpResponse, StreamChannel, StreamPolicy, StreamingSupport } from './types.ts';

/**
 * One request answered as a Server-Sent Events stream: its notifications as they happen, then its
 * JSON-RPC response, then the end. The stream opens lazily: until the first notification (or, when the
 * client asked for progress, the first keep-alive tick) nothing is sent, so a call that finishes quietly
 * is answered as plain JSON with its own status (a 403 scope challenge stays a 403). Once open, a comment
 * line goes out whenever the stream has been silent for `keepAliveMs`, under API Gateway's idle limit
 * (5 minutes on regional endpoints, 30 s on edge-optimized ones).
 */

export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache, no-transform',
  // Proxies (nginx, and what the 2026-07-28 spec asks for) must pass events on, not buffer them.
  'x-accel-buffering': 'no',
};

/** One JSON-RPC message as an SSE event. JSON text has no raw line breaks, so one data line carries it. */
export const sseEvent = (json: string): string => `event: message\ndata: ${json}\n\n`;
export const SSE_KEEPALIVE = ': keep-alive\n\n';

export interface SsePolicy extends StreamPolicy {
  /** Called once when the stream opens (the adapter moves the request to its streamed time limit). */
  onOpen?: (() => void) | undefined;
}

const EVENT_STREAM = ['text/event-stream'];

/**
 * Whether the client takes an SSE answer: `text/event-stream` named in Accept, without q=0. Strict on
 * purpose (no wildcards): a client that did not name it is answered JSON, as it always was.
 */
export function acceptsEventStream(accept: string | undefined): boolean {
  if (!accept || !accept.toLowerCase().includes('text/event-stream')) return false;
  return acceptsRange(accept, EVENT_STREAM);
}

/**
 * `HttpRequest.streaming` for an adapter that can write an answer as it is produced: SSE framing, for a
 * client whose Accept names text/event-stream. `maxBytes`: the platform's limit on a streamed answer;
 * `onOpen`: told when an answer starts to stream (Lambda moves the deadline to the streamed limit).
 */
export function sseStreaming(options: { maxBytes?: number; onOpen?: () => void } = {}): StreamingSupport {
  return {
    maxBytes: options.maxBytes,
    channel: (headers: HttpRequest['headers'], policy: StreamPolicy) =>
      acceptsEventStream(headers.accept) ? new SseChannel({ ...policy, onOpen: options.onOpen }) : undefined,
  };
}

type State = 'waiting' | 'open' | 'done';

export class SseChannel implements StreamChannel {
  #state: State = 'waiting';
  #armed = false;
  #explicit = false;
  #timer: ReturnType<typeof setInterval> | undefined;
  #sentSinceTick = false;
  #notificationBytes = 0;
  #warnedBudget = false;
  readonly #queue: string[] = [];
  #wake: (() => void) | undefined;
  #resolve: ((response: HttpResponse) => void) | undefined;
  readonly #policy: SsePolicy;

  constructor(policy: SsePolicy) {
    this.#policy = policy;
  }

  /** Bytes of notifications sent so far (the final answer must fit in what the platform has left). */
  get notificationBytes(): number {
    return this.#notificationBytes;
  }

  /** Whether the answer is (already) going out as a stream. */
  get streaming(): boolean {
    return this.#state === 'open';
  }

  /**
   * A request will notify through this channel. `explicit`: the client asked on this request (a progress
   * token, a log level), so a long quiet call opens the stream at the first keep-alive tick rather than
   * staying silent past the idle limit.
   */
  arm(explicit: boolean): void {
    this.#armed = true;
    this.#explicit ||= explicit;
  }

  /** Whether a request will notify through this channel (else the answer is plain JSON, as always). */
  get armed(): boolean {
    return this.#armed;
  }

  send(notification: JsonRpcNotification): void {
    if (this.#state === 'done') return;
    let json: string;
    try {
      json = JSON.stringify(notification);
    } catch (err) {
      this.#policy.logger.warn('a notification could not be serialized and was not sent', { method: notification.method, error: err });
      return;
    }
    const bytes = json.length * 3 <= this.#policy.maxEventBytes ? json.length : utf8Length(json);
    if (bytes > this.#policy.maxEventBytes) {
      this.#policy.logger.warn('a notification larger than the limit was not sent', { method: notification.method, bytes, limit: this.#policy.maxEventBytes });
      return;
    }
    if (this.#notificationBytes + bytes > this.#policy.maxNotificationBytes) {
      if (!this.#warnedBudget) this.#policy.logger.warn('notifications beyond this stream\'s budget are not sent', { limit: this.#policy.maxNotificationBytes });
      this.#warnedBudget = true;
      return;
    }
    this.#notificationBytes += bytes;
    this.#push(sseEvent(json));
  }

  /**
   * The HTTP answer: `buffered(result)` when the work ends before the stream opened, else an SSE response
   * whose last event is `final(result)` (JSON text of the JSON-RPC response).
   */
  respond<A>(pending: Promise<A>, buffered: (answer: A) => HttpResponse, final: (answer: A) => string): Promise<HttpResponse> {
    return new Promise<HttpResponse>((resolve, reject) => {
      this.#resolve = resolve;
      // A notification sent before this (by synchronous work) is already queued: open at once.
      if (this.#queue.length) this.#open();
      // Only a call the client asked about on this request may open on a tick; any other needs the timer once open.
      else if (this.#explicit) this.#keepAlive();
      pending.then(
        (answer) => {
          if (this.#state === 'waiting') {
            this.#finish();
            resolve(buffered(answer));
          } else if (this.#state === 'open') {
            this.#push(sseEvent(final(answer)));
            this.#finish();
          }
        },
        (err: unknown) => {
          const wasWaiting = this.#state === 'waiting';
          this.#finish();
          if (wasWaiting) reject(err);
        },
      );
    });
  }

  #tick(): void {
    if (this.#state === 'waiting') {
      if (this.#explicit) this.#push(SSE_KEEPALIVE);
      return;
    }
    if (!this.#sentSinceTick) this.#push(SSE_KEEPALIVE);
    this.#sentSinceTick = false;
  }

  #push(chunk: string): void {
    this.#queue.push(chunk);
    this.#sentSinceTick = true;
    if (this.#state === 'waiting' && this.#resolve) this.#open();
    this.#wake?.();
  }

  #keepAlive(): void {
    if (this.#timer !== undefined || this.#state === 'done') return;
    this.#timer = setInterval(() => this.#tick(), this.#policy.keepAliveMs);
    (this.#timer as { unref?: () => void }).unref?.();
  }

  #open(): void {
    this.#keepAlive();
    this.#state = 'open';
    this.#policy.onOpen?.();
    this.#resolve?.({ status: 200, headers: { ...SSE_HEADERS }, body: '', stream: this.#chunks() });
  }

  #finish(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#state = 'done';
    this.#wake?.();
  }

  /** The stream's chunks in order; ends after the final event, or when the consumer stops (client gone). */
  async *#chunks(): AsyncGenerator<string, void, undefined> {
    try {
      for (;;) {
        const chunk = this.#queue.shift();
        if (chunk !== undefined) {
          yield chunk;
          continue;
        }
        if (this.#state === 'done') return;
        await new Promise<void>((wake) => (this.#wake = wake));
        this.#wake = undefined;
      }
    } finally {
      // Reached on a normal end and when the consumer returns early: either way nothing more is sent.
      this.#finish();
      this.#queue.length = 0;
    }
  }
}
