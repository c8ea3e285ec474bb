import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type MountedHandler, type MountedRequest, type RunningServer } from '../../../src/adapters/node/index.ts';
import { withMounts } from '../../../src/adapters/fetch/index.ts';
import { createHandler } from '../../../src/index.ts';

/** Stands in for the OAuth front door: records what it was handed. */
const received: MountedRequest[] = [];
const frontDoor: MountedHandler = {
  matches: (path) => path.startsWith('/.well-known/') || path === '/authorize' || path === '/token',
  async handle(req) {
    received.push(req);
    return { status: 200, headers: { 'content-type': 'application/json', 'set-cookie': 'a=b' }, body: JSON.stringify({ path: req.url }) };
  },
};
const mcp = createHandler({ name: 'mounted', version: '1.0.0' });

let running: RunningServer;
beforeAll(async () => {
  running = await serve(mcp, { port: 0, mounts: [frontDoor] });
});
afterAll(() => running.close());
const origin = () => running.url.replace('/mcp', '');

describe('mounts beside /mcp on one origin', () => {
  it('Node: mounted paths reach the mounted handler with their query and body; /mcp the MCP handler; the rest 404', async () => {
    received.length = 0;
    const meta = await fetch(`${origin()}/authorize?client_id=a&state=b`);
    expect(await meta.json()).toEqual({ path: '/authorize?client_id=a&state=b' });
    expect(meta.headers.get('set-cookie')).toBe('a=b');
    await fetch(`${origin()}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=x' });
    expect(received[1]).toMatchObject({ method: 'POST', url: '/token', body: 'grant_type=x' });
    const rpc = await fetch(running.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }) });
    expect(rpc.status).toBe(200);
    expect((await fetch(`${origin()}/elsewhere`)).status).toBe(404);
  });

  it('Node: a loopback server refuses a foreign Host for mounted pages too (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${origin()}/.well-known/oauth-authorization-server`, { headers: { host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('Node: a body over the mount limit gets 413 unread', async () => {
    const res = await fetch(`${origin()}/token`, { method: 'POST', body: 'x'.repeat(70 * 1024) });
    expect(res.status).toBe(413);
  });

  it('Fetch: withMounts routes the same way', async () => {
    received.length = 0;
    const site = withMounts((r) => mcp.fetch(r), [frontDoor]);
    const meta = await site(new Request('https://mcp.example.com/.well-known/oauth-protected-resource/mcp?x=1'));
    expect(await meta.json()).toEqual({ path: '/.well-known/oauth-protected-resource/mcp?x=1' });
    const rpc = await site(new Request('https://mcp.example.com/mcp', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }) }));
    expect(rpc.status).toBe(200);
    expect((await site(new Request('https://mcp.example.com/other'))).status).toBe(404);
  });
});
