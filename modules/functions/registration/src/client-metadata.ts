/**
 * RFC 7591 client metadata, checked for what this server registers: public clients (no secret) using
 * the authorization code flow with PKCE, redirecting to https URLs or to a loopback port (RFC 8252).
 * Pure: plain objects in, a decision out.
 */

export interface RegistrationPolicy {
  /** Scopes a registered client may ask for (full names, as the authorization server knows them). */
  allowedScopes: readonly string[];
  /**
   * Hosts https redirect URIs may point at (loopback is always allowed). Undefined: any https host.
   * Setting it is safer: with the hosted UI's single sign-on, a client registered with an attacker's
   * redirect could receive codes for a signed-in user who follows a crafted link.
   */
  redirectHosts?: readonly string[];
}

export interface ClientRequest {
  clientName: string;
  redirectUris: string[];
  scopes: string[];
  grantTypes: string[];
}

export type RegistrationError = { error: 'invalid_redirect_uri' | 'invalid_client_metadata'; error_description: string };

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const MAX_REDIRECT_URIS = 100; // Cognito's CallbackURLs limit
const MAX_URI_LENGTH = 1024; // Cognito's limit per callback URL
const MAX_NAME = 128;
const GRANTS = new Set(['authorization_code', 'refresh_token']);

const invalid = (error: RegistrationError['error'], error_description: string): RegistrationError => ({ error, error_description });

/** Why `uri` is not an acceptable redirect, or undefined when it is. */
export function redirectProblem(uri: unknown, redirectHosts?: readonly string[]): string | undefined {
  if (typeof uri !== 'string' || uri.length === 0) return 'must be a non-empty string';
  if (uri.length > MAX_URI_LENGTH) return `must be at most ${MAX_URI_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return 'is not an absolute URL';
  }
  if (url.hash) return 'must not contain a fragment';
  if (url.username || url.password) return 'must not contain credentials';
  if (url.protocol === 'https:') {
    return !redirectHosts || redirectHosts.includes(url.hostname) ? undefined : `must be on an allowed host (${redirectHosts.join(', ')}) or loopback`;
  }
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return undefined;
  return 'must use https, or http on a loopback host (localhost, 127.0.0.1, [::1])';
}

/** Cognito client names allow only `[\w\s+=,.@-]`, at most 128 characters. */
export function cognitoClientName(name: unknown): string {
  const cleaned = typeof name === 'string' ? name.replace(/[^\w\s+=,.@-]/g, '').replace(/\s+/g, ' ').trim() : '';
  return (cleaned || 'mcp-client').slice(0, MAX_NAME);
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** The registration to make, or the RFC 7591 error to answer with. */
export function readClientMetadata(body: unknown, policy: RegistrationPolicy): ClientRequest | RegistrationError {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return invalid('invalid_client_metadata', 'the body must be a JSON object of client metadata');
  }
  const m = body as Record<string, unknown>;
  if (!isStringArray(m.redirect_uris) || m.redirect_uris.length === 0) {
    return invalid('invalid_redirect_uri', 'redirect_uris is required: a non-empty array of URLs');
  }
  if (m.redirect_uris.length > MAX_REDIRECT_URIS) return invalid('invalid_redirect_uri', `at most ${MAX_REDIRECT_URIS} redirect_uris`);
  for (const uri of m.redirect_uris) {
    const problem = redirectProblem(uri, policy.redirectHosts);
    if (problem) return invalid('invalid_redirect_uri', `redirect_uri ${JSON.stringify(uri.slice(0, 200))} ${problem}`);
  }
  // Only public clients are registered. A client asking for a secret (claude.ai asks for
  // client_secret_post) gets a public one instead, as RFC 7591 §3.2.1 lets a server substitute values:
  // the response's token_endpoint_auth_method "none" tells it so. Anything else is refused.
  const method = m.token_endpoint_auth_method;
  if (method !== undefined && method !== 'none' && method !== 'client_secret_post' && method !== 'client_secret_basic') {
    return invalid('invalid_client_metadata', 'token_endpoint_auth_method must be "none": only public clients (PKCE) are registered');
  }
  if (m.grant_types !== undefined && (!isStringArray(m.grant_types) || m.grant_types.some((g) => !GRANTS.has(g)))) {
    return invalid('invalid_client_metadata', 'grant_types may contain only authorization_code and refresh_token');
  }
  if (m.response_types !== undefined && (!isStringArray(m.response_types) || m.response_types.some((r) => r !== 'code'))) {
    return invalid('invalid_client_metadata', 'response_types may contain only "code"');
  }
  if (m.scope !== undefined && typeof m.scope !== 'string') return invalid('invalid_client_metadata', 'scope must be a space-separated string');
  // Scopes this server does not have are dropped rather than refused (RFC 7591 lets the server substitute);
  // the response's `scope` says what was registered.
  const asked = typeof m.scope === 'string' ? m.scope.split(' ').filter(Boolean) : [];
  const scopes = asked.filter((s) => policy.allowedScopes.includes(s));
  return {
    clientName: cognitoClientName(m.client_name),
    redirectUris: [...new Set(m.redirect_uris)],
    scopes: scopes.length ? scopes : [...policy.allowedScopes],
    grantTypes: isStringArray(m.grant_types) && m.grant_types.length ? [...new Set(m.grant_types)] : ['authorization_code', 'refresh_token'],
  };
}

export const isRegistrationError = (v: ClientRequest | RegistrationError): v is RegistrationError => 'error' in v;
