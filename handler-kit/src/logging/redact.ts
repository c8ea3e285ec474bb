/**
 * Removes secrets from log fields before they are written. Matching is by key name, at any depth, so a
 * raw header map, a claims object or an error's `config.headers` are all covered.
 */
const SENSITIVE_KEY = /authorization|cookie|token|secret|password|passwd|api[-_]?key|credential|signature|x-amz-security/i;
const MAX_DEPTH = 6;

export const REDACTED = '[REDACTED]';

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(key);
}

/** A copy of `value` with sensitive keys replaced; Errors become `{ name, message, stack, cause }`. */
export function redact(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[…]';
  if (value instanceof Error) {
    const out: Record<string, unknown> = { name: value.name, message: value.message, stack: value.stack };
    if (value.cause !== undefined) out.cause = redact(value.cause, depth + 1);
    for (const [k, v] of Object.entries(value)) out[k] = isSensitiveKey(k) ? REDACTED : redact(v, depth + 1);
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = isSensitiveKey(k) ? REDACTED : redact(v, depth + 1);
  return out;
}
