import { describe, expect, it } from 'vitest';
import { cardPaths, serverCardUrls } from '../../../src/core/http/server-card.ts';
import type { HttpRequest } from '../../../src/core/http/types.ts';
import type { McpHandler } from '../../../src/create-handler.ts';
import { sampleServer } from '../../helpers.ts';
import { cardErrors } from '../../server-card-schema.ts';

const ORIGIN = 'https://mcp.example.com';
const PRM = `${ORIGIN}/.well-known/oauth-protected-resource/mcp`;

const get = (handler: McpHandler, path: string, headers: Record<string, string> = {}, method = 'GET', extra: Partial<HttpRequest> = {}) =>
  handler.handle({ method, headers: { host: 'mcp.example.com', ...headers }, path, origin: ORIGIN, ...extra });

describe('serving the server card', () => {
  it('answers at both locations with the same card, its media type and a schema-valid body', async () => {
    const handler = sampleServer();
    const reserved = await get(handler, '/mcp/server-card');
    const wellKnown = await get(handler, '/.well-known/mcp/server-card.json');
    for (const res of [reserved, wellKnown]) {
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/mcp-server-card+json');
      expect(cardErrors(JSON.parse(res.body))).toEqual([]);
    }
    expect(wellKnown.body).toBe(reserved.body);
    expect(wellKnown.headers.etag).toBe(reserved.headers.etag);
  });

  it('is public and cacheable: CORS open to any origin, Cache-Control with a max-age, a strong ETag', async () => {
    const res = await get(sampleServer(), '/mcp/server-card', { origin: 'https://registry.example' });
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-expose-headers']).toBe('ETag');
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
  });

  it('card.maxAgeSeconds sets the max-age', async () => {
    expect((await get(sampleServer({ card: { maxAgeSeconds: 60 } }), '/mcp/server-card')).headers['cache-control']).toBe('public, max-age=60');
  });

  it('If-None-Match with its ETag gets 304 with no body; another tag, or none, the card again', async () => {
    const handler = sampleServer();
    const first = await get(handler, '/mcp/server-card');
    const etag = first.headers.etag!;
    const again = await get(handler, '/mcp/server-card', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    expect(again.headers['cache-control']).toBe('public, max-age=3600');
    expect((await get(handler, '/mcp/server-card', { 'if-none-match': `"other", W/${etag}` })).status).toBe(304);
    expect((await get(handler, '/mcp/server-card', { 'if-none-match': '*' })).status).toBe(304);
    expect((await get(handler, '/mcp/server-card', { 'if-none-match': '"other"' })).status).toBe(200);
  });

  it('the ETag follows the card: a different server, or a different endpoint, has another one', async () => {
    const a = await get(sampleServer(), '/mcp/server-card');
    const b = await get(sampleServer({ version: '1.2.4' }), '/mcp/server-card');
    const c = await get(sampleServer(), '/other/server-card');
    expect(new Set([a.headers.etag, b.headers.etag, c.headers.etag]).size).toBe(3);
    expect(JSON.parse(c.body).remotes[0].url).toBe(`${ORIGIN}/other`);
  });

  it('is not behind the auth gate, even when auth is required (the endpoint itself still answers 401)', async () => {
    const handler = sampleServer({ auth: { required: true, resourceMetadataUrl: PRM } });
    expect((await get(handler, '/mcp/server-card')).status).toBe(200);
    expect((await get(handler, '/.well-known/mcp/server-card.json')).status).toBe(200);
    const endpoint = await handler.handle({ method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', path: '/mcp', origin: ORIGIN });
    expect(endpoint.status).toBe(401);
  });

  it('is not refused for a browser Origin the endpoint refuses (read-only public metadata)', async () => {
    const handler = sampleServer();
    expect((await get(handler, '/mcp/server-card', { origin: 'https://elsewhere.example' })).status).toBe(200);
    const endpoint = await handler.handle({ method: 'POST', headers: { origin: 'https://elsewhere.example', 'content-type': 'application/json' }, body: '{}', path: '/mcp' });
    expect(endpoint.status).toBe(403);
  });

  it('HEAD has the headers without the body; the preflight allows If-None-Match; other methods get 405 with Allow', async () => {
    const handler = sampleServer();
    const head = await get(handler, '/mcp/server-card', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers.etag).toBeDefined();
    const preflight = await get(handler, '/mcp/server-card', { 'access-control-request-headers': 'if-none-match' }, 'OPTIONS');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toContain('If-None-Match');
    const post = await get(handler, '/mcp/server-card', {}, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD, OPTIONS');
  });

  it('the well-known card names the endpoint path the adapter serves (default /mcp)', async () => {
    const res = await get(sampleServer(), '/.well-known/mcp/server-card.json', {}, 'GET', { endpointPath: '/tools/mcp' });
    expect(JSON.parse(res.body).remotes[0].url).toBe(`${ORIGIN}/tools/mcp`);
  });

  it('a Host header that makes no URL gets 400, not a failure', async () => {
    const res = await get(sampleServer(), '/mcp/server-card', {}, 'GET', { origin: 'https://<bad host>' });
    expect(res.status).toBe(400);
    expect(res.body).toMatch(/Host header/);
  });

  it('card: false serves none: 404 at both locations, the endpoint unchanged', async () => {
    const handler = sampleServer({ card: false });
    expect((await get(handler, '/mcp/server-card')).status).toBe(404);
    expect((await get(handler, '/.well-known/mcp/server-card.json')).status).toBe(404);
  });

  it('a request without a path (an adapter that predates cards) is the endpoint, as before', async () => {
    const res = await sampleServer().handle({ method: 'GET', headers: {} });
    expect(res.status).toBe(405);
  });
});

describe('the card\'s URL rule', () => {
  it('an endpoint\'s card is <endpoint>/server-card and /.well-known/mcp/server-card.json on its origin', () => {
    expect(serverCardUrls('https://mcp.example.com/mcp')).toEqual({
      card: 'https://mcp.example.com/mcp/server-card',
      wellKnown: 'https://mcp.example.com/.well-known/mcp/server-card.json',
    });
    expect(serverCardUrls('https://api.example.com/v1/mcp/')).toEqual({
      card: 'https://api.example.com/v1/mcp/server-card',
      wellKnown: 'https://api.example.com/.well-known/mcp/server-card.json',
    });
    expect(cardPaths('/mcp')).toEqual(['/mcp/server-card', '/.well-known/mcp/server-card.json']);
  });
});
