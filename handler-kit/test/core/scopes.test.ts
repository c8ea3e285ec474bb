import { describe, expect, it } from 'vitest';
import { bearerChallenge, grants, missingScopes } from '../../src/core/scopes.ts';
import { legacy, memoryLogger, modern, sampleServer } from '../helpers.ts';

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
    expect(missingScopes(prefixed, ['tasks:read'], { enforce: true, scopePrefix: 'https://mcp.example.com/' })).toEqual([]);
    expect(missingScopes(prefixed, ['tasks:read'], { enforce: true })).toEqual(['tasks:read']);
    expect(missingScopes(auth('mcp:all'), ['x', 'y'], { enforce: true, fullAccessScopes: ['mcp:all'] })).toEqual([]);
  });

  it('enforces nothing for anyone, authenticated or not, when no authentication is configured', () => {
    expect(missingScopes(auth(), ['admin:write'], {})).toEqual([]);
    expect(missingScopes(undefined, ['admin:write'], {})).toEqual([]);
  });

  it('never lets a blank scope grant anything, as a granted scope or a full-access entry', () => {
    expect(grants('', '')).toBe(false);
    expect(grants(' ', ' ')).toBe(false);
    expect(missingScopes(auth(''), ['a'], { enforce: true, fullAccessScopes: ['mcp', ''] })).toEqual(['a']);
    expect(missingScopes(auth(' '), ['a'], { enforce: true, fullAccessScopes: [' '] })).toEqual(['a']);
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
    const handler = sampleServer({ auth: {} });
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

  it('hides scoped tools from an anonymous caller and answers its call with 401, when auth is optional', async () => {
    const handler = sampleServer({ auth: { resourceMetadataUrl: 'https://m.example/.well-known/oauth-protected-resource/mcp', required: false } });
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

describe('the auth gate', () => {
  const metadata = 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp';
  const withEnv = async (vars: Record<string, string>, run: () => Promise<void> | void) => {
    const env = process.env;
    process.env = { ...env, ...vars };
    try {
      await run();
    } finally {
      process.env = env;
    }
  };
  const anonymous = (handler: ReturnType<typeof sampleServer>, method: string, body = '') =>
    handler.handle({ method, headers: { 'content-type': 'application/json' }, body });

  it('answers 401 with the challenge before 405 for GET, HEAD and DELETE when auth is required', async () => {
    const handler = sampleServer({ auth: { resourceMetadataUrl: metadata } });
    for (const method of ['GET', 'HEAD', 'DELETE', 'PUT']) {
      const res = await anonymous(handler, method);
      expect([method, res.status, res.headers['www-authenticate']]).toEqual([method, 401, `Bearer scope="admin:write", resource_metadata="${metadata}"`]);
      if (method === 'HEAD') expect(res.body).toBe('');
      else expect(JSON.parse(res.body).error.code).toBe(-32001);
    }
    // A browser's CORS preflight never carries credentials: it is still answered.
    expect((await handler.handle({ method: 'OPTIONS', headers: { origin: 'http://localhost:6274' }, body: '' })).status).toBe(204);
  });

  it('is required by default once a resource metadata URL is configured, and can be made optional explicitly', async () => {
    const list = { jsonrpc: '2.0', id: 1, method: 'tools/list' };
    expect((await anonymous(sampleServer({ auth: { resourceMetadataUrl: metadata } }), 'POST', JSON.stringify(list))).status).toBe(401);
    expect((await anonymous(sampleServer({ auth: { resourceMetadataUrl: metadata, required: false } }), 'POST', JSON.stringify(list))).status).toBe(200);
  });

  it('carries the JSON-RPC id of a readable request in the 401, and null when the body cannot be read', async () => {
    const handler = sampleServer({ auth: { required: true } });
    const res = await anonymous(handler, 'POST', JSON.stringify({ jsonrpc: '2.0', id: 'req-7', method: 'tools/list' }));
    expect([res.status, JSON.parse(res.body).id]).toEqual([401, 'req-7']);
    expect(JSON.parse((await anonymous(handler, 'POST', '{not json')).body).id).toBeNull();
    expect(JSON.parse((await anonymous(handler, 'POST', '[{"jsonrpc":"2.0","id":1,"method":"ping"}]')).body).id).toBeNull();
  });

  it('is switched on by MCP_AUTH_REQUIRED=true without code, and off by MCP_AUTH_REQUIRED=false', async () => {
    const list = JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/list' });
    await withEnv({ MCP_AUTH_REQUIRED: 'true', MCP_RESOURCE_METADATA_URL: metadata }, async () => {
      const res = await anonymous(sampleServer(), 'GET');
      expect([res.status, res.headers['www-authenticate']]).toEqual([401, `Bearer scope="admin:write", resource_metadata="${metadata}"`]);
      // An authenticated caller passes the gate and meets the method check.
      expect((await sampleServer().handle({ method: 'GET', headers: {}, body: '', auth: auth('admin') })).status).toBe(405);
    });
    await withEnv({ MCP_AUTH_REQUIRED: 'false', MCP_RESOURCE_METADATA_URL: metadata }, async () => {
      const res = JSON.parse((await anonymous(sampleServer(), 'POST', list)).body);
      // Optional auth: the anonymous caller sees only the unscoped tools.
      expect(res.result.tools.map((t: { name: string }) => t.name)).not.toContain('delete_all');
    });
  });

  it('refuses an MCP_AUTH_REQUIRED value it cannot read, at start-up', async () => {
    await withEnv({ MCP_AUTH_REQUIRED: 'yes please' }, () => {
      expect(() => sampleServer()).toThrow(/MCP_AUTH_REQUIRED must be "true" or "false"/);
    });
  });

  it('drops blank MCP_FULL_ACCESS_SCOPES entries ("mcp " grants nothing extra)', async () => {
    await withEnv({ MCP_FULL_ACCESS_SCOPES: 'mcp ', MCP_AUTH_REQUIRED: 'true' }, async () => {
      const handler = sampleServer();
      const call = (scopes: string[]) =>
        handler.handle({
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'delete_all' } }),
          auth: auth(...scopes),
        });
      expect((await call([''])).status).toBe(403);
      expect((await call([' '])).status).toBe(403);
      expect((await call(['mcp'])).status).toBe(200);
    });
  });

  it('warns once when credentials arrive at a server not configured for auth (scopes are not enforced then)', async () => {
    const logger = memoryLogger();
    const handler = sampleServer({ logger });
    const call = () =>
      handler.handle({
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'delete_all' } }),
        auth: auth(),
      });
    expect(JSON.parse((await call()).body).result.content[0].text).toBe('deleted');
    await call();
    expect(logger.lines.filter((l) => l.level === 'warn' && l.message.includes('not configured for auth'))).toHaveLength(1);
  });
});
