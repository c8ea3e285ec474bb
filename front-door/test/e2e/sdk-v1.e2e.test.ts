import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OAuthStack } from '../../../scripts/lib/oauth-stack.ts';
import { ScriptedBrowser, signInAndConsent } from '../helpers/browser.ts';
import { isCallback, startTasksStack } from '../helpers/stack.ts';

const REDIRECT = 'http://127.0.0.1:48123/oauth/callback';

/** The app side of @modelcontextprotocol/sdk 1.x OAuth: stores what the SDK hands it, and sends the user to the browser. */
class TestProvider implements OAuthClientProvider {
  client: Record<string, unknown> | undefined;
  saved: Record<string, unknown> | undefined;
  verifier = '';
  /** Where the browser ended: the client's redirect URI with code, state, iss. */
  landed: URL | undefined;
  uncheck: string[] = [];
  readonly stack: OAuthStack;
  readonly browser: ScriptedBrowser;
  constructor(stack: OAuthStack, browser: ScriptedBrowser) {
    this.stack = stack;
    this.browser = browser;
  }
  get redirectUrl() {
    return REDIRECT;
  }
  get clientMetadata() {
    return { client_name: 'SDK v1 e2e', redirect_uris: [REDIRECT], grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], token_endpoint_auth_method: 'none' };
  }
  state() {
    return 'state-v1';
  }
  clientInformation() {
    return this.client as never;
  }
  saveClientInformation(info: Record<string, unknown>) {
    this.client = info;
  }
  tokens() {
    return this.saved as never;
  }
  saveTokens(tokens: Record<string, unknown>) {
    this.saved = tokens;
  }
  saveCodeVerifier(v: string) {
    this.verifier = v;
  }
  codeVerifier() {
    return this.verifier;
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

async function connect(provider: TestProvider) {
  const transport = new StreamableHTTPClientTransport(new URL(stack.mcpUrl), { authProvider: provider });
  const client = new Client({ name: 'sdk-v1-e2e', version: '1.0.0' });
  return { client, transport };
}

/** Connects, and when the SDK asks the user to sign in, finishes with the code the browser brought back. */
async function signedIn(provider: TestProvider) {
  let { client, transport } = await connect(provider);
  await expect(client.connect(transport)).rejects.toBeInstanceOf(UnauthorizedError);
  const landed = provider.landed!;
  expect(landed.searchParams.get('iss')).toBe(stack.origin);
  expect(landed.searchParams.get('state')).toBe('state-v1');
  await transport.finishAuth(landed.searchParams.get('code')!);
  ({ client, transport } = await connect(provider));
  await client.connect(transport);
  return { client, transport };
}

describe('@modelcontextprotocol/sdk 1.x against the front door (make dev AUTH=oauth pieces)', () => {
  it('discovers, registers, signs in through the consent page, lists and calls tools, refreshes, then steps up after a 403', async () => {
    const browser = new ScriptedBrowser();
    const provider = new TestProvider(stack, browser);
    // The user unticks tasks:write on the consent page: the token carries tasks:read only.
    provider.uncheck = ['tasks:write'];
    const { client } = await signedIn(provider);
    expect(provider.client?.client_id).toMatch(/^mcp-/);
    expect(provider.saved?.scope).toBe('tasks:read');
    const visitedHosts = browser.visited.map((u) => new URL(u).port);
    expect(visitedHosts).toContain(new URL(stack.idp.issuer).port);

    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['get_project_stats', 'list_tasks']);
    const listed = await client.callTool({ name: 'list_tasks', arguments: {} });
    expect(listed.isError).toBeFalsy();

    // Refresh: the front door rotates its own refresh token and returns a new upstream access token.
    const before = provider.saved!;
    const refreshed = await fetch(`${stack.origin}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: String(before.refresh_token), client_id: String(provider.client!.client_id) }),
    });
    expect(refreshed.status).toBe(200);
    const next = (await refreshed.json()) as Record<string, string>;
    expect(next.refresh_token).not.toBe(before.refresh_token);
    expect(next.access_token).not.toBe(before.access_token);
    expect(next.scope).toBe('tasks:read');
    provider.saveTokens({ ...before, ...next });

    // A write tool answers 403 insufficient_scope. SDK 1.x first refreshes (same scopes) and gives up on
    // the second 403; the app then signs in again for the scope the challenge names.
    const attempt = client.callTool({ name: 'create_task', arguments: { title: 'Step up' } });
    await expect(attempt).rejects.toBeInstanceOf(StreamableHTTPError);
    await expect(attempt).rejects.toMatchObject({ code: 403 });
    provider.saved = undefined;
    provider.uncheck = [];
    provider.landed = undefined;
    const again = await signedIn(provider);
    // The remembered read grant and the new write grant together: a step-up does not lose tasks:read.
    expect(String((provider.tokens() as { scope?: string } | undefined)?.scope).split(' ').sort()).toEqual(['tasks:read', 'tasks:write']);
    const created = await again.client.callTool({ name: 'create_task', arguments: { title: 'Step up' } });
    expect(created.isError).toBeFalsy();
    expect(created.structuredContent).toMatchObject({ title: 'Step up' });
    await again.client.close();
    await client.close();
  });
});
