/**
 * The part of RFC 6570 resource templates use: `{var}` (one segment, no `/`, `?`, `#`) and `{+var}`
 * (reserved expansion: anything). Enough to match a concrete URI back to its template. A URI whose
 * decoded variables could traverse (see isTraversal) does not match: it is an unknown resource.
 */
export interface UriTemplate {
  readonly variables: readonly string[];
  match(uri: string): Record<string, string> | undefined;
}

const EXPRESSION = /\{(\+?)([A-Za-z0-9_]+)\}/g;
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Longer URIs are not matched: a backtracking match of a hostile URI must stay cheap. */
const MAX_URI = 2048;

/** A backslash, NUL or any other control character (C0, DEL, C1). */
const UNSAFE_CHAR = /[\\\u0000-\u001f\u007f-\u009f]/;

/**
 * Whether a decoded variable could walk out of wherever a handler maps it (a directory, a key prefix):
 * `.` or `..` as a whole segment (`..`, `a/../b`, `./x`), a backslash, a NUL or another control character.
 * Checked after decoding, so `%2e%2e` and `%5c` are caught as well.
 */
export function isTraversal(value: string): boolean {
  if (UNSAFE_CHAR.test(value)) return true;
  return value.split('/').some((segment) => segment === '.' || segment === '..');
}

export function compileUriTemplate(template: string): UriTemplate {
  const variables: string[] = [];
  const reserved: boolean[] = [];
  let pattern = '^';
  let last = 0;
  for (const m of template.matchAll(EXPRESSION)) {
    if (variables.length && m.index === last) {
      throw new TypeError(`resource template "${template}": variables need a literal between them`);
    }
    pattern += escapeRegExp(template.slice(last, m.index));
    pattern += m[1] === '+' ? '(.+?)' : '([^/?#]+)';
    variables.push(m[2]!);
    reserved.push(m[1] === '+');
    last = m.index! + m[0].length;
  }
  pattern += `${escapeRegExp(template.slice(last))}$`;
  const regex = new RegExp(pattern);
  return {
    variables,
    match(uri) {
      const m = uri.length <= MAX_URI ? regex.exec(uri) : null;
      if (!m) return undefined;
      const values: Record<string, string> = {};
      for (const [i, name] of variables.entries()) {
        let value: string;
        try {
          value = decodeURIComponent(m[i + 1]!);
        } catch {
          return undefined;
        }
        // `{name}` is one segment: an encoded `/` must not smuggle in a path (../../etc/passwd).
        if (!reserved[i] && value.includes('/')) return undefined;
        if (isTraversal(value)) return undefined;
        values[name] = value;
      }
      return values;
    },
  };
}
