import type { Deps } from './context.ts';
import { errorPage } from './error-page.ts';
import { answerClient, only, toUpstream, type ClientRequest } from './grant.ts';
import type { FrontDoorResponse } from './http.ts';
import { matchesRegistered } from './redirect-policy.ts';

const MAX_STATE = 1024;

/**
 * GET /authorize (RFC 6749 §4.1.1 with PKCE, RFC 8707 `resource`). The client and redirect URI are
 * checked first: until both are known good, errors are shown as a page, never redirected (an open
 * redirector otherwise). After that, errors go back to the client with `iss`. The user is then sent to
 * the upstream to sign in; the consent page follows on the way back.
 */
export async function authorize(query: URLSearchParams, deps: Deps): Promise<FrontDoorResponse> {
  const { config, logger } = deps;
  const clientId = query.get('client_id');
  const log = (outcome: string, reason?: string) => logger.info('authorize', { clientId, outcome, ...(reason ? { reason } : {}) });
  if (!clientId) {
    log('refused', 'no client_id');
    return errorPage(400, 'Missing application', 'The sign-in link does not say which application is asking (client_id).');
  }
  const client = await deps.clients.find(clientId);
  if ('error' in client) {
    log('refused', 'unknown client');
    return errorPage(400, 'Unknown application', client.error);
  }
  const redirectUri = query.get('redirect_uri');
  if (!redirectUri || !matchesRegistered(redirectUri, client.redirectUris)) {
    log('refused', redirectUri ? 'redirect_uri not registered' : 'no redirect_uri');
    return errorPage(400, 'Wrong return address', 'The sign-in link sends you back to an address this application did not register.');
  }
  const state = query.get('state') ?? undefined;
  const back = { redirectUri, ...(state !== undefined ? { state } : {}) };
  const fail = (error: string, description: string) => {
    log('refused', description);
    return answerClient(deps, back, { error, error_description: description });
  };
  if (state !== undefined && state.length > MAX_STATE) return fail('invalid_request', 'state is too long.');
  if (query.get('response_type') !== 'code') return fail('unsupported_response_type', 'Only response_type=code is supported.');
  const challenge = query.get('code_challenge');
  if (!challenge) return fail('invalid_request', 'PKCE is required: send code_challenge with code_challenge_method=S256.');
  if (query.get('code_challenge_method') !== 'S256') return fail('invalid_request', 'Only the S256 code_challenge_method is supported.');
  if (!/^[A-Za-z0-9_-]{43}$/.test(challenge)) return fail('invalid_request', 'code_challenge is not an S256 challenge.');
  const resources = query.getAll('resource');
  if (resources.length > 1 || (resources.length === 1 && resources[0] !== config.resource)) {
    return fail('invalid_target', `This server issues tokens for ${config.resource} only.`);
  }
  const asked = (query.get('scope') ?? '').split(' ').filter(Boolean);
  const unknown = asked.filter((s) => !config.scopes.includes(s) && s !== 'openid' && s !== 'offline_access');
  if (unknown.length) return fail('invalid_scope', `Unknown scope: ${unknown.join(' ')}.`);
  // Asking for none of the server's scopes (e.g. only openid) would give a token that reaches nothing.
  const scopes = only(asked, config.scopes);
  const request: ClientRequest = {
    clientId,
    ...back,
    codeChallenge: challenge,
    resource: config.resource,
    scopes: scopes.length ? scopes : [...config.scopes],
  };
  log('to_upstream');
  return toUpstream(deps, request);
}
