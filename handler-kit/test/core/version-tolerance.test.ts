import { describe, expect, it } from 'vitest';
import { MODERN, legacy, memoryLogger, modern, modernMeta, post, sampleServer } from '../helpers.ts';

/**
 * claude.ai connectors, Claude Desktop and Claude Code have been reported (anthropics/claude-code#93290) to
 * send `MCP-Protocol-Version: 2025-11-25` with a complete 2026-07-28 `_meta` envelope. That one pair is
 * served as 2026-07-28; every other mismatch stays an error.
 */
const CLAUDE_META = { ...modernMeta(), 'io.modelcontextprotocol/clientInfo': { name: 'claude-ai', version: '0.1.0' } };
const mixed = (handler: ReturnType<typeof sampleServer>, id: number, method: string, params: Record<string, unknown> = {}, meta: Record<string, unknown> = CLAUDE_META, header = '2025-11-25') =>
  post(handler, { jsonrpc: '2.0', id, method, params: { ...params, _meta: meta } }, {
    'mcp-protocol-version': header,
    'mcp-method': method,
    ...(typeof params.name === 'string' ? { 'mcp-name': params.name } : {}),
    'user-agent': 'claude-code/2.1',
  });

describe('version tolerance where real clients need it', () => {
  it('serves a 2025-11-25 header with a complete 2026-07-28 envelope as 2026-07-28', async () => {
    const handler = sampleServer();
    const list = await mixed(handler, 1, 'tools/list');
    expect([list.status, list.json.result.resultType]).toEqual([200, 'complete']);
    expect(list.json.result.tools.length).toBeGreaterThan(0);
    const call = await mixed(handler, 2, 'tools/call', { name: 'add', arguments: { a: 2, b: 3 } });
    expect(call.json.result.structuredContent).toEqual({ sum: 5 });
    // The 2025-06-18 header too: any 2025 revision.
    expect((await mixed(handler, 3, 'tools/list', {}, CLAUDE_META, '2025-06-18')).status).toBe(200);
  });

  it('logs one warning per client, naming it from _meta clientInfo, else from the user agent', async () => {
    const logger = memoryLogger();
    const handler = sampleServer({ logger });
    await mixed(handler, 1, 'tools/list');
    await mixed(handler, 2, 'tools/list');
    await mixed(handler, 3, 'tools/list', {}, modernMeta());
    const warnings = logger.lines.filter((l) => l.level === 'warn').map((l) => l.message);
    expect(warnings).toEqual([
      'served as 2026-07-28: claude-ai 0.1.0 sent MCP-Protocol-Version 2025-11-25 with a complete 2026-07-28 _meta envelope',
      'served as 2026-07-28: claude-code/2.1 sent MCP-Protocol-Version 2025-11-25 with a complete 2026-07-28 _meta envelope',
    ]);
  });

  it('keeps every other mismatch an error', async () => {
    const handler = sampleServer();
    // A 2026 header with another version in the body.
    const other = await mixed(handler, 1, 'tools/list', {}, { ...modernMeta(), 'io.modelcontextprotocol/protocolVersion': 'v999.0.0' }, MODERN);
    expect([other.status, other.json.error.code]).toEqual([400, -32020]);
    // An incomplete envelope (no client capabilities) is not tolerated: -32602 as always.
    const incomplete = await mixed(handler, 2, 'tools/list', {}, { 'io.modelcontextprotocol/protocolVersion': MODERN });
    expect([incomplete.status, incomplete.json.error.code]).toEqual([400, -32602]);
    // A 2025 version claimed inside the envelope is unsupported there.
    const old = await mixed(handler, 3, 'tools/list', {}, { ...modernMeta(), 'io.modelcontextprotocol/protocolVersion': '2025-11-25' });
    expect([old.status, old.json.error.code]).toEqual([400, -32022]);
    // An unknown header version with a modern envelope.
    const unknown = await mixed(handler, 4, 'tools/list', {}, CLAUDE_META, '2024-01-01');
    expect([unknown.status, unknown.json.error.code]).toEqual([400, -32020]);
    // Mcp-Method must still agree.
    const method = await post(handler, { jsonrpc: '2.0', id: 5, method: 'tools/list', params: { _meta: CLAUDE_META } }, { 'mcp-protocol-version': '2025-11-25', 'mcp-method': 'prompts/list' });
    expect([method.status, method.json.error.code]).toEqual([400, -32020]);
  });

  it('refuses the pair with 400 / -32020 when made strict, by option or by MCP_TOLERATE_LEGACY_VERSION_HEADER=false', async () => {
    const strict = await mixed(sampleServer({ tolerateLegacyVersionHeader: false }), 1, 'tools/list');
    expect([strict.status, strict.json.error.code]).toEqual([400, -32020]);
    const env = process.env;
    process.env = { ...env, MCP_TOLERATE_LEGACY_VERSION_HEADER: 'false' };
    try {
      const byEnv = await mixed(sampleServer(), 2, 'tools/list');
      expect([byEnv.status, byEnv.json.error.code]).toEqual([400, -32020]);
    } finally {
      process.env = env;
    }
  });
});

describe('initialize after server/discover', () => {
  it('is answered normally (a client that probes 2026-07-28, then falls back to the 2025 handshake)', async () => {
    const handler = sampleServer();
    const discover = await modern(handler, 1, 'server/discover');
    expect(discover.json.result.supportedVersions).toContain('2025-11-25');
    const init = await legacy(handler, 2, 'initialize', { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'c', version: '1' } });
    expect([init.status, init.json.id, init.json.result.protocolVersion, init.json.result.serverInfo.name]).toEqual([200, 2, '2025-11-25', 'sample']);
    // With the 2026 header still set from the probe, initialize is answered too.
    const sticky = await post(handler, { jsonrpc: '2.0', id: 3, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'c', version: '1' } } }, { 'mcp-protocol-version': MODERN });
    expect([sticky.status, sticky.json.result?.protocolVersion ?? sticky.json.error]).toEqual([200, '2025-11-25']);
  });
});
