import type { Context } from 'aws-lambda';
import type { Logger } from '../../../core/context.ts';
import { redact, redactInto, scrubSecrets } from '../../../logging/redact.ts';
import { isoTime } from '../../../logging/iso-time.ts';
import { LEVELS, type ObserverSettings } from './settings.ts';

/**
 * Powertools-shaped JSON log lines, written straight to the process streams: one line per record, INFO and
 * DEBUG on stdout, WARN and ERROR on stderr (as Powertools' own console does), never through `console`, whose
 * Lambda wrapper would prefix each line and break its JSON. The keys are Powertools' (level, message,
 * timestamp, service, cold_start, function_*, sampling_rate, xray_trace_id), so CloudWatch Logs Insights
 * queries written for Powertools keep working; every value goes through redact.ts first.
 */

/** Keys Powertools keeps for itself: a caller's field of one of these names is dropped, with a warning once per name. */
const RESERVED = ['level', 'message', 'sampling_rate', 'service', 'timestamp'] as const;

interface Stream {
  write(chunk: string): unknown;
}

/** A Lambda context's members as log keys (Powertools' names), empty ones left out as Powertools does. */
type LineBase = Record<string, unknown>;

const bigintSafe = (_key: string, value: unknown): unknown => (typeof value === 'bigint' ? value.toString() : value);

/** `Root=1-abc;Parent=...;Sampled=1` -> `1-abc`: the trace id Powertools logs (the InvokeStore's first, for concurrent runtimes). */
function traceId(): string | undefined {
  const store = (globalThis as { awslambda?: { InvokeStore?: { getXRayTraceId?: () => string | undefined } } }).awslambda?.InvokeStore;
  const raw = store?.getXRayTraceId?.() ?? process.env._X_AMZN_TRACE_ID;
  if (!raw) return undefined;
  const at = raw.indexOf('Root=');
  if (at < 0) return raw.includes('=') ? undefined : raw;
  const end = raw.indexOf(';', at);
  return raw.slice(at + 5, end < 0 ? undefined : end);
}

export class LogWriter {
  readonly #settings: ObserverSettings;
  /** The process's streams unless given: process.stderr is only touched (and so created) by a WARN line. */
  readonly #streams: { stdout: Stream; stderr: Stream };
  readonly #warned = new Set<string>();
  /** The instance's own members (no invocation): for lines written outside one. */
  readonly instanceBase: LineBase;
  /** The last function ARN and name seen, scrubbed: the same on every warm invocation, so scrubbed once. */
  #arn: [string | undefined, unknown] = [undefined, undefined];
  #name: [string | undefined, unknown] = [undefined, undefined];

  constructor(settings: ObserverSettings, streams: { stdout: Stream; stderr: Stream } = process) {
    this.#settings = settings;
    this.#streams = streams;
    this.instanceBase = { service: scrubSecrets(settings.service), sampling_rate: settings.sampleRate };
  }

  /** The members every line of one invocation carries, redacted once for all its lines. */
  invocationBase(context: Context, coldStart: boolean): LineBase {
    // Members assigned only when present (Powertools leaves empty ones out): never deleted, which would
    // turn the object into a slow dictionary that every line then copies and serialises.
    const base: LineBase = { service: this.instanceBase.service, cold_start: coldStart };
    const arn = this.#scrubbed(this.#arn, context.invokedFunctionArn);
    if (arn) base.function_arn = arn;
    if (context.memoryLimitInMB) base.function_memory_size = context.memoryLimitInMB;
    const name = this.#scrubbed(this.#name, context.functionName);
    if (name) base.function_name = name;
    if (context.awsRequestId) base.function_request_id = scrubSecrets(context.awsRequestId);
    base.sampling_rate = this.#settings.sampleRate;
    const trace = traceId();
    if (trace) base.xray_trace_id = scrubSecrets(trace);
    const tenant = (context as { tenantId?: string }).tenantId;
    if (tenant) base.tenant_id = scrubSecrets(tenant);
    return base;
  }

