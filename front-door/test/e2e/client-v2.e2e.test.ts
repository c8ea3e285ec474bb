import { Client, IssuerMismatchError, StreamableHTTPClientTransport, UnauthorizedError, type OAuthClientProvider } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OAuthStack } from '../../../scripts/lib/oauth-stack.ts';
import { ScriptedBrowser, signInAndConsent } from '../helpers/browser.ts';
import { isCallback, startTasksStack } from '../helpers/stack.ts';

const REDIRECT = 'http://127.0.0.1:48124/callback';

type Stored = Record<string, unknown>;

/** The app side of @modelcontextprotocol/client 2.x OAuth (it checks issuer and the RFC 9207 `iss`). */
class TestProvider implements OAuthClientProvider {
  client: Stored | undefined;
  saved: Stored | undefined;
  discovery: Stored | undefined;
  verifier = '';
  landed: URL | undefined;
  uncheck: string[] = [];
  readonly stack: OAuthStack;
  readonly browser = new ScriptedBrowser();
  constructor(stack: OAuthStack) {
    this.stack = stack;
  }
  get redirectUrl() {
    return REDIRECT;
  }
  get clientMetadata() {
    return { client_name: 'SDK v2 e2e', redirect_uris: [REDIRECT], grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], token_endpoint_auth_method: 'none' };
  }
  state() {
    return 'state-v2';
  }
  clientInformation() {
    return this.client as never;
  }
  saveClientInformation(info: Stored) {
    this.client = info;
  }
  tokens() {
    return this.saved as never;
  }
  saveTokens(tokens: Stored) {
    this.saved = tokens;
  }
  saveCodeVerifier(v: string) {
    this.verifier = v;
  }
  codeVerifier() {
    return this.verifier;
  }
  saveDiscoveryState(state: object) {
    this.discovery = state as Stored;
  }
  discoveryState() {
    return this.discovery as never;
  }
  async redirectToAuthorization(url: URL) {
    this.landed = await signInAndConsent(this.browser, url.href, { ...this.stack.user, isClientRedirect: isCallback(REDIRECT), uncheck: this.uncheck });
  }
}

let stack: OAuthStack;
beforeAll(async () => {
  stack = await startTasksStack();
});
afterAll(() => stack.close());

function connect(provider: TestProvider) {
  const transport = new StreamableHTTPClientTransport(new URL(stack.mcpUrl), { authProvider: provider });
  const client = new Client({ name: 'sdk-v2-e2e', version: '1.0.0' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
  return { client, transport };
}

describe('@modelcontextprotocol/client 2.x against the front door', () => {
  it('signs in (issuer and iss checked by the SDK), serves 2026-07-28 calls, steps up after a 403 with one more consent, and refreshes after a 401', async () => {
    const provider = new TestProvider(stack);
    provider.uncheck = ['tasks:write'];
    let { client, transport } = connect(provider);
    await expect(client.connect(transport)).rejects.toBeInstanceOf(UnauthorizedError);
    expect(provider.landed!.searchParams.get('iss')).toBe(stack.origin);
    await transport.finishAuth(provider.landed!.searchParams);
    expect(provider.saved?.scope).toBe('tasks:read');
    ({ client, transport } = connect(provider));
    await client.connect(transport);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['get_project_stats', 'list_tasks']);
    expect((await client.callTool({ name: 'get_project_stats', arguments: { projectId: 'launch' } })).isError).toBeFalsy();

    // 403 insufficient_scope: the SDK asks for the union of scopes with a fresh authorization.
    provider.uncheck = [];
    provider.landed = undefined;
    await expect(client.callTool({ name: 'create_task', arguments: { title: 'From v2' } })).rejects.toBeInstanceOf(UnauthorizedError);
    const stepUp = provider.landed!;
    expect(stepUp.searchParams.get('iss')).toBe(stack.origin);
    await transport.finishAuth(stepUp.searchParams);
    expect(String(provider.saved?.scope).split(' ').sort()).toEqual(['tasks:read', 'tasks:write']);
    const created = await client.callTool({ name: 'create_task', arguments: { title: 'From v2' } });
    expect(created.isError).toBeFalsy();
    expect(created.structuredContent).toMatchObject({ title: 'From v2' });

    // A token the server no longer accepts: 401 invalid_token, the SDK refreshes through the front door and retries.
    const beforeRefresh = provider.saved!;
    provider.saved = { ...beforeRefresh, access_token: 'eyJhbGciOiJSUzI1NiJ9.e30.invalid' };
    expect((await client.callTool({ name: 'list_tasks', arguments: {} })).isError).toBeFalsy();
    expect(provider.saved.refresh_token).not.toBe(beforeRefresh.refresh_token);
    expect(provider.saved.access_token).not.toBe(beforeRefresh.access_token);
    await client.close();
  });

  it('an authorization response whose iss is not the issuer is refused by the SDK (mix-up defence the front door makes possible)', async () => {
    const provider = new TestProvider(stack);
    const { client, transport } = connect(provider);
    await expect(client.connect(transport)).rejects.toBeInstanceOf(UnauthorizedError);
    const forged = new URLSearchParams(provider.landed!.searchParams);
    forged.set('iss', 'https://attacker.example');
    await expect(transport.finishAuth(forged)).rejects.toBeInstanceOf(IssuerMismatchError);
    await client.close();
  });
});
