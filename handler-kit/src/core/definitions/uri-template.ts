/**
 * The part of RFC 6570 resource templates use: `{var}` (one segment, no `/`, `?`, `#`) and `{+var}`
 * (reserved expansion: anything). Enough to match a concrete URI back to its template.
 */
export interface UriTemplate {
  readonly variables: readonly string[];
  match(uri: string): Record<string, string> | undefined;
}

const EXPRESSION = /\{(\+?)([A-Za-z0-9_]+)\}/g;
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function compileUriTemplate(template: string): UriTemplate {
  const variables: string[] = [];
  let pattern = '^';
  let last = 0;
  for (const m of template.matchAll(EXPRESSION)) {
    pattern += escapeRegExp(template.slice(last, m.index));
    pattern += m[1] === '+' ? '(.+?)' : '([^/?#]+)';
    variables.push(m[2]!);
    last = m.index! + m[0].length;
  }
  pattern += `${escapeRegExp(template.slice(last))}$`;
  const regex = new RegExp(pattern);
  return {
    variables,
    match(uri) {
      const m = regex.exec(uri);
      if (!m) return undefined;
      const values: Record<string, string> = {};
      variables.forEach((name, i) => {
        const raw = m[i + 1]!;
        try {
          values[name] = decodeURIComponent(raw);
        } catch {
          values[name] = raw;
        }
      });
      return values;
    },
  };
}
