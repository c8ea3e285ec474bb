import { Client, IssuerMismatchError, StreamableHTTPClientTransport, UnauthorizedError } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OAuthStack } from '../../../scripts/lib/oauth-stack.ts';
import { BrowserOAuthProvider } from '../helpers/oauth-provider.ts';
import { startTasksStack } from '../helpers/stack.ts';

const REDIRECT = 'http://127.0.0.1:48124/callback';

let stack: OAuthStack;
beforeAll(async () => {
  stack = await startTasksStack();
});
afterAll(() => stack.close());

function connect(provider: BrowserOAuthProvider) {
  const transport = new StreamableHTTPClientTransport(new URL(stack.mcpUrl), { authProvider: provider });
  const client = new Client({ name: 'sdk-v2-e2e', version: '1.0.0' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
  return { client, transport };
}

describe('@modelcontextprotocol/client 2.x against the front door', () => {
  it('signs in (issuer and iss checked by the SDK), serves 2026-07-28 calls, steps up after a 403 with one more consent, and refreshes after a 401', async () => {
    const provider = new BrowserOAuthProvider(stack, { redirect: REDIRECT, clientName: 'SDK v2 e2e', state: 'state-v2' });
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
    const provider = new BrowserOAuthProvider(stack, { redirect: REDIRECT, clientName: 'SDK v2 e2e', state: 'state-v2' });
    const { client, transport } = connect(provider);
    await expect(client.connect(transport)).rejects.toBeInstanceOf(UnauthorizedError);
    const forged = new URLSearchParams(provider.landed!.searchParams);
    forged.set('iss', 'https://attacker.example');
    await expect(transport.finishAuth(forged)).rejects.toBeInstanceOf(IssuerMismatchError);
    await client.close();
  });
});
