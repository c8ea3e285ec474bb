/**
 * `make dev AUTH=oauth`: the example behind the OAuth front door on one loopback origin, with a local
 * OpenID provider (oidc-provider) standing in for Cognito on the next port. DEV_USER / DEV_PASSWORD set
 * the one user (defaults in scripts/lib/oauth-stack.ts); IDP_PORT moves the identity provider.
 */
import { consoleLogger } from '@serverless-mcp/front-door';
import { loadServer } from './load-server.ts';
import { DEFAULT_DEV_PASSWORD, DEFAULT_DEV_USER, startOAuthStack } from './lib/oauth-stack.ts';

export async function runOAuthDev(name: string, port: number): Promise<void> {
  const user = { username: process.env.DEV_USER || DEFAULT_DEV_USER, password: process.env.DEV_PASSWORD || DEFAULT_DEV_PASSWORD };
  const stack = await startOAuthStack({
    port,
    idpPort: Number(process.env.IDP_PORT ?? port + 1),
    user,
    logger: consoleLogger(),
    handler: async (resourceMetadataUrl) => {
      // The example builds its handler on import, from the environment the infrastructure would set.
      process.env.MCP_RESOURCE_METADATA_URL = resourceMetadataUrl;
      process.env.MCP_AUTH_REQUIRED = 'true';
      return loadServer(name);
    },
  });
  const lines = [
    `MCP server "${name}" behind the OAuth front door: ${stack.mcpUrl}`,
    `  authorization server (issuer) ${stack.origin}   identity provider ${stack.idp.issuer}`,
    '',
    `Sign in as   user: ${stack.user.username}   password: ${stack.user.password}`,
    '',
    'Connect a client (it opens a browser to sign in and to allow access):',
    `  claude mcp add --transport http ${name} ${stack.mcpUrl}`,
    `  npx mcp-remote ${stack.mcpUrl}        (for clients that only run local servers)`,
    '',
    'Ctrl-C stops it. Nothing is kept: registrations, consents and tokens live in memory.',
  ];
  console.log(lines.join('\n'));
  const stop = async () => {
    await stack.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
