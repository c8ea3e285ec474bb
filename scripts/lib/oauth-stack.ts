/**
 * An MCP server behind the OAuth front door on one loopback origin, with a local OpenID provider standing
 * in for Cognito on its own port: what `make dev AUTH=oauth` runs and what the end-to-end tests drive.
 * Every piece is the real one a deployment uses (front door core, oauth4webapi upstream, the kit's JWT
 * check), except the store (in memory) and the identity provider (oidc-provider instead of Cognito).
 */
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import type { McpHandler } from '@serverless-mcp/handler-kit';
import { describeServer } from '@serverless-mcp/handler-kit/manifest';
import { bearerAuth, createJwtVerifier, serve, type RunningServer } from '@serverless-mcp/handler-kit/node';
import { createFrontDoor, MemoryStore, oidcUpstream, silentLogger, type FrontDoor, type FrontDoorConfig, type FrontDoorLogger } from '@serverless-mcp/front-door';
import { httpsCimdFetcher } from '@serverless-mcp/front-door/cimd';
import { startLocalIdentityProvider, type LocalIdentityProvider } from '@serverless-mcp/front-door/dev';

export const DEFAULT_DEV_USER = 'dev';
export const DEFAULT_DEV_PASSWORD = 'dev-password';
/** The front door's own client at the identity provider (Cognito: the front door's confidential app client). */
const UPSTREAM_CLIENT_ID = 'front-door';

export interface OAuthStackOptions {
  /** Builds the MCP server once the resource metadata URL is known (its 401/403 challenges name it). */
  handler: (resourceMetadataUrl: string) => McpHandler | Promise<McpHandler>;
  /** The origin's port (0: a free one). The identity provider listens on `idpPort` (0: a free one). */
  port?: number;
  idpPort?: number;
  user?: { username: string; password: string };
  /** Extra front door settings (redirect policy, lifetimes, CIMD). */
  frontDoor?: Partial<FrontDoorConfig>;
  logger?: FrontDoorLogger;
  accessTokenTtlSeconds?: number;
}

export interface OAuthStack {
  origin: string;
  mcpUrl: string;
  resourceMetadataUrl: string;
  idp: LocalIdentityProvider;
  frontDoor: FrontDoor;
  store: MemoryStore;
  scopes: string[];
  user: { username: string; password: string };
  close(): Promise<void>;
}

/** A free loopback port, so the issuer (which names the port) is known before anything is built. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export async function startOAuthStack(options: OAuthStackOptions): Promise<OAuthStack> {
  const port = options.port || (await freePort());
  const origin = `http://127.0.0.1:${port}`;
  const mcpUrl = `${origin}/mcp`;
  const resourceMetadataUrl = `${origin}/.well-known/oauth-protected-resource/mcp`;
  const handler = await options.handler(resourceMetadataUrl);
  const description = describeServer(handler);
  const scopes = description.scopes;
  // The consent page says what each permission unlocks: the tools and prompts that declare it.
  const declared = [...description.tools, ...description.prompts] as { name: string; scopes: string[] }[];
  const scopeDescriptions = Object.fromEntries(
    scopes.map((scope) => [scope, `lets it use ${declared.filter((d) => d.scopes.includes(scope)).map((d) => d.name).join(', ')}`]),
  );
  const user = options.user ?? { username: DEFAULT_DEV_USER, password: DEFAULT_DEV_PASSWORD };
  const clientSecret = randomBytes(32).toString('base64url');
  const idp = await startLocalIdentityProvider({
    clientId: UPSTREAM_CLIENT_ID,
    clientSecret,
    redirectUri: `${origin}/callback`,
    resource: mcpUrl,
    scopes,
    user,
    ...(options.idpPort ? { port: options.idpPort } : {}),
    ...(options.accessTokenTtlSeconds ? { accessTokenTtlSeconds: options.accessTokenTtlSeconds } : {}),
  });
  const store = new MemoryStore();
  const frontDoor = createFrontDoor(
    { issuer: origin, resource: mcpUrl, scopes, scopeDescriptions, serverName: handler.name, ...options.frontDoor },
    {
      store,
      upstream: oidcUpstream({ issuer: idp.issuer, clientId: UPSTREAM_CLIENT_ID, clientSecret, redirectUri: `${origin}/callback`, allowHttp: true }),
      cimdFetcher: httpsCimdFetcher({ allowLoopbackHttp: options.frontDoor?.cimd?.allowLoopbackHttp === true }),
      logger: options.logger ?? silentLogger,
    },
  );
  // The local provider binds tokens to the MCP URL (`aud`), so the audience is checked too (MCP requires the
  // server to check a token was issued for it; Cognito sets `aud` only with resource binding).
  const verify = createJwtVerifier({ issuer: idp.issuer, jwksUri: idp.jwksUri, clientIds: [UPSTREAM_CLIENT_ID], audience: mcpUrl });
  let running: RunningServer;
  try {
    running = await serve(bearerAuth(handler, { verify, resourceMetadataUrl }), { port, mounts: [frontDoor] });
  } catch (err) {
    await idp.close();
    throw err;
  }
  return {
    origin,
    mcpUrl,
    resourceMetadataUrl,
    idp,
    frontDoor,
    store,
    scopes,
    user,
    async close() {
      await running.close();
      await idp.close();
    },
  };
}
