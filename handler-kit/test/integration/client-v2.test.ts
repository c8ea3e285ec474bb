import { Client, InsufficientScopeError, MissingRequiredClientCapabilityError, ProtocolError, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/adapters/node/index.ts';
import { startFixture } from './fixture.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startFixture();
});
afterAll(() => server.close());

type Mode = { pin: '2026-07-28' } | 'auto' | 'legacy';

/** The official 2026-era client (@modelcontextprotocol/client 2.x), over real HTTP. */
async function connect(options: { token?: string; mode?: Mode; elicit?: boolean } = {}) {
  const transport = new StreamableHTTPClientTransport(new URL(server.url), {
    ...(options.token ? { requestInit: { headers: { Authorization: `Bearer ${options.token}` } } } : {}),
  });
  const client = new Client(
    { name: 'client-v2-test', version: '1.0.0' },
    {
      versionNegotiation: { mode: options.mode ?? { pin: '2026-07-28' } },
      ...(options.elicit ? { capabilities: { elicitation: { form: {} } } } : {}),
    },
  );
  if (options.elicit) client.setRequestHandler('elicitation/create', async () => ({ action: 'accept', content: { name: 'Ada' } }));
  await client.connect(transport);
  return client;
}

describe('official client 2.x (2026-07-28)', () => {
  it('discovers the server statelessly with server/discover', async () => {
    const client = await connect();
    expect(client.getProtocolEra()).toBe('modern');
    expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
    expect(client.getServerVersion()).toMatchObject({ name: 'integration', version: '2.0.0' });
    expect(client.getInstructions()).toBe('Integration fixture.');
    await client.close();
  });

  it('picks 2026-07-28 on its own in auto mode', async () => {
    const client = await connect({ mode: 'auto' });
    expect(client.getProtocolEra()).toBe('modern');
    await client.close();
  });

  it('still speaks the 2025 wire with the same server in legacy mode', async () => {
    const client = await connect({ mode: 'legacy' });
    expect(client.getProtocolEra()).toBe('legacy');
    expect((await client.callTool({ name: 'echo', arguments: { text: 'old' } })).content).toEqual([{ type: 'text', text: 'old' }]);
    await client.close();
  });

  it('lists and calls tools, with structured output and readable argument errors', async () => {
    const client = await connect();
    const { tools } = await client.listTools({}, { cacheMode: 'bypass' } as never);
    expect(tools.map((t) => t.name)).toContain('greet');
    const sum = await client.callTool({ name: 'add', arguments: { a: 1, b: 2 } });
    expect(sum.structuredContent).toEqual({ sum: 3 });
    const bad = await client.callTool({ name: 'echo', arguments: {} });
    expect(bad.isError).toBe(true);
    expect((bad.content as { text: string }[])[0]!.text).toMatch(/text:/);
    await client.close();
  });

  it('hides an unexpected error behind a generic message', async () => {
    const client = await connect();
    const result = await client.callTool({ name: 'crash' });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result)).not.toMatch(/hunter2|db\.ts/);
    await client.close();
  });

  it('reads resources, gets prompts and completes arguments', async () => {
    const client = await connect();
    expect((await client.readResource({ uri: 'doc://readme' })).contents[0]).toMatchObject({ mimeType: 'text/markdown', text: '# Hello' });
    expect((await client.getPrompt({ name: 'review', arguments: { language: 'rust' } })).messages).toHaveLength(1);
    const completion = await client.complete({ ref: { type: 'ref/resource', uri: 'doc://pages/{slug}' }, argument: { name: 'slug', value: 'us' } });
    expect(completion.completion.values).toEqual(['usage']);
    await client.close();
  });

  it('reports a missing resource as a protocol error', async () => {
    const client = await connect();
    const failure = await client.readResource({ uri: 'doc://missing' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ProtocolError);
    expect((failure as ProtocolError).code).toBe(-32602);
    await client.close();
  });

  it('answers an input_required result through its elicitation handler and gets the final result', async () => {
    const client = await connect({ elicit: true });
    const result = await client.callTool({ name: 'greet' });
    expect(result.content).toEqual([{ type: 'text', text: 'Hello, Ada!' }]);
    await client.close();
  });

  it('is told which capability is missing when it declared no elicitation', async () => {
    const client = await connect();
    const failure = await client.callTool({ name: 'greet' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(MissingRequiredClientCapabilityError);
    await client.close();
  });

  it('raises InsufficientScopeError naming the scope for a call without it', async () => {
    const client = await connect({ token: 'reader' });
    expect((await client.listTools({}, { cacheMode: 'bypass' } as never)).tools.map((t) => t.name)).not.toContain('delete_all');
    const failure = await client.callTool({ name: 'delete_all' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(InsufficientScopeError);
    expect((failure as InsufficientScopeError).requiredScope).toBe('admin:write');
    await client.close();
  });
});
