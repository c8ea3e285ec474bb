import { Client as ClientV2 } from '@modelcontextprotocol/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createHandler, defineTool } from '../../src/index.ts';
import { connect } from '../../src/testing/index.ts';
import { memoryLogger, sampleServer, sleep } from '../helpers.ts';

// No request may leave the process: the global fetch (and with it any socket) fails loudly meanwhile.
const realFetch = globalThis.fetch;
beforeEach(() => {
  globalThis.fetch = () => Promise.reject(new Error('connect() must not use the network'));
});
afterEach(() => {
  globalThis.fetch = realFetch;
});

const whoAmI = defineTool({
  name: 'whoami',
  description: 'Tells who called and which headers arrived',
  output: z.object({ subject: z.string().nullable(), scopes: z.array(z.string()) }),
  handler: (_args, ctx) => ({ subject: ctx.auth?.subject ?? null, scopes: [...(ctx.auth?.scopes ?? [])] }),
});

const counter = defineTool({
  name: 'count',
  description: 'Counts to three, reporting each step',
  handler: async (_args, ctx) => {
    for (const n of [1, 2, 3]) {
      await sleep(5);
      ctx.progress(n, 3, `step ${n}`);
    }
    return 'counted';
  },
});

describe('connect(server): an official client wired to the server in-process', () => {
  it('streams progress notifications to the in-process client, both SDKs', async () => {
    const server = createHandler({ name: 'counting', version: '1', tools: [counter], logger: memoryLogger() });
    const v1 = await connect(server);
    const seen: number[] = [];
    const r1 = await v1.callTool({ name: 'count', arguments: {} }, undefined, { onprogress: (p) => seen.push(p.progress) });
    expect(seen).toEqual([1, 2, 3]);
    expect(r1.content).toEqual([{ type: 'text', text: 'counted' }]);
    await v1.close();
    const v2 = await connect(server, { client: new ClientV2({ name: 'v2', version: '1' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } }) });
    const seen2: number[] = [];
    await v2.callTool({ name: 'count', arguments: {} }, { onprogress: (p: { progress: number }) => seen2.push(p.progress) });
    expect(seen2).toEqual([1, 2, 3]);
    await v2.close();
  });

  it('gives a connected 1.x SDK client by default, on the 2025 wire', async () => {
    const client = await connect(sampleServer());
    expect(client.getServerVersion()).toMatchObject({ name: 'sample', version: '1.2.3' });
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('add');
    expect((await client.callTool({ name: 'add', arguments: { a: 2, b: 3 } })).structuredContent).toEqual({ sum: 5 });
    await client.close();
  });

  it('connects a 2.x client the caller made, which then speaks 2026-07-28', async () => {
    const mine = new ClientV2({ name: 'mine', version: '1' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
    const client = await connect(sampleServer(), { client: mine });
    expect(client).toBe(mine);
    expect(client.getProtocolEra()).toBe('modern');
    expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
    expect((await client.callTool({ name: 'echo', arguments: { text: 'hi' } })).content).toEqual([{ type: 'text', text: 'hi' }]);
    await client.close();
  });

  it('passes the caller identity to the server as an authenticator would', async () => {
    const server = createHandler({ name: 'auth', version: '1', tools: [whoAmI], logger: memoryLogger() });
    const client = await connect(server, { auth: { subject: 'ada', scopes: ['tasks:read'], claims: {} } });
    expect((await client.callTool({ name: 'whoami' })).structuredContent).toEqual({ subject: 'ada', scopes: ['tasks:read'] });
    await client.close();
    const anonymous = await connect(server);
    expect((await anonymous.callTool({ name: 'whoami' })).structuredContent).toEqual({ subject: null, scopes: [] });
    await anonymous.close();
  });

  it('sends the extra headers, so a server check on them is exercised', async () => {
    const server = createHandler({ name: 'origin', version: '1', tools: [whoAmI], logger: memoryLogger() });
    await expect(connect(server, { headers: { origin: 'https://evil.example' } })).rejects.toThrow(/403|Origin/);
  });
});
