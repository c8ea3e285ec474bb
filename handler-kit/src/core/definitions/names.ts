/** Checks made when a server is defined, so a mistake fails at start-up rather than in a client. */

const TOOL_NAME = /^[A-Za-z0-9_.-]{1,128}$/;
const SCOPE = /^[\x21\x23-\x5B\x5D-\x7E]+$/; // RFC 6749 scope-token: visible ASCII except " and \

export function assertName(kind: string, name: string): void {
  if (typeof name !== 'string' || !TOOL_NAME.test(name)) {
    throw new TypeError(`${kind} name "${name}" must be 1 to 128 characters of A-Z a-z 0-9 _ - .`);
  }
}

export function assertScopes(owner: string, scopes: readonly string[] | undefined): readonly string[] {
  if (!scopes) return [];
  for (const scope of scopes) {
    if (typeof scope !== 'string' || !SCOPE.test(scope)) {
      throw new TypeError(`"${owner}": scope "${scope}" is not a valid OAuth scope token`);
    }
  }
  return Object.freeze([...new Set(scopes)]);
}

/** Fails on two definitions with the same key (tool name, resource URI, prompt name). */
export function assertUnique<T>(kind: string, items: readonly T[], key: (item: T) => string): Map<string, T> {
  const byKey = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    if (byKey.has(k)) throw new TypeError(`two ${kind}s are named "${k}"`);
    byKey.set(k, item);
  }
  return byKey;
}
