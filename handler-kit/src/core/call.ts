import type { AuthInfo, Logger } from './context.ts';
import type { HttpRequest, SettledEvent } from './http/types.ts';
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

export type MethodResult = Record<string, unknown> & { resultType?: string };

/** What a method answered and how it went, classified where it is known and carried to the settled event. */
export interface MethodOutput {
  result: MethodResult;
  outcome: 'ok' | 'tool_error' | 'input_required';
}
export type Method = (call: Call, server: ServerState) => MethodOutput | Promise<MethodOutput>;

export const ok = (result: MethodResult): MethodOutput => ({ result, outcome: 'ok' });
