import type { Call, ServerState } from './call.ts';
import type { ElicitAnswer, InputRequest, RootsAnswer, SamplingAnswer } from './context.ts';
import { ProtocolError, invalidParams } from './errors.ts';
import { isPlainObject, MISSING_REQUIRED_CLIENT_CAPABILITY } from './jsonrpc.ts';
import { toJsonSchema } from './json-schema.ts';
import { parse, type ZodObjectSchema, type ZodOutput } from './zod.ts';
import { digest } from './request-state.ts';

/**
 * Asking the user or the client's model for input in the middle of a request, the stateless way
 * (2026-07-28 "input required" results, SEP-2322). A handler calls `ctx.elicit('key', ...)`: if the
 * answer is already known (sent back by the client, or carried in the sealed requestState from an earlier
 * round) it is returned; if not, the handler is stopped and the client gets an `input_required` result.
 * The client answers and repeats the request; the handler runs again from the top and this time gets the
 * answer. So: ask before doing anything with side effects.
 */


/** Builders for `ctx.ask({...})`. */
export const inputRequest = {
  elicit: (message: string, schema: ZodObjectSchema): InputRequest => ({
    method: 'elicitation/create',
    params: { mode: 'form', message, requestedSchema: formSchema(schema) },
  }),
  elicitUrl: (message: string, url: string): InputRequest => ({
    method: 'elicitation/create',
    params: { mode: 'url', message, url },
  }),
  sample: (params: Record<string, unknown>): InputRequest => ({ method: 'sampling/createMessage', params }),
  listRoots: (): InputRequest => ({ method: 'roots/list', params: {} }),
};

/** Elicitation forms allow only `type`, `properties` and `required` at the top level. */
function formSchema(schema: ZodObjectSchema): Record<string, unknown> {
  const full = toJsonSchema(schema, 'input');
  const out: Record<string, unknown> = { type: 'object', properties: full.properties ?? {} };
  if (Array.isArray(full.required) && full.required.length) out.required = full.required;
  return out;
}

/** Thrown inside a handler to stop it until the client has answered. */
export class InputRequiredSignal {
  readonly requests: Record<string, InputRequest>;
  constructor(requests: Record<string, InputRequest>) {
    this.requests = requests;
  }
}

const ANSWER_SHAPES: Record<InputRequest['method'], (v: unknown) => boolean> = {
  'elicitation/create': (v) => isPlainObject(v) && (v.action === 'accept' || v.action === 'decline' || v.action === 'cancel'),
  'sampling/createMessage': (v) => isPlainObject(v) && typeof v.model === 'string' && 'content' in v,
  'roots/list': (v) => isPlainObject(v) && Array.isArray(v.roots),
};

/** The capability an input request needs, as a path: `sampling`, `sampling.tools`, `elicitation.form`... */
function requiredCapability(request: InputRequest): string {
  if (request.method === 'roots/list') return 'roots';
  if (request.method === 'sampling/createMessage') return request.params.tools !== undefined ? 'sampling.tools' : 'sampling';
  return request.params.mode === 'url' ? 'elicitation.url' : 'elicitation.form';
}

/** `elicitation.form` as the ClientCapabilities fragment -32021 reports: `{ elicitation: { form: {} } }`. */
function capabilityFragment(path: string): Record<string, unknown> {
  const [head, sub] = path.split('.');
  return { [head!]: sub ? { [sub]: {} } : {} };
}

/** `elicitation: {}` (no sub-keys) means form support, as the revision says. */
export function declares(capabilities: Record<string, unknown> | undefined, path: string): boolean {
  if (!capabilities) return false;
  const [head, sub] = path.split('.');
  const cap = capabilities[head!];
  if (!isPlainObject(cap)) return false;
  if (!sub) return true;
  if (head === 'elicitation' && sub === 'form' && !('url' in cap) && !('form' in cap)) return true;
  return isPlainObject(cap[sub]);
}

/**
 * The answers a modern tools/call, prompts/get or resources/read carries: its `inputResponses` over what
 * the sealed `requestState` of earlier rounds holds. Checked on every such request, asking or not: a
 * malformed or foreign one is the client's error whatever the server does with it.
 */
export async function readInputAnswers(call: Call, server: ServerState, target: string): Promise<Record<string, unknown>> {
  const { params } = call;
  if ('inputResponses' in params && !isPlainObject(params.inputResponses)) {
    throw invalidParams('inputResponses must be an object keyed like the inputRequests it answers');
  }
  const fresh = (params.inputResponses ?? {}) as Record<string, unknown>;
  let carried: Record<string, unknown> = {};
  if (params.requestState !== undefined) {
    if (typeof params.requestState !== 'string') throw invalidParams('requestState must be the string the server sent');
    const opened = await server.stateCodec.open(params.requestState);
    if ('problem' in opened) {
      throw invalidParams(
        opened.problem === 'other-key'
          ? 'requestState was sealed with a key this server instance does not have: every instance needs the same ' +
              'MCP_STATE_SECRET (or requestStateSecret). Send the request again without requestState.'
          : 'requestState is invalid: it was altered or not issued by this server. Send the request again without requestState.',
      );
    }
    const state = opened.payload;
    const binding = await bindingOf(call, target);
    if (state.b !== binding) throw invalidParams('requestState was issued for a different request');
    if (typeof state.x !== 'number' || state.x < Date.now()) throw invalidParams('requestState has expired; send the request again without it');
    carried = isPlainObject(state.a) ? state.a : {};
  }
  return { ...carried, ...fresh };
}

