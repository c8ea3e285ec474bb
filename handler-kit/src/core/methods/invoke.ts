import type { Call, ServerState } from '../call.ts';
import { ProtocolError, ToolError } from '../errors.ts';
import { createHandlerContext } from '../handler-context.ts';
import type { ToolContext } from '../context.ts';
import { leftOut } from '../features.ts';
import { InputRequiredSignal, InputState, inputRequiredResult, readInputAnswers, type Asker } from '../input-required.ts';
import { INTERNAL_ERROR, INVALID_PARAMS, INVALID_REQUEST } from '../jsonrpc.ts';
import { abortable } from './abortable.ts';
import { forLog } from '../limits.ts';

/** How a user handler (tool, prompt, resource read) ended. */
export type Outcome<T> =
  | { kind: 'done'; value: T }
  | { kind: 'input_required'; result: Record<string, unknown> }
  /** Needs input, but the request's era cannot carry the question. */
  | { kind: 'needs_input'; keys: string[] }
  | { kind: 'expected_error'; message: string }
  | { kind: 'timeout' }
  | { kind: 'crashed' };

/** A value now, or later: the hot path stays synchronous when nothing is pending. */
export type Maybe<T> = T | Promise<T>;
export const andThen = <T, U>(value: Maybe<T>, next: (v: T) => Maybe<U>): Maybe<U> =>
  value instanceof Promise ? value.then(next) : next(value);

/**
 * Runs a handler with its context, the request's deadline and the input-required protocol. Protocol
 * errors propagate; every other failure is classified (and unexpected ones logged in full) so each method
 * can answer in its own form. A synchronous handler is answered synchronously: no promise, no timer.
 */
export function invoke<T>(call: Call, server: ServerState, target: string, run: (ctx: ToolContext) => T | Promise<T>): Maybe<Outcome<T>> {
  return call.era === 'modern'
    ? readInputAnswers(call, server, target).then((answers) => runWith(call, server, askerOf(answers), target, run))
    : runWith(call, server, askerOf(undefined), target, run);
}

/**
 * What the handler asks through: the answers known so far (`undefined`: a 2025 request, which cannot be
 * asked anything). A bundle built without input (core/features.ts: no bundled code asks) has a stand-in
 * that says so instead; the answers were read and checked all the same.
 */
const askerOf = (answers: Record<string, unknown> | undefined): Asker =>
  (typeof __MCP_INPUT__ === 'undefined' || __MCP_INPUT__) ? (answers ? new InputState(answers) : InputState.none) : NOT_ASKING;

const notAsking = (what: string) => (): Promise<never> => Promise.reject(leftOut(`ctx.${what}`));
const NOT_ASKING: Asker = { ask: notAsking('ask'), elicit: notAsking('elicit'), elicitUrl: notAsking('elicitUrl'), sample: notAsking('sample'), listRoots: notAsking('listRoots') };

function runWith<T>(call: Call, server: ServerState, input: Asker, target: string, run: (ctx: ToolContext) => T | Promise<T>): Maybe<Outcome<T>> {
  const ctx = createHandlerContext(call, input, target);
  let out: T | Promise<T>;
  try {
    out = run(ctx);
  } catch (err) {
    return classify(err, call, server, input, target);
  }
  if (!(out instanceof Promise)) return { kind: 'done', value: out };
  // Only a pending result needs the deadline; reading ctx.signal may arm a timer.
  return abortable(out, ctx.signal).then(
    (value): Outcome<T> => ({ kind: 'done', value }),
    (err: unknown) => classify(err, call, server, input, target),
  );
}

function classify(err: unknown, call: Call, server: ServerState, input: Asker, target: string): Maybe<Outcome<never>> {
  if (err instanceof ToolError) return { kind: 'expected_error', message: err.message };
  // Only an InputState throws the signal (the stand-in never does).
  if ((typeof __MCP_INPUT__ === 'undefined' || __MCP_INPUT__) && err instanceof InputRequiredSignal) {
    if (call.era === 'legacy') return { kind: 'needs_input', keys: Object.keys(err.requests) };
    return inputRequiredResult(err, call, server, input as InputState, target).then((result) => ({ kind: 'input_required' as const, result }));
  }
  if (err instanceof ProtocolError) throw err;
  if (call.request.signal?.aborted) {
    call.logger.warn('handler stopped at its deadline', { method: call.method, target: forLog(target), requestId: forLog(call.id) });
    return { kind: 'timeout' };
  }
  call.logger.error('handler failed unexpectedly', { method: call.method, target: forLog(target), requestId: forLog(call.id), error: err });
  return { kind: 'crashed' };
}

/** For prompts and resources, whose failures are JSON-RPC errors rather than `isError` results. */
export function outcomeAsError(outcome: Exclude<Outcome<unknown>, { kind: 'done' | 'input_required' }>, what: string, call: Call): ProtocolError {
  switch (outcome.kind) {
    case 'expected_error':
      return new ProtocolError(INVALID_PARAMS, outcome.message);
    case 'needs_input':
      return new ProtocolError(
        INVALID_REQUEST,
        `${what} needs input from the client (${outcome.keys.join(', ')}), which requires MCP 2026-07-28`,
      );
    case 'timeout':
      return new ProtocolError(INTERNAL_ERROR, `${what} did not finish in time`);
    case 'crashed':
      return new ProtocolError(INTERNAL_ERROR, `${what} failed; the error was logged with request id ${call.id}`);
  }
}
