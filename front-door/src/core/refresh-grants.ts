import { UpstreamError, type UpstreamTokens } from '../ports/upstream.ts';
import type { Deps } from './context.ts';
import { json, oauthError, type FrontDoorResponse } from './http.ts';
import { hashOf, randomToken, sameSecret } from './secrets.ts';

/**
 * The front door's refresh tokens. A token is `<family>.<secret>`: the family names one sign-in's grant
 * (item `refresh#<family>`, holding the upstream refresh token, the client it is bound to and the hash of
 * the current secret). Each refresh rotates the secret; presenting an old one (a stolen token used after
 * the client refreshed), or replaying the code the family came from, revokes the whole family.
 */
interface RefreshGrant {
  clientId: string;
  granted: string[];
  subject: string;
  upstreamRefresh: string;
  secretHash: string;
  /** The secret this one replaced, and when: the same client refreshing twice at once is not a theft. */
  previous?: { secretHash: string; rotatedAt: number };
}

/** How long the secret a refresh replaced is refused without ending the family (parallel requests that all got a 401). */
const REUSE_GRACE_MS = 60_000;

const familyKey = (family: string) => `refresh#${family}`;
const invalidGrant = (description: string) => oauthError(400, 'invalid_grant', description);

function parse(token: string): { family: string; secret: string } | undefined {
  const m = /^([\w-]{43})\.([\w-]{43})$/.exec(token);
  return m ? { family: m[1]!, secret: m[2]! } : undefined;
}

/** The token response: the upstream's access token as it is, and a refresh token of the front door's own. */
export async function issueTokens(
  deps: Deps,
  clientId: string,
  granted: string[],
  tokens: UpstreamTokens,
  family = randomToken(),
  replaced?: string,
): Promise<{ response: FrontDoorResponse; family?: string }> {
  const body: Record<string, unknown> = {
    access_token: tokens.accessToken,
    token_type: 'Bearer',
    scope: granted.join(' '),
    ...(tokens.expiresIn !== undefined ? { expires_in: tokens.expiresIn } : {}),
  };
  if (!tokens.refreshToken) return { response: json(200, body) };
  const secret = randomToken();
  const grant: RefreshGrant = {
    clientId,
    granted,
    subject: tokens.subject,
    upstreamRefresh: tokens.refreshToken,
    secretHash: hashOf(secret),
    ...(replaced ? { previous: { secretHash: replaced, rotatedAt: deps.now() } } : {}),
  };
  await deps.store.put(familyKey(family), grant, deps.now() + deps.config.refreshTtlMs);
  body.refresh_token = `${family}.${secret}`;
  return { response: json(200, body), family };
}

/** Ends a family: its item goes, and the upstream refresh token it held is revoked. */
export async function revokeFamily(deps: Deps, family: string): Promise<string | undefined> {
  const grant = await deps.store.take<RefreshGrant>(familyKey(family));
  if (!grant) return undefined;
  await deps.upstream.revoke(grant.upstreamRefresh).catch((err: unknown) =>
    deps.logger.warn('revoke', { clientId: grant.clientId, outcome: 'upstream_revoke_failed', error: err instanceof Error ? err.message : String(err) }),
  );
  return grant.clientId;
}

/** grant_type=refresh_token. */
export async function refresh(form: URLSearchParams, clientId: string, deps: Deps): Promise<FrontDoorResponse> {
  const { store, logger } = deps;
  const log = (outcome: string, reason?: string) => logger.info('token', { grant: 'refresh_token', clientId, outcome, ...(reason ? { reason } : {}) });
  const presented = parse(form.get('refresh_token') ?? '');
  if (!presented) {
    log('refused', 'malformed refresh token');
    return invalidGrant('The refresh token is invalid or expired.');
  }
  const key = familyKey(presented.family);
  const current = await store.get<RefreshGrant>(key);
  if (!current) {
    log('refused', 'unknown, expired or revoked refresh token');
    return invalidGrant('The refresh token is invalid or expired.');
  }
  if (current.clientId !== clientId) {
    log('refused', 'refresh token of another client');
    return invalidGrant('The refresh token was issued to another client.');
  }
  if (!sameSecret(hashOf(presented.secret), current.secretHash)) {
    const previous = current.previous;
    if (previous && sameSecret(hashOf(presented.secret), previous.secretHash) && deps.now() - previous.rotatedAt < REUSE_GRACE_MS) {
      log('refused', 'refresh token just rotated by a concurrent refresh');
      return invalidGrant('The refresh token was already used.');
    }
    log('refused', 'rotated refresh token reused: revoking its family');
    await revokeFamily(deps, presented.family);
    return invalidGrant('The refresh token was already used.');
  }
  const asked = (form.get('scope') ?? '').split(' ').filter(Boolean);
  if (asked.some((s) => !current.granted.includes(s))) return oauthError(400, 'invalid_scope', 'A refresh cannot widen the granted scopes.');
  // Rotation: the family is taken atomically, so of two concurrent refreshes only one wins.
  const taken = await store.take<RefreshGrant>(key);
  if (!taken) return invalidGrant('The refresh token was already used.');
  if (taken.secretHash !== current.secretHash) {
    // A concurrent refresh rotated it between our read and our take: that one won; give its grant back.
    await store.put(key, taken, deps.now() + deps.config.refreshTtlMs);
    log('refused', 'concurrent refresh');
    return invalidGrant('The refresh token was already used.');
  }
  let tokens: UpstreamTokens;
  try {
    tokens = await deps.upstream.refresh(taken.upstreamRefresh);
  } catch (err) {
    if (err instanceof UpstreamError) {
      log('refused', `upstream: ${err.error}`);
      return invalidGrant('The sign-in has ended; sign in again.');
    }
    // The upstream could not be reached: put the grant back so the client can retry.
    await store.put(key, taken, deps.now() + deps.config.refreshTtlMs);
    logger.error('token', { grant: 'refresh_token', clientId, outcome: 'upstream_error', error: err instanceof Error ? err.message : String(err) });
    return oauthError(503, 'temporarily_unavailable', 'The identity provider could not be reached; try again.');
  }
  // Where the upstream does not rotate, its refresh token is kept.
  const next = await issueTokens(deps, clientId, taken.granted, { ...tokens, refreshToken: tokens.refreshToken ?? taken.upstreamRefresh, subject: taken.subject }, presented.family, taken.secretHash);
  log('issued');
  return next.response;
}

/** POST /revoke (RFC 7009) with a refresh token of the front door's: its family ends. Always 200. */
export async function revokeToken(token: string, clientId: string | null, deps: Deps): Promise<void> {
  const presented = parse(token);
  const grant = presented ? await deps.store.get<RefreshGrant>(familyKey(presented.family)) : undefined;
  if (presented && grant && (!clientId || grant.clientId === clientId) && sameSecret(hashOf(presented.secret), grant.secretHash)) {
    await revokeFamily(deps, presented.family);
    deps.logger.info('revoke', { clientId: grant.clientId, outcome: 'revoked' });
  } else {
    deps.logger.info('revoke', { clientId, outcome: 'nothing_to_revoke' });
  }
}