  /** `base` with a child logger's fields added (redacted now, once, not on every line). */
  extend(base: LineBase, fields: Record<string, unknown>): LineBase {
    return redactInto({ ...base }, this.#withoutReserved(fields));
  }

  /** One record as a line (newline included): level, message and timestamp first, then `base`, then the redacted fields. */
  line(levelName: string, message: string, base: LineBase, fields?: Record<string, unknown>): string {
    const record: Record<string, unknown> = { level: levelName, message: scrubSecrets(message), timestamp: isoTime(), ...base };
    if (fields) redactInto(record, this.#withoutReserved(fields));
    return `${this.#stringify(record)}\n`;
  }

  /** Writes one record: WARN and above to stderr, the rest to stdout. */
  write(level: number, levelName: string, message: string, base: LineBase, fields?: Record<string, unknown>): void {
    (level >= LEVELS.WARN ? this.#streams.stderr : this.#streams.stdout).write(this.line(levelName, message, base, fields));
  }

  /** Writes lines already made (an access line and its EMF documents) to stdout in one write: one system call, not one per line. */
  stdout(lines: string): void {
    if (lines) this.#streams.stdout.write(lines);
  }

  /** Writes a warning once per instance, however often its cause recurs. */
  warnOnce(message: string, base: LineBase = this.instanceBase): void {
    if (this.#warned.has(message)) return;
    this.#warned.add(message);
    this.write(LEVELS.WARN, 'WARN', message, base);
  }

  #stringify(record: Record<string, unknown>): string {
    const indent = this.#settings.indent;
    try {
      return indent ? JSON.stringify(record, null, indent) : JSON.stringify(record);
    } catch {
      // A BigInt (the only value redact() leaves that JSON cannot write): as its digits.
      return JSON.stringify(record, bigintSafe, indent || undefined);
    }
  }

  #withoutReserved(fields: Record<string, unknown>): Record<string, unknown> {
    let clean = fields;
    for (const key of RESERVED) {
      if (!(key in clean)) continue;
      if (clean === fields) clean = { ...fields };
      delete clean[key];
      this.warnOnce(`The key "${key}" is a reserved key and will be dropped.`);
    }
    return clean;
  }

  #scrubbed(memo: [string | undefined, unknown], value: string | undefined): unknown {
    if (memo[0] !== value) {
      memo[0] = value;
      memo[1] = value === undefined ? undefined : redact(value);
    }
    return memo[1];
  }
}

/** The core's Logger for one invocation: the invocation's members and threshold fixed, methods on the prototype. */
export class InvocationLogger implements Logger {
  readonly #writer: LogWriter;
  readonly #base: LineBase;
  readonly #threshold: number;

  constructor(writer: LogWriter, base: LineBase, threshold: number) {
    this.#writer = writer;
    this.#base = base;
    this.#threshold = threshold;
  }

  debug(message: string, fields?: Record<string, unknown>): void {
    if (LEVELS.DEBUG >= this.#threshold) this.#writer.write(LEVELS.DEBUG, 'DEBUG', message, this.#base, fields);
  }

  info(message: string, fields?: Record<string, unknown>): void {
    if (LEVELS.INFO >= this.#threshold) this.#writer.write(LEVELS.INFO, 'INFO', message, this.#base, fields);
  }

  warn(message: string, fields?: Record<string, unknown>): void {
    if (LEVELS.WARN >= this.#threshold) this.#writer.write(LEVELS.WARN, 'WARN', message, this.#base, fields);
  }

  error(message: string, fields?: Record<string, unknown>): void {
    if (LEVELS.ERROR >= this.#threshold) this.#writer.write(LEVELS.ERROR, 'ERROR', message, this.#base, fields);
  }

  /** The INFO line `info` would write, for the caller to write with others; '' under the threshold. */
  infoLine(message: string, fields?: Record<string, unknown>): string {
    return LEVELS.INFO >= this.#threshold ? this.#writer.line('INFO', message, this.#base, fields) : '';
  }

  child(fields: Record<string, unknown>): Logger {
    return new InvocationLogger(this.#writer, this.#writer.extend(this.#base, fields), this.#threshold);
  }
}
