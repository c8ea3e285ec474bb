import type { MethodOutput } from './call.ts';
import type { JsonRpcErrorObject, JsonRpcId, JsonRpcResponse } from './jsonrpc.ts';

/**
 * How one JSON-RPC message was answered, as protocol values only. The HTTP layer (http/answers.ts) picks
 * the status and headers each one travels with; the settled event is built from the same value.
 */
export type Answer =
  /** A notification, or a response the client sent: nothing goes back. */
  | { kind: 'none' }
  /** The message itself is not an acceptable request (not JSON-RPC, or a response where none may come). */
  | { kind: 'rejected'; id: JsonRpcId | null; error: JsonRpcErrorObject }
  /** A method's result, with its outcome as the method classified it. */
  | { kind: 'result'; id: JsonRpcId; result: Record<string, unknown>; outcome: MethodOutput['outcome'] }
  /** A JSON-RPC error for a request of `era`; `unexpected` when the server failed rather than the request. */
  | { kind: 'error'; id: JsonRpcId | null; era: 'legacy' | 'modern'; error: JsonRpcErrorObject; unexpected: boolean };

export const NO_ANSWER: Answer = { kind: 'none' };

/** The JSON-RPC response an answer sends, if any. */
export function payloadOf(answer: Answer): JsonRpcResponse | undefined {
  switch (answer.kind) {
    case 'none':
      return undefined;
    case 'result':
      return { jsonrpc: '2.0', id: answer.id, result: answer.result };
    default:
      return { jsonrpc: '2.0', id: answer.id, error: answer.error };
  }
}
