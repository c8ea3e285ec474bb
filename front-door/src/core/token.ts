import { UpstreamError, type UpstreamTokens } from '../ports/upstream.ts';
import type { Deps } from './context.ts';
import { codeKey, type CodeGrant } from './grant.ts';
import { formOf, json, oauthError, type FrontDoorRequest, type FrontDoorResponse } from './http.ts';
import { hashOf, randomToken, verifiesPkce } from './secrets.ts';

/** A refresh token of the front door's (item `refresh#<hash>`): bound to its client, wrapping the upstream's. */
interface RefreshGrant {
  clientId: string;
  granted: string[];
  subject: string;
  upstreamRefresh: string;
}

const refreshKey = (token: string) => `refresh#${hashOf(token)}`;
/** Left behind by a redeemed code: a second redemption revokes what the first one got. */
const usedKey = (code: string) => `used#${hashOf(code)}`;
const REPLAY_WINDOW_MS = 3_600_000;
const CORS = { 'access-control-allow-origin': '*' };

const invalidGrant = (description: string) => oauthError(400, 'invalid_grant', description);

/**
 * The client id of a public client: the form's `client_id`, or the user part of an HTTP Basic header (a
 * client that sends one out of habit; its password part, if any, is ignored, never checked or logged).
 */
function clientIdOf(req: FrontDoorRequest, form: URLSearchParams): string | null {
  const fromForm = form.get('client_id');
  if (fromForm) return fromForm;
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(req.headers.authorization ?? '');
  if (!basic) return null;
  const user = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':', 1)[0]!;
  return user ? decodeURIComponent(user) : null;
}

/** POST /token: authorization_code (PKCE) and refresh_token grants for public clients. */
export async function token(req: FrontDoorRequest, deps: Deps): Promise<FrontDoorResponse> {
  const form = formOf(req);
  const grantType = form.get('grant_type');
  const clientId = clientIdOf(req, form);
  if (!clientId) return oauthError(401, 'invalid_client', 'client_id is required (public clients authenticate with it alone).');
  if (grantType === 'authorization_code') return redeemCode(form, clientId, deps);
  if (grantType === 'refresh_token') return refresh(form, clientId, deps);
  return oauthError(400, 'unsupported_grant_type', 'Supported: authorization_code, refresh_token.');
}

async function redeemCode(form: URLSearchParams, clientId: string, deps: Deps): Promise<FrontDoorResponse> {
  const { store, logger, config } = deps;
  const log = (outcome: string, reason?: string) => logger.info('token', { grant: 'authorization_code', clientId, outcome, ...(reason ? { reason } : {}) });
  const code = form.get('code');
  const verifier = form.get('code_verifier');
  if (!code) return oauthError(400, 'invalid_request', 'code is required.');
  if (!verifier) {
    log('refused', 'no code_verifier');
    return oauthError(400, 'invalid_request', 'code_verifier is required (PKCE).');
  }
  const grant = await store.take<CodeGrant>(codeKey(code));
  if (!grant) {
    const used = await store.take<{ refreshKey?: string }>(usedKey(code));
    if (used) {
      log('refused', 'code replayed: revoking what it issued');
      const issued = used.refreshKey ? await store.take<RefreshGrant>(used.refreshKey) : undefined;
      if (issued) await deps.upstream.revoke(issued.upstreamRefresh).catch(() => undefined);
    } else log('refused', 'unknown or expired code');
    return invalidGrant('The authorization code is invalid, expired or already used.');
  }
  // The code is consumed from here on, whatever follows: a failed attempt cannot be retried.
  const fail = async (reason: string, description: string) => {
    log('refused', reason);
    if (grant.tokens.refreshToken) await deps.upstream.revoke(grant.tokens.refreshToken).catch(() => undefined);
    return invalidGrant(description);
  };
  if (grant.clientId !== clientId) return fail('code issued to another client', 'The authorization code was issued to another client.');
  if (form.get('redirect_uri') !== grant.redirectUri) return fail('redirect_uri differs', 'redirect_uri must be the one used in the authorization request.');
  const resource = form.get('resource');
  if (resource !== null && resource !== config.resource) return fail('resource differs', `This server issues tokens for ${config.resource} only.`);
  if (!verifiesPkce(verifier, grant.codeChallenge)) return fail('PKCE verifier does not match', 'The code_verifier does not match the code_challenge.');
  const answer = await issue(deps, clientId, grant.granted, grant.tokens);
  await store.put(usedKey(code), { ...(answer.refreshKey ? { refreshKey: answer.refreshKey } : {}) }, deps.now() + REPLAY_WINDOW_MS);
  log('issued');
  return answer.response;
}

