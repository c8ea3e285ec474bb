import { ok, type Method } from '../call.ts';
import { text } from '../content.ts';
import type { PromptReturn } from '../definitions/prompt.ts';
import { invalidParams } from '../errors.ts';
import { isPlainObject } from '../jsonrpc.ts';
import { describeIssues, parseAllowingAsync } from '../zod.ts';
import { mayUse, requireScopes } from './access.ts';
import { withCache } from './cache.ts';
import { invoke, outcomeAsError } from './invoke.ts';
import { forLog } from '../limits.ts';

export const listPrompts: Method = (call, server) => {
  const { registry } = server;
  const prompts = [...registry.prompts.values()]
    .filter((p) => mayUse(call, server, p.scopes))
    .map((p) => registry.promptDescriptor(p));
  return ok(withCache(call, { prompts }, server.listCache));
};

function toGetPromptResult(value: PromptReturn): Record<string, unknown> {
  if (typeof value === 'string') return { messages: [{ role: 'user', content: text(value) }] };
  if (Array.isArray(value)) return { messages: value };
  return value.description ? { description: value.description, messages: value.messages } : { messages: value.messages };
}

export const getPrompt: Method = async (call, server) => {
  const name = call.params.name;
  if (typeof name !== 'string') throw invalidParams('prompts/get needs params.name');
  const prompt = server.registry.prompts.get(name);
  if (!prompt) throw invalidParams(`Unknown prompt: ${name}`);
  requireScopes(call, server, `prompt "${name}"`, prompt.scopes);
  const raw = call.params.arguments ?? {};
  if (!isPlainObject(raw)) throw invalidParams('prompts/get arguments must be an object of strings');
  let args: unknown = raw;
  if (prompt.arguments) {
    const parsed = await parseAllowingAsync(prompt.arguments, raw);
    if (!parsed.success) throw invalidParams(`Invalid arguments for prompt "${name}": ${describeIssues(parsed.error)}`);
    args = parsed.data;
  }
  const outcome = await invoke(call, server, name, (ctx) => prompt.get(args, ctx));
  if (outcome.kind === 'input_required') return { result: outcome.result, outcome: 'input_required' };
  if (outcome.kind !== 'done') throw outcomeAsError(outcome, `Prompt "${name}"`, call);
  try {
    return ok(toGetPromptResult(outcome.value));
  } catch (err) {
    call.logger.error('prompt returned a result that breaks its contract', { prompt: name, requestId: forLog(call.id), error: err });
    throw outcomeAsError({ kind: 'crashed' }, `Prompt "${name}"`, call);
  }
};
