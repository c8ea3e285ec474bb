import { idOf, rpcError, type JsonRpcId, type JsonRpcResponse, INTERNAL_ERROR, INVALID_REQUEST, PARSE_ERROR } from '../jsonrpc.ts';
import type { HttpResponse } from './types.ts';

/** Canned HTTP answers. Each is built fresh: callers (and adapters) may add headers. */

export const json = (status: number, payload: JsonRpcResponse | JsonRpcResponse[], headers?: Record<string, string>): HttpResponse => ({
  status,
  headers: headers ? { 'content-type': 'application/json', ...headers } : { 'content-type': 'application/json' },
  body: JSON.stringify(payload),
});

export const errorResponse = (
  status: number,
  code: number,
  message: string,
  id: JsonRpcId | null = null,
  headers?: Record<string, string>,
  data?: unknown,
): HttpResponse => json(status, rpcError(id, data === undefined ? { code, message } : { code, message, data }), headers);

export const accepted = (): HttpResponse => ({ status: 202, headers: {}, body: '' });

export const methodNotAllowed = (): HttpResponse =>
  errorResponse(405, INVALID_REQUEST, 'Method not allowed: this endpoint accepts POST only', null, { allow: 'POST' });

export const payloadTooLarge = (limit: number): HttpResponse =>
  errorResponse(413, INVALID_REQUEST, `Request body too large: the limit is ${limit} bytes`);

export const unreadableBody = (): HttpResponse =>
  errorResponse(400, PARSE_ERROR, 'Parse error: the body cannot be read as JSON (nested too deep, or not JSON data)');

export const internalError = (): HttpResponse => errorResponse(500, INTERNAL_ERROR, 'Internal error');

/** A result larger than the answer may carry (the kit's limit, or Lambda's 6 MB payload): said plainly. */
export const responseTooLarge = (id: JsonRpcId | null, bytes: number, limit: number): HttpResponse =>
  errorResponse(200, INTERNAL_ERROR, `Internal error: the result is too large to send (${bytes} bytes; the limit is ${limit} bytes)`, id, undefined, {
    bytes,
    limit,
  });

/** The same, for an answer already built (an adapter's platform limit): the id is read back from it. */
export function replaceTooLarge(response: HttpResponse, bytes: number, limit: number): HttpResponse {
  let id: JsonRpcId | null = null;
  try {
    id = idOf(JSON.parse(response.body));
  } catch {
    // Not JSON: nothing to echo.
  }
  return responseTooLarge(id, bytes, limit);
}
