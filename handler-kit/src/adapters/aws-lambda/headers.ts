/**
 * API Gateway REST delivers headers twice: `headers` (last value of each) and `multiValueHeaders` (all
 * values). Merged here case-insensitively into the core's form: lower-case names, repeats joined by ", ".
 * This runs on every request, so it makes one pass over `headers` and reads `multiValueHeaders` only for
 * names that really repeat; lower-cased names are remembered (clients send the same few names).
 */
const LOWER = new Map<string, string>();
const LOWER_CACHE_LIMIT = 512;

function lower(name: string): string {
  let l = LOWER.get(name);
  if (l === undefined) {
    l = name.toLowerCase();
    if (LOWER.size < LOWER_CACHE_LIMIT) LOWER.set(name, l);
  }
  return l;
}

export function mergeHeaders(
  single: Record<string, string | undefined> | null | undefined,
  multi?: Record<string, string[] | undefined> | null,
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  if (single) {
    for (const name in single) {
      const value = single[name];
      if (value !== undefined && value !== null) out[lower(name)] = value;
    }
  }
  if (multi) {
    for (const name in multi) {
      const values = multi[name];
      if (values && (values.length > 1 || (values.length === 1 && !single?.[name]))) out[lower(name)] = values.join(', ');
    }
  }
  return out;
}

/** The body as text: API Gateway base64-encodes bodies it considers binary. */
export function decodeBody(body: string | null | undefined, isBase64Encoded: boolean | undefined): string {
  if (!body) return '';
  return isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
}
