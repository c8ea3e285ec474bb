import type { Call, ServerState } from '../call.ts';
import { ProtocolError } from '../errors.ts';
import { FORBIDDEN, UNAUTHORIZED } from '../jsonrpc.ts';
import { bearerChallenge, missingScopes } from '../scopes.ts';

/** Whether the caller holds every scope a definition declares (lists show only what it may use). */
export const mayUse = (call: Call, server: ServerState, scopes: readonly string[]): boolean =>
  missingScopes(call.auth, scopes, server.scopePolicy).length === 0;

/**
 * Throws the challenge a client acts on when the caller lacks a definition's scopes: 403
 * insufficient_scope to step up (RFC 6750), or 401 when it sent no credentials at all. Scopes are named
 * as the authorization server knows them (Cognito: `<resource server>/<scope>`), so the client can ask
 * for exactly those.
 */
export function requireScopes(call: Call, server: ServerState, what: string, scopes: readonly string[]): void {
  const missing = missingScopes(call.auth, scopes, server.scopePolicy);
  if (missing.length === 0) return;
  const anonymous = !call.auth;
  const prefix = server.scopePolicy.scopePrefix ?? '';
  const challenge = bearerChallenge({
    error: anonymous ? undefined : 'insufficient_scope',
    scopes: scopes.map((s) => prefix + s),
    resourceMetadataUrl: server.resourceMetadataUrl,
  });
  throw new ProtocolError(
    anonymous ? UNAUTHORIZED : FORBIDDEN,
    anonymous ? `Unauthorized: ${what} needs a bearer token with ${missing.join(' ')}` : `Insufficient scope: ${what} requires ${missing.join(' ')}`,
    { requiredScopes: [...scopes] },
    anonymous ? 401 : 403,
    { 'www-authenticate': challenge },
  );
}
