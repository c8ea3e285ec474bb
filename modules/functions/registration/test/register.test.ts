import { describe, expect, it } from 'vitest';
import { cognitoClientName, redirectProblem } from '../src/client-metadata.ts';
import { InMemoryClientRegistry, RegistryRejected, RegistryUnavailable, registeredName } from '../src/client-registry.ts';
import { createRegistrationHandler } from '../src/handler.ts';

const SCOPES = ['https://mcp.example.com/mcp', 'https://mcp.example.com/tasks:read'];
const NOW = new Date('2026-11-21T12:00:00Z');

function setup() {
  const registry = new InMemoryClientRegistry();
  const handler = createRegistrationHandler(registry, { allowedScopes: SCOPES, retentionDays: 90 }, () => NOW);
  const post = async (body: unknown, raw?: string) => {
    const res = (await handler({ httpMethod: 'POST', path: '/register', body: raw ?? JSON.stringify(body), isBase64Encoded: false, requestContext: { requestId: 'r' } } as never)) as {
      statusCode: number; headers: Record<string, string>; body: string;
    };
    return { ...res, json: JSON.parse(res.body) };
  };
  return { registry, handler, post };
}

const CLAUDE = { client_name: 'Claude Code (my-server)', redirect_uris: ['http://localhost:54321/callback'], grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], token_endpoint_auth_method: 'none' };

