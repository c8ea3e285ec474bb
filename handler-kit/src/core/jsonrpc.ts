/**
 * JSON-RPC 2.0 message shapes and the error codes MCP uses. Plain data only: building and classifying
 * messages, never parsing bytes or writing them anywhere.
 */

export type JsonRpcId = string | number;

export interface JsonRpcRequest {
  jsonrpc: '2.0';
  id: JsonRpcId;
  method: string;
  params?: Record<string, unknown>;
}

export interface JsonRpcNotification {
  jsonrpc: '2.0';
  method: string;
  params?: Record<string, unknown>;
}

export interface JsonRpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

export type JsonRpcResponse =
  | { jsonrpc: '2.0'; id: JsonRpcId | null; result: Record<string, unknown> }
  | { jsonrpc: '2.0'; id: JsonRpcId | null; error: JsonRpcErrorObject };

/** JSON-RPC error codes MCP uses. Plain constants: the bundler inlines them. */
export const PARSE_ERROR = -32700;
export const INVALID_REQUEST = -32600;
export const METHOD_NOT_FOUND = -32601;
export const INVALID_PARAMS = -32602;
export const INTERNAL_ERROR = -32603;
/** 2025 era: resources/read for a URI the server does not have. */
export const RESOURCE_NOT_FOUND = -32002;
/** Kit-specific: the caller is authenticated but lacks a scope (also answered with HTTP 403). */
export const FORBIDDEN = -32003;
/** Kit-specific: the caller is not authenticated (also answered with HTTP 401). */
export const UNAUTHORIZED = -32001;
/** 2026-07-28: MCP-Protocol-Version, Mcp-Method or Mcp-Name disagree with the body. */
export const HEADER_MISMATCH = -32020;
/** 2026-07-28: the request needs a client capability the client did not declare. */
export const MISSING_REQUIRED_CLIENT_CAPABILITY = -32021;
/** 2026-07-28: the requested protocol version is not supported. */
export const UNSUPPORTED_PROTOCOL_VERSION = -32022;

export type Message =
  | { kind: 'request'; message: JsonRpcRequest }
  | { kind: 'notification'; message: JsonRpcNotification }
  | { kind: 'response' }
  | { kind: 'invalid'; id: JsonRpcId | null; reason: string };

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isId = (value: unknown): value is JsonRpcId =>
  typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));

/** The id of a decoded single message, when it has a valid one (a batch or anything else: null). */
export const idOf = (value: unknown): JsonRpcId | null => (isPlainObject(value) && isId(value.id) ? value.id : null);

/** Sorts one decoded JSON value into request, notification, client response or invalid message. */
export function classifyMessage(value: unknown): Message {
  if (!isPlainObject(value)) return { kind: 'invalid', id: null, reason: 'a JSON-RPC message must be an object' };
  const id = isId(value.id) ? value.id : null;
  if (value.jsonrpc !== '2.0') return { kind: 'invalid', id, reason: 'jsonrpc must be "2.0"' };
  if (value.params !== undefined && !isPlainObject(value.params)) {
    return { kind: 'invalid', id, reason: 'params must be an object' };
  }
  if (typeof value.method === 'string') {
    if (!('id' in value)) return { kind: 'notification', message: value as unknown as JsonRpcNotification };
    if (!isId(value.id)) return { kind: 'invalid', id: null, reason: 'id must be a string or a number' };
    return { kind: 'request', message: value as unknown as JsonRpcRequest };
  }
  if ('method' in value) return { kind: 'invalid', id, reason: 'method must be a string' };
  if (isId(value.id) && ('result' in value || 'error' in value)) return { kind: 'response' };
  return { kind: 'invalid', id, reason: 'not a request, notification or response' };
}

export const rpcError = (id: JsonRpcId | null, error: JsonRpcErrorObject): JsonRpcResponse => ({
  jsonrpc: '2.0',
  id,
  error,
});