async function refresh(form: URLSearchParams, clientId: string, deps: Deps): Promise<FrontDoorResponse> {
  const { store, logger } = deps;
  const log = (outcome: string, reason?: string) => logger.info('token', { grant: 'refresh_token', clientId, outcome, ...(reason ? { reason } : {}) });
  const presented = form.get('refresh_token');
  if (!presented) return oauthError(400, 'invalid_request', 'refresh_token is required.');
  const key = refreshKey(presented);
  const current = await store.get<RefreshGrant>(key);
  if (!current) {
    log('refused', 'unknown, expired or rotated refresh token');
    return invalidGrant('The refresh token is invalid or expired.');
  }
  if (current.clientId !== clientId) {
    log('refused', 'refresh token of another client');
    return invalidGrant('The refresh token was issued to another client.');
  }
  const asked = (form.get('scope') ?? '').split(' ').filter(Boolean);
  if (asked.some((s) => !current.granted.includes(s))) return oauthError(400, 'invalid_scope', 'A refresh cannot widen the granted scopes.');
  // Rotation: the presented token is consumed atomically, so two concurrent refreshes cannot both win.
  const taken = await store.take<RefreshGrant>(key);
  if (!taken) return invalidGrant('The refresh token was already used.');
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
  const next = await issue(deps, clientId, taken.granted, { ...tokens, refreshToken: tokens.refreshToken ?? taken.upstreamRefresh, subject: taken.subject });
  log('issued');
  return next.response;
}

/** The upstream's access token goes to the client as it is; the refresh token is the front door's own. */
async function issue(deps: Deps, clientId: string, granted: string[], tokens: UpstreamTokens): Promise<{ response: FrontDoorResponse; refreshKey?: string }> {
  const body: Record<string, unknown> = {
    access_token: tokens.accessToken,
    token_type: 'Bearer',
    scope: granted.join(' '),
    ...(tokens.expiresIn !== undefined ? { expires_in: tokens.expiresIn } : {}),
  };
  let key: string | undefined;
  if (tokens.refreshToken) {
    const refreshToken = randomToken();
    key = refreshKey(refreshToken);
    const grant: RefreshGrant = { clientId, granted, subject: tokens.subject, upstreamRefresh: tokens.refreshToken };
    await deps.store.put(key, grant, deps.now() + deps.config.refreshTtlMs);
    body.refresh_token = refreshToken;
  }
  return { response: json(200, body, CORS), ...(key ? { refreshKey: key } : {}) };
}

/** POST /revoke (RFC 7009): a refresh token of the front door's is deleted and the upstream's revoked; always 200. */
export async function revoke(req: FrontDoorRequest, deps: Deps): Promise<FrontDoorResponse> {
  const form = formOf(req);
  const presented = form.get('token');
  const clientId = clientIdOf(req, form);
  if (!presented) return oauthError(400, 'invalid_request', 'token is required.');
  const key = refreshKey(presented);
  const grant = await deps.store.get<RefreshGrant>(key);
  if (grant && (!clientId || grant.clientId === clientId)) {
    await deps.store.delete(key);
    await deps.upstream.revoke(grant.upstreamRefresh).catch((err: unknown) =>
      deps.logger.warn('revoke', { clientId: grant.clientId, outcome: 'upstream_revoke_failed', error: err instanceof Error ? err.message : String(err) }),
    );
    deps.logger.info('revoke', { clientId: grant.clientId, outcome: 'revoked' });
  } else {
    deps.logger.info('revoke', { clientId, outcome: 'nothing_to_revoke' });
  }
  return { status: 200, headers: { 'cache-control': 'no-store', ...CORS }, body: '' };
}
