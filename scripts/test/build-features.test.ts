/**
 * The features a bundle leaves out (handler-kit/src/core/features.ts, scripts/lib/features.ts) change
 * nothing a client sees: each server is built twice, as `make build` builds it and with every feature
 * kept, and both bundles answer one fixed script of requests of both eras, byte for byte (status,
 * headers, body; and the log lines and EMF documents, but for their clock readings). The only volatile field named is a fresh
 * `requestState` (sealed with the current time), which only a server that asks for input sends.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createStateCodec, digest } from '../../handler-kit/src/core/request-state.ts';
import { buildServer, type BuildOptions } from '../build.ts';
import { ROOT } from '../load-server.ts';

// One key for every bundle here, so the script can bring states sealed by "another instance" of the same server.
const SECRET = 'build-features-test-secret-0123456789abcdef';
process.env.MCP_STATE_SECRET = SECRET;
process.env.LOG_LEVEL = 'debug';
// The Lambda log and EMF writer (observability on) writes straight to stdout and stderr: those lines are
// compared too, but for their clock readings (see VOLATILE).
process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
delete process.env.AWS_LAMBDA_FUNCTION_NAME;

/** The tool the script calls, with good arguments (and the Mcp-Param headers they need). */
interface Tool {
  name: string;
  args: Record<string, unknown>;
  headers?: Record<string, string>;
}
type LambdaFn = (event: unknown, context: unknown) => Promise<unknown>;
interface Step {
  name: string;
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: unknown;
}

const LEGACY = '2025-06-18';
const MODERN = '2026-07-28';
const legacy = (name: string, body: unknown, version = LEGACY): Step => ({ name, headers: { 'mcp-protocol-version': version }, body });
const modernMeta = { 'io.modelcontextprotocol/protocolVersion': MODERN, 'io.modelcontextprotocol/clientCapabilities': { elicitation: {}, sampling: {}, roots: {} } };
let nextId = 1;
/** A 2026-07-28 request with its envelope and the headers that mirror it. */
function modern(name: string, method: string, params: Record<string, unknown> = {}, extra: Record<string, string> = {}): Step {
  const target = typeof params.name === 'string' ? params.name : typeof params.uri === 'string' ? params.uri : undefined;
  return {
    name,
    headers: { 'mcp-protocol-version': MODERN, 'mcp-method': method, ...(target ? { 'mcp-name': target } : {}), ...extra },
    body: { jsonrpc: '2.0', id: nextId++, method, params: { ...params, _meta: { ...modernMeta, ...(params._meta as object) } } },
  };
}
const rpc = (method: string, params?: unknown) => ({ jsonrpc: '2.0', id: nextId++, method, ...(params === undefined ? {} : { params }) });

const b64 = (bytes: Buffer) => bytes.toString('base64url');
const keyId = b64(createHmac('sha256', SECRET).update('serverless-mcp request-state key id').digest().subarray(0, 6));

