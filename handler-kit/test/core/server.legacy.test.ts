import { describe, expect, it } from 'vitest';
import type { SettledEvent } from '../../src/index.ts';
import { JSON_HEADERS, legacy, memoryLogger, post, sampleServer } from '../helpers.ts';

const init = (version: string) => ({ protocolVersion: version, capabilities: {}, clientInfo: { name: 't', version: '1' } });

describe('2025 era: initialize and lifecycle', () => {
  it.each(['2025-11-25', '2025-06-18', '2025-03-26'])('answers initialize with the client version %s when it is served', async (version) => {
    const res = await post(sampleServer(), { jsonrpc: '2.0', id: 1, method: 'initialize', params: init(version) });
    expect(res.status).toBe(200);
    expect(res.json.result.protocolVersion).toBe(version);
    expect(res.json.result.serverInfo).toEqual({ name: 'sample', version: '1.2.3' });
    expect(res.json.result.capabilities).toEqual({ tools: {}, resources: {}, prompts: {}, completions: {}, logging: {} });
  });

  it('answers an unknown requested version with the newest 2025 version', async () => {
    const res = await post(sampleServer(), { jsonrpc: '2.0', id: 1, method: 'initialize', params: init('2024-01-01') });
    expect(res.json.result.protocolVersion).toBe('2025-11-25');
  });

  it('issues no session id', async () => {
    const res = await post(sampleServer(), { jsonrpc: '2.0', id: 1, method: 'initialize', params: init('2025-11-25') });
    expect(Object.keys(res.headers).map((h) => h.toLowerCase())).not.toContain('mcp-session-id');
  });

  it('serves a request that had no initialize before it (a fresh instance)', async () => {
    const res = await legacy(sampleServer(), 7, 'tools/call', { name: 'add', arguments: { a: 2, b: 3 } });
    expect(res.json).toMatchObject({ id: 7, result: { structuredContent: { sum: 5 } } });
  });

  it('treats a request without MCP-Protocol-Version as 2025-03-26', async () => {
    const res = await post(sampleServer(), { jsonrpc: '2.0', id: 1, method: 'tools/list' });
    expect(res.status).toBe(200);
    expect(res.json.result.tools.map((t: { name: string }) => t.name)).toContain('add');
  });

  it('answers notifications and client responses with 202 and no body', async () => {
    const handler = sampleServer();
    for (const body of [
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 'srv-1', result: {} },
      { jsonrpc: '2.0', id: 'srv-2', error: { code: -1, message: 'no' } },
    ]) {
      const res = await post(handler, body, { 'mcp-protocol-version': '2025-11-25' });
      expect(res.status).toBe(202);
      expect(res.body).toBe('');
    }
  });

  it('answers ping and logging/setLevel with exactly {}', async () => {
    const handler = sampleServer();
    expect((await legacy(handler, 1, 'ping')).json.result).toEqual({});
    expect((await legacy(handler, 2, 'logging/setLevel', { level: 'debug' })).json.result).toEqual({});
  });

  it('rejects logging/setLevel with an unknown level as invalid params', async () => {
    const res = await legacy(sampleServer(), 2, 'logging/setLevel', { level: 'loud' });
    expect(res.json.error.code).toBe(-32602);
  });

  it('rejects an unsupported MCP-Protocol-Version header with 400 naming the supported versions', async () => {
    const res = await legacy(sampleServer(), 3, 'tools/list', undefined, '2024-11-05');
    expect(res.status).toBe(400);
    expect(res.json.error.data.supported).toContain('2025-11-25');
    expect(res.json.id).toBe(3);
  });

  it('answers an unknown method with -32601 on HTTP 200, as 2025 clients expect', async () => {
    const res = await legacy(sampleServer(), 4, 'nope/nothing');
    expect(res.status).toBe(200);
    expect(res.json.error.code).toBe(-32601);
  });

  it('adds none of the 2026 fields (resultType, ttlMs, serverInfo _meta) to 2025 results', async () => {
    const res = await legacy(sampleServer(), 5, 'tools/list');
    expect(res.json.result).not.toHaveProperty('resultType');
    expect(res.json.result).not.toHaveProperty('ttlMs');
    expect(res.json.result).not.toHaveProperty('_meta');
  });

  it('reports a missing resource with -32002 and its URI', async () => {
    const res = await legacy(sampleServer(), 6, 'resources/read', { uri: 'doc://missing' });
    expect(res.json.error).toMatchObject({ code: -32002, data: { uri: 'doc://missing' } });
  });
});

