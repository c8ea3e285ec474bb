/**
 * The OAuth discovery documents a server publishes in `cognito` mode, built from plain values so tests can
 * read them without synthesizing anything. API Gateway serves them from mock integrations (no Lambda).
 *
 * The authorization server the clients see is this API's own origin: its RFC 8414 document names
 * `issuer: https://<domain>` (the URL it is served at, as strict clients require), advertises S256 PKCE and
 * the registration endpoint, and points at Cognito for authorize, token and keys. Cognito's own discovery
 * document lacks both S256 and registration, which is why clients refuse it.
 */

import { Token } from 'cdktf';
import { joined, withFirst } from './conditions.ts';

export interface DiscoveryInput {
  /** The server's public origin, e.g. https://mcp.example.com (no trailing slash). */
  origin: string;
  /** The MCP endpoint path, /mcp. */
  mcpPath: string;
  /** The Cognito hosted-UI base, e.g. https://auth-xyz.auth.eu-west-1.amazoncognito.com */
  cognitoDomainUrl: string;
  /** https://cognito-idp.<region>.amazonaws.com/<poolId> (where Cognito publishes its keys). */
  cognitoIssuer: string;
  /** Scopes clients may request, full names as Cognito knows them. */
  scopes: readonly string[];
  serverName: string;
}

export const resourceUrl = (d: Pick<DiscoveryInput, 'origin' | 'mcpPath'>): string => `${d.origin}${d.mcpPath}`;
export const resourceMetadataUrl = (d: Pick<DiscoveryInput, 'origin' | 'mcpPath'>): string =>
  `${d.origin}/.well-known/oauth-protected-resource${d.mcpPath}`;

/** RFC 9728 protected-resource metadata. */
export function protectedResourceMetadata(d: DiscoveryInput): Record<string, unknown> {
  return {
    resource: resourceUrl(d),
    authorization_servers: [d.origin],
    scopes_supported: d.scopes,
    bearer_methods_supported: ['header'],
    resource_name: d.serverName,
  };
}

/** RFC 8414 authorization-server metadata (also served as the OIDC discovery document). */
export function authorizationServerMetadata(d: DiscoveryInput): Record<string, unknown> {
  return {
    issuer: d.origin,
    authorization_endpoint: `${d.cognitoDomainUrl}/oauth2/authorize`,
    token_endpoint: `${d.cognitoDomainUrl}/oauth2/token`,
    revocation_endpoint: `${d.cognitoDomainUrl}/oauth2/revoke`,
    userinfo_endpoint: `${d.cognitoDomainUrl}/oauth2/userInfo`,
    jwks_uri: `${d.cognitoIssuer}/.well-known/jwks.json`,
    registration_endpoint: `${d.origin}/register`,
    scopes_supported: withFirst('openid', d.scopes),
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['none'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
  };
}

/** `WWW-Authenticate` for API Gateway's 401: where to find the metadata, and which scope to ask for. */
export function unauthorizedChallenge(d: Pick<DiscoveryInput, 'origin' | 'mcpPath'>, scopes: readonly string[]): string {
  return `Bearer resource_metadata="${resourceMetadataUrl(d)}", scope="${joined(' ', scopes)}"`;
}

/**
 * Scope names as RFC 6749 scope-tokens, without the single quote that would end the gateway response's
 * quoted WWW-Authenticate value. Names from a Terraform value are checked by the module's precondition.
 */
export const SCOPE_TOKEN = "^[\\x21\\x23-\\x26\\x28-\\x5B\\x5D-\\x7E]+$";
export function assertScopeNames(scopes: readonly string[]): void {
  if (Token.isUnresolved(scopes)) return;
  const bad = scopes.filter((s) => !Token.isUnresolved(s) && !new RegExp(SCOPE_TOKEN).test(s));
  if (bad.length) throw new Error(`scope names may hold printable ASCII except space, ", \\ and ': ${bad.map((s) => JSON.stringify(s)).join(', ')}`);
}
