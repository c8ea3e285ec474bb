import { describe, expect, it } from 'vitest';
import type { MemoryStore } from '../../src/index.ts';
import { authorizeParams, harness, pkce } from '../helpers/harness.ts';

/** Registration bodies as each client sends them (../shared/reference/clients.md). */
const REAL_CLIENTS: Record<string, Record<string, unknown>> = {
  'claude.ai': { client_name: 'Claude', redirect_uris: ['https://claude.ai/api/mcp/auth_callback'], grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], token_endpoint_auth_method: 'none' },
  'claude.com': { client_name: 'Claude', redirect_uris: ['https://claude.com/api/mcp/auth_callback'], grant_types: ['authorization_code', 'refresh_token'], token_endpoint_auth_method: 'none' },
  'Claude Code': { client_name: 'Claude Code (tasks)', redirect_uris: ['http://localhost:55907/callback'], grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], token_endpoint_auth_method: 'none' },
  ChatGPT: { client_name: 'ChatGPT', redirect_uris: ['https://chatgpt.com/connector/oauth/abc123', 'https://chatgpt.com/connector_platform_oauth_redirect'], token_endpoint_auth_method: 'none' },
  Cursor: { client_name: 'Cursor', redirect_uris: ['cursor://anysphere.cursor-mcp/oauth/callback', 'https://www.cursor.com/agents/mcp/oauth/callback', 'http://localhost:8787/callback'], token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] },
  'VS Code': { client_name: 'Visual Studio Code', redirect_uris: ['https://vscode.dev/redirect', 'https://insiders.vscode.dev/redirect', 'http://127.0.0.1/', 'http://127.0.0.1:33418/'], token_endpoint_auth_method: 'none' },
  Codex: { client_name: 'Codex', application_type: 'native', redirect_uris: ['http://127.0.0.1:61234/callback/Zx9'], token_endpoint_auth_method: 'none' },
  'Gemini CLI': { client_name: 'Gemini CLI MCP Client', redirect_uris: ['http://localhost:7777/oauth/callback'], grant_types: ['authorization_code', 'refresh_token'], token_endpoint_auth_method: 'none' },
  'mcp-remote': { client_name: 'MCP CLI Proxy', redirect_uris: ['http://127.0.0.1:3334/oauth/callback'], token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], software_id: '2e6dc280-f3c3-4e01-99a7-8181dbd1d23d', software_version: '0.15.1' },
  'MCP Inspector': { client_name: 'MCP Inspector', redirect_uris: ['http://localhost:6274/oauth/callback'], token_endpoint_auth_method: 'none' },
  'MCP Inspector CLI': { client_name: 'MCP Inspector', redirect_uris: ['http://127.0.0.1:6276/oauth/callback'], token_endpoint_auth_method: 'none' },
};

const HOSTILE = {
  'look-alike subdomain': 'https://claude.ai.evil.com/cb',
  'user info naming a known host': 'https://claude.ai@evil.com/cb',
  'homograph (Cyrillic a)': 'https://cl\u0430ude.ai/api/mcp/auth_callback',
  'javascript:': 'javascript:alert(document.cookie)',
  'data:': 'data:text/html,<script>alert(1)</script>',
  fragment: 'https://claude.ai/api/mcp/auth_callback#frag',
  'empty fragment': 'https://claude.ai/api/mcp/auth_callback#',
  wildcard: 'https://*.claude.ai/cb',
  'plain http off loopback': 'http://evil.com/cb',
  'unlisted private-use URI': 'cursor://evil/cb',
  'http on a known host': 'http://claude.ai/api/mcp/auth_callback',
  'backslash trick': 'https://claude.ai\\@evil.com/cb',
  'file:': 'file:///etc/passwd',
  'relative': '/callback',
};

