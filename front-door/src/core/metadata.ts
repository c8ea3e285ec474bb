import type { ResolvedConfig } from './config.ts';

/** RFC 8414 authorization server metadata: every URL from the configured issuer. No OpenID Connect document: the ID tokens' issuer is the upstream's, not ours. */
export function authorizationServerMetadata(config: ResolvedConfig): Record<string, unknown> {
  const at = (path: string) => `${config.issuer}${path}`;
  return {
    issuer: config.issuer,
    authorization_endpoint: at('/authorize'),
    token_endpoint: at('/token'),
    registration_endpoint: at('/register'),
    revocation_endpoint: at('/revoke'),
    scopes_supported: [...config.scopes],
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['none'],
    revocation_endpoint_auth_methods_supported: ['none'],
    authorization_response_iss_parameter_supported: true,
    client_id_metadata_document_supported: config.cimdEnabled,
  };
}

/** RFC 9728 protected resource metadata: `resource` is exactly the MCP URL clients were given. */
export function protectedResourceMetadata(config: ResolvedConfig): Record<string, unknown> {
  return {
    resource: config.resource,
    authorization_servers: [config.issuer],
    scopes_supported: [...config.scopes],
    bearer_methods_supported: ['header'],
    resource_name: config.serverName,
  };
}
