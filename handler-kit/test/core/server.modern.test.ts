import { describe, expect, it } from 'vitest';
import { MODERN, modern, modernMeta, post, sampleServer } from '../helpers.ts';

describe('2026-07-28: server/discover and results', () => {
  it('answers server/discover with versions, capabilities, cache hints and serverInfo in _meta', async () => {
    const res = await modern(sampleServer({ instructions: 'Use add for sums.' }), 1, 'server/discover');
    expect(res.status).toBe(200);
    expect(res.json.result).toEqual({
      supportedVersions: ['2026-07-28', '2025-11-25', '2025-06-18', '2025-03-26'],
      capabilities: { tools: {}, resources: {}, prompts: {}, completions: {}, logging: {} },
      instructions: 'Use add for sums.',
      ttlMs: 300000,
      cacheScope: 'public',
      resultType: 'complete',
      _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'sample', version: '1.2.3' } },
    });
  });

  it('puts resultType and serverInfo on every result and cache hints on lists and reads', async () => {
    const handler = sampleServer();
    const list = await modern(handler, 2, 'tools/list');
    expect(list.json.result).toMatchObject({ resultType: 'complete', ttlMs: 300000, cacheScope: 'public' });
    const call = await modern(handler, 3, 'tools/call', { name: 'add', arguments: { a: 1, b: 2 } });
    expect(call.json.result).toMatchObject({ resultType: 'complete', structuredContent: { sum: 3 } });
    expect(call.json.result).not.toHaveProperty('ttlMs');
    expect(call.json.result._meta['io.modelcontextprotocol/serverInfo'].name).toBe('sample');
    const read = await modern(handler, 4, 'resources/read', { uri: 'doc://readme' });
    expect(read.json.result).toMatchObject({ ttlMs: 0, cacheScope: 'private', contents: [{ uri: 'doc://readme', mimeType: 'text/markdown', text: '# Hello' }] });
  });

  it('lists in a deterministic order (definition order)', async () => {
    const handler = sampleServer();
    const names = async () => (await modern(handler, 1, 'tools/list')).json.result.tools.map((t: { name: string }) => t.name);
    expect(await names()).toEqual(['add', 'echo', 'delete_all', 'crash']);
    expect(await names()).toEqual(await names());
  });

  it('answers notifications with 202', async () => {
    const res = await post(sampleServer(), { jsonrpc: '2.0', method: 'notifications/cancelled', params: { _meta: modernMeta() } }, {
      'mcp-protocol-version': MODERN,
      'mcp-method': 'notifications/cancelled',
    });
    expect(res.status).toBe(202);
  });

  it('reports a missing resource with -32602 and its URI', async () => {
    const res = await modern(sampleServer(), 5, 'resources/read', { uri: 'doc://missing' });
    expect(res.json.error).toMatchObject({ code: -32602, data: { uri: 'doc://missing' } });
  });
});

