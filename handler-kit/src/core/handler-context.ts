import type { ZodObjectSchema, ZodOutput } from './zod.ts';
import type { Call } from './call.ts';
import { forLog } from './limits.ts';
import type { AuthInfo, ClientLogLevel, ElicitAnswer, InputRequest, Logger, RootsAnswer, SamplingAnswer, ToolContext } from './context.ts';
import { declares, type Asker } from './input-required.ts';

/** A signal that never aborts, for a request that carries none; made on first use (0.15 ms at a cold start otherwise). */
let never: AbortSignal | undefined;

/**
 * The `ctx` a handler receives. A class so the per-call cost is one small object: methods live on the
 * prototype, and the child logger is made on first use (most tools never log).
 */
class HandlerContext implements ToolContext {
  #log: Logger | undefined;
  readonly call: Call;
  private readonly input: Asker;
  private readonly target: string;
  constructor(call: Call, input: Asker, target: string) {
    this.call = call;
    this.input = input;
    this.target = target;
  }

  get requestId(): string | number {
    return this.call.id;
  }
  get signal(): AbortSignal {
    return this.call.request.signal ?? (never ??= new AbortController().signal);
  }
  get auth(): AuthInfo | undefined {
    return this.call.auth;
  }
  get protocolVersion(): string {
    return this.call.version;
  }
  get clientCapabilities(): Readonly<Record<string, unknown>> | undefined {
    return this.call.clientCapabilities;
  }
  get log(): Logger {
    this.#log ??= this.call.logger.child({ requestId: forLog(this.call.id), method: this.call.method, target: forLog(this.target) });
    return this.#log;
  }

  progress(done: number, total?: number, message?: string): boolean {
    return this.call.notifier?.progress(done, total, message) ?? false;
  }
  logToClient(level: ClientLogLevel, data: unknown, logger?: string): boolean {
    return this.call.notifier?.log(level, data, logger) ?? false;
  }
  get wantsProgress(): boolean {
    return this.call.notifier?.wantsProgress ?? false;
  }

  supports(capability: string): boolean {
    return declares(this.call.clientCapabilities, capability);
  }
  ask(requests: Record<string, InputRequest>): Promise<Record<string, unknown>> {
    return this.input.ask(requests);
  }
  elicit<S extends ZodObjectSchema>(key: string, request: { message: string; schema: S }): Promise<ElicitAnswer<ZodOutput<S>>> {
    return this.input.elicit(key, request.message, request.schema);
  }
  elicitUrl(key: string, request: { message: string; url: string }): Promise<ElicitAnswer<undefined>> {
    return this.input.elicitUrl(key, request.message, request.url);
  }
  sample(key: string, params: { messages: unknown[]; maxTokens: number; [k: string]: unknown }): Promise<SamplingAnswer> {
    return this.input.sample(key, params);
  }
  listRoots(key: string): Promise<RootsAnswer> {
    return this.input.listRoots(key);
  }
}

export function createHandlerContext(call: Call, input: Asker, target: string): ToolContext {
  return new HandlerContext(call, input, target);
}
