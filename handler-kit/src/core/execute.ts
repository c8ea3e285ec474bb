import type { Answer } from './answer.ts';
import type { Call, Method, MethodOutput, ServerState } from './call.ts';
import { ProtocolError } from './errors.ts';
import type { HttpRequest } from './http/types.ts';
import { INTERNAL_ERROR, METHOD_NOT_FOUND, isPlainObject } from './jsonrpc.ts';
import { forLog } from './limits.ts';
import type { Maybe } from './methods/invoke.ts';
import { SERVER_INFO_KEY } from './protocol/modern-envelope.ts';
import type { MethodTable } from './dispatch.ts';
import { settled } from './settled.ts';

const now = (): number => performance.now();

/**
 * Runs calls: the method, then the answer, then the settled event for whoever watches (the server-wide
 * hook, the adapter's observer), built from the answer itself. Synchronous all the way when the method
 * is: a promise only where something waits.
 */
export function createExecutor(state: ServerState) {
  const serverInfoMeta = { [SERVER_INFO_KEY]: { ...state.info } };

  function execute(call: Call, table: MethodTable, observe: HttpRequest['observe']): Maybe<Answer> {
    const started = state.onSettled !== undefined || observe !== undefined ? now() : -1;
    const method: Method | undefined = table.get(call.method);
    if (!method) return settle(call, errorAnswer(call, new ProtocolError(METHOD_NOT_FOUND, `Method not found: ${call.method}`)), started, table, observe);
    let pending: Maybe<MethodOutput>;
    try {
      pending = method(call, state);
    } catch (err) {
      return settle(call, errorAnswer(call, err), started, table, observe);
    }
    if (!(pending instanceof Promise)) return settle(call, success(call, pending), started, table, observe);
    return pending.then(
      (output) => settle(call, success(call, output), started, table, observe),
      (err: unknown) => settle(call, errorAnswer(call, err), started, table, observe),
    );
  }

  function success(call: Call, { result, outcome }: MethodOutput): Answer {
    if (call.era === 'modern') {
      result.resultType ??= 'complete';
      result._meta = isPlainObject(result._meta) ? { ...result._meta, ...serverInfoMeta } : serverInfoMeta;
    }
    return { kind: 'result', id: call.id, result, outcome };
  }

  /** Tells whoever watches (the server-wide hook, the adapter's observer) how the call settled. */
  function settle(call: Call, answer: Answer, started: number, table: MethodTable, observe: HttpRequest['observe']): Answer {
    if (started < 0) return answer;
    const event = settled(call, answer, now() - started, state.registry, table);
    try {
      state.onSettled?.(event);
      observe?.(event);
    } catch (err) {
      call.logger.error('an onSettled hook failed', { error: err });
    }
    return answer;
  }

  return execute;
}

/** A failure while serving `call`: a protocol error as it is, anything else as a logged internal error. */
export function errorAnswer(call: Pick<Call, 'id' | 'era' | 'logger'>, err: unknown): Answer {
  if (err instanceof ProtocolError) return { kind: 'error', id: call.id, era: call.era, error: err.toJsonRpc(), unexpected: false };
  call.logger.error('request failed inside the server', { requestId: forLog(call.id), error: err });
  return { kind: 'error', id: call.id, era: call.era, error: { code: INTERNAL_ERROR, message: 'Internal error' }, unexpected: true };
}
