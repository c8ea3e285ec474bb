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
 * A protocol-level failure: becomes a JSON-RPC error object. `status` is the HTTP status the answer carries
 * (the 2026-07-28 revision prescribes 400/404 for several errors; the 2025 revisions answer 200).
 */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  readonly code: number;
  readonly data: unknown;
  readonly status: number | undefined;
  readonly headers: Record<string, string> | undefined;
  constructor(code: number, message: string, data?: unknown, status?: number, headers?: Record<string, string>) {
    super(message);
    this.code = code;
    this.data = data;
    this.status = status;
    this.headers = headers;
  }

  toJsonRpc(): JsonRpcErrorObject {
    return { code: this.code, message: this.message, ...(this.data !== undefined && { data: this.data }) };
  }
}

export const invalidParams = (message: string, data?: unknown): ProtocolError =>
  new ProtocolError(INVALID_PARAMS, message, data);
