import type { UpstreamTokens } from '../ports/upstream.ts';
import type { Deps } from './context.ts';
import { redirect, type FrontDoorResponse } from './http.ts';
import { hashOf, randomToken, s256Challenge } from './secrets.ts';

/** The client's side of an authorization request, carried from /authorize to the code it ends in. */
export interface ClientRequest {
  clientId: string;
  redirectUri: string;
  state?: string;
  codeChallenge: string;
  resource: string;
  /** The scopes asked for, limited to those offered. */
  scopes: string[];
}

/** While the user is at the upstream (item `pending#<upstream state>`). */
export interface PendingAuthorization extends ClientRequest {
  upstreamVerifier: string;
  /** Set on the silent second trip that narrows or widens the upstream token to what the user allowed. */
  consented?: { scopes: string[]; subject: string };
}

/** An issued authorization code (item `code#<hash>`): single use, short-lived, bound to all of this. */
export interface CodeGrant extends ClientRequest {
  granted: string[];
  tokens: UpstreamTokens;
}

export const pendingKey = (state: string) => `pending#${state}`;
export const codeKey = (code: string) => `code#${hashOf(code)}`;
export const rememberedKey = (clientId: string, subject: string) => `remembered#${hashOf(`${clientId}\n${subject}`)}`;

/**
 * An authorization response to the client (RFC 6749 §4.1.2): the redirect URI with `code` or `error`,
 * the client's `state`, and `iss` (RFC 9207) on every one, success or error.
 */
export function answerClient(deps: Deps, request: Pick<ClientRequest, 'redirectUri' | 'state'>, params: Record<string, string>): FrontDoorResponse {
  const url = new URL(request.redirectUri);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  if (request.state !== undefined) url.searchParams.set('state', request.state);
  url.searchParams.set('iss', deps.config.issuer);
  return redirect(url.href);
}

export const only = (scopes: readonly string[], offered: readonly string[]): string[] => scopes.filter((s) => offered.includes(s));

/** Sends the browser to the upstream to sign in, for `scopes` (plus openid, which names the user). */
export async function toUpstream(deps: Deps, request: ClientRequest, consented?: PendingAuthorization['consented']): Promise<FrontDoorResponse> {
  const state = randomToken();
  const upstreamVerifier = randomToken();
  const pending: PendingAuthorization = { ...request, upstreamVerifier, ...(consented ? { consented } : {}) };
  await deps.store.put(pendingKey(state), pending, deps.now() + deps.config.pendingTtlMs);
  const codeChallenge = s256Challenge(upstreamVerifier);
  const scopes = ['openid', ...(consented?.scopes ?? request.scopes)];
  return redirect((await deps.upstream.authorizationUrl({ state, codeChallenge, scopes })).href);
}

/**
 * Ends an authorization the user allowed: the upstream token must carry exactly the allowed scopes, so
 * when it carries others (the user unticked some, or a remembered grant widens it) one more trip to the
 * upstream, silent while its sign-in session lasts, fetches the right one. Then a fresh code goes to the client.
 */
export async function finish(deps: Deps, request: ClientRequest, tokens: UpstreamTokens, allowed: string[], secondTrip: boolean): Promise<FrontDoorResponse> {
  const carried = only(tokens.scopes, deps.config.scopes);
  const extra = carried.filter((s) => !allowed.includes(s));
  const missing = allowed.filter((s) => !carried.includes(s));
  if ((extra.length || missing.length) && !secondTrip) {
    if (tokens.refreshToken) await deps.upstream.revoke(tokens.refreshToken).catch(() => undefined);
    deps.logger.info('authorize', { clientId: request.clientId, outcome: 'upstream_again', reason: 'token scopes differ from the allowed ones' });
    return toUpstream(deps, request, { scopes: allowed, subject: tokens.subject });
  }
  if (extra.length) {
    deps.logger.error('authorize', { clientId: request.clientId, outcome: 'refused', reason: 'upstream granted scopes the user did not allow' });
    return answerClient(deps, request, { error: 'access_denied', error_description: 'The sign-in could not be limited to the permissions you allowed.' });
  }
  const code = randomToken();
  const grant: CodeGrant = { ...request, granted: carried, tokens };
  await deps.store.put(codeKey(code), grant, deps.now() + deps.config.codeTtlMs);
  await deps.clients.touch(request.clientId);
  deps.logger.info('authorize', { clientId: request.clientId, outcome: 'code_issued', scopes: carried });
  return answerClient(deps, request, { code });
}
