/**
 * Removes secrets from log fields before they are written: values under sensitive key names at any depth
 * (a raw header map, a claims object, an error's `config.headers`), and secrets inside any string (an error
 * message quoting a URL with `?access_token=`, a `Bearer` value, a bare JWT, an AWS access key id, a
 * `Cookie:` or `X-Api-Key:` header line, a DSN password, a `"password": "..."` inside JSON text). Strings
 * are also cut to MAX_LOGGED_STRING characters, so no caller can turn one request into a huge log line.
 */
/** Key names whose values are secrets, wherever they appear (exported for the PLAIN_KEYS test). */
export const SENSITIVE_KEY =
  /authorization|cookie|token|secret|password|passwd|api[-_]?key|credential|signature|x-amz-security|jwt|private[-_]?key|(?:^|[-_.])auth(?:$|[-_.])/i;

export const REDACTED = '[REDACTED]';
/** Longest string written to a log line, in characters (stacks and messages included). */
export const MAX_LOGGED_STRING = 4096;

/** A header line quoted in text (`Cookie: a=1; b=2`, `X-Api-Key: k`): the value goes, to the end of the line. */
const HEADER_LINE =
  /(\b(?:proxy-)?authorization|\b(?:set-)?cookie|\bx-api-key|\bapi-key|\bx-amz-security-token|\bx-[\w-]{0,40}auth[\w-]{0,40}|\b[\w-]{0,40}-token)(\s*:\s*)[^\r\n"]+/gi;
/** An auth scheme and its credentials: `Bearer eyJ...`, `Basic dXNlcjpw`. */
const SCHEME = /(\b(?:bearer|basic)\s+)[\w.~+/=-]+/gi;
/** A sensitive name in text (name parts are bounded: no quadratic matching on hostile text). */
const SECRET_NAME =
  String.raw`(\b[\w.-]{0,40}?(?:password|passwd|pwd|secret|token|api[-_]?key|apikey|access[-_]?key|private[-_]?key|credential|signature|authorization|cookie)[\w.-]{0,40}|\b(?:key|sig)\b|[?&]code)`;
/** `"client_secret": "s p a c e s"`, also with escaped quotes (JSON inside JSON): the whole quoted value goes. */
const NAMED_QUOTED = new RegExp(String.raw`${SECRET_NAME}(\\?["']?\s*[:=]\s*\\?["'])(?!\[REDACTED\])[^"'\\]{1,2000}`, 'gi');
/** `password=p`, `api_key: k`, `?sig=`, `?code=`: the value up to the next separator. */
const NAMED_VALUE = new RegExp(String.raw`${SECRET_NAME}(\\?["']?\s*[:=]\s*)(?!\[REDACTED\])([^"'\\&\s,;}\]]+)`, 'gi');
/** A JWT or its first two segments (a cut log line may have lost the signature). */
const JWT = /\beyJ[\w-]{2,}\.[\w-]{2,}(?:\.[\w-]*)?/g;
/** AWS access key ids (long-term AKIA, temporary ASIA, and the other IAM unique-id prefixes). */
const AWS_KEY_ID = /\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|AROA|APKA|ASCA)[A-Z0-9]{16}\b/g;
/** A password in a URL or DSN: `postgres://user:password@host`. */
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]{0,30}:\/\/[^\s:/?#@"']{0,100}:)[^\s@/"']{1,1000}(@)/gi;
/**
 * Cheap first look: every shape above needs one of these words, so a string with none of them cannot hold
 * a secret and skips the seven patterns (and their compilation, which is the larger part of a cold start's
 * first log line: a function ARN is full of `:` but names no secret). What each pattern cannot match without:
 * HEADER_LINE auth, cookie, key or token; SCHEME bearer or basic; NAMED_* a SECRET_NAME (pass, pwd,
 * secret, token, key, credential, sig, auth, cookie, code); JWT eyJ; AWS_KEY_ID its prefixes; URL_PASSWORD
 * `://`. scrubEverything() is the same without this look; a test holds the two equal.
 */
const SUSPECT = /eyJ|bearer|basic|:\/\/|pass|pwd|secret|token|key|sig|code|credential|auth|cookie|A(?:KIA|SIA|BIA|CCA|GPA|IDA|IPA|NPA|NVA|ROA|PKA|SCA)/i;

/** `Bearer eyJ...` -> `Bearer [REDACTED]`; `?access_token=abc` -> `?access_token=[REDACTED]`; and the shapes above. */
export function scrubSecrets(text: string): string {
  const cut = text.length > MAX_LOGGED_STRING ? `${text.slice(0, MAX_LOGGED_STRING)}…(cut from ${text.length} chars)` : text;
  return SUSPECT.test(cut) ? scrubEverything(cut) : cut;
}

/** Every pattern, on any text (scrubSecrets without its first look; exported for the test holding them equal). */
export function scrubEverything(cut: string): string {
  return cut
    .replace(HEADER_LINE, (_m, name: string, sep: string) => `${name}${sep}${REDACTED}`)
    .replace(SCHEME, (_m, scheme: string) => `${scheme}${REDACTED}`)
    .replace(NAMED_QUOTED, (_m, name: string, sep: string) => `${name}${sep}${REDACTED}`)
    .replace(NAMED_VALUE, (_m, name: string, sep: string) => `${name}${sep}${REDACTED}`)
    .replace(JWT, REDACTED)
    .replace(AWS_KEY_ID, REDACTED)
    .replace(URL_PASSWORD, (_m, head: string, at: string) => `${head}${REDACTED}${at}`);
}
const MAX_DEPTH = 6;
/** Most items of one array, or keys of one object, written to a log line. */
const MAX_ITEMS = 100;

/** A list; in a raw header list (`['Authorization', 'Bearer x', ...]`) the value after a sensitive name goes too. */
function redactList(list: unknown[], depth: number): unknown[] {
  const out = list.slice(0, MAX_ITEMS).map((v, i) => {
    const previous = list[i - 1];
    return typeof previous === 'string' && isSensitiveKey(previous) ? REDACTED : redact(v, depth + 1);
  });
  if (list.length > MAX_ITEMS) out.push(`…(${list.length - MAX_ITEMS} more)`);
  return out;
}

/** The own enumerable members of `source`, redacted, into `out` (keys, not entries: no pair per member on a hot path). */
function redactEntries(source: object, out: Record<string, unknown>, depth: number): Record<string, unknown> {
  const keys = Object.keys(source);
  const n = Math.min(keys.length, MAX_ITEMS);
  for (let i = 0; i < n; i++) {
    const k = keys[i]!;
    out[k] = isSensitiveKey(k) ? REDACTED : redact((source as Record<string, unknown>)[k], depth + 1);
  }
  if (keys.length > MAX_ITEMS) out['…'] = `${keys.length - MAX_ITEMS} more keys`;
  return out;
}

/**
 * Copies `fields` into `out`, redacted as `redact(fields)` would (same depth and key limits), without the
 * intermediate copy: for a writer assembling one log record from fixed members and a caller's fields.
 */
export function redactInto(out: Record<string, unknown>, fields: Record<string, unknown>): Record<string, unknown> {
  return redactEntries(fields, out, 0);
}

/**
 * Names no secret hides under: the access line's fields (adapters/aws-lambda/observability/request-summary.ts).
 * Looked up before SENSITIVE_KEY runs, so a cold start's first line does not compile that pattern (0.24 ms of
 * a 2 ms first request, in peerbench's cold driver) and no warm line runs it on a name of the kit's own.
 * A test holds that none of them matches SENSITIVE_KEY and that the access line has no other.
 */
export const PLAIN_KEYS: ReadonlySet<string> = new Set([
  'event', 'apiRequestId', 'status', 'durationMs', 'coldStart', 'rpcId', 'method', 'tool', 'outcome', 'errorCode', 'era', 'streamed', 'batch',
]);

export function isSensitiveKey(key: string): boolean {
  return !PLAIN_KEYS.has(key) && SENSITIVE_KEY.test(key);
}

/** A copy of `value` with sensitive keys replaced; Errors become `{ name, message, stack, cause }`. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubSecrets(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[…]';
  if (value instanceof Error) {
    const out: Record<string, unknown> = { name: value.name, message: scrubSecrets(value.message), stack: value.stack && scrubSecrets(value.stack) };
    if (value.cause !== undefined) out.cause = redact(value.cause, depth + 1);
    return redactEntries(value, out, depth);
  }
  if (Array.isArray(value)) return redactList(value, depth);
  return redactEntries(value, {}, depth);
}
