/**
 * The OAuth front door: an authorization server at the MCP server's origin (RFC 8414 metadata, RFC 7591
 * registration, Client ID Metadata Documents, consent, RFC 9207 `iss`), with an OpenID provider such as
 * Cognito behind it as identity provider and token issuer.
 */
export { createFrontDoor, type FrontDoor, type FrontDoorDeps } from './core/front-door.ts';
export { KNOWN_CLIENT_HOSTS, KNOWN_PRIVATE_URIS, resolveConfig, type FrontDoorConfig, type ResolvedConfig } from './core/config.ts';
export type { FrontDoorRequest, FrontDoorResponse } from './core/http.ts';
export { checkRedirectUri, matchesRegistered } from './core/redirect-policy.ts';
export type { Store } from './ports/store.ts';
export { UpstreamError, type UpstreamIdentityProvider, type UpstreamTokens } from './ports/upstream.ts';
export { CimdFetchError, type CimdFetcher, type FetchedDocument } from './ports/cimd-fetcher.ts';
export { consoleLogger, silentLogger, type FrontDoorLogger } from './ports/logger.ts';
export { MemoryStore } from './stores/memory-store.ts';
export { oidcUpstream, type OidcUpstreamOptions } from './upstream/oidc-upstream.ts';
