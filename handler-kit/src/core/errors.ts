import { INVALID_PARAMS, type JsonRpcErrorObject } from './jsonrpc.ts';

/**
 * An error a tool throws on purpose: its message is shown to the model as an `isError` result, so write it
 * for the model ("Task 42 does not exist; call list_tasks to see the ids"). Anything else a tool throws is
 * treated as unexpected: logged in full, answered with a generic message.
 */
export class ToolError extends Error {
  override readonly name = 'ToolError';
}

/**
 * A protocol-level failure: becomes a JSON-RPC error object. A protocol value only: the HTTP status and
 * headers an error travels with (the 2026-07-28 revision prescribes 400, 401, 403 and 404 for several)
 * are chosen by the HTTP layer from its code and data (http/answers.ts).
 */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  readonly code: number;
  readonly data: unknown;
  constructor(code: number, message: string, data?: unknown) {
    super(message);
    this.code = code;
    this.data = data;
  }

  toJsonRpc(): JsonRpcErrorObject {
    return { code: this.code, message: this.message, ...(this.data !== undefined && { data: this.data }) };
  }
}

export const invalidParams = (message: string, data?: unknown): ProtocolError =>
  new ProtocolError(INVALID_PARAMS, message, data);
