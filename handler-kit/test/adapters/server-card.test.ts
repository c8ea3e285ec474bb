import { afterEach, describe, expect, it } from 'vitest';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLambdaHandler } from '../../src/adapters/aws-lambda/minimal.ts';
import { serve, toNodeListener, type RunningServer } from '../../src/adapters/node/index.ts';
import { sampleServer } from '../helpers.ts';
import { cardErrors } from '../server-card-schema.ts';
import { fixture, lambdaContext } from './aws-lambda/events.ts';

/** Every adapter gets the card from the core: none of them knows what a card is beyond its paths. */

const PRM = 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp';
let running: RunningServer | undefined;
let plain: Server | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
  await new Promise<void>((done) => (plain ? plain.close(() => done()) : done()));
  plain = undefined;
});

describe('node adapter: the card beside the endpoint', () => {
  it('serve(): both locations answer the card naming the endpoint; the ETag round trip over real HTTP', async () => {
    running = await serve(sampleServer({ auth: { required: true, resourceMetadataUrl: PRM } }), { port: 0 });
    const origin = new URL(running.url).origin;
    for (const url of [`${running.url}/server-card`, `${origin}/.well-known/mcp/server-card.json`]) {
      const res = await fetch(url, { headers: { accept: 'application/mcp-server-card+json' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/mcp-server-card+json');
      const card = await res.json();
      expect(cardErrors(card)).toEqual([]);
      expect(card.remotes[0].url).toBe(running.url);
      const etag = res.headers.get('etag')!;
      const revalidated = await fetch(url, { headers: { 'if-none-match': etag } });
      expect(revalidated.status).toBe(304);
      expect(await revalidated.text()).toBe('');
    }
    // The endpoint itself is still behind the gate.
    expect((await fetch(running.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
  });

  it('a custom endpoint path moves the reserved location with it; the well-known card names that path', async () => {
    running = await serve(sampleServer(), { port: 0, path: '/tools/mcp' });
    const origin = new URL(running.url).origin;
    expect((await fetch(`${origin}/mcp/server-card`)).status).toBe(404);
    const reserved = await (await fetch(`${origin}/tools/mcp/server-card`)).json();
    const wellKnown = await (await fetch(`${origin}/.well-known/mcp/server-card.json`)).json();
    expect(reserved.remotes[0].url).toBe(`${origin}/tools/mcp`);
    expect(wellKnown).toEqual(reserved);
  });

  it('serve() on loopback still refuses a foreign Host for the card (DNS rebinding defence unchanged)', async () => {
    running = await serve(sampleServer(), { port: 0 });
    const { port } = running;
    const res = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/mcp/server-card', headers: { host: 'evil.example' } },
        (r) => resolve(r.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end();
    });
    expect(res).toBe(403);
  });

  it('Express-style hosts: other paths still go to next()', async () => {
    const listener = toNodeListener(sampleServer());
    plain = createServer((req, res) => listener(req, res, () => res.writeHead(418).end()));
    await new Promise<void>((done) => plain!.listen(0, '127.0.0.1', done));
    const base = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
    expect((await fetch(`${base}/mcp/server-card`)).status).toBe(200);
    expect((await fetch(`${base}/elsewhere`)).status).toBe(418);
  });
});

describe('fetch adapter', () => {
  it('handler.fetch answers the card at both locations of the URL it is given', async () => {
    const handler = sampleServer();
    const reserved = await handler.fetch(new Request('https://tools.example.dev/api/mcp/server-card'));
    expect(reserved.status).toBe(200);
    const card = await reserved.json();
    expect(card.remotes[0].url).toBe('https://tools.example.dev/api/mcp');
    expect(card.name).toBe('dev.example.tools/sample');
    const wellKnown = await handler.fetch(new Request('https://tools.example.dev/.well-known/mcp/server-card.json'));
    expect((await wellKnown.json()).remotes[0].url).toBe('https://tools.example.dev/mcp');
    const cached = await handler.fetch(new Request('https://tools.example.dev/api/mcp/server-card', { headers: { 'if-none-match': reserved.headers.get('etag')! } }));
    expect(cached.status).toBe(304);
    expect(cached.body).toBeNull();
  });
});

describe('aws lambda adapter (servers without a gateway mock)', () => {
  const asCardRequest = (event: Record<string, any>, path: string) => {
    const out: Record<string, any> = { ...event, body: null, isBase64Encoded: false };
    if (event.httpMethod) {
      Object.assign(out, { httpMethod: 'GET', path, resource: path, requestContext: { ...event.requestContext, path: `/prod${path}`, httpMethod: 'GET' } });
    } else {
      // The published function URL event has a placeholder (<url-id>) where its host is.
      const domainName = String(event.requestContext.domainName).replace('<url-id>', 'abcdefg');
      Object.assign(out, { rawPath: path, requestContext: { ...event.requestContext, domainName, http: { ...event.requestContext.http, method: 'GET', path } } });
    }
    return out;
  };

  it('REST API (payload 1.0): the card names the URL the client called, stage included', async () => {
    const handle = createLambdaHandler(sampleServer());
    const res = (await handle(asCardRequest(fixture('rest-v1'), '/mcp/server-card') as never, lambdaContext())) as { statusCode: number; headers: Record<string, string>; body: string };
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/mcp-server-card+json');
    const card = JSON.parse(res.body);
    expect(cardErrors(card)).toEqual([]);
    expect(card.remotes[0].url).toBe('https://puhdx84jy9.execute-api.eu-west-1.amazonaws.com/prod/mcp');
  });

  it('HTTP API and function URLs (payload 2.0): both locations', async () => {
    const handle = createLambdaHandler(sampleServer());
    for (const name of ['http-v2', 'function-url']) {
      for (const path of ['/mcp/server-card', '/.well-known/mcp/server-card.json']) {
        const res = (await handle(asCardRequest(fixture(name), path) as never, lambdaContext())) as { statusCode: number; body: string };
        expect(res.statusCode, `${name} ${path}`).toBe(200);
        expect(JSON.parse(res.body).remotes[0].url).toMatch(/^https:\/\/.+\/mcp$/);
      }
    }
  });
});

describe('fetch adapter with mounts (a front door beside /mcp)', () => {
  it('the card at both locations goes to the server, before a mount claiming /.well-known/*, and names the mounted path', async () => {
    const { withMounts } = await import('../../src/adapters/fetch/index.ts');
    const claimsWellKnown = { matches: (path: string) => path.startsWith('/.well-known/'), handle: async () => ({ status: 418, headers: {}, body: '' }) };
    const app = withMounts((r) => sampleServer().fetch(r), [claimsWellKnown], { path: '/tools/mcp' });
    const reserved = await app(new Request('https://tools.example.dev/tools/mcp/server-card'));
    const wellKnown = await app(new Request('https://tools.example.dev/.well-known/mcp/server-card.json'));
    expect([reserved.status, wellKnown.status]).toEqual([200, 200]);
    const card = await reserved.json();
    expect(card.remotes[0].url).toBe('https://tools.example.dev/tools/mcp');
    expect(await wellKnown.json()).toEqual(card);
    expect((await app(new Request('https://tools.example.dev/.well-known/oauth-protected-resource/tools/mcp'))).status).toBe(418);
  });
});
