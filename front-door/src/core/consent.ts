import { UpstreamError, type UpstreamTokens } from '../ports/upstream.ts';
import type { Deps } from './context.ts';
import { consentPage } from './consent-page.ts';
import { errorPage } from './error-page.ts';
import { answerClient, finish, only, pendingKey, rememberedKey, type ClientRequest, type PendingAuthorization } from './grant.ts';
import { cookiesOf, formOf, type FrontDoorRequest, type FrontDoorResponse } from './http.ts';
import { hashOf, randomToken, sameSecret } from './secrets.ts';

/** Waiting for the user's answer on the consent page (item `consent#<id>`). */
interface PendingConsent {
  request: ClientRequest;
  offered: string[];
  csrfHash: string;
  tokens: UpstreamTokens;
}

const consentKey = (id: string) => `consent#${hashOf(id)}`;
/** One cookie per consent page, so two sign-ins in one browser (two tabs, two clients) do not clash. */
const cookieName = (secure: boolean, consentId: string) => `${secure ? '__Host-' : ''}fd_csrf_${hashOf(consentId).slice(0, 12)}`;

/**
 * GET /callback: the upstream sends the browser back here. The upstream code is exchanged at once (it
 * names the user); then either the user's remembered answer covers the request, or the consent page asks.
 */
export async function callback(query: URLSearchParams, deps: Deps): Promise<FrontDoorResponse> {
  const { store, logger } = deps;
  const state = query.get('state');
  const pending = state ? await store.take<PendingAuthorization>(pendingKey(state)) : undefined;
  if (!pending) {
    logger.warn('callback', { outcome: 'refused', reason: 'unknown or used state' });
    return errorPage(400, 'This sign-in has expired', 'The sign-in link was already used or is too old.');
  }
  const { upstreamVerifier, consented, ...request } = pending;
  const log = (outcome: string, fields: Record<string, unknown> = {}) => logger.info('callback', { clientId: request.clientId, outcome, ...fields });
  let tokens: UpstreamTokens;
  try {
    tokens = await deps.upstream.exchangeCode(query, { state: state!, codeVerifier: upstreamVerifier });
  } catch (err) {
    const denied = err instanceof UpstreamError;
    log('upstream_failed', { reason: denied ? err.error : 'exchange failed' });
    if (!denied) logger.error('callback', { clientId: request.clientId, outcome: 'upstream_error', error: err instanceof Error ? err.message : String(err) });
    return answerClient(deps, request, denied && err.error === 'access_denied'
      ? { error: 'access_denied', error_description: 'The sign-in was cancelled.' }
      : { error: 'server_error', error_description: 'The sign-in with the identity provider failed.' });
  }
  log('signed_in');
  if (consented) {
    if (consented.subject !== tokens.subject) {
      log('refused', { reason: 'a different user signed in on the second trip' });
      return answerClient(deps, request, { error: 'access_denied', error_description: 'A different user signed in.' });
    }
    return finish(deps, request, tokens, consented.scopes, true);
  }
  const remembered = deps.config.consentTtlMs > 0 ? await store.get<{ scopes: string[] }>(rememberedKey(request.clientId, tokens.subject)) : undefined;
  const rememberedScopes = only(remembered?.scopes ?? [], deps.config.scopes);
  // Incremental: what the user allowed this client before stays allowed, so a step-up does not lose it.
  const offered = [...new Set([...request.scopes, ...rememberedScopes])];
  if (remembered && request.scopes.every((s) => rememberedScopes.includes(s))) {
    log('consent_remembered');
    return finish(deps, request, tokens, offered, false);
  }
  const client = await deps.clients.find(request.clientId);
  if ('error' in client) return errorPage(400, 'Unknown application', client.error);
  const consentId = randomToken();
  const csrf = randomToken();
  await store.put<PendingConsent>(consentKey(consentId), { request, offered, csrfHash: hashOf(csrf), tokens }, deps.now() + deps.config.pendingTtlMs);
  log('consent_shown');
  const secure = deps.config.secureCookies;
  const cookie = `${cookieName(secure, consentId)}=${csrf}; Path=/; HttpOnly; SameSite=Lax; Max-Age=600${secure ? '; Secure' : ''}`;
  return consentPage({ client, redirectUri: request.redirectUri, username: tokens.username ?? tokens.subject, scopes: offered, consentId, csrf }, deps.config, cookie);
}

/** POST /consent: the user's answer. The CSRF token must be in both the form and the cookie. */
export async function answerConsent(req: FrontDoorRequest, deps: Deps): Promise<FrontDoorResponse> {
  const { store, logger, config } = deps;
  const form = formOf(req);
  const origin = req.headers.origin;
  if (origin && origin !== 'null' && origin !== new URL(config.issuer).origin) {
    logger.warn('consent', { outcome: 'refused', reason: 'cross-origin post' });
    return errorPage(403, 'Request refused', 'The answer did not come from this sign-in page.');
  }
  const csrf = form.get('csrf');
  const id = form.get('consent_id');
  const cookie = id ? cookiesOf(req).get(cookieName(config.secureCookies, id)) : undefined;
  if (!csrf || !cookie || !sameSecret(csrf, cookie)) {
    logger.warn('consent', { outcome: 'refused', reason: csrf ? 'csrf cookie missing or different' : 'csrf token missing' });
    return errorPage(403, 'Request refused', 'The answer could not be verified. Start the sign-in again from your application.');
  }
  const pending = id ? await store.take<PendingConsent>(consentKey(id)) : undefined;
  if (!pending || !sameSecret(hashOf(csrf), pending.csrfHash)) {
    logger.warn('consent', { outcome: 'refused', reason: pending ? 'csrf token does not match' : 'unknown or used consent' });
    return errorPage(400, 'This sign-in has expired', 'The page was already answered or is too old.');
  }
  const { request, tokens } = pending;
  const allowed = form.getAll('scope').filter((s) => pending.offered.includes(s));
  // Unticking every permission is a refusal; a server that offers none is simply allowed.
  if (form.get('action') !== 'allow' || (pending.offered.length > 0 && allowed.length === 0)) {
    logger.info('consent', { clientId: request.clientId, outcome: 'denied' });
    if (tokens.refreshToken) await deps.upstream.revoke(tokens.refreshToken).catch(() => undefined);
    return answerClient(deps, request, { error: 'access_denied', error_description: 'The user denied access.' });
  }
  logger.info('consent', { clientId: request.clientId, outcome: 'allowed', scopes: allowed });
  if (config.consentTtlMs > 0) {
    await store.put(rememberedKey(request.clientId, tokens.subject), { scopes: allowed }, deps.now() + config.consentTtlMs);
  }
  return finish(deps, request, tokens, allowed, false);
}
