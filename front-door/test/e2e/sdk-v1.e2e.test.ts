import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OAuthStack } from '../../../scripts/lib/oauth-stack.ts';
import { BrowserOAuthProvider } from '../helpers/oauth-provider.ts';
import { startTasksStack } from '../helpers/stack.ts';

const REDIRECT = 'http://127.0.0.1:48123/oauth/callback';

let stack: OAuthStack;
beforeAll(async () => {
  stack = await startTasksStack();
});
afterAll(() => stack.close());

async function connect(provider: BrowserOAuthProvider) {
  const transport = new StreamableHTTPClientTransport(new URL(stack.mcpUrl), { authProvider: provider });
  const client = new Client({ name: 'sdk-v1-e2e', version: '1.0.0' });
  return { client, transport };
}

/** Connects, and when the SDK asks the user to sign in, finishes with the code the browser brought back. */
async function signedIn(provider: BrowserOAuthProvider) {
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
    const provider = new BrowserOAuthProvider(stack, { redirect: REDIRECT, clientName: 'SDK v1 e2e', state: 'state-v1' });
    const browser = provider.browser;
    // The user unticks tasks:write on the consent page: the token carries tasks:read only.
    provider.uncheck = ['tasks:write'];
    const { client } = await signedIn(provider);
    expect(provider.client?.client_id).toMatch(/^mcp-/);
    expect(provider.saved?.scope).toBe('tasks:read');
    // The access token is the identity provider's, shaped like Cognito's, bound to the MCP URL.
    expect(decodeJwt(String(provider.saved?.access_token))).toMatchObject({
      iss: stack.idp.issuer,
      sub: stack.user.username,
      username: stack.user.username,
      client_id: 'front-door',
      token_use: 'access',
      scope: expect.stringMatching(/^(openid )?tasks:read$/),
      aud: stack.mcpUrl,
    });
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
    const refreshBefore = provider.saved!.refresh_token;
    const attempt = client.callTool({ name: 'create_task', arguments: { title: 'Step up' } });
    await expect(attempt).rejects.toBeInstanceOf(StreamableHTTPError);
    await expect(attempt).rejects.toMatchObject({ code: 403 });
    // That refresh went through the front door (rotated refresh token), driven by the SDK itself.
    expect(provider.saved!.refresh_token).not.toBe(refreshBefore);
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
