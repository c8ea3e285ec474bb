import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import { escapeHtml as e } from '../core/http.ts';
import { sameSecret } from '../core/secrets.ts';

/**
 * A local OpenID provider standing in for Cognito (`make dev AUTH=oauth`, the end-to-end tests): the
 * certified `oidc-provider`, on its own loopback port, with one user and a sign-in form. Its access
 * tokens are JWTs shaped like Cognito's: `iss`, `sub`, `client_id`, `scope`, `token_use: access`,
 * `username`, RS256 with a `kid` from its JWKS.
 */
export interface LocalIdentityProviderOptions {
  /** The front door's own client at this provider. */
  clientId: string;
  clientSecret: string;
  /** The front door's `/callback`. */
  redirectUri: string;
  /** The resource the tokens are for (the MCP URL); set as `aud`. */
  resource: string;
  scopes: readonly string[];
  user: { username: string; password: string };
  port?: number;
  accessTokenTtlSeconds?: number;
}

export interface LocalIdentityProvider {
  issuer: string;
  jwksUri: string;
  close(): Promise<void>;
}

function signInPage(uid: string, error?: string): string {
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in (local identity provider)</title>' +
    '<style>body{font:16px/1.5 system-ui,sans-serif;max-width:24rem;margin:4rem auto;padding:0 1rem}input{display:block;width:100%;margin:.3rem 0 1rem;padding:.4rem}</style></head><body>' +
    '<h1>Sign in</h1><p>Local identity provider for <code>make dev AUTH=oauth</code> (Cognito in a deployment).</p>' +
    (error ? `<p role="alert"><strong>${e(error)}</strong></p>` : '') +
    `<form method="post" action="/interaction/${e(uid)}/login"><label>User <input name="username" autocomplete="username" autofocus></label>` +
    '<label>Password <input name="password" type="password" autocomplete="current-password"></label><button type="submit">Sign in</button></form></body></html>'
  );
}

const readForm = (req: IncomingMessage): Promise<URLSearchParams> =>
  new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString('utf8');
      if (body.length > 8192) req.destroy();
    });
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });

export async function startLocalIdentityProvider(options: LocalIdentityProviderOptions): Promise<LocalIdentityProvider> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' };
  const scope = options.scopes.join(' ');
  // Two warnings that are expected here and would only confuse a `make dev` user: the pinned Node 24 is
  // not an LTS release yet, and a local stand-in keeps its state in memory on purpose.
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!/oidc-provider WARNING: (Unsupported runtime|a quick start development-only in-memory adapter)/.test(String(args[0]))) warn(...args);
  };
  let provider: import('oidc-provider').default;
  try {
    const { default: Provider } = await import('oidc-provider');
    provider = construct(Provider, issuer, options, jwk, scope);
  } finally {
    console.warn = warn;
  }
  return serveProvider(server, provider, issuer, options);
}

type ProviderClass = typeof import('oidc-provider').default;

function construct(Provider: ProviderClass, issuer: string, options: LocalIdentityProviderOptions, jwk: Record<string, unknown>, scope: string) {
  return new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: { openid: ['sub'] },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true, allowedPolicy: () => true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => options.resource,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope,
          audience: options.resource,
          accessTokenFormat: 'jwt',
          accessTokenTTL: options.accessTokenTtlSeconds ?? 3600,
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
    // Cognito's access-token claims.
    extraTokenClaims: (_ctx: unknown, token: { kind?: string; accountId?: string }) =>
      token.kind === 'AccessToken' ? { token_use: 'access', username: token.accountId } : undefined,
    findAccount: (_ctx: unknown, sub: string) => ({ accountId: sub, claims: () => ({ sub }) }),
    issueRefreshToken: (_ctx: unknown, client: { grantTypeAllowed(g: string): boolean }) => client.grantTypeAllowed('refresh_token'),
    expiresWithSession: () => false,
    // Consent is the front door's page: the provider grants its one client whatever it asks.
    loadExistingGrant: async (ctx: { oidc: { client: { clientId: string }; session: { accountId: string }; provider: { Grant: new (a: object) => { addOIDCScope(s: string): void; addResourceScope(r: string, s: string): void; save(): Promise<string> } } } }) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid');
      grant.addResourceScope(options.resource, scope);
      await grant.save();
      return grant;
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    ttl: { AccessToken: options.accessTokenTtlSeconds ?? 3600, RefreshToken: 30 * 86400, Session: 3600, Interaction: 600, Grant: 86400, AuthorizationCode: 60, IdToken: 3600 },
  });
}

/** The provider behind the sign-in form on the already-listening server. */
function serveProvider(server: Server, provider: InstanceType<ProviderClass>, issuer: string, options: LocalIdentityProviderOptions): LocalIdentityProvider {
  const callback = provider.callback();
  const html = (res: ServerResponse, status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-frame-options': 'DENY' });
    res.end(body);
  };
  server.on('request', async (req: IncomingMessage, res: ServerResponse) => {
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec((req.url ?? '').split('?', 1)[0]!);
    if (!match) return callback(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (req.method === 'GET') return html(res, 200, signInPage(details.uid));
      if (req.method !== 'POST' || !match[2]) return html(res, 405, 'Method not allowed');
      const form = await readForm(req);
      const username = form.get('username') ?? '';
      if (!sameSecret(username, options.user.username) || !sameSecret(form.get('password') ?? '', options.user.password)) {
        return html(res, 401, signInPage(details.uid, 'Wrong user or password.'));
      }
      await provider.interactionFinished(req, res, { login: { accountId: username } }, { mergeWithLastSubmission: false });
    } catch {
      html(res, 400, 'This sign-in has expired; start again from your application.');
    }
  });
  return {
    issuer,
    jwksUri: `${issuer}/jwks`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
