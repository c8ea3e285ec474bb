/**
 * What the build reads as a use of each feature (scripts/lib/features.ts): a false alarm only costs bytes,
 * a miss would cost behaviour, so each test pins a way code can reach a feature and a look-alike that
 * cannot. The sources are files in a temporary folder, named in a metafile as esbuild names its inputs.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { defineFor, describeLeftOut, unusedCode, unusedDefinitions } from '../lib/features.ts';
import type { ServerDescription } from '@serverless-mcp/handler-kit/manifest';

/** A bundle of these files (path -> source), as its metafile names them; `exports` are the entry's. */
function bundleOf(files: Record<string, string>, exports: string[] = ['handler']): { metafile: Metafile; root: string } {
  const root = mkdtempSync(join(tmpdir(), 'features-'));
  const inputs: Metafile['outputs'][string]['inputs'] = {};
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
    inputs[path] = { bytesInOutput: text.length };
  }
  const output = { bytes: 1, inputs, imports: [], exports, entryPoint: 'src/lambda.ts' };
  return { metafile: { inputs: {}, outputs: { 'dist/index.mjs': output } } as unknown as Metafile, root };
}

const KIT_SSE = { 'handler-kit/src/core/http/sse.ts': 'export class SseChannel {}' };
const unused = (files: Record<string, string>, exports?: string[]) => {
  const { metafile, root } = bundleOf({ 'src/lambda.ts': 'export const handler = 1;', ...files }, exports);
  return unusedCode(metafile, root, []);
};

describe('asking for input', () => {
  it('is a use when code outside the kit calls or names the asking API', () => {
    for (const text of ['await ctx.elicit("k", form)', 'ctx.ask({ a: r })', 'c.sample("k", p)', 'ctx . listRoots("r")', 'ctx["elicitUrl"]("k", u)', 'inputRequest.listRoots()', 'handler: async ({ region }, { elicit }) => elicit("k", m, f)', 'const { ask, log } = ctx; await ask(r)']) {
      expect(unused({ 'src/tool.ts': text }), text).not.toContain('input');
    }
  });

  it('is no use in prose, in other words, or inside the kit itself', () => {
    expect(unused({ 'src/tool.ts': '// ask the user for as many facts as you need; a sampled value, askMe()' })).toContain('input');
    expect(unused({ 'handler-kit/src/core/handler-context.ts': 'this.input.elicit(key, m, s)' })).toContain('input');
  });
});

describe('McpHandler.fetch', () => {
  it('is a use when something reads a fetch property, or the entry has a default export', () => {
    for (const text of ['app.mount("/mcp", server.fetch)', 'const { fetch } = server;', 'handler["fetch"](req)', 'serve({ fetch: server.fetch })']) {
      expect(unused({ 'src/app.ts': text }), text).not.toContain('fetch');
    }
    expect(unused({ 'node_modules/lib/index.js': 'return obj.fetch(req)' })).not.toContain('fetch');
    expect(unused({}, ['default'])).not.toContain('fetch');
  });

  it('is no use as a call of the global fetch(), in prose, or in the Fetch adapter it brings', () => {
    expect(unused({ 'node_modules/lib/metadata.js': 'const res = await fetch(`http://x`, {\n method: "GET" });\n// used to fetch variables' })).toContain('fetch');
    expect(unused({ 'handler-kit/src/adapters/fetch/to-fetch-handler.ts': 'request.headers.forEach; handler.fetch' })).toContain('fetch');
  });
});

describe('streaming', () => {
  it('stays while the SSE framing is bundled, or code outside the kit speaks of streaming', () => {
    expect(unused(KIT_SSE)).not.toContain('streaming');
    expect(unused({ 'src/adapter.ts': 'req.streaming = { channel }' })).not.toContain('streaming');
  });

  it('goes when neither is there (a buffered Lambda entry)', () => {
    expect(unused({ 'handler-kit/src/adapters/aws-lambda/invocation-request.ts': 'this.streaming = undefined;' })).toContain('streaming');
  });
});

describe('what the definitions never use', () => {
  const description = (capabilities: Record<string, unknown>, tools: Record<string, unknown>[] = []) =>
    ({ tools, serverCard: { _meta: { 'serverless-mcp/server': { capabilities } } } }) as unknown as ServerDescription;

  it('is each capability the server lacks, and header arguments when no input schema marks one', () => {
    expect(unusedDefinitions(description({ tools: {}, logging: {} }))).toEqual(['prompts', 'resources', 'completions', 'paramHeaders']);
    expect(unusedDefinitions(description({ tools: {}, prompts: {}, completions: {} }))).toEqual(['resources', 'paramHeaders']);
    const routed = { name: 't', inputSchema: { type: 'object', properties: { region: { type: 'string', 'x-mcp-header': 'Region' } } } };
    expect(unusedDefinitions(description({ tools: {}, resources: {} }, [routed]))).toEqual(['prompts', 'completions']);
  });

  it('becomes esbuild defines, and a report in the flags\' order', () => {
    expect(defineFor(['streaming', 'prompts'])).toEqual({
      __MCP_PROMPTS__: 'false', __MCP_RESOURCES__: 'true', __MCP_COMPLETIONS__: 'true', __MCP_INPUT__: 'true',
      __MCP_PARAM_HEADERS__: 'true', __MCP_FETCH__: 'true', __MCP_STREAMING__: 'false',
    });
    expect(describeLeftOut(['streaming', 'prompts'])).toBe('prompts, streaming');
    expect(describeLeftOut([])).toBe('nothing');
  });
});