describe('2025 era: batches', () => {
  const batch = [
    { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'add', arguments: { a: 1, b: 1 } } },
    { jsonrpc: '2.0', method: 'notifications/initialized' },
    { jsonrpc: '2.0', id: 2, method: 'ping' },
  ];

  it('answers a 2025-03-26 batch with one response per request, in order', async () => {
    const res = await post(sampleServer(), batch, { 'mcp-protocol-version': '2025-03-26' });
    expect(res.status).toBe(200);
    expect(res.json.map((r: { id: number }) => r.id)).toEqual([1, 2]);
    expect(res.json[0].result.structuredContent).toEqual({ sum: 2 });
  });

  it('answers a batch of notifications only with 202', async () => {
    const res = await post(sampleServer(), [{ jsonrpc: '2.0', method: 'notifications/initialized' }]);
    expect(res.status).toBe(202);
  });

  it.each(['2025-06-18', '2025-11-25'])('rejects batches under %s, which removed them', async (version) => {
    const res = await post(sampleServer(), batch, { 'mcp-protocol-version': version });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe(-32600);
  });

  it('rejects an empty batch and a batch containing initialize', async () => {
    expect((await post(sampleServer(), [])).status).toBe(400);
    const withInit = [{ jsonrpc: '2.0', id: 1, method: 'initialize', params: init('2025-03-26') }];
    expect((await post(sampleServer(), withInit)).json.error.message).toMatch(/initialize/);
  });

  it('answers an invalid element inside a batch with its own error and keeps the rest', async () => {
    const res = await post(sampleServer(), [{ jsonrpc: '1.0', id: 9 }, { jsonrpc: '2.0', id: 2, method: 'ping' }]);
    expect(res.json).toEqual([
      expect.objectContaining({ id: 9, error: expect.objectContaining({ code: -32600 }) }),
      { jsonrpc: '2.0', id: 2, result: {} },
    ]);
  });
});

