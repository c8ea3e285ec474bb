/**
 * 2026-07-28 request headers (SEP-2243): values that cannot travel as plain header text are sent as
 * `=?base64?<base64 of UTF-8>?=`. Values are trimmed of optional whitespace first (RFC 9110).
 */
const SENTINEL = /^=\?base64\?(.*)\?=$/s;
const CANONICAL_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
let decoder: TextDecoder | undefined;

/** The decoded header value; undefined when absent; null when the encoding is invalid. */
export function decodeHeaderValue(raw: string | undefined): string | undefined | null {
  if (raw === undefined) return undefined;
  const value = raw.replace(/^[ \t]+|[ \t]+$/g, '');
  const m = SENTINEL.exec(value);
  if (!m) return value;
  const payload = m[1]!;
  if (!CANONICAL_BASE64.test(payload)) return null;
  try {
    decoder ??= new TextDecoder('utf-8', { fatal: true });
    return decoder.decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}
