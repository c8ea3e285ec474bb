import { createHandler } from '@serverless-mcp/handler-kit';
import { describeServer, type ServerDescription } from '@serverless-mcp/handler-kit/manifest';

/**
 * A manifest as `make build` writes it (the kit's own describeServer, its serverCard included) for a server
 * of this name, with these scopes standing in for its tools' (the infrastructure reads only the list).
 */
export function standInManifest(name: string, scopes: readonly string[], version = '1.0.0'): ServerDescription {
  return { ...describeServer(createHandler({ name, version })), scopes: [...scopes] };
}

export const standInManifestText = (name: string, scopes: readonly string[], version = '1.0.0'): string =>
  `${JSON.stringify(standInManifest(name, scopes, version), null, 2)}\n`;
