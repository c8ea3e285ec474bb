/**
 * What the Lambda observers read from their options and the environment, resolved once per instance (cold
 * start): the environment is never read on the warm path. The knobs and their precedence are Powertools for
 * AWS Lambda's, so a function configured for Powertools behaves the same under the kit's own writer.
 */
export interface ObservabilityOptions {
  /** Service name on log lines and metrics. Default POWERTOOLS_SERVICE_NAME, else the function name. */
  serviceName?: string;
  /** CloudWatch namespace for the EMF metrics. Default POWERTOOLS_METRICS_NAMESPACE, else "MCP". */
  namespace?: string;
  /** One structured line per request (default on). The tools' ctx.log lines are written either way. */
  logs?: boolean;
  /** EMF metrics per tool and a cold-start metric (default on; POWERTOOLS_METRICS_DISABLED=true also stops them). */
  metrics?: boolean;
  /**
   * The lowest level written: TRACE, DEBUG, INFO, WARN, ERROR, CRITICAL or SILENT (any case). Default
   * POWERTOOLS_LOG_LEVEL, else LOG_LEVEL, else INFO. AWS_LAMBDA_LOG_LEVEL (Lambda's advanced logging
   * controls, which drop lower lines anyway) wins over all of them.
   */
  logLevel?: string;
  /** Share of invocations (0 to 1) whose lines are written from DEBUG up. Default POWERTOOLS_LOGGER_SAMPLE_RATE, else 0. */
  sampleRate?: number;
}

/** Powertools' level numbers: a line is written when its level is at least the threshold. */
export const LEVELS = { TRACE: 6, DEBUG: 8, INFO: 12, WARN: 16, ERROR: 20, CRITICAL: 24, SILENT: 28 } as const;
export type LevelName = keyof typeof LEVELS;

export interface ObserverSettings {
  service: string;
  namespace: string;
  accessLines: boolean;
  metrics: boolean;
  /** The level threshold (LEVELS) outside sampled invocations. */
  threshold: number;
  /** Set when AWS_LAMBDA_LOG_LEVEL fixes the level: sampling cannot lower it then. */
  lambdaLevel: LevelName | undefined;
  sampleRate: number;
  /** Lambda's on-demand initialisation: the only kind Powertools counts as a cold start (not provisioned concurrency). */
  countsColdStart: boolean;
  /** The ColdStart metric's function_name dimension, when POWERTOOLS_METRICS_FUNCTION_NAME overrides the context's. */
  coldStartFunctionName: string | undefined;
  /** POWERTOOLS_DEV: lines indented for reading (4 spaces), as Powertools does. */
  indent: number;
  /** What was wrong with the configuration, written once as WARN lines by the observer. */
  warnings: string[];
}

type Env = Record<string, string | undefined>;

const TRUTHY = new Set(['1', 'y', 'yes', 't', 'true', 'on']);
const FALSY = new Set(['0', 'n', 'no', 'f', 'false', 'off']);

/** Powertools' extended boolean: undefined when unset or unrecognised. */
function flag(env: Env, name: string): boolean | undefined {
  const v = env[name]?.trim().toLowerCase();
  return v === undefined ? undefined : TRUTHY.has(v) ? true : FALSY.has(v) ? false : undefined;
}

const text = (env: Env, name: string): string | undefined => env[name]?.trim() || undefined;

/** A level name in any case (also Lambda's FATAL and the common WARNING), or undefined. */
export function levelName(value: string | undefined): LevelName | undefined {
  const v = value?.trim().toUpperCase();
  if (!v) return undefined;
  const name = v === 'FATAL' ? 'CRITICAL' : v === 'WARNING' ? 'WARN' : v;
  return name in LEVELS ? (name as LevelName) : undefined;
}

export function observabilitySettings(options: ObservabilityOptions = {}, env: Env = process.env): ObserverSettings {
  const warnings: string[] = [];
  const dev = flag(env, 'POWERTOOLS_DEV') === true;
  const lambdaLevel = levelName(env.AWS_LAMBDA_LOG_LEVEL);
  const chosenRaw = options.logLevel ?? (text(env, 'POWERTOOLS_LOG_LEVEL') || text(env, 'LOG_LEVEL'));
  const chosen = levelName(chosenRaw);
  if (chosenRaw !== undefined && chosen === undefined) warnings.push(`Unknown log level "${chosenRaw}": INFO is used.`);
  if (lambdaLevel && chosen && LEVELS[chosen] < LEVELS[lambdaLevel]) {
    warnings.push(
      `Current log level (${chosen}) does not match AWS Lambda Advanced Logging Controls minimum log level (${lambdaLevel}). ` +
        'This can lead to data loss, consider adjusting them.',
    );
  }
  const rawRate = options.sampleRate ?? (env.POWERTOOLS_LOGGER_SAMPLE_RATE?.trim() ? Number(env.POWERTOOLS_LOGGER_SAMPLE_RATE) : 0);
  const sampleRate = Number.isFinite(rawRate) && rawRate >= 0 && rawRate <= 1 ? rawRate : 0;
  if (sampleRate !== rawRate) warnings.push(`The log sample rate must be a number from 0 to 1, not ${String(rawRate)}: sampling is off.`);
  const metricsDisabled = flag(env, 'POWERTOOLS_METRICS_DISABLED') ?? dev;
  return {
    service: options.serviceName || text(env, 'POWERTOOLS_SERVICE_NAME') || text(env, 'AWS_LAMBDA_FUNCTION_NAME') || 'mcp-server',
    namespace: options.namespace || text(env, 'POWERTOOLS_METRICS_NAMESPACE') || 'MCP',
    accessLines: options.logs !== false,
    metrics: options.metrics !== false && !metricsDisabled,
    threshold: LEVELS[lambdaLevel ?? chosen ?? 'INFO'],
    lambdaLevel,
    sampleRate,
    countsColdStart: env.AWS_LAMBDA_INITIALIZATION_TYPE?.trim() === 'on-demand',
    coldStartFunctionName: text(env, 'POWERTOOLS_METRICS_FUNCTION_NAME'),
    indent: dev ? 4 : 0,
    warnings,
  };
}
