import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { buildServer } from '../build.ts';
import { ROOT } from '../load-server.ts';
import { createZip } from '../lib/zip.ts';

/** Each build goes into its own directory: tests run in parallel. */
const fresh = () => ({ outRoot: mkdtempSync(join(tmpdir(), 'dist-')) });
/**
 * The tasks server built once for the tests that only read a build (bundle, map, zip, manifest, schemas);
 * the reproducibility test compares it with a second build of its own.
 */
let tasks: ReturnType<typeof buildServer> | undefined;
const tasksBuild = () => (tasks ??= buildServer('tasks', fresh()));

describe('one reproducible bundle per server', () => {
  it('builds the same zip, byte for byte, twice', async () => {
    const first = await tasksBuild();
    const firstZip = readFileSync(first.zip);
    const second = await buildServer('tasks', fresh());
    expect(second.zipSha256).toBe(first.zipSha256);
    expect(readFileSync(second.zip).equals(firstZip)).toBe(true);
  }, 60_000);

  it('writes an ESM bundle with its source map and the manifest beside it', async () => {
    const r = await tasksBuild();
    const code = readFileSync(r.bundle, 'utf8');
    expect(code).toMatch(/export\s*\{[^}]*as handler/);
    expect(code).toMatch(/\/\/# sourceMappingURL=index\.mjs\.map\s*$/);
    const manifest = JSON.parse(readFileSync(r.manifest, 'utf8'));
    expect(manifest).toMatchObject({ name: 'tasks', scopes: ['tasks:read', 'tasks:write'] });
  }, 60_000);

  it('packs exactly the bundle and its map, readable by unzip', async () => {
    const r = await tasksBuild();
    const listing = execFileSync('unzip', ['-Z1', r.zip], { encoding: 'utf8' }).trim().split('\n');
    expect(listing).toEqual(['index.mjs', 'index.mjs.map']);
    const dir = mkdtempSync(join(tmpdir(), 'unzip-'));
    execFileSync('unzip', ['-q', r.zip, '-d', dir]);
    expect(readFileSync(join(dir, 'index.mjs')).equals(readFileSync(r.bundle))).toBe(true);
  }, 60_000);

  it('serves MCP from the built bundle, as Lambda would load it', async () => {
    const r = await tasksBuild();
    const { handler } = (await import(`${r.bundle}?t=${Date.now()}`)) as { handler: (e: unknown, c: unknown) => Promise<{ statusCode: number; body: string }> };
    const event = {
      httpMethod: 'POST', path: '/mcp', resource: '/mcp', headers: { 'Content-Type': 'application/json' }, multiValueHeaders: {},
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }), isBase64Encoded: false,
      requestContext: { requestId: 'r1', stage: 'prod' },
    };
    const context = { functionName: 'tasks', awsRequestId: 'a1', getRemainingTimeInMillis: () => 10_000 };
    const res = await handler(event, context);
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body).result.tools).toHaveLength(5);
  }, 60_000);

  it('keeps AWS SDK v3 clients external (the runtime ships them)', async () => {
    const { outRoot } = fresh();
    // Inside the repository (dist/ is ignored by git), so the project resolves the kit from node_modules.
    mkdirSync(join(ROOT, 'dist'), { recursive: true });
    const dir = mkdtempSync(join(ROOT, 'dist', '.test-project-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, 'src', 'server.ts'), [
      "import { createHandler, defineTool } from '@serverless-mcp/handler-kit';",
      "import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';",
      "export const server = createHandler({ name: 'sdk', version: '1', tools: [defineTool({ name: 'ce', description: 'd', handler: () => String(typeof CostExplorerClient) })] });",
    ].join('\n'));
    writeFileSync(join(dir, 'src', 'lambda.ts'), "import { toLambdaHandler } from '@serverless-mcp/handler-kit/aws-lambda';\nimport { server } from './server.ts';\nexport const handler = toLambdaHandler(server);\n");
    // The manifest step imports the server, so the SDK must be installed here (the root has it for the
    // cost-explorer example); the build has to succeed, and its bundle must still not contain the SDK.
    const r = await buildServer('sdk', { dir, outName: 'sdk', outRoot });
    expect(r.server).toBe('sdk');
    expect(JSON.parse(readFileSync(r.manifest, 'utf8')).tools.map((t: { name: string }) => t.name)).toEqual(['ce']);
    const code = readFileSync(r.bundle, 'utf8');
    expect(code).toMatch(/from\s*"@aws-sdk\/client-cost-explorer"/);
    expect(code).not.toMatch(/class CostExplorerClient/);
  }, 60_000);
});

describe('schemas at build time', () => {
  const lambdaEvent = (body: unknown) => ({
    httpMethod: 'POST', path: '/mcp', resource: '/mcp', headers: { 'Content-Type': 'application/json' }, multiValueHeaders: {},
    body: JSON.stringify(body), isBase64Encoded: false, requestContext: { requestId: 'r1', stage: 'prod' },
  });
  const context = { functionName: 'x', awsRequestId: 'a1', getRemainingTimeInMillis: () => 10_000 };
  type LambdaFn = (e: unknown, c: unknown) => Promise<{ statusCode: number; body: string }>;

  it('serves the JSON Schemas computed at build time, without zod\'s converter in the bundle', async () => {
    const r = await tasksBuild();
    expect(r.schemas).toBe('build-time');
    const code = readFileSync(r.bundle, 'utf8');
    expect(code).toContain("zod's JSON Schema converter is not in this bundle");
    // A string only zod's converter holds (its "unrepresentable" error) is gone.
    expect(code).not.toContain('cannot be represented in JSON Schema');
    const { handler } = (await import(`${r.bundle}?t=${Date.now()}`)) as { handler: LambdaFn };
    const listed = JSON.parse((await handler(lambdaEvent({ jsonrpc: '2.0', id: 1, method: 'tools/list' }), context)).body).result.tools;
    // The same descriptors the manifest (the source server, converting at run time) describes.
    const manifest = JSON.parse(readFileSync(r.manifest, 'utf8')) as { tools: Record<string, unknown>[] };
    expect(listed).toEqual(manifest.tools.map(({ scopes: _scopes, ...tool }) => tool));
    expect(listed.find((t: { name: string }) => t.name === 'create_task').inputSchema.required).toContain('title');
  }, 60_000);

  it('keeps the converter for a server that asks the user for input with a zod form', async () => {
    const r = await buildServer('conformance', fresh());
    expect(r.schemas).toBe('build-time, converter kept (asks for input)');
    expect(readFileSync(r.bundle, 'utf8')).toContain('cannot be represented in JSON Schema');
  }, 60_000);
});

describe('zip writer', () => {
  it('depends only on names and bytes, not on entry order', () => {
    const a = { name: 'a.txt', data: Buffer.from('A') };
    const b = { name: 'b.txt', data: Buffer.from('B') };
    expect(createZip([a, b]).equals(createZip([b, a]))).toBe(true);
    expect(createZip([a, b]).equals(createZip([a, { ...b, data: Buffer.from('C') }]))).toBe(false);
  });
});
