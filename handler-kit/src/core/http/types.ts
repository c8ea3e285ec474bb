import type { AuthInfo, Logger } from '../context.ts';
import type { JsonRpcId } from '../jsonrpc.ts';

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

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  /** JSON text, or '' for answers without a body (202, 204, 405). */
  body: string;
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
}
