import { connect as connectClient } from '@serverless-mcp/handler-kit/testing';
import type { Logger } from '@serverless-mcp/handler-kit';
import type { Dependencies } from '../src/dependencies.ts';
import { createDogFactsServer } from '../src/server.ts';

export const BASE_URL = 'https://dogs.test/api/v2';

/** A dogapi.dog-shaped answer with `count` facts. */
export const factsAnswer = (count: number) => ({
  data: Array.from({ length: count }, (_, i) => ({ id: `fact-${i + 1}`, type: 'fact', attributes: { body: `Dog fact number ${i + 1}.` } })),
});

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** By default answers like the real service: as many facts as the `limit` parameter asks for. */
const likeTheService = (url: URL) => json(factsAnswer(Number(url.searchParams.get('limit'))));

/** A fetch that records each request and answers with `respond` instead of going to the network. */
export function fakeFetch(respond: (url: URL, init: RequestInit | undefined) => Response | Promise<Response> = likeTheService) {
  const requests: { url: URL; init: RequestInit | undefined }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input);
    requests.push({ url, init });
    return respond(url, init);
  };
  return { fetch, requests };
}

/** Never answers; rejects only when its signal aborts, as a real fetch does. */
export const hangingFetch = (_url: URL, init: RequestInit | undefined) =>
  new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)));

export interface LogLine {
  level: string;
  message: string;
  fields: Record<string, unknown>;
}

/** Keeps log lines in memory, so tests can read what operators would see (and the test output stays quiet). */
export function memoryLogger(lines: LogLine[] = [], bound: Record<string, unknown> = {}): Logger & { lines: LogLine[] } {
  const at = (level: string) => (message: string, fields: Record<string, unknown> = {}) => {
    lines.push({ level, message, fields: { ...bound, ...fields } });
  };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: (f) => memoryLogger(lines, { ...bound, ...f }) };
}

/** The dog facts server over `fetch`, driven by the official MCP client through server.fetch. */
export async function connect(fetch: typeof globalThis.fetch, overrides: Partial<Dependencies> = {}, logger = memoryLogger()) {
  const server = createDogFactsServer({ fetch, baseUrl: BASE_URL, timeoutMs: 1_000, ...overrides }, { logger });
  const client = await connectClient(server);
  return client;
}

export const structured = (r: unknown) => (r as { structuredContent: Record<string, any> }).structuredContent;
export const textOf = (r: unknown) => (r as { content: { text: string }[] }).content[0]!.text;
