import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/adapters/node/index.ts';
import { RESOURCE_METADATA, startFixture } from './fixture.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startFixture();
});
afterAll(() => server.close());

/** The official 2025-era client (@modelcontextprotocol/sdk 1.x), over real HTTP. */
async function connect(token?: string) {
  const transport = new StreamableHTTPClientTransport(new URL(server.url), {
    ...(token ? { requestInit: { headers: { Authorization: `Bearer ${token}` } } } : {}),
  });
  const client = new Client({ name: 'sdk-v1-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, transport };
}

describe('official SDK 1.x client (2025 era)', () => {
  it('initializes at 2025-11-25 and reads server info and instructions', async () => {
    const { client, transport } = await connect();
    expect(transport.protocolVersion).toBe('2025-11-25');
    expect(transport.sessionId).toBeUndefined();
    expect(client.getServerVersion()).toEqual({ name: 'integration', version: '2.0.0' });
    expect(client.getInstructions()).toBe('Integration fixture.');
    await client.close();
  });

  it('lists tools with input and output schemas', async () => {
    const { client } = await connect();
    const { tools } = await client.listTools();
    // Auth is configured on this server: an anonymous caller holds no scope, so the scoped tool is hidden.
    expect(tools.map((t) => t.name)).toEqual(['add', 'echo', 'crash', 'greet']);
    const add = tools.find((t) => t.name === 'add')!;
    expect(add.inputSchema).toMatchObject({ type: 'object', required: ['a', 'b'] });
    expect(add.outputSchema).toMatchObject({ type: 'object', properties: { sum: { type: 'number' } } });
    expect(add.annotations).toEqual({ readOnlyHint: true });
    await client.close();
  });

  it('calls a tool with structured output, which the client validates against outputSchema', async () => {
    const { client } = await connect();
    await client.listTools(); // the client caches output schemas and validates results with them
    const result = await client.callTool({ name: 'add', arguments: { a: 2, b: 40 } });
    expect(result.structuredContent).toEqual({ sum: 42 });
    expect(result.content).toEqual([{ type: 'text', text: '{"sum":42}' }]);
    await client.close();
  });

  it('gets invalid arguments back as an isError result the model can read', async () => {
    const { client } = await connect();
    const result = await client.callTool({ name: 'add', arguments: { a: 'two' } });
    expect(result.isError).toBe(true);
    expect((result.content as { text: string }[])[0]!.text).toMatch(/^Invalid arguments for tool "add": a: .*b: /);
    await client.close();
  });

  it('gets an unknown tool as a -32602 protocol error', async () => {
    const { client } = await connect();
    await expect(client.callTool({ name: 'nope' })).rejects.toMatchObject({ code: -32602 });
    await expect(client.callTool({ name: 'nope' })).rejects.toBeInstanceOf(McpError);
    await client.close();
  });

  it('reads resources and templates, gets prompts and completions', async () => {
    const { client } = await connect();
    expect((await client.listResources()).resources.map((r) => r.uri)).toEqual(['doc://readme']);
    expect((await client.listResourceTemplates()).resourceTemplates[0]!.uriTemplate).toBe('doc://pages/{slug}');
    expect((await client.readResource({ uri: 'doc://pages/usage' })).contents[0]).toMatchObject({ text: 'page usage' });
    const prompt = await client.getPrompt({ name: 'review', arguments: { language: 'go', focus: 'errors' } });
    expect(prompt.messages[0]!.content).toEqual({ type: 'text', text: 'Review this go code for errors.' });
    const completion = await client.complete({ ref: { type: 'ref/prompt', name: 'review' }, argument: { name: 'language', value: 't' } });
    expect(completion.completion.values).toEqual(['ts']);
    await client.close();
  });

  it('hides tools the token lacks scopes for, and answers a call to one with 403 insufficient_scope', async () => {
    const { client } = await connect('reader');
    expect((await client.listTools()).tools.map((t) => t.name)).not.toContain('delete_all');
    const failure = await client.callTool({ name: 'delete_all' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StreamableHTTPError);
    expect((failure as StreamableHTTPError).code).toBe(403);
    expect(String(failure)).toMatch(/Insufficient scope.*admin:write/);
    await client.close();
  });

  it('answers an anonymous call to a scoped tool with 401 and the challenge, once auth is configured', async () => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'mcp-protocol-version': '2025-11-25' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'delete_all' } }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(`Bearer scope="admin:write", resource_metadata="${RESOURCE_METADATA}"`);
  });

  it('lets a token with a broader scope call the tool', async () => {
    const { client } = await connect('admin');
    expect((await client.callTool({ name: 'delete_all' })).content).toEqual([{ type: 'text', text: 'deleted' }]);
    await client.close();
  });

  it('sends the 403 challenge with the scope and the resource metadata URL', async () => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer reader', 'mcp-protocol-version': '2025-11-25' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'delete_all' } }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('www-authenticate')).toBe(`Bearer error="insufficient_scope", scope="admin:write", resource_metadata="${RESOURCE_METADATA}"`);
  });

  it('gets an interactive tool as an isError result explaining it needs 2026-07-28', async () => {
    const { client } = await connect();
    const result = await client.callTool({ name: 'greet' });
    expect(result.isError).toBe(true);
    expect((result.content as { text: string }[])[0]!.text).toMatch(/2026-07-28/);
    await client.close();
  });
});
