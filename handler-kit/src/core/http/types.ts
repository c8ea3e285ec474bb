import type { SettledEvent } from '../call.ts';
import type { AuthInfo, Logger } from '../context.ts';

/**
 * The transport-neutral request every adapter builds. Header names must be lower-case (adapters
 * normalise them); a header that appears several times is joined with ", ".
 */
export interface HttpRequest {
  method: string;
  path?: string;
  headers: Readonly<Record<string, string | undefined>>;
  /** The body as text (adapters decode base64 and bytes), or null/undefined when there is none. */
  body?: string | null;
  /** Who made the request, when the adapter (or the platform in front of it) authenticated it. */
  auth?: AuthInfo;
  /** Aborts when the client disconnects or the platform's deadline nears. */
  signal?: AbortSignal;
  /** The logger for this request (an adapter's, carrying the platform's request id); default the server's. */
  logger?: Logger;
  /** The largest answer the platform can deliver, in bytes (Lambda: its response payload limit). */
  maxResponseBytes?: number;
  /** Told the outcome of each JSON-RPC message in this request (an adapter's access log and metrics). */
  observe?: (event: SettledEvent) => void;
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
