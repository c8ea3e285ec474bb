import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJwtVerifier, InvalidTokenError, KeySetUnavailableError } from '../../src/auth/index.ts';

/** An issuer on loopback serving a Cognito-style JWKS; tokens shaped like Cognito access tokens. */
let server: Server;
let issuer: string;
let key: CryptoKey;
let otherKey: CryptoKey;
beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  key = pair.privateKey;
  ({ privateKey: otherKey } = await generateKeyPair('RS256'));
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  server = createServer((req, res) => {
    if (req.url === '/down/.well-known/jwks.json') return res.writeHead(500).end('upstream error');
    if (req.url === '/html/.well-known/jwks.json') return res.writeHead(200, { 'content-type': 'text/html' }).end('<html>maintenance</html>');
    if (req.url !== '/.well-known/jwks.json') return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const sign = (claims: JWTPayload, options: { key?: CryptoKey; kid?: string; alg?: string } = {}) =>
  new SignJWT({ token_use: 'access', client_id: 'front-door', scope: 'tasks:read', username: 'ana', ...claims })
    .setProtectedHeader({ alg: options.alg ?? 'RS256', kid: options.kid ?? 'k1' })
    .setIssuer(String(claims.iss ?? issuer))
    .setSubject('user-1')
    .setIssuedAt()
    .setExpirationTime(typeof claims.exp === 'number' ? claims.exp : '1h')
    .sign(options.key ?? key);

describe('createJwtVerifier (what API Gateway\'s Cognito authorizer checks)', () => {
  const verifier = () => createJwtVerifier({ issuer, clientIds: ['front-door'] });

  it('accepts a Cognito-shaped access token and returns AuthInfo', async () => {
    const auth = await verifier()(await sign({}));
    expect(auth).toMatchObject({ subject: 'user-1', clientId: 'front-door', scopes: ['tasks:read'] });
    expect(auth.claims.username).toBe('ana');
  });

  it.each([
    ['another issuer', () => sign({ iss: 'https://cognito-idp.eu-west-1.amazonaws.com/other' }), 'invalid'],
    ['an expired token', () => sign({ exp: Math.floor(Date.now() / 1000) - 60 }), 'expired'],
    ['an ID token', () => sign({ token_use: 'id' }), 'not an access token'],
    ['a client outside the allowed set', () => sign({ client_id: 'someone-else' }), 'client this server does not accept'],
    ['a signature by another key', () => sign({}, { key: otherKey }), 'invalid'],
    ['an unknown key id', () => sign({}, { kid: 'nope' }), 'invalid'],
    ['garbage', async () => 'not.a.jwt', 'invalid'],
  ])('refuses %s with InvalidTokenError', async (_name, make, message) => {
    const error = await verifier()(await make()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidTokenError);
    expect((error as Error).message).toContain(message);
  });

  it('checks scopes (any of) and, when configured, the audience', async () => {
    const scoped = createJwtVerifier({ issuer, clientIds: ['front-door'], anyScope: ['tasks:write'] });
    await expect(scoped(await sign({}))).rejects.toThrow('none of the scopes');
    expect((await scoped(await sign({ scope: 'tasks:read tasks:write' }))).scopes).toEqual(['tasks:read', 'tasks:write']);
    const bound = createJwtVerifier({ issuer, clientIds: null, audience: 'https://mcp.example.com/mcp' });
    await expect(bound(await sign({}))).rejects.toBeInstanceOf(InvalidTokenError);
    expect((await bound(await sign({ aud: 'https://mcp.example.com/mcp' }))).subject).toBe('user-1');
  });

  it.each([
    ['answers HTTP 500', () => `${issuer}/down`, 'answered HTTP 500'],
    ['answers a page that is not JSON', () => `${issuer}/html`, 'not JSON'],
    ['is unreachable', () => 'http://127.0.0.1:9', 'unreachable'],
  ])("cannot check a token when the issuer's key set %s: KeySetUnavailableError, not InvalidTokenError", async (_name, at, message) => {
    const error = await createJwtVerifier({ issuer: at(), clientIds: ['front-door'] })(await sign({ iss: at() })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeySetUnavailableError);
    expect(error).not.toBeInstanceOf(InvalidTokenError);
    expect((error as Error).message).toContain(message);
  });
});
