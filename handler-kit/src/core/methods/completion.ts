import { ok, type Call, type Method, type ServerState } from '../call.ts';
import type { Completer } from '../definitions/resource.ts';
import { invalidParams } from '../errors.ts';
import { isPlainObject } from '../jsonrpc.ts';
import { mayUse } from './access.ts';

const MAX_VALUES = 100;

function completerFor(call: Call, server: ServerState, ref: Record<string, unknown>, argument: string): Completer | undefined {
  if (ref.type === 'ref/prompt' && typeof ref.name === 'string') {
    const prompt = server.registry.prompts.get(ref.name);
    if (!prompt) throw invalidParams(`Unknown prompt: ${ref.name}`);
    if (!mayUse(call, server, prompt.scopes)) return undefined;
    return Object.hasOwn(prompt.complete, argument) ? prompt.complete[argument] : undefined;
  }
  if (ref.type === 'ref/resource' && typeof ref.uri === 'string') {
    const template = server.registry.templates.find((t) => t.uriTemplate === ref.uri);
    if (!template) throw invalidParams(`Unknown resource template: ${ref.uri}`);
    if (!mayUse(call, server, template.scopes)) return undefined;
    return template.complete && Object.hasOwn(template.complete, argument) ? template.complete[argument] : undefined;
  }
  throw invalidParams('completion/complete needs ref {type:"ref/prompt",name} or {type:"ref/resource",uri}');
}

/** Suggestions for a prompt argument or template variable; an argument without a completer gets none. */
export const complete: Method = async (call, server) => {
  const { ref, argument, context } = call.params;
  if (!isPlainObject(ref)) throw invalidParams('completion/complete needs params.ref');
  if (!isPlainObject(argument) || typeof argument.name !== 'string' || typeof argument.value !== 'string') {
    throw invalidParams('completion/complete needs params.argument {name, value}');
  }
  const completer = completerFor(call, server, ref, argument.name);
  const others = isPlainObject(context) && isPlainObject(context.arguments) ? (context.arguments as Record<string, string>) : {};
  const all = completer ? [...(await completer(argument.value, { arguments: others }))] : [];
  return ok({
    completion: { values: all.slice(0, MAX_VALUES), total: all.length, hasMore: all.length > MAX_VALUES },
  });
};
