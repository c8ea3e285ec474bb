/** Everything the tool needs from outside. Tests pass a fake fetch; the server builds this from the environment. */
export interface Dependencies {
  /** Injected so tests run offline against a fake service; the server uses the global fetch. */
  fetch: typeof fetch;
  /** Base of the dog facts API; the tool requests `<baseUrl>/facts?limit=N`. */
  baseUrl: string;
  /** How long one call to the service may take before the tool gives up with a clear error. */
  timeoutMs: number;
}

export const DEFAULT_DOG_FACTS_API_URL = 'https://dogapi.dog/api/v2';
export const DEFAULT_TIMEOUT_MS = 5_000;
/** Well under API Gateway's 29 s limit, so the tool's own message wins over a gateway timeout. */
const MAX_TIMEOUT_MS = 25_000;

/**
 * Reads DOG_FACTS_API_URL (default https://dogapi.dog/api/v2) and DOG_FACTS_TIMEOUT_MS (default 5000).
 * A bad value stops the server at start-up, naming the variable, rather than failing every call later.
 */
export function createDependencies(env: Readonly<Record<string, string | undefined>> = {}): Dependencies {
  const baseUrl = env.DOG_FACTS_API_URL || DEFAULT_DOG_FACTS_API_URL;
  if (!isHttpUrl(baseUrl)) throw new Error(`DOG_FACTS_API_URL must be an http(s) URL, got "${baseUrl}"`);
  const timeoutMs = env.DOG_FACTS_TIMEOUT_MS ? Number(env.DOG_FACTS_TIMEOUT_MS) : DEFAULT_TIMEOUT_MS;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > MAX_TIMEOUT_MS) {
    throw new Error(`DOG_FACTS_TIMEOUT_MS must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}, got "${env.DOG_FACTS_TIMEOUT_MS}"`);
  }
  // A wrapper rather than the bare global, so fetch is never called with a foreign `this`.
  return { fetch: (input, init) => globalThis.fetch(input, init), baseUrl, timeoutMs };
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