describe('POST /register', () => {
  it.each(Object.entries(REAL_CLIENTS))('accepts %s as it registers, every redirect URI kept', async (_name, body) => {
    const { register } = harness();
    const { status, body: answer } = await register(body);
    expect(status).toBe(201);
    expect(answer.client_id).toMatch(/^mcp-[A-Za-z0-9_-]{32}$/);
    expect(answer.redirect_uris).toEqual(body.redirect_uris);
    expect(answer.token_endpoint_auth_method).toBe('none');
    expect(answer.grant_types).toContain('authorization_code');
    expect(answer).not.toHaveProperty('client_secret');
  });

  it.each(Object.entries(HOSTILE))('refuses a lone %s redirect URI with invalid_redirect_uri', async (_name, uri) => {
    const { register, store } = harness();
    const { status, body } = await register({ client_name: 'x', redirect_uris: [uri] });
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_redirect_uri');
    // Nothing stored, nothing counted against the ceiling.
    expect((store as MemoryStore).size).toBe(0);
  });

  it('drops the hostile URIs of a mixed list and registers the rest, echoing what was registered', async () => {
    const { register, logs } = harness();
    const hostile = Object.values(HOSTILE).slice(0, 8);
    const { status, body } = await register({ client_name: 'Mixed', redirect_uris: [...hostile, 'http://127.0.0.1:9999/cb', 'https://claude.ai/api/mcp/auth_callback'] });
    expect(status).toBe(201);
    expect(body.redirect_uris).toEqual(['http://127.0.0.1:9999/cb', 'https://claude.ai/api/mcp/auth_callback']);
    const line = logs.find((l) => l.step === 'register');
    expect((line?.fields.dropped as { uri: string }[]).map((d) => d.uri)).toEqual(hostile);
  });

  it('is idempotent: the same name and redirect set gives the same client_id, a new loopback port too', async () => {
    const { register } = harness();
    const first = await register(REAL_CLIENTS['Claude Code']);
    const again = await register(REAL_CLIENTS['Claude Code']);
    const otherPort = await register({ ...REAL_CLIENTS['Claude Code'], redirect_uris: ['http://localhost:61000/callback'] });
    const otherName = await register({ ...REAL_CLIENTS['Claude Code'], client_name: 'Claude Code (other)' });
    expect(again.body.client_id).toBe(first.body.client_id);
    expect(otherPort.body.client_id).toBe(first.body.client_id);
    expect(otherPort.body.redirect_uris).toEqual(['http://localhost:61000/callback']);
    expect(otherName.body.client_id).not.toBe(first.body.client_id);
  });

  it('extends the configured list: a deployer host and private-use URI, or any with the explicit * opt-in', async () => {
    const custom = harness({ redirects: { httpsHosts: ['app.example.org'], privateUris: ['myapp://oauth'] } });
    expect((await custom.register({ redirect_uris: ['https://app.example.org/cb', 'myapp://oauth'] })).body.redirect_uris).toEqual(['https://app.example.org/cb', 'myapp://oauth']);
    const open = harness({ redirects: { allowAny: true } });
    expect((await open.register({ redirect_uris: ['https://anything.example/cb', 'javascript:alert(1)'] })).body.redirect_uris).toEqual(['https://anything.example/cb']);
  });

  it('refuses malformed requests with invalid_client_metadata', async () => {
    const { register, call } = harness();
    expect((await call('POST', '/register', 'not json')).status).toBe(400);
    expect((await register([1, 2])).body.error).toBe('invalid_client_metadata');
    expect((await register({ redirect_uris: 'https://claude.ai/x' })).body.error).toBe('invalid_redirect_uri');
    expect((await register({ redirect_uris: ['https://claude.ai/x'], grant_types: ['client_credentials'] })).body.error).toBe('invalid_client_metadata');
    expect((await call('POST', '/register', JSON.stringify({ redirect_uris: ['https://claude.ai/x'], pad: 'x'.repeat(20_000) }))).status).toBe(413);
  });

  it('cleans the client name shown on the consent page (control and bidi characters out, bounded)', async () => {
    const { register } = harness();
    const { body } = await register({ client_name: 'Nice\u202eevil\u0007 app ' + 'x'.repeat(200), redirect_uris: ['http://127.0.0.1/cb'] });
    expect(body.client_name).toMatch(/^Niceevil app x+$/);
    expect(String(body.client_name).length).toBe(100);
  });

  it('expires a registration after its idle time; using it pushes the expiry back', async () => {
    const DAY = 86_400_000;
    let now = Date.UTC(2026, 11, 1);
    const h = harness({ registration: { idleTtlSeconds: 10 * 86_400 } }, { now: () => now });
    const used = String((await h.register({ client_name: 'used', redirect_uris: ['http://127.0.0.1/cb'] })).body.client_id);
    const idle = String((await h.register({ client_name: 'idle', redirect_uris: ['http://127.0.0.1/cb'] })).body.client_id);
    now += 8 * DAY;
    const signIn = await h.authorizeThrough(authorizeParams(used, 'http://127.0.0.1/cb', pkce().challenge));
    expect(new URL(signIn.headers.location!).searchParams.get('code')).toBeTruthy();
    now += 5 * DAY;
    expect((await h.call('GET', h.authorizeUrl(authorizeParams(idle, 'http://127.0.0.1/cb', pkce().challenge)))).status).toBe(400);
    expect((await h.call('GET', h.authorizeUrl(authorizeParams(used, 'http://127.0.0.1/cb', pkce().challenge)))).status).toBe(302);
  });

  it('holds the registration ceiling under concurrency: exactly the limit get through, the rest 503 with Retry-After', async () => {
    const { call } = harness({ registration: { maxPerWindow: 5 } });
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => call('POST', '/register', JSON.stringify({ client_name: `c${i}`, redirect_uris: ['http://127.0.0.1/cb'] }))),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(5);
    const refused = answers.filter((a) => a.status === 503);
    expect(refused).toHaveLength(15);
    expect(refused[0]!.headers['retry-after']).toBe('3600');
    // A repeat of an existing registration costs nothing against the ceiling.
    expect((await call('POST', '/register', JSON.stringify({ client_name: 'c0', redirect_uris: ['http://127.0.0.1/cb'] }))).status).toBe(201);
  });
});
