import * as oauth from 'oauth4webapi';
import { decodeJwt } from 'jose';
import { UpstreamError, type UpstreamIdentityProvider, type UpstreamTokens } from '../ports/upstream.ts';

/**
 * The upstream as an OpenID provider, through oauth4webapi: Cognito in production (its issuer
 * `https://cognito-idp.<region>.amazonaws.com/<pool>` serves the discovery document), any certified
 * provider locally. The front door is a confidential client of it (client_secret_basic), with PKCE.
 */
export interface OidcUpstreamOptions {
  /** The upstream's issuer; its `/.well-known/openid-configuration` is read once. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The front door's `/callback`, registered with the upstream. */
  redirectUri: string;
  /** Overrides for what discovery lacks (Cognito's document has no revocation endpoint: `https://<domain>/oauth2/revoke`). */
  revocationEndpoint?: string;
  /** Plain http to the upstream: only for a local provider on loopback. */
  allowHttp?: boolean;
}

const isLoopback = (url: URL) => ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);

export function oidcUpstream(options: OidcUpstreamOptions): UpstreamIdentityProvider {
  const issuer = new URL(options.issuer);
  if (options.allowHttp && !isLoopback(issuer)) throw new TypeError('allowHttp is for a loopback upstream only');
  const insecure = options.allowHttp ? { [oauth.allowInsecureRequests]: true } : {};
  const client: oauth.Client = { client_id: options.clientId };
  const auth = oauth.ClientSecretBasic(options.clientSecret);
  let discovered: Promise<oauth.AuthorizationServer> | undefined;
  const server = () =>
    (discovered ??= oauth
      .discoveryRequest(issuer, { algorithm: 'oidc', ...insecure })
      .then((response) => oauth.processDiscoveryResponse(issuer, response))
      .then((as) => (options.revocationEndpoint ? { ...as, revocation_endpoint: options.revocationEndpoint } : as))
      .catch((err: unknown) => {
        discovered = undefined;
        throw err;
      }));

  function tokensOf(result: oauth.TokenEndpointResponse, subject?: string): UpstreamTokens {
    let claims: Record<string, unknown> = {};
    try {
      // The token came straight from the token endpoint over TLS; reading its claims needs no verification.
      claims = decodeJwt(result.access_token);
    } catch {
      // Not a JWT: fall back to the response's own fields.
    }
    const scope = typeof claims.scope === 'string' ? claims.scope : (result.scope ?? '');
    const sub = subject ?? (typeof claims.sub === 'string' ? claims.sub : undefined);
    if (!sub) throw new Error('the upstream named no subject');
    const username = typeof claims.username === 'string' ? claims.username : undefined;
    return {
      accessToken: result.access_token,
      scopes: scope.split(' ').filter(Boolean),
      subject: sub,
      ...(result.refresh_token ? { refreshToken: result.refresh_token } : {}),
      ...(result.expires_in !== undefined ? { expiresIn: result.expires_in } : {}),
      ...(username ? { username } : {}),
    };
  }

  const refused = (err: unknown): never => {
    if (err instanceof oauth.ResponseBodyError || err instanceof oauth.AuthorizationResponseError) throw new UpstreamError(err.error, err.error_description ?? err.message);
    throw err;
  };

  return {
    async authorizationUrl({ state, codeChallenge, scopes }) {
      const as = await server();
      const url = new URL(as.authorization_endpoint!);
      url.searchParams.set('client_id', options.clientId);
      url.searchParams.set('redirect_uri', options.redirectUri);
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('scope', scopes.join(' '));
      url.searchParams.set('state', state);
      url.searchParams.set('code_challenge', codeChallenge);
      url.searchParams.set('code_challenge_method', 'S256');
      return url;
    },
    async exchangeCode(callback, expected) {
      const as = await server();
      try {
        const params = oauth.validateAuthResponse(as, client, callback, expected.state);
        const response = await oauth.authorizationCodeGrantRequest(as, client, auth, params, options.redirectUri, expected.codeVerifier, insecure);
        const result = await oauth.processAuthorizationCodeResponse(as, client, response);
        const idClaims = oauth.getValidatedIdTokenClaims(result);
        const tokens = tokensOf(result, idClaims?.sub);
        const name = idClaims?.['cognito:username'] ?? idClaims?.preferred_username ?? idClaims?.email;
        return !tokens.username && typeof name === 'string' ? { ...tokens, username: name } : tokens;
      } catch (err) {
        return refused(err);
      }
    },
    async refresh(refreshToken) {
      const as = await server();
      try {
        const response = await oauth.refreshTokenGrantRequest(as, client, auth, refreshToken, insecure);
        return tokensOf(await oauth.processRefreshTokenResponse(as, client, response));
      } catch (err) {
        return refused(err);
      }
    },
    async revoke(refreshToken) {
      const as = await server();
      if (!as.revocation_endpoint) return;
      const response = await oauth.revocationRequest(as, client, auth, refreshToken, { ...insecure, additionalParameters: { token_type_hint: 'refresh_token' } });
      await oauth.processRevocationResponse(response);
    },
  };
}