/** The script: every method of both eras, bad input of each kind, the transport and the card paths. */
async function script(tool: Tool): Promise<Step[]> {
  const codec = createStateCodec(SECRET);
  const binding = await digest(['tools/call', tool.name, tool.args, null]);
  const call = (name: string, extra: Record<string, unknown>) => modern(name, 'tools/call', { name: tool.name, arguments: tool.args, ...extra }, tool.headers);
  return [
    legacy('initialize', rpc('initialize', { protocolVersion: LEGACY, capabilities: { elicitation: {} }, clientInfo: { name: 't', version: '1' } })),
    legacy('initialize 2025-03-26', rpc('initialize', { protocolVersion: '2025-03-26', capabilities: {}, clientInfo: { name: 't', version: '1' } })),
    legacy('notifications/initialized', { jsonrpc: '2.0', method: 'notifications/initialized' }),
    legacy('ping', rpc('ping')),
    legacy('tools/list', rpc('tools/list')),
    legacy('tools/call', rpc('tools/call', { name: tool.name, arguments: tool.args })),
    legacy('tools/call progress token', rpc('tools/call', { name: tool.name, arguments: tool.args, _meta: { progressToken: 'p1' } })),
    { ...legacy('tools/call wanting SSE', rpc('tools/call', { name: tool.name, arguments: tool.args, _meta: { progressToken: 7 } })), headers: { 'mcp-protocol-version': LEGACY, accept: 'application/json, text/event-stream' } },
    legacy('tools/call bad arguments', rpc('tools/call', { name: tool.name, arguments: 'not an object' })),
    legacy('tools/call unknown tool', rpc('tools/call', { name: 'no_such_tool', arguments: {} })),
    legacy('tools/call no name', rpc('tools/call', {})),
    legacy('prompts/list', rpc('prompts/list')),
    legacy('prompts/get', rpc('prompts/get', { name: 'no_such_prompt' })),
    legacy('resources/list', rpc('resources/list')),
    legacy('resources/templates/list', rpc('resources/templates/list')),
    legacy('resources/read', rpc('resources/read', { uri: 'file:///nothing' })),
    legacy('completion/complete', rpc('completion/complete', { ref: { type: 'ref/prompt', name: 'no_such_prompt' }, argument: { name: 'a', value: '' } })),
    legacy('logging/setLevel', rpc('logging/setLevel', { level: 'debug' })),
    legacy('logging/setLevel bad', rpc('logging/setLevel', { level: 'loud' })),
    legacy('unknown method', rpc('no/such/method')),
    legacy('a response from the client', { jsonrpc: '2.0', id: 99, result: {} }),
    legacy('invalid request', { jsonrpc: '1.0', id: 1 }),
    legacy('batch', [rpc('tools/list'), rpc('prompts/list'), rpc('resources/list'), rpc('ping'), { jsonrpc: '2.0', method: 'notifications/cancelled' }], '2025-03-26'),
    legacy('batch on 2025-06-18', [rpc('ping')]),
    legacy('empty batch', [], '2025-03-26'),
    legacy('unsupported version header', rpc('tools/list'), '2099-01-01'),
    modern('server/discover', 'server/discover'),
    modern('modern tools/list', 'tools/list'),
    call('modern tools/call', {}),
    modern('modern tools/call bad arguments', 'tools/call', { name: tool.name, arguments: 'not an object' }),
    modern('modern tools/call unknown tool', 'tools/call', { name: 'no_such_tool', arguments: {} }),
    modern('modern prompts/list', 'prompts/list'),
    modern('modern prompts/get', 'prompts/get', { name: 'no_such_prompt' }),
    modern('modern resources/list', 'resources/list'),
    modern('modern resources/templates/list', 'resources/templates/list'),
    modern('modern resources/read', 'resources/read', { uri: 'file:///nothing' }),
    modern('modern completion/complete', 'completion/complete', { ref: { type: 'ref/resource', uri: 'x://{y}' }, argument: { name: 'y', value: '' } }),
    modern('modern ping (removed)', 'ping'),
    modern('modern unknown method', 'no/such/method'),
    { ...call('modern tools/call with a stray Mcp-Param header', {}), headers: { ...call('', {}).headers, 'mcp-param-text': 'other', 'mcp-param-region': 'other' } },
    call('inputResponses to a server that may never ask', { inputResponses: { q: { action: 'accept', content: {} } } }),
    call('inputResponses not an object', { inputResponses: 'yes' }),
    call('requestState not a string', { requestState: 42 }),
    call('requestState from another key', { requestState: 'a.b.c' }),
    call('requestState altered', { requestState: `${keyId}.${b64(Buffer.from('{}'))}.AAAA` }),
    call('requestState for another request', { requestState: await codec.seal({ b: 'other', x: Date.now() + 600_000, a: {} }) }),
    call('requestState expired', { requestState: await codec.seal({ b: binding, x: 1, a: {} }) }),
    call('requestState valid', { requestState: await codec.seal({ b: binding, x: Date.now() + 600_000, a: { q: { action: 'decline' } } }) }),
    { ...call('modern tools/call wanting SSE and logs', { _meta: { progressToken: 'p', 'io.modelcontextprotocol/logLevel': 'debug' } }), headers: { ...call('', {}).headers, accept: 'application/json, text/event-stream' } },
    { ...modern('header mismatch', 'tools/list'), headers: { 'mcp-protocol-version': MODERN, 'mcp-method': 'prompts/list' } },
    { ...modern('legacy header with a modern envelope', 'tools/list'), headers: { 'mcp-protocol-version': LEGACY, 'mcp-method': 'tools/list' } },
    { name: 'GET', method: 'GET' },
    { name: 'DELETE', method: 'DELETE' },
    { name: 'preflight', method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' } },
    { name: 'foreign origin', headers: { origin: 'https://evil.example' }, body: rpc('ping') },
    { name: 'wrong content type', headers: { 'content-type': 'text/plain' }, body: rpc('ping') },
    { name: 'not acceptable', headers: { accept: 'text/html' }, body: rpc('ping') },
    { name: 'not JSON', body: '{"jsonrpc":' },
    { name: 'card', method: 'GET', path: '/mcp/server-card' },
    { name: 'card, well-known', method: 'GET', path: '/.well-known/mcp/server-card.json' },
    { name: 'card HEAD', method: 'HEAD', path: '/mcp/server-card' },
    { name: 'card revalidated', method: 'GET', path: '/mcp/server-card', headers: { 'if-none-match': '*' } },
    { name: 'card POST', method: 'POST', path: '/mcp/server-card' },
  ];
}

function eventOf(step: Step) {
  const headers: Record<string, string> = { host: 'mcp.example.com', 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...step.headers };
  const path = step.path ?? '/mcp';
  return {
    httpMethod: step.method ?? 'POST', path, resource: path, headers, multiValueHeaders: {},
    body: step.body === undefined ? null : typeof step.body === 'string' ? step.body : JSON.stringify(step.body), isBase64Encoded: false,
    requestContext: { requestId: 'r1', stage: 'prod', path, domainName: 'mcp.example.com' },
  };
}

/** Clock readings in log lines and EMF documents: the time, durations and latencies. */
const VOLATILE: [RegExp, string][] = [
  [/"(time|timestamp)":"[^"]*"/g, '"$1":"…"'],
  [/"(durationMs|ToolLatency|Timestamp)":[0-9.e+-]+/g, '"$1":0'],
];
const mask = (line: string) => VOLATILE.reduce((text, [pattern, by]) => text.replace(pattern, by), line);

/** Everything the bundle says to the script: each answer, and every log line between answers. */
async function transcript(bundle: string, steps: Step[]): Promise<string[]> {
  const { handler } = (await import(`${bundle}?t=${Date.now()}`)) as { handler: LambdaFn };
  const context = { functionName: 'x', awsRequestId: 'a1', getRemainingTimeInMillis: () => 10_000 };
  const lines: string[] = [];
  const { log, error, warn, info, debug } = console;
  const capture = (...args: unknown[]) => void lines.push(mask(args.map(String).join(' ')));
  Object.assign(console, { log: capture, error: capture, warn: capture, info: capture, debug: capture });
  const streams = [process.stdout, process.stderr] as const;
  const writes = streams.map((stream) => stream.write);
  for (const stream of streams) {
    stream.write = ((chunk: string | Uint8Array) => {
      for (const line of String(chunk).split('\n')) if (line) capture(line);
      return true;
    }) as typeof stream.write;
  }
  try {
    for (const step of steps) {
      const answer = JSON.stringify(await handler(eventOf(step), context));
      lines.push(`${step.name}: ${answer.replace(/(\\"requestState\\":\\")[^\\]*/g, '$1…')}`);
    }
  } finally {
    Object.assign(console, { log, error, warn, info, debug });
    streams.forEach((stream, i) => (stream.write = writes[i]!));
  }
  return lines;
}

const fresh = () => mkdtempSync(join(tmpdir(), 'features-'));

/**
 * A server project inside the repository (dist/ is ignored by git; the kit resolves there as a workspace
 * package): src/server.ts from `server` (lines), or an existing server module, and a buffered Lambda entry
 * on `aws-lambda/minimal` at src/lambda.ts.
 */
const projects: string[] = [];
afterAll(() => projects.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function project(server: string[] | { module: string }): string {
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, 'dist', '.features-'));
  projects.push(dir);
  mkdirSync(join(dir, 'src'));
  if (Array.isArray(server)) writeFileSync(join(dir, 'src', 'server.ts'), ["import * as z from 'zod';", ...server].join('\n'));
  const from = Array.isArray(server) ? './server.ts' : server.module;
  writeFileSync(join(dir, 'src', 'lambda.ts'), `import { createLambdaHandler } from '@serverless-mcp/handler-kit/aws-lambda/minimal';\nimport { server } from '${from}';\nexport const handler = createLambdaHandler(server);\n`);
  return dir;
}

