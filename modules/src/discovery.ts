/**
 * What the module needs to know about the OAuth documents in `cognito` mode: their URLs and the 401
 * challenge API Gateway sends. The documents themselves are the front door's (front-door/src/core/
 * metadata.ts), served by its function from the same configuration it runs on.
 */

import { Token } from 'cdktf';
import { joined } from './conditions.ts';

export interface DiscoveryInput {
  /** The server's public origin, e.g. https://mcp.example.com (no trailing slash). */
  origin: string;
  /** The MCP endpoint path, /mcp. */
  mcpPath: string;
}

export const resourceUrl = (d: Pick<DiscoveryInput, 'origin' | 'mcpPath'>): string => `${d.origin}${d.mcpPath}`;
export const resourceMetadataUrl = (d: Pick<DiscoveryInput, 'origin' | 'mcpPath'>): string =>
  `${d.origin}/.well-known/oauth-protected-resource${d.mcpPath}`;

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