describe('HTTP rules shared by both eras', () => {
  it('answers GET and DELETE with 405 and Allow: POST', async () => {
    for (const method of ['GET', 'DELETE']) {
      const res = await sampleServer().handle({ method, headers: JSON_HEADERS, body: '' });
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('POST');
    }
  });

  it('answers a non-JSON Content-Type with 415', async () => {
    const res = await post(sampleServer(), '{}', { 'content-type': 'text/plain' });
    expect(res.status).toBe(415);
  });

  it.each([undefined, '*/*', 'application/json', 'application/json, text/event-stream', 'text/event-stream, application/*'])(
    'answers JSON (never SSE) for Accept %s',
    async (accept) => {
      const headers = { ...JSON_HEADERS } as Record<string, string>;
      if (accept === undefined) delete headers.accept;
      else headers.accept = accept;
      const res = await sampleServer().handle({ method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }) });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/json');
    },
  );

  it('answers an Accept that rules JSON out with 406', async () => {
    const res = await post(sampleServer(), { jsonrpc: '2.0', id: 1, method: 'ping' }, { accept: 'text/html' });
    expect(res.status).toBe(406);
  });

  it('answers malformed JSON with 400 and -32700', async () => {
    const res = await post(sampleServer(), '{"jsonrpc": "2.0", ');
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ id: null, error: { code: -32700 } });
  });

  it('answers a body above maxBodyBytes with 413', async () => {
    const handler = sampleServer({ maxBodyBytes: 100 });
    const res = await post(handler, { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'echo', arguments: { text: 'x'.repeat(200) } } });
    expect(res.status).toBe(413);
  });

  it('counts the limit in UTF-8 bytes, not characters', async () => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', params: { note: 'é'.repeat(35) } });
    expect(body.length).toBeLessThan(120); // 96 characters...
    expect(new TextEncoder().encode(body).length).toBeGreaterThan(120); // ...131 bytes
    expect((await post(sampleServer({ maxBodyBytes: 120 }), body)).status).toBe(413);
    expect((await post(sampleServer({ maxBodyBytes: 200 }), body)).status).toBe(200);
  });

  it('refuses a foreign browser Origin by default and allows loopback ones', async () => {
    const ping = { jsonrpc: '2.0', id: 1, method: 'ping' };
    expect((await post(sampleServer(), ping, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await post(sampleServer(), ping, { origin: 'http://localhost:6274' })).status).toBe(200);
    expect((await post(sampleServer(), ping, { origin: 'http://[::1]:5173' })).status).toBe(200);
  });

  it('adds CORS headers for an allowed browser Origin, exposing the auth challenge', async () => {
    const res = await post(sampleServer(), { jsonrpc: '2.0', id: 1, method: 'ping' }, { origin: 'http://localhost:6274' });
    expect(res.headers).toMatchObject({ 'access-control-allow-origin': 'http://localhost:6274', vary: 'Origin' });
    expect(res.headers['access-control-expose-headers']).toContain('www-authenticate');
    const noOrigin = await post(sampleServer(), { jsonrpc: '2.0', id: 1, method: 'ping' });
    expect(noOrigin.headers).not.toHaveProperty('access-control-allow-origin');
  });

  it('answers a CORS preflight from an allowed origin, and refuses one from another', async () => {
    const preflight = (origin: string) => sampleServer().handle({ method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' }, body: '' });
    const ok = await preflight('http://127.0.0.1:6274');
    expect(ok.status).toBe(204);
    expect(ok.headers['access-control-allow-headers']).toContain('mcp-protocol-version');
    expect(ok.headers['access-control-allow-origin']).toBe('http://127.0.0.1:6274');
    expect((await preflight('https://evil.example')).status).toBe(403);
  });

  it('allows exactly the configured origins', async () => {
    const handler = sampleServer({ allowedOrigins: ['https://app.example.com'] });
    const ping = { jsonrpc: '2.0', id: 1, method: 'ping' };
    expect((await post(handler, ping, { origin: 'https://app.example.com' })).status).toBe(200);
    expect((await post(handler, ping, { origin: 'http://localhost:3000' })).status).toBe(403);
  });

  it('checks Host against allowedHosts when set', async () => {
    const handler = sampleServer({ allowedHosts: ['mcp.example.com'] });
    const ping = { jsonrpc: '2.0', id: 1, method: 'ping' };
    expect((await post(handler, ping, { host: 'mcp.example.com:443' })).status).toBe(200);
    expect((await post(handler, ping, { host: 'evil.example.com' })).status).toBe(403);
  });

  it('answers 401 with a resource_metadata challenge when auth is required and absent', async () => {
    const handler = sampleServer({ auth: { required: true, resourceMetadataUrl: 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp' } });
    const res = await legacy(handler, 1, 'tools/list');
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe(
      'Bearer scope="admin:write", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp"',
    );
  });

  it('allows the Mcp-Param-* headers a browser asks for in a preflight', async () => {
    const res = await sampleServer().handle({
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:6274', 'access-control-request-headers': 'content-type, mcp-param-region' },
      body: '',
    });
    expect(res.headers['access-control-allow-headers']).toMatch(/mcp-param-region$/);
  });

  it('still answers when an onSettled hook throws, and logs it', async () => {
    const logger = memoryLogger();
    const handler = sampleServer({ logger, onSettled: () => { throw new Error('metrics down'); } });
    const res = await legacy(handler, 9, 'tools/call', { name: 'add', arguments: { a: 1, b: 1 } });
    expect([res.status, res.json.id, res.json.result.structuredContent]).toEqual([200, 9, { sum: 2 }]);
    expect(logger.lines.some((l) => l.message === 'an onSettled hook failed')).toBe(true);
  });

  it('reports names the server does not have as "(unregistered)", never as typed, and cuts long ids', async () => {
    const events: SettledEvent[] = [];
    const handler = sampleServer({ onSettled: (e) => events.push(e) });
    await legacy(handler, 1, 'tools/call', { name: 'Bearer eyJhbGciOi.x.y' });
    await legacy(handler, 2, 'tools/call', { name: 'echo', arguments: { text: 'x' } });
    await legacy(handler, 3, 'prompts/get', { name: 'random-prompt' });
    await legacy(handler, 4, 'resources/read', { uri: 'doc://x?access_token=SECRET' });
    await legacy(handler, 5, 'resources/read', { uri: 'doc://pages/intro' });
    await legacy(handler, 6, 'no/such?token=abc');
    await post(handler, { jsonrpc: '2.0', id: 'i'.repeat(1_000_000), method: 'ping' }, { 'mcp-protocol-version': '2025-11-25' });
    expect(events.map((e) => e.target)).toEqual(['(unregistered)', 'echo', '(unregistered)', '(unregistered)', 'doc://pages/{slug}', undefined, undefined]);
    expect(events[5]!.method).toBe('(unregistered)');
    expect(String(events[6]!.requestId)).toBe(`${'i'.repeat(64)}…(1000000 chars)`);
  });
});