async function compare(server: string, tool: Tool, options: BuildOptions = {}) {
  const outRoot = fresh();
  const stripped = await buildServer(server, { ...options, outRoot, outName: 'stripped' });
  const full = await buildServer(server, { ...options, outRoot, outName: 'full', keepFeatures: true });
  expect(full.leftOut).toBe('nothing');
  const steps = await script(tool);
  const [a, b] = [await transcript(stripped.bundle, steps), await transcript(full.bundle, steps)];
  expect(a).toEqual(b);
  return { stripped, full, transcript: a };
}

describe('a bundle without the features its server cannot use answers exactly as one with all of them', () => {
  it('echo-add on the minimal entry (everything left out)', async () => {
    const dir = join(ROOT, 'examples', 'echo-add');
    const entry = join(project({ module: join(dir, 'src', 'server.ts') }), 'src', 'lambda.ts');
    const { stripped, full, transcript: lines } = await compare('echo-add', { name: 'echo', args: { text: 'hi' } }, { dir, entry });
    expect(stripped.leftOut).toBe('prompts, resources, completions, input, paramHeaders, fetch, streaming');
    expect(stripped.bundleBytes).toBeLessThan(full.bundleBytes);
    // The script reached what was left out: method-not-found for the missing capabilities, the checks on
    // inputResponses and requestState, and the card.
    const said = (name: string) => lines.find((l) => l.startsWith(`${name}: `))!;
    expect(said('prompts/list')).toContain('-32601');
    expect(said('requestState expired')).toContain('requestState has expired');
    expect(said('requestState from another key')).toContain('MCP_STATE_SECRET');
    expect(said('requestState valid')).toContain('\\"text\\":\\"hi\\"');
    expect(said('card')).toContain('"statusCode":200');
  }, 60_000);

  it('echo-add with observability (its log lines and EMF documents compared too), on its Lambda entry', async () => {
    const { stripped, transcript: lines } = await compare('echo-add', { name: 'add', args: { a: 1, b: 2 } });
    expect(stripped.leftOut).toContain('prompts, resources, completions, input, paramHeaders');
    // The writer's lines were there to compare: access lines and the tool's EMF documents.
    expect(lines.filter((l) => l.includes('"message":"mcp request"')).length).toBeGreaterThan(20);
    expect(lines.some((l) => l.includes('"CloudWatchMetrics"') && l.includes('"ToolCalls":1'))).toBe(true);
  }, 60_000);

  it('tasks: prompts with completions kept, resources and input left out', async () => {
    const { stripped } = await compare('tasks', { name: 'list_tasks', args: { status: 'no-such-status' } });
    expect(stripped.leftOut).toContain('resources, input');
    expect(stripped.leftOut).not.toContain('prompts');
  }, 60_000);

  it('a tools-only server that asks for input and routes on a header keeps both', async () => {
    const dir = project([
      "import { createHandler, defineTool } from '@serverless-mcp/handler-kit';",
      'export const server = createHandler({ name: "asker", version: "1", tools: [',
      '  defineTool({ name: "confirm", description: "Asks first", input: z.object({ region: z.string().meta({ "x-mcp-header": "Region" }) }),',
      '    handler: async ({ region }, ctx) => { const a = await ctx.elicit("ok", { message: `Deploy to ${region}?`, schema: z.object({ sure: z.boolean() }) }); return a.action; } }),',
      '] });',
    ]);
    const { stripped, transcript: lines } = await compare('asker', { name: 'confirm', args: { region: 'eu' }, headers: { 'mcp-param-region': 'eu' } }, { dir });
    expect(stripped.leftOut).toBe('prompts, resources, completions, fetch, streaming');
    expect(lines.find((l) => l.startsWith('modern tools/call: '))).toContain('input_required');
    expect(lines.find((l) => l.startsWith('modern tools/call with a stray Mcp-Param header: '))).toContain('-32020');
  }, 60_000);

  it('fails loudly, never silently, where the build could not see a use', async () => {
    // Definitions that change at run time, and an ask under a computed name: both hide from the build.
    const dir = project([
      "import { createHandler, definePrompt, defineTool } from '@serverless-mcp/handler-kit';",
      'const hidden = "eli" + "cit";',
      'export const server = createHandler({ name: "hider", version: "1",',
      '  prompts: process.env.HIDER_PROMPTS ? [definePrompt({ name: "p", description: "d", get: () => "hi" })] : [],',
      '  tools: [defineTool({ name: "t", description: "d", input: z.object({}),',
      '    handler: async (_args, ctx) => { await (ctx as any)[hidden]("k", { message: "?", schema: z.object({}) }); return "asked"; } })] });',
    ]);
    const r = await buildServer('hider', { dir, outRoot: fresh() });
    expect(r.leftOut).toBe('prompts, resources, completions, input, paramHeaders, fetch, streaming');
    const lines = await transcript(r.bundle, [modern('call', 'tools/call', { name: 't', arguments: {} })]);
    // The tool fails as any crashed tool does, and the log names the build.
    expect(lines.at(-1)).toContain('\\"isError\\":true');
    expect(lines.join('\n')).toMatch(/ctx\.elicit is not in this bundle: make build found no use of it/);
    process.env.HIDER_PROMPTS = '1';
    try {
      await expect(import(`${r.bundle}?with-prompts`)).rejects.toThrow('hider has prompts, but this bundle was built without them');
    } finally {
      delete process.env.HIDER_PROMPTS;
    }
  }, 60_000);

  it('conformance: a server that uses every capability, asks and routes on headers keeps all of it', async () => {
    const r = await buildServer('conformance', { outRoot: fresh() });
    // Its code never reads a handler's fetch property; its Lambda entry can stream.
    expect(r.leftOut).toBe('fetch');
  }, 60_000);
});
