import type { AuthInfo, Logger } from '../context.ts';
import type { JsonRpcId } from '../jsonrpc.ts';
import type { NotificationChannel } from '../notifications.ts';

/**
 * The transport-neutral request every adapter builds. Header names must be lower-case (adapters
 * normalise them); a header that appears several times is joined with ", ".
 */
export interface HttpRequest {
  method: string;
  headers: Readonly<Record<string, string | undefined>>;
  /** The body as text (adapters decode base64 and bytes), or null/undefined when there is none. */
  body?: string | null | undefined;
  /** Who made the request, when the adapter (or the platform in front of it) authenticated it. */
  auth?: AuthInfo | undefined;
  /** Aborts when the client disconnects or the platform's deadline nears. */
  signal?: AbortSignal | undefined;
  /** The logger for this request (an adapter's, carrying the platform's request id); default the server's. */
  logger?: Logger | undefined;
  /** The largest answer the platform can deliver, in bytes (Lambda: its response payload limit). */
  maxResponseBytes?: number | undefined;
  /**
   * Set by an adapter that can send an answer as it is produced (SSE). Without it every answer is
   * buffered JSON, whatever the client asks for.
   */
  streaming?: StreamingSupport | undefined;
  /** Told the outcome of each JSON-RPC message in this request (an adapter's access log and metrics). */
  observe?: ((event: SettledEvent) => void) | undefined;
  /**
   * The request's path (no query), when the adapter knows it: a server card location (`<endpoint>/server-card`,
   * `/.well-known/mcp/server-card.json`) is answered with the card; any other path is the MCP endpoint.
   */
  path?: string | undefined;
  /** `scheme://host[:port]` the request was sent to: the card's endpoint URL when none is configured. */
  origin?: string | undefined;
  /** Where the adapter serves MCP, when it knows (the Node listener's `path`); default `/mcp`. */
  endpointPath?: string | undefined;
}

/**
 * What an adapter that streams tells the core: its platform's limit, and how a streamed answer is framed
 * (`sseStreaming()` from http/sse.ts). The adapter chooses the framing; the core only asks for a channel
 * and hands it protocol values (notifications, then the answer).
 */
export interface StreamingSupport {
  /** Largest streamed answer the platform carries, in bytes (Lambda: 200 MB). Default: no platform limit. */
  maxBytes?: number | undefined;
  /** The channel a call's notifications and answer go out through, or undefined when the client does not take the stream. */
  channel(headers: HttpRequest['headers'], policy: StreamPolicy): StreamChannel | undefined;
}

/** The bounds the core sets on one streamed answer. */
export interface StreamPolicy {
  /** Longest silence on an open stream before a keep-alive, in ms. */
  keepAliveMs: number;
  /** Largest single notification, in bytes; a larger one is dropped (and logged). */
  maxEventBytes: number;
  /** Bytes all notifications of one stream may take together; later ones are dropped (and logged once). */
  maxNotificationBytes: number;
  logger: Logger;
}

/** One request's way out while it runs: notifications as they happen, then its answer. */
export interface StreamChannel extends NotificationChannel {
  /** Whether a call will notify through it (else the answer is plain JSON, as always). */
  readonly armed: boolean;
  /** Bytes of notifications sent so far. */
  readonly notificationBytes: number;
  /** `buffered(answer)` if the work ends before the stream opened; else the streamed response, ending with `final(answer)`. */
  respond<A>(pending: Promise<A>, buffered: (answer: A) => HttpResponse, final: (answer: A) => string): Promise<HttpResponse>;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  /** JSON text, or '' for answers without a body (202, 204, 405) and for streamed ones. */
  body: string;
  /**
   * A streamed answer (`text/event-stream`): the chunks to write, in order, after the status and headers.
   * Only ever set for a request whose adapter declared `streaming`. Stopping the iteration early (the
   * client went away) ends it; the adapter also aborts the request's signal.
   */
  stream?: AsyncIterable<string>;
}

/** What every adapter needs from a server. */
export interface HttpHandler {
  handle(request: HttpRequest): Promise<HttpResponse>;
  /** The largest body accepted, in bytes; adapters stop reading past it. */
  readonly maxBodyBytes: number;
}

/**
 * One line of outcome per JSON-RPC request, for logs and metrics: safe to log as it is (no caller text
 * verbatim: unknown names and methods are "(unregistered)", ids are cut to 64 characters).
 */
export interface SettledEvent {
  requestId: JsonRpcId | null;
  /** The method, when the server has it; else "(unregistered)". */
  method: string;
  /**
   * The registered tool or prompt name, resource URI or template (its `uriTemplate`, not the URI read);
   * "(unregistered)" when the request names something the server does not have; undefined for methods
   * without a target.
   */
  target: string | undefined;
  outcome: 'ok' | 'tool_error' | 'input_required' | 'error';
  errorCode: number | undefined;
  durationMs: number;
  era: 'legacy' | 'modern';
  /** Whether the answer went out as an SSE stream (notifications during the call), rather than one JSON body. */
  streamed: boolean;
}
