import { describe, expect, it } from 'vitest';
import { sampleServer } from '../../helpers.ts';

const req = (body: string, init: RequestInit = {}) =>
  new Request('https://mcp.example.com/mcp', { method: 'POST', headers: { 'content-type': 'application/json' }, body, ...init });

describe('fetch adapter (handler.fetch)', () => {
  it('serves a Request and returns a JSON Response', async () => {
    const res = await sampleServer().fetch(req(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'add', arguments: { a: 1, b: 2 } } })));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect((await res.json()).result.structuredContent).toEqual({ sum: 3 });
  });

  it('answers 202 with no body for a notification', async () => {
    const res = await sampleServer().fetch(req(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })));
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('');
  });

  it('refuses a declared Content-Length above the limit before reading the body', async () => {
    const res = await sampleServer({ maxBodyBytes: 10 }).fetch(req('{}', { headers: { 'content-type': 'application/json', 'content-length': '999' } }));
    expect(res.status).toBe(413);
  });

  it('passes auth from the host to scope checks', async () => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'delete_all' } });
    const res = await sampleServer().fetch(req(body), { auth: { scopes: ['admin'], claims: {} } });
    expect((await res.json()).result.content[0].text).toBe('deleted');
  });

  it('stops reading a chunked body past the limit (never buffers it whole)', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const res = await sampleServer({ maxBodyBytes: 4096 }).fetch(
      new Request('https://mcp.example.com/mcp', { method: 'POST', headers: { 'content-type': 'application/json' }, body: endless, duplex: 'half' } as RequestInit),
    );
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThan(10);
  });
});
