import type { CacheHint, Call } from '../call.ts';

/**
 * 2026-07-28 list and read results carry `ttlMs` and `cacheScope`. A list filtered by the caller's scopes
 * differs per caller, so it is never `public` then.
 */
export function withCache<T extends Record<string, unknown>>(call: Call, result: T, hint: CacheHint): T {
  if (call.era !== 'modern') return result;
  const scope = call.auth ? 'private' : hint.cacheScope;
  return { ...result, ttlMs: hint.ttlMs, cacheScope: scope };
}
