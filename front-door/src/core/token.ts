import type { Deps } from './context.ts';
import { codeKey, type CodeGrant } from './grant.ts';
import { emptyOk, formOf, oauthError, type FrontDoorRequest, type FrontDoorResponse } from './http.ts';
import { issueTokens, refresh, revokeFamily, revokeToken } from './refresh-grants.ts';
import { hashOf, verifiesPkce } from './secrets.ts';

/** Left behind by a redeemed code (item `used#<hash>`): a second redemption revokes what the first one got. */
const usedKey = (code: string) => `used#${hashOf(code)}`;
const REPLAY_WINDOW_MS = 3_600_000;

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
    const used = await store.take<{ family?: string }>(usedKey(code));
    if (used) {
      log('refused', 'code replayed: revoking what it issued');
      if (used.family) await revokeFamily(deps, used.family);
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
  const answer = await issueTokens(deps, clientId, grant.granted, grant.tokens);
  await store.put(usedKey(code), answer.family ? { family: answer.family } : {}, deps.now() + REPLAY_WINDOW_MS);
  log('issued');
  return answer.response;
}

/** POST /revoke (RFC 7009): always 200, whatever the token was. */
export async function revoke(req: FrontDoorRequest, deps: Deps): Promise<FrontDoorResponse> {
  const form = formOf(req);
  const presented = form.get('token');
  if (!presented) return oauthError(400, 'invalid_request', 'token is required.');
  await revokeToken(presented, clientIdOf(req, form), deps);
  return emptyOk();
}