describe('2026-07-28: request validation, in the order the revision prescribes', () => {
  const discover = (params: Record<string, unknown>, headers: Record<string, string>) =>
    post(sampleServer(), { jsonrpc: '2.0', id: 11, method: 'server/discover', params }, headers);
  const H = { 'mcp-protocol-version': MODERN, 'mcp-method': 'server/discover' };

  it('rejects a missing _meta with 400 and -32602 when the header claims 2026-07-28', async () => {
    const res = await discover({}, H);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ id: 11, error: { code: -32602 } });
  });

  it('rejects _meta without clientCapabilities with 400 and -32602', async () => {
    const res = await discover({ _meta: { 'io.modelcontextprotocol/protocolVersion': MODERN } }, H);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe(-32602);
  });

  it('does not require clientInfo', async () => {
    expect((await discover({ _meta: modernMeta() }, H)).status).toBe(200);
  });

  it('answers a header that disagrees with _meta with 400 and -32020, before checking the version', async () => {
    const meta = { ...modernMeta(), 'io.modelcontextprotocol/protocolVersion': 'v999.0.0' };
    const res = await discover({ _meta: meta }, H);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe(-32020);
  });

  it('answers an unsupported version with 400, -32022 and the supported list', async () => {
    const meta = { ...modernMeta(), 'io.modelcontextprotocol/protocolVersion': 'v999.0.0' };
    const res = await discover({ _meta: meta }, { ...H, 'mcp-protocol-version': 'v999.0.0' });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: -32022, data: { requested: 'v999.0.0', supported: expect.arrayContaining([MODERN]) } });
  });

  it.each(['initialize', 'ping', 'logging/setLevel', 'resources/subscribe', 'unknown/method'])(
    'answers %s, removed or unknown in 2026-07-28, with 404 and -32601',
    async (method) => {
      const res = await modern(sampleServer(), 12, method);
      expect(res.status).toBe(404);
      expect(res.json).toMatchObject({ id: 12, error: { code: -32601 } });
    },
  );

  it('answers a missing or different Mcp-Method header with 400 and -32020', async () => {
    const handler = sampleServer();
    const body = { jsonrpc: '2.0', id: 1, method: 'tools/list', params: { _meta: modernMeta() } };
    const missing = await post(handler, body, { 'mcp-protocol-version': MODERN });
    expect([missing.status, missing.json.error.code]).toEqual([400, -32020]);
    const wrong = await post(handler, body, { 'mcp-protocol-version': MODERN, 'mcp-method': 'TOOLS/LIST' });
    expect([wrong.status, wrong.json.error.code]).toEqual([400, -32020]);
  });

  it('checks Mcp-Name against the tool name, decoding base64 and trimming whitespace', async () => {
    const handler = sampleServer();
    const call = (name: string | undefined) =>
      post(handler, { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'echo', arguments: { text: 'hi' }, _meta: modernMeta() } }, {
        'mcp-protocol-version': MODERN,
        'mcp-method': 'tools/call',
        ...(name === undefined ? {} : { 'mcp-name': name }),
      });
    expect((await call('  echo  ')).status).toBe(200);
    expect((await call(`=?base64?${btoa('echo')}?=`)).status).toBe(200);
    expect((await call('add')).json.error.code).toBe(-32020);
    expect((await call(undefined)).json.error.code).toBe(-32020);
    expect((await call('=?base64?ZWNobw?=')).json.error.code).toBe(-32020); // unpadded: not canonical
  });

  it('rejects JSON-RPC responses posted by a 2026-07-28 client', async () => {
    const res = await post(sampleServer(), { jsonrpc: '2.0', id: 1, result: {} }, { 'mcp-protocol-version': MODERN });
    expect(res.status).toBe(400);
  });

  it('never mints or echoes a session id, even when one is sent', async () => {
    const res = await modern(sampleServer(), 1, 'tools/list', {}, {}, { 'mcp-session-id': 'abc' });
    expect(res.status).toBe(200);
    expect(res.headers).not.toHaveProperty('mcp-session-id');
  });

  it('keeps a legacy request that carries _meta (a progress token) on the 2025 wire', async () => {
    const res = await post(
      sampleServer(),
      { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'echo', arguments: { text: 'hi' }, _meta: { progressToken: 'p1' } } },
      { 'mcp-protocol-version': '2025-11-25' },
    );
    expect(res.status).toBe(200);
    expect(res.json.result).not.toHaveProperty('resultType');
  });

  it('accepts a notification without _meta (it is optional on notifications)', async () => {
    const res = await post(sampleServer(), { jsonrpc: '2.0', method: 'notifications/cancelled' }, { 'mcp-protocol-version': MODERN, 'mcp-method': 'notifications/cancelled' });
    expect(res.status).toBe(202);
  });

  it('refuses a 2026 envelope claiming a 2025 version with -32022 (those versions use initialize)', async () => {
    const meta = { ...modernMeta(), 'io.modelcontextprotocol/protocolVersion': '2025-11-25' };
    const res = await post(sampleServer(), { jsonrpc: '2.0', id: 3, method: 'tools/list', params: { _meta: meta } }, { 'mcp-protocol-version': '2025-11-25', 'mcp-method': 'tools/list' });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: -32022, data: { requested: '2025-11-25' } });
  });
});
