import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpsCimdFetcher } from '../../src/cimd/https-fetcher.ts';
import { isPublicAddress } from '../../src/cimd/address-policy.ts';
import { authorizeParams, harness, pkce } from '../helpers/harness.ts';

/** A metadata document server on loopback; tests allow `http://127.0.0.1` documents, as make dev's switch does. */
let server: Server;
let base: string;
const documents = new Map<string, { status?: number; body: unknown; headers?: Record<string, string> }>();
let fetches = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    fetches++;
    const doc = documents.get(req.url ?? '');
    if (!doc) return res.writeHead(404).end();
    res.writeHead(doc.status ?? 200, { 'content-type': 'application/json', ...doc.headers });
    res.end(typeof doc.body === 'string' ? doc.body : JSON.stringify(doc.body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function publish(path: string, body: (id: string) => unknown, extra: { status?: number; headers?: Record<string, string> } = {}) {
  const id = `${base}${path}`;
  documents.set(path, { body: body(id), ...extra });
  return id;
}

const local = () => harness({ cimd: { allowLoopbackHttp: true } }, { cimdFetcher: httpsCimdFetcher({ allowLoopbackHttp: true }) });

describe('Client ID Metadata Documents', () => {
  it('a URL client id is resolved from its document; the consent page names where the details came from', async () => {
    const h = local();
    const id = publish('/client.json', (id) => ({ client_id: id, client_name: 'Doc Client', redirect_uris: ['http://127.0.0.1/cb'], token_endpoint_auth_method: 'none' }), { headers: { 'cache-control': 'max-age=600' } });
    const params = authorizeParams(id, 'http://127.0.0.1:4444/cb', pkce().challenge);
    const start = await h.call('GET', h.authorizeUrl(params));
    expect(start.headers.location).toMatch(/^https:\/\/idp\.test\//);
    const page = await h.call('GET', `/callback?code=c&state=${new URL(start.headers.location!).searchParams.get('state')}`);
    expect(page.body).toContain('<strong>Doc Client</strong>');
    expect(page.body).toContain(`Its details come from 127.0.0.1:`);
    // Cached within its max-age: the second authorization fetches nothing.
    const before = fetches;
    await h.call('GET', h.authorizeUrl(params));
    expect(fetches).toBe(before);
  });

  it.each([
    ['its client_id is another URL', (_id: string) => ({ client_id: 'https://elsewhere.example/c.json', redirect_uris: ['http://127.0.0.1/cb'] }), 'its client_id is not the URL'],
    ['it is a confidential client', (id: string) => ({ client_id: id, redirect_uris: ['http://127.0.0.1/cb'], token_endpoint_auth_method: 'private_key_jwt' }), 'only public clients'],
    ['it lists only disallowed redirect URIs', (id: string) => ({ client_id: id, redirect_uris: ['https://evil.example/cb'] }), 'no allowed redirect URI'],
    ['it is not JSON', () => 'not json', 'not a JSON object'],
  ])('refuses a document when %s, on a page', async (_name, body, reason) => {
    const h = local();
    const id = publish(`/bad-${fetches}.json`, body);
    const res = await h.call('GET', h.authorizeUrl(authorizeParams(id, 'http://127.0.0.1/cb', pkce().challenge)));
    expect(res.status).toBe(400);
    expect(res.headers.location).toBeUndefined();
    expect(h.logs.find((l) => l.step === 'cimd')?.fields.reason).toContain(reason);
  });

  it('refuses a redirect URI the document does not list', async () => {
    const h = local();
    const id = publish('/listed.json', (id) => ({ client_id: id, redirect_uris: ['http://127.0.0.1/cb'] }));
    const res = await h.call('GET', h.authorizeUrl(authorizeParams(id, 'http://127.0.0.1/other', pkce().challenge)));
    expect(res.status).toBe(400);
  });

  it('follows no redirects and bounds the size', async () => {
    const h = local();
    const moved = publish('/moved.json', () => '', { status: 302, headers: { location: `${base}/client.json` } });
    expect((await h.call('GET', h.authorizeUrl(authorizeParams(moved, 'http://127.0.0.1/cb', pkce().challenge)))).status).toBe(400);
    expect(h.logs.find((l) => l.step === 'cimd' && String(l.fields.reason).includes('HTTP 302'))).toBeDefined();
    const huge = publish('/huge.json', (id) => ({ client_id: id, redirect_uris: ['http://127.0.0.1/cb'], pad: 'x'.repeat(10_000) }));
    await h.call('GET', h.authorizeUrl(authorizeParams(huge, 'http://127.0.0.1/cb', pkce().challenge)));
    expect(h.logs.find((l) => l.step === 'cimd' && String(l.fields.reason).includes('larger'))).toBeDefined();
  });

  it.each([['10.0.0.7'], ['169.254.169.254'], ['127.0.0.1'], ['192.168.1.1'], ['::1'], ['fd00:ec2::254'], ['::ffff:127.0.0.1'], ['100.64.0.1']])(
    'refuses a document whose host resolves to %s, before connecting',
    async (address) => {
      let connected = false;
      const fetcher = httpsCimdFetcher({ resolve: async () => [{ address, family: address.includes(':') ? 6 : 4 }] });
      const h = harness({}, { cimdFetcher: async (url) => { const r = await fetcher(url); connected = true; return r; } });
      const res = await h.call('GET', h.authorizeUrl(authorizeParams('https://client.example/meta.json', 'https://claude.ai/api/mcp/auth_callback', pkce().challenge)));
      expect(res.status).toBe(400);
      expect(connected).toBe(false);
      expect(h.logs.find((l) => l.step === 'cimd')?.fields.reason).toContain('non-public address');
    },
  );

  it('without the development switch, http and loopback documents are refused', async () => {
    const h = harness({}, { cimdFetcher: httpsCimdFetcher() });
    const id = publish('/plain.json', (id) => ({ client_id: id, redirect_uris: ['http://127.0.0.1/cb'] }));
    expect((await h.call('GET', h.authorizeUrl(authorizeParams(id, 'http://127.0.0.1/cb', pkce().challenge)))).status).toBe(400);
    expect(h.logs.find((l) => l.step === 'cimd')?.fields.reason).toContain('must be https');
  });

  it('classifies addresses: public ones pass', () => {
    expect(isPublicAddress('93.184.215.14')).toBe(true);
    expect(isPublicAddress('2606:4700::1111')).toBe(true);
    expect(isPublicAddress('172.16.5.4')).toBe(false);
    expect(isPublicAddress('not-an-ip')).toBe(false);
  });
});
