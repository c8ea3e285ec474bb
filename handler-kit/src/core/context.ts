/**
 * What a tool, resource or prompt handler receives besides its arguments. Everything here is plain data or
 * a plain function: no runtime (AWS, Node, Fetch) type ever reaches handler code.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** A structured logger: a message plus fields. Implementations must never write secrets (see redact). */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** A logger whose lines also carry `fields`. */
  child(fields: Record<string, unknown>): Logger;
}

/** Who made the request, as established by whatever authenticated it (an API Gateway authorizer, a JWT check). */
export interface AuthInfo {
  /** The user or principal (`sub`). */
  subject?: string;
  /** The OAuth client the token was issued to. */
  clientId?: string;
  /** Granted scopes. A scope `tasks` also grants `tasks:read` and `tasks:write` (see scopes.ts). */
  scopes: readonly string[];
  /** Every claim as the authenticator delivered it. */
  claims: Readonly<Record<string, unknown>>;
}

export interface RequestContext {
  /** The JSON-RPC id of the request being served. */
  requestId: string | number;
  /** Aborts when the client goes away or the platform's time limit nears; pass it to fetch and SDK calls. */
  signal: AbortSignal;
  /** Structured logger already carrying the request id and method. */
  log: Logger;
  /** The caller's identity, when the request was authenticated. */
  auth: AuthInfo | undefined;
  /** The protocol version this request is served under. */
  protocolVersion: string;
  /** Capabilities the client declared (2026-07-28: per request; 2025: undefined unless sent). */
  clientCapabilities: Readonly<Record<string, unknown>> | undefined;
}

export const noopLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return noopLogger;
  },
};
