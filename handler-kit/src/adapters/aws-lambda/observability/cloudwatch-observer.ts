import type { Context } from 'aws-lambda';
import type { SettledEvent } from '../../../core/http/types.ts';
import type { InvocationObserver, LambdaObserver } from '../lambda-handler.ts';
import { EmfWriter } from './emf.ts';
import { InvocationLogger, LogWriter } from './log-writer.ts';
import { accessFields, isMeasuredCall } from './request-summary.ts';
import { LEVELS, observabilitySettings, type ObservabilityOptions, type ObserverSettings } from './settings.ts';

/**
 * The kit's default Lambda observability, with no dependency: the same output Powertools' Logger and
 * Metrics gave it (see powertools-observer.ts, still there for teams who run Powertools), written by a
 * small writer built for the warm path: the environment is read once per instance, each line is one
 * JSON.stringify, and nothing is written through `console`.
 * - one log line per request: request ids, JSON-RPC method, tool, outcome, duration, cold start. The raw
 *   event is never logged, so neither are Authorization headers or tokens; every field is redacted, names
 *   the server does not have are "(unregistered)" and ids are cut short (see SettledEvent);
 * - the tools' ctx.log lines, with the same Lambda members and the core's request fields;
 * - EMF metrics per tool call (ToolCalls, ToolErrors, ToolLatency, ToolStreamed, with `service` and `tool`
 *   dimensions) and ColdStart. A streamed call is logged (with `streamed: true`) and measured when its stream ends.
 */
export function cloudWatchObserver(options: ObservabilityOptions = {}): LambdaObserver {
  const settings = observabilitySettings(options);
  const writer = new LogWriter(settings);
  for (const warning of settings.warnings) writer.warnOnce(warning);
  const emf = settings.metrics ? new EmfWriter(settings.namespace, settings.service) : undefined;
  return {
    start: ({ context, coldStart, kind, requestId }) => new Invocation(settings, writer, emf, context, coldStart, kind, requestId),
  };
}

/** One invocation's logger and what it learns; `observe` is an own arrow because the core calls it detached. */
class Invocation implements InvocationObserver {
  readonly logger: InvocationLogger;
  readonly #writer: LogWriter;
  readonly #settings: ObserverSettings;
  readonly #emf: EmfWriter | undefined;
  readonly #kind: string;
  readonly #apiRequestId: string | undefined;
  readonly #coldStart: boolean;
  #first: SettledEvent | undefined;
  #events: SettledEvent[] | undefined;

  constructor(
    settings: ObserverSettings, writer: LogWriter, emf: EmfWriter | undefined, context: Context, coldStart: boolean, kind: string,
    apiRequestId: string | undefined,
  ) {
    this.#writer = writer;
    this.#settings = settings;
    this.#emf = emf;
    this.#kind = kind;
    this.#apiRequestId = apiRequestId;
    this.#coldStart = coldStart;
    const counted = coldStart && settings.countsColdStart;
    this.logger = new InvocationLogger(writer, writer.invocationBase(context, counted), threshold(settings));
    if (counted) emf?.coldStart(settings.coldStartFunctionName ?? context.functionName);
  }

  readonly observe = (event: SettledEvent): void => {
    if (!this.#first) this.#first = event;
    else (this.#events ??= [this.#first]).push(event);
  };

  end({ status, durationMs }: { status: number; durationMs: number }): void {
    const events = this.#events ?? (this.#first ? [this.#first] : []);
    // The access line and the request's EMF documents go out in one write: one line each, one system call.
    let lines = '';
    if (this.#settings.accessLines) {
      const end = { kind: this.#kind, apiRequestId: this.#apiRequestId, status, durationMs, coldStart: this.#coldStart };
      lines += this.logger.infoLine('mcp request', accessFields(end, this.#first, events));
    }
    if (this.#emf) for (const e of events) if (isMeasuredCall(e)) lines += this.#emf.toolCallLine(e);
    this.#writer.stdout(lines);
  }
}

/** The invocation's threshold: a sampled invocation logs from DEBUG up, unless Lambda's own level is fixed. */
function threshold(settings: ObserverSettings): number {
  const sampled = settings.sampleRate > 0 && !settings.lambdaLevel && Math.random() < settings.sampleRate;
  return sampled ? Math.min(settings.threshold, LEVELS.DEBUG) : settings.threshold;
}
