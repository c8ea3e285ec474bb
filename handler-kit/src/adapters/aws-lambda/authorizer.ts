import type { AuthInfo } from '../../core/context.ts';

/**
 * Who API Gateway says is calling, as the core's AuthInfo. API Gateway has already verified the token
 * (Cognito or JWT authorizer) or run the Lambda authorizer; this only reads what it passes on.
 *
 * - REST Cognito user-pool authorizer: `authorizer.claims`, every claim a string, `scope` space-separated.
 * - REST Lambda authorizer: `authorizer.principalId` plus the context keys it returned (strings, numbers, booleans).
 * - HTTP API JWT authorizer: `authorizer.jwt.claims` and `authorizer.jwt.scopes`.
 * - HTTP API Lambda authorizer: `authorizer.lambda` (the returned context).
 * - Function URL with IAM auth: `authorizer.iam` (caller ARN and ids).
 */
type Claims = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);

/** Space-separated (OAuth), comma-separated (some Lambda authorizers) or an array. */
function scopesOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((s): s is string => typeof s === 'string');
  if (typeof value !== 'string') return [];
  return value.split(/[\s,]+/).filter(Boolean);
}

function fromClaims(claims: Claims, scopes?: unknown): AuthInfo {
  const auth: AuthInfo = {
    scopes: scopesOf(scopes ?? claims.scope ?? claims.scp ?? claims.scopes),
    claims,
  };
  const subject = str(claims.sub) ?? str(claims.principalId) ?? str(claims.userArn);
  const clientId = str(claims.client_id) ?? str(claims.clientId) ?? str(claims.azp) ?? str(claims.aud);
  if (subject) auth.subject = subject;
  if (clientId) auth.clientId = clientId;
  return auth;
}

const isRecord = (v: unknown): v is Claims => typeof v === 'object' && v !== null && !Array.isArray(v);

/** REST (payload 1.0) `requestContext.authorizer`. */
export function authFromRestAuthorizer(authorizer: unknown): AuthInfo | undefined {
  if (!isRecord(authorizer)) return undefined;
  if (isRecord(authorizer.claims)) return fromClaims(authorizer.claims);
  const { principalId, integrationLatency: _latency, ...context } = authorizer;
  if (principalId === undefined && Object.keys(context).length === 0) return undefined;
  return fromClaims({ ...context, ...(principalId !== undefined ? { principalId } : {}) });
}

/** HTTP API and Function URL (payload 2.0) `requestContext.authorizer`. */
export function authFromV2Authorizer(authorizer: unknown): AuthInfo | undefined {
  if (!isRecord(authorizer)) return undefined;
  if (isRecord(authorizer.jwt) && isRecord(authorizer.jwt.claims)) return fromClaims(authorizer.jwt.claims, authorizer.jwt.scopes ?? undefined);
  if (isRecord(authorizer.lambda)) return fromClaims(authorizer.lambda);
  if (isRecord(authorizer.iam)) return fromClaims({ ...authorizer.iam, sub: authorizer.iam.userArn ?? authorizer.iam.callerId });
  return undefined;
}
