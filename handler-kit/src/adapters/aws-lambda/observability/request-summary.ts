import type { SettledEvent } from '../../../core/http/types.ts';
import { UNREGISTERED } from '../../../core/limits.ts';

/** What both Lambda observers (the kit's writer and Powertools) log and measure per request. */

const TOOL_FAILURES = new Set<SettledEvent['outcome']>(['tool_error', 'error']);

/** A call of a registered tool: the calls the tool metrics count (unknown names would mint a dimension value each). */
export const isMeasuredCall = (e: SettledEvent): e is SettledEvent & { target: string } =>
  e.method === 'tools/call' && e.target !== undefined && e.target !== UNREGISTERED;

export const isFailure = (e: SettledEvent): boolean => TOOL_FAILURES.has(e.outcome);

export interface RequestEnd {
  kind: string;
  apiRequestId: string | undefined;
  status: number;
  durationMs: number;
  coldStart: boolean;
}

/**
 * The access line's fields: request ids, JSON-RPC method, tool, outcome, duration, cold start; a batch lists
 * each message. Never the raw event (so no Authorization header); the caller redacts every field.
 */
export function accessFields(end: RequestEnd, first: SettledEvent | undefined, events: readonly SettledEvent[]): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    event: end.kind,
    apiRequestId: end.apiRequestId,
    status: end.status,
    durationMs: Math.round(end.durationMs * 100) / 100,
    coldStart: end.coldStart,
  };
  if (first) {
    fields.rpcId = first.requestId;
    fields.method = first.method;
    fields.tool = first.target;
    fields.outcome = first.outcome;
    fields.errorCode = first.errorCode;
    fields.era = first.era;
    if (first.streamed) fields.streamed = true;
  } else {
    fields.outcome = end.status >= 400 ? 'rejected' : 'accepted';
  }
  if (events.length > 1) fields.batch = events.map((e) => ({ rpcId: e.requestId, method: e.method, tool: e.target, outcome: e.outcome }));
  return fields;
}
