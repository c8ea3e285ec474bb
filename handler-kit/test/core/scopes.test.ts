import { describe, expect, it } from 'vitest';
import { bearerChallenge, grants, missingScopes } from '../../src/core/scopes.ts';
import { legacy, modern, sampleServer } from '../helpers.ts';

const auth = (...scopes: string[]) => ({ subject: 'u1', clientId: 'c1', scopes, claims: {} });

describe('scope rules', () => {
  it('grants a scope to itself and to the scopes below it', () => {
    expect(grants('tasks', 'tasks:read')).toBe(true);
    expect(grants('tasks:read', 'tasks:read')).toBe(true);
    expect(grants('tasks:read', 'tasks:write')).toBe(false);
    expect(grants('task', 'tasks:read')).toBe(false);
  });

  it('enforces nothing for unauthenticated requests when no authentication is configured (a local server)', () => {
    expect(missingScopes(undefined, ['a'], {})).toEqual([]);
  });

  it('gives an anonymous caller no scope once authentication is configured', () => {
    expect(missingScopes(undefined, ['a'], { enforce: true })).toEqual(['a']);
  });

  it('strips a resource-server prefix and honours full-access scopes', () => {
    const prefixed = auth('https://mcp.example.com/tasks:read');
    expect(missingScopes(prefixed, ['tasks:read'], { scopePrefix: 'https://mcp.example.com/' })).toEqual([]);
    expect(missingScopes(prefixed, ['tasks:read'], {})).toEqual(['tasks:read']);
    expect(missingScopes(auth('mcp:all'), ['x', 'y'], { fullAccessScopes: ['mcp:all'] })).toEqual([]);
  });

  it('quotes challenge parameters', () => {
    expect(bearerChallenge({ error: 'insufficient_scope', scopes: ['a', 'b'], resourceMetadataUrl: 'https://x/"y' })).toBe(
      'Bearer error="insufficient_scope", scope="a b", resource_metadata="https://x/\\"y"',
    );
  });
});

describe('scopes on the wire', () => {
  const metadata = 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp';
  const withAuth = (handler: ReturnType<typeof sampleServer>, scopes: string[], body: unknown) =>
    handler.handle({
      method: 'POST',
      headers: { 'content-type': 'application/json', 'mcp-protocol-version': '2025-11-25' },
      body: JSON.stringify(body),
      auth: auth(...scopes),
    });

  it('lists only the tools the caller may use', async () => {
    const handler = sampleServer();
    const res = JSON.parse((await withAuth(handler, ['other'], { jsonrpc: '2.0', id: 1, method: 'tools/list' })).body);
    expect(res.result.tools.map((t: { name: string }) => t.name)).not.toContain('delete_all');
    const admin = JSON.parse((await withAuth(handler, ['admin'], { jsonrpc: '2.0', id: 1, method: 'tools/list' })).body);
    expect(admin.result.tools.map((t: { name: string }) => t.name)).toContain('delete_all');
  });

  it('answers a call without the scope with 403 and an insufficient_scope challenge naming the metadata URL', async () => {
    const handler = sampleServer({ auth: { resourceMetadataUrl: metadata } });
    const res = await withAuth(handler, ['tasks:read'], { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'delete_all' } });
    expect(res.status).toBe(403);
    expect(res.headers['www-authenticate']).toBe(`Bearer error="insufficient_scope", scope="admin:write", resource_metadata="${metadata}"`);
    expect(JSON.parse(res.body).error.message).toMatch(/admin:write/);
  });

  it('marks filtered lists private in 2026-07-28 (they differ per caller)', async () => {
    const handler = sampleServer();
    const res = await handler.handle({
      method: 'POST',
      headers: { 'content-type': 'application/json', 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/list' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': {} } } }),
      auth: auth('x'),
    });
    expect(JSON.parse(res.body).result.cacheScope).toBe('private');
    expect((await modern(sampleServer(), 1, 'tools/list')).json.result.cacheScope).toBe('public');
  });

  it('hides scoped tools from an anonymous caller and answers its call with 401, when auth is configured', async () => {
    const handler = sampleServer({ auth: { resourceMetadataUrl: 'https://m.example/.well-known/oauth-protected-resource/mcp' } });
    const list = await legacy(handler, 1, 'tools/list');
    expect(list.json.result.tools.map((t: { name: string }) => t.name)).not.toContain('delete_all');
    const call = await legacy(handler, 2, 'tools/call', { name: 'delete_all' });
    expect(call.status).toBe(401);
    expect(call.headers['www-authenticate']).toBe('Bearer scope="admin:write", resource_metadata="https://m.example/.well-known/oauth-protected-resource/mcp"');
  });

  it('lets an unauthenticated local caller use every tool', async () => {
    const res = await legacy(sampleServer(), 1, 'tools/call', { name: 'delete_all' });
    expect(res.json.result.content[0].text).toBe('deleted');
  });
});

describe('auth settings from the environment (set by the infrastructure module)', () => {
  const call = (handler: ReturnType<typeof sampleServer>, scopes: string[]) =>
    handler.handle({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'delete_all' } }),
      auth: auth(...scopes),
    });

  it('strips the Cognito prefix, honours the server-wide scope and names the metadata URL', async () => {
    const env = process.env;
    process.env = { ...env, MCP_SCOPE_PREFIX: 'https://mcp.example.com/', MCP_FULL_ACCESS_SCOPES: 'mcp', MCP_RESOURCE_METADATA_URL: 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp' };
    try {
      const handler = sampleServer();
      expect((await call(handler, ['https://mcp.example.com/admin:write'])).status).toBe(200);
      expect((await call(handler, ['https://mcp.example.com/mcp'])).status).toBe(200);
      const denied = await call(handler, ['https://mcp.example.com/tasks:read']);
      expect(denied.status).toBe(403);
      expect(denied.headers['www-authenticate']).toContain('resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp"');
      // Named as Cognito knows the scope, so the client can ask for exactly that (step-up).
      expect(denied.headers['www-authenticate']).toContain('scope="https://mcp.example.com/admin:write"');
    } finally {
      process.env = env;
    }
  });
});
