import type { ClientLogLevel } from './context.ts';
import type { JsonRpcNotification } from './jsonrpc.ts';
import { isPlainObject } from './jsonrpc.ts';

/**
 * Notifications a request sends to its client while it runs: progress (`notifications/progress`) and log
 * messages (`notifications/message`). Protocol values only: the core hands each one to a sink, and the
 * HTTP layer decides how it travels (an SSE event, see http/sse.ts). A request gets a Notifier only when
 * its answer can be streamed and the client asked for something to be sent.
 */

/** RFC 5424 severities, least severe first, as MCP names them. */
export const CLIENT_LOG_LEVELS: readonly ClientLogLevel[] = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'];

/** 2026-07-28: the least severe level the client wants, per request. */
export const LOG_LEVEL_KEY = 'io.modelcontextprotocol/logLevel';

const severity = (level: string): number => CLIENT_LOG_LEVELS.indexOf(level as ClientLogLevel);
export type { ClientLogLevel };
export const isClientLogLevel = (v: unknown): v is ClientLogLevel => typeof v === 'string' && severity(v) >= 0;

/** Where a request's notifications go (the HTTP layer's SSE channel). */
export interface NotificationSink {
  send(notification: JsonRpcNotification): void;
  /** Whether the answer is already going out as a stream. */
  readonly streaming: boolean;
}

/** Where one request's notifications may go (the HTTP layer's SSE channel), told when a call will send some. */
export interface NotificationChannel extends NotificationSink {
  /** A call will notify through this channel; `explicit`: the client asked on this very request. */
  arm(explicit: boolean): void;
}

/** What the client asked to be told during this request, read from its params. */
export interface NotificationWishes {
  progressToken: string | number | undefined;
  logLevel: ClientLogLevel | undefined;
  /** Asked for on this request (a progress token or a level), not only the server's 2025 default level. */
  explicit: boolean;
}

/**
 * The progress token (both eras: `_meta.progressToken`) and the log level. 2026-07-28 carries the level in
 * `_meta` on each request. The 2025 revisions set it with `logging/setLevel`, a separate request a
 * stateless server cannot remember; so a 2025 request is held to a level carried on itself (the same
 * `_meta` key), else to `legacyDefault`.
 */
export function wishesOf(params: Record<string, unknown>, era: 'legacy' | 'modern', legacyDefault: ClientLogLevel | undefined): NotificationWishes {
  const meta = isPlainObject(params._meta) ? params._meta : undefined;
  const token = meta?.progressToken;
  const level = meta?.[LOG_LEVEL_KEY];
  const progressToken = typeof token === 'string' || (typeof token === 'number' && Number.isFinite(token)) ? token : undefined;
  const explicitLevel = isClientLogLevel(level) ? level : undefined;
  return {
    progressToken,
    logLevel: explicitLevel ?? (era === 'legacy' ? legacyDefault : undefined),
    explicit: progressToken !== undefined || explicitLevel !== undefined,
  };
}

/** Longest progress message or log text sent, in characters: a notification is a status line, not a payload. */
export const MAX_NOTIFICATION_TEXT = 4096;
const cut = (s: string): string => (s.length <= MAX_NOTIFICATION_TEXT ? s : `${s.slice(0, MAX_NOTIFICATION_TEXT)}…`);

/** Sends this request's notifications, as the client asked for them, to the sink. */
export class Notifier {
  readonly #sink: NotificationSink;
  readonly #wishes: NotificationWishes;
  #lastProgress = Number.NEGATIVE_INFINITY;
  constructor(sink: NotificationSink, wishes: NotificationWishes) {
    this.#sink = sink;
    this.#wishes = wishes;
  }

  /** Whether the client sent a progress token. */
  get wantsProgress(): boolean {
    return this.#wishes.progressToken !== undefined;
  }

  /** Whether the answer is already going out as a stream. */
  get streaming(): boolean {
    return this.#sink.streaming;
  }

  /** Whether this request sends anything at all (a progress token, or a log level). */
  static wanted(wishes: NotificationWishes): boolean {
    return wishes.progressToken !== undefined || wishes.logLevel !== undefined;
  }

  /** Sent only with a progress token, and only when `done` grows (the spec: progress MUST increase). */
  progress(done: number, total?: number, message?: string): boolean {
    const token = this.#wishes.progressToken;
    if (token === undefined || !Number.isFinite(done) || done <= this.#lastProgress) return false;
    this.#lastProgress = done;
    const params: Record<string, unknown> = { progressToken: token, progress: done };
    if (total !== undefined && Number.isFinite(total)) params.total = total;
    if (message !== undefined) params.message = cut(String(message));
    this.#sink.send({ jsonrpc: '2.0', method: 'notifications/progress', params });
    return true;
  }

  /** Sent at or above the client's level. `data` is any JSON value; text is cut to MAX_NOTIFICATION_TEXT. */
  log(level: ClientLogLevel, data: unknown, logger?: string): boolean {
    const min = this.#wishes.logLevel;
    if (min === undefined || !isClientLogLevel(level) || severity(level) < severity(min)) return false;
    const params: Record<string, unknown> = { level, data: typeof data === 'string' ? cut(data) : data };
    if (logger !== undefined) params.logger = cut(logger);
    this.#sink.send({ jsonrpc: '2.0', method: 'notifications/message', params });
    return true;
  }
}
