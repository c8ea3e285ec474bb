import { Client, StreamableHTTPClientTransport, UnauthorizedError } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { server as echoAdd } from '../../../examples/echo-add/src/server.ts';
import { startOAuthStack, type OAuthStack } from '../../../scripts/lib/oauth-stack.ts';
import { BrowserOAuthProvider } from '../helpers/oauth-provider.ts';

/** `make dev AUTH=oauth SERVER=echo-add`: a server whose tools declare no scope still signs in and serves. */
let stack: OAuthStack;
beforeAll(async () => {
  stack = await startOAuthStack({ handler: () => echoAdd });
});
afterAll(() => stack.close());

describe('a scope-less example behind the front door', () => {
  it('signs in with no scope to consent to and calls a tool', async () => {
    const provider = new BrowserOAuthProvider(stack, { redirect: 'http://127.0.0.1:48126/callback', clientName: 'scope-less', state: 's' });
    let transport = new StreamableHTTPClientTransport(new URL(stack.mcpUrl), { authProvider: provider });
    let client = new Client({ name: 'scope-less', version: '1.0.0' });
    await expect(client.connect(transport)).rejects.toBeInstanceOf(UnauthorizedError);
    await transport.finishAuth(provider.landed!.searchParams);
    transport = new StreamableHTTPClientTransport(new URL(stack.mcpUrl), { authProvider: provider });
    client = new Client({ name: 'scope-less', version: '1.0.0' });
    await client.connect(transport);
    const { tools } = await client.listTools();
    expect(tools.length).toBeGreaterThan(0);
    await client.close();
  });
});
