/**
 * The bounds every request is held to, so no caller can make one request cost unbounded work: nesting
 * depth (stringify, validation and hashing recurse on it), batch length, answer size, and the length of
 * caller text that reaches a log line. Each is a documented default the server's options can change.
 */
export interface Limits {
  /** Deepest JSON nesting a body may have (objects and arrays count one level each). */
  maxJsonDepth: number;
  /** Most messages in one 2025-03-26 JSON-RPC batch. */
  maxBatchMessages: number;
  /** Largest answer body in bytes (UTF-8); a larger result becomes a -32603 error saying so. */
  maxResponseBytes: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxJsonDepth: 64,
  maxBatchMessages: 50,
  maxResponseBytes: 4 * 1024 * 1024,
});

/** Stands in, in logs and metrics, for a name or method the server does not have (the caller's text). */
export const UNREGISTERED = '(unregistered)';

/** Longest caller-supplied id, name or URI written to a log line, in characters. */
export const MAX_LOGGED_TEXT = 64;

/** Caller text for a log line: cut to MAX_LOGGED_TEXT characters, with a marker saying it was cut. */
export function forLog(value: string | number | null | undefined): string | number | null | undefined {
  if (typeof value !== 'string' || value.length <= MAX_LOGGED_TEXT) return value;
  return `${value.slice(0, MAX_LOGGED_TEXT)}…(${value.length} chars)`;
}

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Whether JSON text nests deeper than `max`, found by one pass over the text without parsing or
 * recursing (so it is safe on any input, valid JSON or not). Brackets inside strings do not count.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > max) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

/** UTF-8 length of `text`, counted without encoding it (lone surrogates count as U+FFFD, 3 bytes). */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2; // a pair: 2 UTF-16 units, 4 bytes
      i++;
    } else bytes += 2;
  }
  return bytes;
}
