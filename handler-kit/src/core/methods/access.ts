import type { Call, ServerState } from '../call.ts';
import { ProtocolError } from '../errors.ts';
import { FORBIDDEN, UNAUTHORIZED } from '../jsonrpc.ts';
import { missingScopes } from '../scopes.ts';

/** Whether the caller holds every scope a definition declares (lists show only what it may use). */
export const mayUse = (call: Call, server: ServerState, scopes: readonly string[]): boolean =>
  missingScopes(call.auth, scopes, server.scopePolicy).length === 0;

/**
 * Throws when the caller lacks a definition's scopes: FORBIDDEN (insufficient_scope, so the client can
 * step up, RFC 6750), or UNAUTHORIZED when it sent no credentials at all. The error names the scopes the
 * definition declares; the HTTP layer turns it into 403/401 with the challenge (http/answers.ts).
 */
export function requireScopes(call: Call, server: ServerState, what: string, scopes: readonly string[]): void {
  const missing = missingScopes(call.auth, scopes, server.scopePolicy);
  if (missing.length === 0) return;
  const anonymous = !call.auth;
  throw new ProtocolError(
    anonymous ? UNAUTHORIZED : FORBIDDEN,
    anonymous ? `Unauthorized: ${what} needs a bearer token with ${missing.join(' ')}` : `Insufficient scope: ${what} requires ${missing.join(' ')}`,
    { requiredScopes: [...scopes] },
  );
}
