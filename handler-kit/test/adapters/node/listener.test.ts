import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { serve, toNodeListener, type RunningServer } from '../../../src/adapters/node/index.ts';
import { sampleServer } from '../../helpers.ts';

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

function send(url: string, init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'POST', headers: { 'content-type': 'application/json', ...init.headers } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('node adapter', () => {
  it('serves POST /mcp and 404s other paths', async () => {
    running = await serve(sampleServer(), { port: 0 });
    const ok = await send(running.url, { body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }) });
    expect([ok.status, JSON.parse(ok.body).result]).toEqual([200, {}]);
    expect((await send(running.url.replace('/mcp', '/other'), { body: '{}' })).status).toBe(404);
  });

  it('stops reading a body past the limit and answers 413', async () => {
    running = await serve(sampleServer({ maxBodyBytes: 1024 }), { port: 0 });
    const res = await send(running.url, { body: Buffer.alloc(64 * 1024, 'a') });
    expect(res.status).toBe(413);
  });

  it('refuses a foreign Host when bound to loopback (DNS rebinding)', async () => {
    running = await serve(sampleServer(), { port: 0 });
    const res = await send(running.url, { headers: { host: 'evil.example.com' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }) });
    expect(res.status).toBe(403);
  });

  it('passes what an authenticate hook establishes to the server as auth', async () => {
    // Configured for auth: one rule for every caller (the scope is needed, an anonymous caller holds none).
    running = await serve(sampleServer({ auth: {} }), {
      port: 0,
      authenticate: (req) => (req.headers.authorization === 'Bearer good' ? { subject: 'u', scopes: ['nothing'], claims: {} } : undefined),
    });
    const call = (authorization: string) =>
      send(running!.url, { headers: { authorization }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'delete_all' } }) });
    expect((await call('Bearer good')).status).toBe(403);
    expect((await call('Bearer other')).status).toBe(401);
  });

  it('answers 400 to a pre-parsed body nested too deep to turn back into JSON, instead of failing', async () => {
    const listener = toNodeListener(sampleServer());
    let deep: unknown = 1;
    for (let i = 0; i < 20_000; i++) deep = [deep];
    const server = createServer((req, res) => {
      (req as { body?: unknown }).body = { jsonrpc: '2.0', id: 5, method: 'tools/call', params: { name: 'echo', arguments: { text: deep } } };
      void listener(req, res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const res = await send(`http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`);
      expect([res.status, JSON.parse(res.body).error.code]).toEqual([400, -32700]);
    } finally {
      server.close();
    }
  });

  it('works as Express-style middleware: a parsed body is used, other paths go to next()', async () => {
    const listener = toNodeListener(sampleServer());
    const server = createServer((req, res) => {
      if (req.url === '/mcp') (req as { body?: unknown }).body = { jsonrpc: '2.0', id: 5, method: 'ping' };
      void listener(req, res, () => {
        res.writeHead(418).end('next');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect(JSON.parse((await send(`${base}/mcp`)).body)).toEqual({ jsonrpc: '2.0', id: 5, result: {} });
      expect((await send(`${base}/elsewhere`)).status).toBe(418);
    } finally {
      server.close();
    }
  });
});
