import type { Call } from './call.ts';
import type { SettledEvent } from './http/types.ts';
import type { MethodTable } from './dispatch.ts';
import type { Answer } from './answer.ts';
import { UNREGISTERED, forLog } from './limits.ts';
import type { Registry } from './registry.ts';

/** The registered definition a request targets, by its registered name (a template by its uriTemplate). */
function registeredTarget(call: Call, registry: Registry): string | undefined {
  const { name, uri } = call.params;
  switch (call.method) {
    case 'tools/call':
      return typeof name === 'string' && registry.tools.has(name) ? name : UNREGISTERED;
    case 'prompts/get':
      return typeof name === 'string' && registry.prompts.has(name) ? name : UNREGISTERED;
    case 'resources/read': {
      if (typeof uri !== 'string') return UNREGISTERED;
      const def = registry.findResource(uri)?.def;
      return def === undefined ? UNREGISTERED : def.kind === 'resource' ? uri : def.uriTemplate;
    }
    default:
      return undefined;
  }
}

/**
 * The outcome as logs and metrics may carry it: no caller text verbatim. Names the server does not have
 * become UNREGISTERED, ids are cut to a short length (limits.ts). The outcome is the answer's own (the
 * method classified it), never re-read from the wire payload.
 */
export function settled(call: Call, answer: Answer, durationMs: number, registry: Registry, methods: MethodTable): SettledEvent {
  return {
    requestId: forLog(call.id) ?? null,
    method: methods.has(call.method) ? call.method : UNREGISTERED,
    target: registeredTarget(call, registry),
    outcome: answer.kind === 'result' ? answer.outcome : 'error',
    errorCode: answer.kind === 'error' || answer.kind === 'rejected' ? answer.error.code : undefined,
    durationMs,
    era: call.era,
    streamed: call.notifier?.streaming ?? false,
  };
}
