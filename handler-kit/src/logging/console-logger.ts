import type { LogLevel, Logger } from '../core/context.ts';
import { redact } from './redact.ts';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function parseLogLevel(value: string | undefined, fallback: LogLevel = 'info'): LogLevel {
  const v = value?.toLowerCase();
  if (v === 'warning') return 'warn';
  return v && v in RANK ? (v as LogLevel) : fallback;
}

export interface ConsoleLoggerOptions {
  level?: LogLevel;
  /** Fields on every line (service name...). */
  fields?: Record<string, unknown>;
  /** Where lines go; default process stdout/stderr through console. */
  write?: (line: string, level: LogLevel) => void;
}

const defaultWrite = (line: string, level: LogLevel): void => {
  if (level === 'error' || level === 'warn') console.error(line);
  else console.log(line);
};

/** One JSON object per line, secrets redacted: readable by CloudWatch Logs Insights and by jq. */
export function createConsoleLogger(options: ConsoleLoggerOptions = {}): Logger {
  const min = RANK[options.level ?? 'info'];
  const write = options.write ?? defaultWrite;
  const base = options.fields ?? {};
  const make = (bound: Record<string, unknown>): Logger => {
    const emit = (level: LogLevel, message: string, fields?: Record<string, unknown>): void => {
      if (RANK[level] < min) return;
      const record = redact({ level, time: new Date().toISOString(), message, ...bound, ...fields });
      write(JSON.stringify(record), level);
    };
    return {
      debug: (m, f) => emit('debug', m, f),
      info: (m, f) => emit('info', m, f),
      warn: (m, f) => emit('warn', m, f),
      error: (m, f) => emit('error', m, f),
      child: (fields) => make({ ...bound, ...fields }),
    };
  };
  return make(base);
}
