import type { AuthInfo } from './context.ts';

/**
 * Scope checks. A tool declares the scopes it needs in one place (its definition); listing, calling, the
 * 403 challenge and the build manifest all derive from that.
 *
 * Hierarchy (the 2026-07-28 revision asks servers to honour it): a granted scope also grants every scope
 * below it in `:`-separated segments, so `tasks` grants `tasks:read`. A configured `scopePrefix` (Cognito
 * prefixes resource-server scopes with the server's identifier, `https://mcp.example.com/tasks:read`) is
 * stripped from granted scopes before comparing.
 */
export interface ScopePolicy {
  /**
   * Whether scopes apply at all. On when the server is configured for authentication (auth options, or
   * the infrastructure's MCP_* settings): every caller then needs the scopes, and an anonymous one holds
   * none. Off for a local server with no authentication configured: every tool is usable by everyone,
   * whether or not a request carries credentials (one rule for all callers).
   */
  enforce?: boolean | undefined;
  /** Stripped from the front of each granted scope, e.g. a Cognito resource-server identifier plus `/`. */
  scopePrefix?: string | undefined;
  /** Granted scopes that allow everything (e.g. a server-wide scope). */
  fullAccessScopes?: readonly string[] | undefined;
}

/** A blank scope (empty or whitespace) grants nothing, not even a blank requirement. */
export function grants(granted: string, required: string): boolean {
  if (granted.trim() === '') return false;
  return granted === required || (required.startsWith(granted) && required[granted.length] === ':');
}

/** The scopes of `required` the caller does not hold (empty: allowed). */
export function missingScopes(auth: AuthInfo | undefined, required: readonly string[], policy: ScopePolicy): string[] {
  if (required.length === 0 || !policy.enforce) return [];
  if (!auth) return [...required];
  const prefix = policy.scopePrefix;
  const held = prefix ? auth.scopes.map((s) => (s.startsWith(prefix) ? s.slice(prefix.length) : s)) : auth.scopes;
  if (policy.fullAccessScopes?.some((s) => s.trim() !== '' && held.includes(s))) return [];
  return required.filter((need) => !held.some((have) => grants(have, need)));
}

const quote = (value: string): string => value.replace(/[\\"]/g, (c) => `\\${c}`);

/** RFC 6750 challenge: `Bearer error="insufficient_scope", scope="a b", resource_metadata="..."`. */
export function bearerChallenge(params: {
  error?: 'invalid_token' | 'insufficient_scope' | undefined;
  scopes?: readonly string[];
  resourceMetadataUrl?: string | undefined;
  description?: string;
}): string {
  const parts: string[] = [];
  if (params.error) parts.push(`error="${params.error}"`);
  if (params.description) parts.push(`error_description="${quote(params.description)}"`);
  if (params.scopes?.length) parts.push(`scope="${quote(params.scopes.join(' '))}"`);
  if (params.resourceMetadataUrl) parts.push(`resource_metadata="${quote(params.resourceMetadataUrl)}"`);
  return parts.length ? `Bearer ${parts.join(', ')}` : 'Bearer';
}
