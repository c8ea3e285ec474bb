import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memoryLogger, sampleServer } from '../helpers.ts';

/**
 * Whatever arrives, the server answers with a well-formed HTTP response: never a throw, never a 500 for a
 * client's mistake, a JSON-RPC error body wherever a body is due, and no internals in it.
 */
const METHODS = ['initialize', 'ping', 'tools/list', 'tools/call', 'resources/read', 'prompts/get', 'completion/complete', 'server/discover', 'logging/setLevel', 'nope'];
const VERSIONS = ['2025-03-26', '2025-06-18', '2025-11-25', '2026-07-28', 'v999', ''];
const TOOLS = ['add', 'echo', 'delete_all', 'unknown', ''];

const jsonValue = fc.jsonValue({ maxDepth: 3 });
const params = fc.oneof(
  fc.constant(undefined),
  jsonValue,
  fc.record(
    {
      name: fc.oneof(fc.constantFrom(...TOOLS), fc.string()),
      uri: fc.oneof(fc.constant('doc://readme'), fc.string()),
      arguments: fc.oneof(jsonValue, fc.record({ a: jsonValue, b: jsonValue, text: jsonValue })),
      _meta: fc.oneof(
        jsonValue,
        fc.record({
          'io.modelcontextprotocol/protocolVersion': fc.oneof(fc.constantFrom(...VERSIONS), jsonValue),
          'io.modelcontextprotocol/clientCapabilities': fc.oneof(fc.constant({}), jsonValue),
        }),
      ),
      inputResponses: jsonValue,
      requestState: fc.oneof(fc.string(), jsonValue),
    },
    { requiredKeys: [] },
  ),
);
const message = fc.record(
  {
    jsonrpc: fc.oneof(fc.constant('2.0'), jsonValue),
    id: fc.oneof(fc.integer(), fc.string(), fc.constant(null), jsonValue),
    method: fc.oneof(fc.constantFrom(...METHODS), fc.string(), jsonValue),
    params,
    result: jsonValue,
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  message.map((m) => JSON.stringify(m)),
  fc.array(message, { maxLength: 4 }).map((b) => JSON.stringify(b)),
  fc.string(),
  fc.constant(''),
  jsonValue.map((v) => JSON.stringify(v)),
);
const headerValue = (values: string[]) => fc.option(fc.oneof(fc.constantFrom(...values), fc.string({ maxLength: 40 })), { nil: undefined });
const request = fc.record({
  method: fc.oneof(fc.constantFrom('POST', 'POST', 'POST', 'GET', 'DELETE', 'PUT', 'OPTIONS'), fc.string({ maxLength: 8 })),
  headers: fc.record({
    'content-type': headerValue(['application/json', 'application/json; charset=utf-8', 'text/plain']),
    accept: headerValue(['*/*', 'application/json', 'text/event-stream', 'application/json, text/event-stream']),
    'mcp-protocol-version': headerValue(VERSIONS),
    'mcp-method': headerValue(METHODS),
    'mcp-name': headerValue(TOOLS),
    origin: headerValue(['http://localhost:3000', 'https://evil.example']),
  }),
  body,
});

const STATUSES = new Set([200, 202, 204, 400, 403, 404, 405, 406, 413, 415]);

describe('any request gets a well-formed answer', () => {
  it('never throws, never answers 500, and always carries a JSON-RPC body unless 202 or a 204 preflight', async () => {
    const logger = memoryLogger();
    const handler = sampleServer({ logger });
    await fc.assert(
      fc.asyncProperty(request, async (req) => {
        const res = await handler.handle(req);
        expect(STATUSES.has(res.status), `unexpected status ${res.status}`).toBe(true);
        if (res.status === 202 || res.status === 204) {
          // Accepted notification, or a CORS preflight (OPTIONS): no body.
          expect(res.body).toBe('');
          if (res.status === 204) expect(req.method).toBe('OPTIONS');
          return;
        }
        const payload = JSON.parse(res.body);
        const answers = Array.isArray(payload) ? payload : [payload];
        for (const answer of answers) {
          expect(answer.jsonrpc).toBe('2.0');
          expect('result' in answer !== 'error' in answer).toBe(true);
          if (answer.error) {
            expect(Number.isInteger(answer.error.code)).toBe(true);
            expect(typeof answer.error.message).toBe('string');
          }
        }
        if (res.status >= 400) expect(answers.every((a) => 'error' in a)).toBe(true);
        expect(res.body).not.toMatch(/hunter2|at .*\.ts:\d+/);
      }),
      { numRuns: 1500 },
    );
    expect(logger.lines.filter((l) => l.message.includes('inside the server') || l.message.includes('unexpected failure'))).toEqual([]);
  });
});

describe('with auth required, any request without credentials meets the gate', () => {
  it('answers 401 with the challenge (or 403 for a foreign origin, 204 for a preflight), for every method and body', async () => {
    const metadata = 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp';
    const handler = sampleServer({ auth: { resourceMetadataUrl: metadata } });
    await fc.assert(
      fc.asyncProperty(request, async (req) => {
        const res = await handler.handle(req);
        if (req.method === 'OPTIONS' && res.status === 204) return;
        if (res.status === 403) {
          // The Origin check runs first (DNS rebinding): a foreign or malformed origin learns nothing more.
          expect(JSON.parse(res.body).error.message).toBe('Forbidden: Origin not allowed');
          return;
        }
        expect(res.status).toBe(401);
        expect(res.headers['www-authenticate']).toBe(`Bearer scope="admin:write", resource_metadata="${metadata}"`);
        const payload = JSON.parse(res.body);
        expect(payload.error.code).toBe(-32001);
        let sent: unknown;
        try {
          sent = JSON.parse(req.body);
        } catch {
          sent = undefined;
        }
        const id = (sent as { id?: unknown } | undefined)?.id;
        const readable = req.method === 'POST' && !Array.isArray(sent) && (typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)));
        expect(payload.id).toEqual(readable ? id : null);
      }),
      { numRuns: 500 },
    );
  });
});
