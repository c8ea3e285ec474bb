/**
 * What a tool, resource or prompt handler receives besides its arguments, in one leaf module (it imports
 * nothing from the kit): definitions, the input-required protocol and adapters all depend on these types,
 * never the other way round. Everything here is plain data or a plain function: no runtime (AWS, Node,
 * Fetch) type ever reaches handler code.
 */
import type * as z from 'zod/v4/core';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** The levels of a log message to the client (MCP's, after RFC 5424), least severe first. */
export type ClientLogLevel = 'debug' | 'info' | 'notice' | 'warning' | 'error' | 'critical' | 'alert' | 'emergency';

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
  /**
   * Tells the client how far the work got (`notifications/progress`, sent while the call runs). Sent only
   * when the client asked for progress (a progress token) and the answer can stream; otherwise a no-op,
   * so call it freely. `done` must grow from call to call (the spec requires it; repeats are dropped).
   * Returns whether it was sent.
   */
  progress(done: number, total?: number, message?: string): boolean;
  /**
   * Sends a log message to the client (`notifications/message`), which may show it to the user: never put
   * secrets or internals in it (`ctx.log` is the server's own log). Sent at or above the level the client
   * asked for, when the answer can stream; otherwise a no-op. Returns whether it was sent.
   */
  logToClient(level: ClientLogLevel, data: unknown, logger?: string): boolean;
  /**
   * Whether the client asked for progress and this answer can stream: worth waiting for long work (up to
   * the streamed time limit) and reporting progress, instead of handing back a job id to poll.
   */
  readonly wantsProgress: boolean;
}

/**
 * Asking the user or the client's model for input in the middle of a request (2026-07-28 "input required"
 * results; see input-required.ts for how a stateless server does it).
 */
export type InputRequest =
  | { method: 'elicitation/create'; params: Record<string, unknown> }
  | { method: 'sampling/createMessage'; params: Record<string, unknown> }
  | { method: 'roots/list'; params: Record<string, unknown> };

export type ElicitAnswer<T> =
  | { action: 'accept'; content: T }
  | { action: 'decline' }
  | { action: 'cancel' };

export interface SamplingAnswer {
  role: 'user' | 'assistant';
  content: unknown;
  model: string;
  stopReason?: string;
}

export interface RootsAnswer {
  roots: { uri: string; name?: string }[];
}

export interface InputApi {
  /** Asks the user to fill a small form (`schema`: a zod object of primitive fields). */
  elicit<S extends z.$ZodObject>(key: string, request: { message: string; schema: S }): Promise<ElicitAnswer<z.output<S>>>;
  /** Asks the user to visit a URL (an out-of-band flow such as an OAuth consent). */
  elicitUrl(key: string, request: { message: string; url: string }): Promise<ElicitAnswer<undefined>>;
  /** Asks the client's model for a completion (deprecated by the spec, still supported by clients). */
  sample(key: string, params: { messages: unknown[]; maxTokens: number; systemPrompt?: string; [k: string]: unknown }): Promise<SamplingAnswer>;
  /** Asks the client for its roots. */
  listRoots(key: string): Promise<RootsAnswer>;
  /** Several questions in one round: resolves when all are answered. */
  ask(requests: Record<string, InputRequest>): Promise<Record<string, unknown>>;
  /** Whether the client declared a capability (`'elicitation'`, `'elicitation.url'`, `'sampling'`, `'roots'`). */
  supports(capability: string): boolean;
}

export type ToolContext = RequestContext & InputApi;

export const noopLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return noopLogger;
  },
};