/** What a handler's context asks through (see handler-context.ts); InputState, or a stand-in that says it is left out. */
export interface Asker {
  ask(requests: Record<string, InputRequest>): Promise<Record<string, unknown>>;
  elicit<S extends ZodObjectSchema>(key: string, message: string, schema: S): Promise<ElicitAnswer<ZodOutput<S>>>;
  elicitUrl(key: string, message: string, url: string): Promise<ElicitAnswer<undefined>>;
  sample(key: string, params: Record<string, unknown>): Promise<SamplingAnswer>;
  listRoots(key: string): Promise<RootsAnswer>;
}

/** What is known of one request's answers: from the sealed state of earlier rounds plus this round's. */
export class InputState implements Asker {
  readonly answers: Record<string, unknown>;
  constructor(answers: Record<string, unknown>) {
    this.answers = answers;
  }

  /** 2025 era: nothing can be asked, so every question stops the handler. */
  static readonly none = /* @__PURE__ */ new InputState({});

  answer(key: string, request: InputRequest): unknown {
    if (!(key in this.answers)) return undefined;
    const value = this.answers[key];
    if (!ANSWER_SHAPES[request.method](value)) {
      throw invalidParams(`inputResponses.${key} is not a valid answer to ${request.method}`);
    }
    return value;
  }

  /** Collects the answers to `requests`, or stops the handler with the ones still missing. */
  resolve(requests: Record<string, InputRequest>): Record<string, unknown> {
    const answers: Record<string, unknown> = {};
    const missing: Record<string, InputRequest> = {};
    for (const [key, request] of Object.entries(requests)) {
      const value = this.answer(key, request);
      if (value === undefined) missing[key] = request;
      else answers[key] = value;
    }
    if (Object.keys(missing).length) throw new InputRequiredSignal(missing);
    return answers;
  }

  ask(requests: Record<string, InputRequest>): Promise<Record<string, unknown>> {
    return new Promise((resolve) => resolve(this.resolve(requests)));
  }

  async elicit<S extends ZodObjectSchema>(key: string, message: string, schema: S): Promise<ElicitAnswer<ZodOutput<S>>> {
    const answer = this.resolve({ [key]: inputRequest.elicit(message, schema) })[key] as ElicitAnswer<unknown>;
    if (answer.action !== 'accept') return answer;
    const parsed = parse(schema, answer.content ?? {});
    if (!parsed.success) throw invalidParams(`inputResponses.${key}: the content does not match the requested schema`);
    return { action: 'accept', content: parsed.data };
  }

  elicitUrl(key: string, message: string, url: string): Promise<ElicitAnswer<undefined>> {
    return this.one(key, inputRequest.elicitUrl(message, url));
  }

  sample(key: string, params: Record<string, unknown>): Promise<SamplingAnswer> {
    return this.one(key, inputRequest.sample(params));
  }

  listRoots(key: string): Promise<RootsAnswer> {
    return this.one(key, inputRequest.listRoots());
  }

  async one<T>(key: string, request: InputRequest): Promise<T> {
    return this.resolve({ [key]: request })[key] as T;
  }
}

/** Binds a state to method, target, arguments and caller; the MAC makes the binding unforgeable. */
async function bindingOf(call: Call, target: string): Promise<string> {
  return digest([call.method, target, call.params.arguments ?? null, call.auth?.subject ?? null]);
}

const STATE_TTL_MS = 15 * 60_000;

/** The `input_required` result for a stopped handler, after checking the client can answer it. */
export async function inputRequiredResult(
  signal: InputRequiredSignal,
  call: Call,
  server: ServerState,
  state: InputState,
  target: string,
): Promise<Record<string, unknown>> {
  let missing: Record<string, unknown> | undefined;
  for (const [key, request] of Object.entries(signal.requests)) {
    const need = requiredCapability(request);
    if (!declares(call.clientCapabilities, need)) {
      missing = { ...missing, ...capabilityFragment(need) };
      call.logger.debug('input request needs an undeclared client capability', { key, capability: need });
    }
  }
  if (missing) {
    throw new ProtocolError(
      MISSING_REQUIRED_CLIENT_CAPABILITY,
      `This request needs client capabilities the client did not declare: ${Object.keys(missing).join(', ')}`,
      { requiredCapabilities: missing },
    );
  }
  const requestState = await server.stateCodec.seal({
    b: await bindingOf(call, target),
    x: Date.now() + STATE_TTL_MS,
    a: state.answers,
  });
  return { resultType: 'input_required', inputRequests: signal.requests, requestState };
}
