import { describeServer } from '@serverless-mcp/handler-kit/manifest';
import { describe, expect, it, vi } from 'vitest';
import { createDogFactsServer } from '../src/server.ts';
import { BASE_URL, connect, fakeFetch, factsAnswer, hangingFetch, json, memoryLogger, structured, textOf } from './fake-dog-facts-service.ts';

const callFacts = (client: Awaited<ReturnType<typeof connect>>, args: Record<string, unknown> = {}) =>
  client.callTool({ name: 'getDogFacts', arguments: args });

describe('getDogFacts', () => {
  it('is offered as a read-only, open-world tool taking a limit of 1 to 10 (default 5), under dogfacts:read', async () => {
    const client = await connect(fakeFetch().fetch);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['getDogFacts']);
    expect(tools[0]!.annotations).toMatchObject({ readOnlyHint: true, openWorldHint: true });
    expect(tools[0]!.inputSchema.properties!.limit).toMatchObject({ type: 'integer', minimum: 1, maximum: 10, default: 5 });
    expect(tools[0]!.outputSchema?.properties).toHaveProperty('facts');
    const described = describeServer(createDogFactsServer({ fetch: fakeFetch().fetch, baseUrl: BASE_URL, timeoutMs: 1_000 }));
    expect(described.tools.map((t) => t.scopes)).toEqual([['dogfacts:read']]);
  });

  it('asks the service for 5 facts when no limit is given', async () => {
    const service = fakeFetch();
    const result = await callFacts(await connect(service.fetch));
    expect(service.requests.map((r) => r.url.href)).toEqual([`${BASE_URL}/facts?limit=5`]);
    expect(structured(result).facts).toHaveLength(5);
  });

  it('passes the requested limit to the service, and a signal so the call can be stopped', async () => {
    const service = fakeFetch();
    await callFacts(await connect(service.fetch), { limit: 10 });
    expect(service.requests[0]!.url.searchParams.get('limit')).toBe('10');
    expect(service.requests[0]!.init?.signal).toBeInstanceOf(AbortSignal);
  });

  it.each([0, 11, 2.5, 'five'])('rejects limit %j as invalid arguments without calling the service', async (limit) => {
    const service = fakeFetch();
    const result = await callFacts(await connect(service.fetch), { limit });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^Invalid arguments for tool "getDogFacts": limit: /);
    expect(service.requests).toHaveLength(0);
  });

  it('returns the facts as structured content and as a numbered list', async () => {
    const result = await callFacts(await connect(fakeFetch().fetch), { limit: 2 });
    expect(result.isError).toBeFalsy();
    expect(structured(result)).toEqual({
      facts: [{ id: 'fact-1', fact: 'Dog fact number 1.' }, { id: 'fact-2', fact: 'Dog fact number 2.' }],
    });
    expect(textOf(result)).toBe('1. Dog fact number 1.\n\n2. Dog fact number 2.');
  });

  it('never returns more facts than asked for, even when the service sends more', async () => {
    const result = await callFacts(await connect(fakeFetch(() => json(factsAnswer(8))).fetch), { limit: 3 });
    expect(structured(result).facts).toHaveLength(3);
  });

  it('says so when the service has no facts to give', async () => {
    const result = await callFacts(await connect(fakeFetch(() => json({ data: [] })).fetch));
    expect(structured(result)).toEqual({ facts: [] });
    expect(textOf(result)).toMatch(/no facts/);
  });
});

describe('getDogFacts when the service fails', () => {
  const failing = async (respond: Parameters<typeof fakeFetch>[0], timeoutMs = 1_000, logger = memoryLogger()) => {
    const result = await callFacts(await connect(fakeFetch(respond).fetch, { timeoutMs }, logger));
    expect(result.isError).toBe(true);
    expect(result).not.toHaveProperty('structuredContent');
    return textOf(result);
  };

  it('tells the model to retry later on a 5xx answer', async () => {
    expect(await failing(() => new Response('upstream down', { status: 503 }))).toBe('The dog facts service answered 503; try again in a minute.');
  });

  it('explains rate limiting on a 429 answer', async () => {
    expect(await failing(() => new Response('', { status: 429 }))).toMatch(/rate-limiting requests \(429\); try again in a minute/);
  });

  it('says retrying will not help on another 4xx answer', async () => {
    expect(await failing(() => new Response('not found', { status: 404 }))).toMatch(/answered 404, which retrying will not fix/);
  });

  it('reports a body that is not JSON', async () => {
    expect(await failing(() => new Response('<html>maintenance</html>', { status: 200 }))).toMatch(/not JSON/);
  });

  it.each([
    ['no data array', { facts: ['a'] }],
    ['a fact without a body', { data: [{ id: '1', attributes: {} }] }],
    ['a JSON string', 'hello'],
  ])('reports an answer of the wrong shape (%s)', async (_name, body) => {
    expect(await failing(() => json(body))).toMatch(/unexpected format/);
  });

  it('reports a network failure without leaking its details or a stack trace, which go to the log', async () => {
    const logger = memoryLogger();
    const text = await failing(() => {
      throw new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND dogs.test') });
    }, 1_000, logger);
    expect(text).toBe('Could not reach the dog facts service (network error); try again in a minute.');
    expect(text).not.toMatch(/ENOTFOUND|fetch failed|\n\s+at /);
    expect(logger.lines).toEqual([expect.objectContaining({ level: 'warn', message: 'dog facts service unreachable' })]);
    expect((logger.lines[0]!.fields.error as Error).cause).toMatchObject({ message: 'getaddrinfo ENOTFOUND dogs.test' });
  });

  it('gives up after the configured timeout when the service never answers', async () => {
    const started = Date.now();
    const text = await failing(hangingFetch, 50);
    expect(text).toBe('The dog facts service did not answer within 0.05 s; try again in a minute.');
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('getDogFacts when the caller goes away', () => {
  it('aborts its request to the service too, and the kit answers the stopped call', async () => {
    const service = fakeFetch(hangingFetch);
    const server = createDogFactsServer({ fetch: service.fetch, baseUrl: BASE_URL, timeoutMs: 10_000 }, { logger: memoryLogger() });
    const caller = new AbortController();
    const answer = server.fetch(new Request('http://dog-facts.test/mcp', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-06-18' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'getDogFacts', arguments: {} } }),
      signal: caller.signal,
    }));
    await vi.waitFor(() => expect(service.requests).toHaveLength(1));
    caller.abort();
    const body = await (await answer).json();
    expect(service.requests[0]!.init!.signal!.aborted).toBe(true);
    expect(body.result).toMatchObject({ isError: true, content: [{ text: expect.stringMatching(/did not finish in time/) }] });
  });
});
