import type { AuthInfo, Logger } from './context.ts';
import type { HttpRequest } from './http/types.ts';
import type { JsonRpcId } from './jsonrpc.ts';
import type { Notifier } from './notifications.ts';
import type { Registry } from './registry.ts';
import type { ScopePolicy } from './scopes.ts';
import type { StateCodec } from './request-state.ts';

/** One JSON-RPC request being served, after its era has been established. */
export interface Call {
  era: 'legacy' | 'modern';
  version: string;
  id: JsonRpcId;
  method: string;
  params: Record<string, unknown>;
  auth: AuthInfo | undefined;
  clientCapabilities: Record<string, unknown> | undefined;
  /** The HTTP request this call came in; its `signal` is read only when needed (it may arm a timer). */
  request: HttpRequest;
  /** Where this request logs (the adapter's logger when it gave one). */
  logger: Logger;
  /** Progress and log notifications to the client; undefined when none are wanted or none can be streamed. */
  notifier?: Notifier;
}

export interface CacheHint {
  ttlMs: number;
  cacheScope: 'public' | 'private';
}

/** What the methods share: built once per server. */
export interface ServerState {
  registry: Registry;
  info: { name: string; version: string; title?: string; description?: string; websiteUrl?: string };
  instructions: string | undefined;
  scopePolicy: ScopePolicy;
  resourceMetadataUrl: string | undefined;
  logger: Logger;
  listCache: CacheHint;
  readCache: CacheHint;
  stateCodec: StateCodec;
  /** Called when a request settles; the place for metrics and access logs (adapters wire it). */
  onSettled: ((event: SettledEvent) => void) | undefined;
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

export type MethodResult = Record<string, unknown> & { resultType?: string };
export type Method = (call: Call, server: ServerState) => MethodResult | Promise<MethodResult>;