describe('dynamic client registration (RFC 7591)', () => {
  it('registers a public client and answers 201 with the RFC 7591 fields', async () => {
    const { post, registry } = setup();
    const res = await post(CLAUDE);
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json).toEqual({
      client_id: 'client1', client_id_issued_at: Math.floor(NOW.getTime() / 1000), client_name: 'Claude Code my-server',
      redirect_uris: ['http://localhost:54321/callback'], grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'], token_endpoint_auth_method: 'none', scope: SCOPES.join(' '),
    });
    expect(registry.clients.get('client1')).toEqual({
      clientName: 'dcr-20261121-Claude Code my-server', redirectUris: ['http://localhost:54321/callback'], scopes: SCOPES, allowRefresh: true,
    });
  });

  it.each([
    ['https://claude.ai/api/mcp/auth_callback'],
    ['http://127.0.0.1:6276/oauth/callback'],
    ['http://[::1]:33418/'],
    ['https://vscode.dev/redirect'],
  ])('accepts the redirect URI %s', (uri) => {
    expect(redirectProblem(uri)).toBeUndefined();
  });

  it.each([
    [[], 'invalid_redirect_uri'],
    [undefined, 'invalid_redirect_uri'],
    [['http://evil.example.com/cb'], 'invalid_redirect_uri'],
    [['http://localhost.evil.com/cb'], 'invalid_redirect_uri'],
    [['javascript:alert(1)'], 'invalid_redirect_uri'],
    [['cursor://anysphere/cb'], 'invalid_redirect_uri'],
    [['https://ok.example.com/cb#frag'], 'invalid_redirect_uri'],
    [['https://user:pw@ok.example.com/cb'], 'invalid_redirect_uri'],
    [['/relative/cb'], 'invalid_redirect_uri'],
    [[`https://ok.example.com/${'a'.repeat(1100)}`], 'invalid_redirect_uri'],
    [[42], 'invalid_redirect_uri'],
  ])('rejects redirect_uris %j with 400 %s', async (redirect_uris, error) => {
    const { post, registry } = setup();
    const res = await post({ ...CLAUDE, redirect_uris });
    expect(res.statusCode).toBe(400);
    expect(res.json.error).toBe(error);
    expect(registry.clients.size).toBe(0);
  });

  it.each([
    [{ token_endpoint_auth_method: 'private_key_jwt' }, /public clients/],
    [{ grant_types: ['client_credentials'] }, /grant_types/],
    [{ response_types: ['token'] }, /response_types/],
    [{ scope: 42 }, /scope must be/],
  ])('rejects client metadata %j with 400 invalid_client_metadata', async (extra, message) => {
    const { post } = setup();
    const res = await post({ ...CLAUDE, ...extra });
    expect([res.statusCode, res.json.error]).toEqual([400, 'invalid_client_metadata']);
    expect(res.json.error_description).toMatch(message);
  });

  it('rejects a body that is not a JSON object', async () => {
    const { post } = setup();
    expect((await post(undefined, 'not json')).json.error).toBe('invalid_client_metadata');
    expect((await post(['x'])).json.error).toBe('invalid_client_metadata');
  });

  it('keeps only allowed scopes it was asked for and drops the rest (RFC 7591 lets the server substitute)', async () => {
    const { post } = setup();
    const res = await post({ ...CLAUDE, scope: 'https://mcp.example.com/tasks:read offline_access admin:everything' });
    expect(res.statusCode).toBe(201);
    expect(res.json.scope).toBe('https://mcp.example.com/tasks:read');
  });

  it('registers a public client for a client that asks for a secret (as claude.ai does), and says so', async () => {
    const { post, registry } = setup();
    const res = await post({ ...CLAUDE, token_endpoint_auth_method: 'client_secret_post', redirect_uris: ['https://claude.ai/api/mcp/auth_callback'] });
    expect(res.statusCode).toBe(201);
    expect(res.json.token_endpoint_auth_method).toBe('none');
    expect(res.json).not.toHaveProperty('client_secret');
    expect(registry.clients.size).toBe(1);
  });

  it('lets browser-based clients read the answer', async () => {
    const { post } = setup();
    expect((await post(CLAUDE)).headers['access-control-allow-origin']).toBe('*');
  });

  it('restricts https redirect hosts when an allow-list is configured, loopback always allowed', async () => {
    const registry = new InMemoryClientRegistry();
    const handler = createRegistrationHandler(registry, { allowedScopes: SCOPES, retentionDays: 90, redirectHosts: ['claude.ai'] }, () => NOW);
    const post = async (redirect_uris: string[]) =>
      JSON.parse(((await handler({ httpMethod: 'POST', body: JSON.stringify({ ...CLAUDE, redirect_uris }), requestContext: {} } as never)) as { body: string }).body);
    expect((await post(['https://claude.ai/api/mcp/auth_callback'])).client_id).toBeDefined();
    expect((await post(['http://localhost:1234/cb'])).client_id).toBeDefined();
    expect((await post(['https://attacker.example/cb'])).error).toBe('invalid_redirect_uri');
  });

  it('stops registering at the configured ceiling, so the pool\'s client quota is never filled', async () => {
    const registry = new InMemoryClientRegistry();
    const handler = createRegistrationHandler(registry, { allowedScopes: SCOPES, retentionDays: 90, maxRegistrations: 2 }, () => NOW);
    const post = async () => (await handler({ httpMethod: 'POST', body: JSON.stringify(CLAUDE), requestContext: {} } as never)) as { statusCode: number; body: string };
    expect((await post()).statusCode).toBe(201);
    expect((await post()).statusCode).toBe(201);
    const third = await post();
    expect(third.statusCode).toBe(503);
    expect(JSON.parse(third.body).error).toBe('temporarily_unavailable');
    expect(registry.clients.size).toBe(2);
  });

  it('reduces a client name to Cognito\'s characters and 128 characters', () => {
    expect(cognitoClientName('Cursor <script>alert("x")</script> ✨')).toBe('Cursor scriptalertxscript');
    expect(cognitoClientName('x'.repeat(300))).toHaveLength(128);
    expect(cognitoClientName(undefined)).toBe('mcp-client');
    expect(registeredName('y'.repeat(300), NOW)).toHaveLength(128);
  });

  it('answers 503 when the store is busy and 400 when it refuses the metadata', async () => {
    const { post, registry } = setup();
    registry.failure = new RegistryUnavailable('TooManyRequestsException');
    expect((await post(CLAUDE)).statusCode).toBe(503);
    registry.failure = new RegistryRejected('CallbackURLs: invalid');
    expect((await post(CLAUDE)).json).toEqual({ error: 'invalid_client_metadata', error_description: 'CallbackURLs: invalid' });
  });
});

describe('expiry of registered clients', () => {
  it('removes dynamic registrations older than the retention period and nothing else', async () => {
    const { registry, handler } = setup();
    await registry.create({ clientName: 'dcr-20260101-old', redirectUris: [], scopes: [], allowRefresh: true });
    await registry.create({ clientName: 'dcr-20261101-recent', redirectUris: [], scopes: [], allowRefresh: true });
    await registry.create({ clientName: 'cli-preregistered', redirectUris: [], scopes: [], allowRefresh: true });
    const out = await handler({ 'detail-type': 'Scheduled Event', source: 'aws.events' } as never);
    expect(out).toEqual({ removed: 1 });
    expect([...registry.clients.values()].map((c) => c.clientName)).toEqual(['dcr-20261101-recent', 'cli-preregistered']);
  });
});
