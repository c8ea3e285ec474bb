import type { FrontDoorLogger } from '../ports/logger.ts';
import type { Store } from '../ports/store.ts';
import { clientKey, type RegisteredClient, type StoredClient } from './clients.ts';
import type { ResolvedConfig } from './config.ts';
import { json, oauthError, type FrontDoorRequest, type FrontDoorResponse } from './http.ts';
import { checkRedirectUri, isLoopbackRedirect, withoutPort } from './redirect-policy.ts';
import { hashOf } from './secrets.ts';

/**
 * RFC 7591 registration of public clients, stored in the front door's own store. The same name and
 * redirect set always gives the same `client_id` (claude.ai registers on every fresh connection; a native
 * client re-registers with a new loopback port), so repeats cost one read and create nothing. Each
 * redirect URI is checked against the policy: disallowed ones are dropped, the rest registered.
 */
const MAX_BODY = 16 * 1024;
const MAX_REDIRECTS = 10;
const MAX_NAME = 100;
const GRANTS = new Set(['authorization_code', 'refresh_token']);
const OPTIONAL_TEXT = ['client_uri', 'logo_uri', 'software_id', 'software_version', 'application_type'] as const;

const invalid = (description: string) => oauthError(400, 'invalid_client_metadata', description);

/** Control characters out, whitespace folded, bounded: the name is shown on the consent page. */
const cleanName = (name: string): string =>
  name.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim().slice(0, MAX_NAME);

/** Loopback ports do not count: any port matches at authorization, so they are one client. */
function identityOf(name: string | undefined, redirects: readonly string[]): string {
  const set = [...new Set(redirects.map((u) => (isLoopbackRedirect(new URL(u)) ? withoutPort(new URL(u)) : u)))].sort();
  const digest = hashOf(JSON.stringify([name ?? '', set]));
  return `mcp-${digest.slice(0, 32)}`;
}

export async function register(
  request: FrontDoorRequest,
  deps: { store: Store; config: ResolvedConfig; logger: FrontDoorLogger; now: () => number },
): Promise<FrontDoorResponse> {
  const { store, config, logger, now } = deps;
  if (request.body.length > MAX_BODY) return oauthError(413, 'invalid_client_metadata', 'The registration request is too large.');
  let body: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(request.body);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    body = parsed as Record<string, unknown>;
  } catch {
    return invalid('The body must be a JSON object (RFC 7591).');
  }
  const uris = body.redirect_uris;
  if (!Array.isArray(uris) || uris.length === 0) return oauthError(400, 'invalid_redirect_uri', 'redirect_uris must be a non-empty array.');
  if (uris.length > MAX_REDIRECTS) return oauthError(400, 'invalid_redirect_uri', `At most ${MAX_REDIRECTS} redirect URIs.`);
  const accepted: string[] = [];
  const dropped: { uri: string; reason: string }[] = [];
  for (const uri of uris) {
    const verdict = typeof uri === 'string' ? checkRedirectUri(uri, config) : { ok: false as const, reason: 'not a string' };
    if (verdict.ok) accepted.push(uri as string);
    else dropped.push({ uri: typeof uri === 'string' ? uri.slice(0, 200) : typeof uri, reason: verdict.reason });
  }
  if (accepted.length === 0) {
    logger.warn('register', { outcome: 'refused', reason: 'no allowed redirect URI', dropped });
    return oauthError(400, 'invalid_redirect_uri', `No redirect URI is allowed here: ${dropped.map((d) => d.reason).join('; ')}.`);
  }
  const grants = Array.isArray(body.grant_types) ? body.grant_types.filter((g): g is string => typeof g === 'string') : ['authorization_code'];
  if (!grants.includes('authorization_code')) return invalid('grant_types must include authorization_code.');
  if (body.response_types !== undefined && !(Array.isArray(body.response_types) && body.response_types.includes('code'))) {
    return invalid('response_types must include code.');
  }
  const name = typeof body.client_name === 'string' ? cleanName(body.client_name) : undefined;
  const requestedScopes = typeof body.scope === 'string' ? body.scope.split(' ').filter((s) => config.scopes.includes(s)) : [];
  const clientId = identityOf(name, accepted);
  const issuedAt = Math.floor(now() / 1000);
  const record: RegisteredClient = {
    client_id: clientId,
    client_id_issued_at: issuedAt,
    redirect_uris: accepted,
    grant_types: [...new Set(['authorization_code', ...grants.filter((g) => GRANTS.has(g))])],
    ...(name ? { client_name: name } : {}),
    ...(requestedScopes.length ? { scope: requestedScopes.join(' ') } : {}),
  };
  for (const field of OPTIONAL_TEXT) {
    const value = body[field];
    if (typeof value === 'string' && value.length <= 512) record[field] = value;
  }

  const existing = await store.get<StoredClient>(clientKey(clientId));
  const expiresAt = now() + config.registrationTtlMs;
  let outcome = 'existing';
  if (existing) {
    await store.put(clientKey(clientId), { ...existing, expires_at: expiresAt }, expiresAt);
  } else {
    // The ceiling: new registrations per idle-lifetime window, counted with a conditional write.
    const window = Math.floor(now() / config.registrationTtlMs);
    const counted = await store.increment(`registrations#${window}`, config.maxRegistrationsPerWindow, (window + 2) * config.registrationTtlMs);
    if (!counted) {
      logger.warn('register', { outcome: 'refused', reason: 'registration ceiling reached', clientName: name });
      return oauthError(503, 'temporarily_unavailable', 'This server has reached its limit of new client registrations; try again later.', { 'retry-after': '3600' });
    }
    // A concurrent identical registration may win the race; both then answer the same client.
    const created = await store.create<StoredClient>(clientKey(clientId), { ...record, expires_at: expiresAt }, expiresAt);
    outcome = created ? 'created' : 'existing';
  }
  logger.info('register', { outcome, clientId, clientName: name, redirectUris: accepted, dropped });
  return json(201, {
    ...record,
    client_id_issued_at: existing?.client_id_issued_at ?? issuedAt,
    token_endpoint_auth_method: 'none',
    response_types: ['code'],
  });
}
