/**
 * Removes secrets from log fields before they are written: values under sensitive key names at any depth
 * (a raw header map, a claims object, an error's `config.headers`), and secrets inside strings (an error
 * message quoting a URL with `?access_token=`, a `Bearer` value, a raw header list).
 */
const SENSITIVE_KEY = /authorization|cookie|token|secret|password|passwd|api[-_]?key|credential|signature|x-amz-security|jwt|private[-_]?key/i;
const SECRET_IN_TEXT = /(\b(?:bearer|basic)\s+)[\w.~+/=-]+|([?&;\s](?:access_token|id_token|refresh_token|token|api[-_]?key|key|secret|password|sig|signature)=)[^&\s"']+/gi;

/** `Bearer eyJ...` -> `Bearer [REDACTED]`; `?access_token=abc` -> `?access_token=[REDACTED]`. */
export const scrubSecrets = (text: string): string =>
  text.replace(SECRET_IN_TEXT, (_m, scheme?: string, param?: string) => `${scheme ?? param}${REDACTED}`);
const MAX_DEPTH = 6;

export const REDACTED = '[REDACTED]';

/** A list; in a raw header list (`['Authorization', 'Bearer x', ...]`) the value after a sensitive name goes too. */
function redactList(list: unknown[], depth: number): unknown[] {
  return list.map((v, i) => {
    const previous = list[i - 1];
    return typeof previous === 'string' && isSensitiveKey(previous) ? REDACTED : redact(v, depth + 1);
  });
}

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(key);
}

/** A copy of `value` with sensitive keys replaced; Errors become `{ name, message, stack, cause }`. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubSecrets(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[…]';
  if (value instanceof Error) {
    const out: Record<string, unknown> = { name: value.name, message: scrubSecrets(value.message), stack: value.stack && scrubSecrets(value.stack) };
    if (value.cause !== undefined) out.cause = redact(value.cause, depth + 1);
    for (const [k, v] of Object.entries(value)) out[k] = isSensitiveKey(k) ? REDACTED : redact(v, depth + 1);
    return out;
  }
  if (Array.isArray(value)) return redactList(value, depth);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = isSensitiveKey(k) ? REDACTED : redact(v, depth + 1);
  return out;
}
