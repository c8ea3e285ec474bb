import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { bearerAuth, createJwtVerifier, InvalidTokenError } from '../../src/auth/index.ts';
import { createHandler, defineTool } from '../../src/index.ts';
import type { AuthInfo } from '../../src/core/context.ts';
import type { HttpHandler, HttpRequest } from '../../src/core/http/types.ts';

/** A handler that reports who it was told is calling. */
const seen: (AuthInfo | undefined)[] = [];
const inner: HttpHandler = {
  maxBodyBytes: 1024,
  async handle(req: HttpRequest) {
    seen.push(req.auth);
    return { status: 200, headers: {}, body: 'ok' };
  },
};
const verify = async (token: string): Promise<AuthInfo> => {
  if (token !== 'good') throw new InvalidTokenError('The access token has expired');
  return { subject: 'u', scopes: ['tasks:read'], claims: {} };
};
const PRM = 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp';
const gated = bearerAuth(inner, { verify, resourceMetadataUrl: PRM });
const request = (headers: Record<string, string>, method = 'POST'): HttpRequest => ({ method, headers, body: '{}' });

describe('bearerAuth', () => {
  it('a valid token becomes ctx.auth', async () => {
    seen.length = 0;
    expect((await gated.handle(request({ authorization: 'Bearer good' }))).status).toBe(200);
    expect(seen[0]).toMatchObject({ subject: 'u', scopes: ['tasks:read'] });
  });

  it('no token: 401 with the resource_metadata challenge clients discover the authorization server from', async () => {
    const res = await gated.handle(request({}));
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe(`Bearer resource_metadata="${PRM}"`);
    expect(JSON.parse(res.body).error.code).toBe(-32001);
  });

  it('an invalid or malformed token: 401 invalid_token, the reason but never the token', async () => {
    const res = await gated.handle(request({ authorization: 'Bearer bad-token-value' }));
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe(`Bearer error="invalid_token", error_description="The access token has expired", resource_metadata="${PRM}"`);
    expect(JSON.stringify(res)).not.toContain('bad-token-value');
    expect((await gated.handle(request({ authorization: 'Basic dXNlcjpwYXNz' }))).headers['www-authenticate']).toContain('invalid_token');
  });

  it("a token that cannot be checked (the issuer's keys unreachable): 503 to retry, never invalid_token, the handler not reached", async () => {
    seen.length = 0;
    // A real verifier whose issuer is a closed loopback port: jose's key fetch fails before any token check.
    const unreachable = bearerAuth(inner, { verify: createJwtVerifier({ issuer: 'http://127.0.0.1:9', clientIds: null }), resourceMetadataUrl: PRM });
    const res = await unreachable.handle(request({ authorization: 'Bearer eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJ1In0.c2ln' }));
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.headers['www-authenticate']).toBeUndefined();
    expect(JSON.parse(res.body).error).toMatchObject({ code: -32603, message: expect.stringContaining('try again') });
    expect(res.body).not.toContain('eyJ');
    expect(seen).toEqual([]);
  });

  it('GET and DELETE need a token too; preflights pass untouched; optional mode lets anonymous requests through', async () => {
    expect((await gated.handle(request({}, 'GET'))).status).toBe(401);
    expect((await gated.handle(request({}, 'DELETE'))).status).toBe(401);
    expect((await gated.handle(request({ origin: 'http://localhost:6274' }, 'OPTIONS'))).status).toBe(200);
    seen.length = 0;
    const optional = bearerAuth(inner, { verify, required: false });
    expect((await optional.handle(request({}))).status).toBe(200);
    expect(seen).toEqual([undefined]);
  });

  it('a browser on an allowed origin can read the 401 (CORS); another origin gets it unreadable, never the handler', async () => {
    const res = await gated.handle(request({ origin: 'http://localhost:6274' }));
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:6274');
    expect(res.headers['access-control-expose-headers']).toContain('www-authenticate');
    seen.length = 0;
    const foreign = await gated.handle(request({ origin: 'https://evil.example' }));
    expect(foreign.status).toBe(401);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    expect(seen).toEqual([]);
  });

  it('no token: the 401 is the core gate\'s: the request\'s id echoed, the server\'s scopes named, HEAD without a body', async () => {
    const server = createHandler({
      name: 's',
      version: '1.0.0',
      auth: { required: true, resourceMetadataUrl: PRM },
      tools: [defineTool({ name: 'read', description: 'Read.', input: z.object({}), scopes: ['tasks:read'], handler: () => 'ok' })],
    });
    const wrapped = bearerAuth(server, { verify, resourceMetadataUrl: PRM });
    const body = JSON.stringify({ jsonrpc: '2.0', id: 41, method: 'tools/list' });
    const res = await wrapped.handle({ method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ id: 41, error: { code: -32001 } });
    expect(res.headers['www-authenticate']).toBe(`Bearer scope="tasks:read", resource_metadata="${PRM}"`);
    const head = await wrapped.handle({ method: 'HEAD', headers: {}, body: '' });
    expect(head.status).toBe(401);
    expect(head.body).toBe('');
    // A body past the depth limit is never parsed for its id.
    const deep = '['.repeat(100) + ']'.repeat(100);
    expect(JSON.parse((await wrapped.handle({ method: 'POST', headers: {}, body: deep })).body).id).toBeNull();
  });
});

describe('bearerAuth and the server card', () => {
  it('lets the card\'s locations through without a token (public metadata), and the endpoint still needs one', async () => {
    seen.length = 0;
    for (const path of ['/mcp/server-card', '/.well-known/mcp/server-card.json']) {
      expect((await gated.handle({ method: 'GET', headers: {}, path })).status, path).toBe(200);
      expect((await gated.handle({ method: 'GET', headers: { authorization: 'Bearer expired' }, path })).status, path).toBe(200);
    }
    expect(seen).toEqual([undefined, undefined, undefined, undefined]);
    expect((await gated.handle({ method: 'POST', headers: {}, path: '/mcp', body: '{}' })).status).toBe(401);
  });
});
