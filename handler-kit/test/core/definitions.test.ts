import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { compileUriTemplate } from '../../src/core/definitions/uri-template.ts';
import { createHandler, definePrompt, defineResourceTemplate, defineTool } from '../../src/index.ts';
import { legacy, memoryLogger, sampleServer } from '../helpers.ts';

describe('definitions fail at start-up, not in a client', () => {
  it('rejects tool names outside the MCP rule', () => {
    for (const name of ['', 'has space', 'ünïcode', 'x'.repeat(129)]) {
      expect(() => defineTool({ name, description: 'd', handler: () => '' })).toThrow(/must be 1 to 128 characters/);
    }
    expect(() => defineTool({ name: 'a.b-c_D9', description: 'd', handler: () => '' })).not.toThrow();
  });

  it('rejects a missing description, a non-object input and a bad scope', () => {
    expect(() => defineTool({ name: 'a', description: '', handler: () => '' })).toThrow(/description/);
    expect(() => defineTool({ name: 'a', description: 'd', input: z.string() as never, handler: () => '' })).toThrow(/zod object/);
    expect(() => defineTool({ name: 'a', description: 'd', scopes: ['has space'], handler: () => '' })).toThrow(/scope/);
  });

  it('rejects two tools with one name', () => {
    const t = defineTool({ name: 'dup', description: 'd', handler: () => '' });
    expect(() => createHandler({ name: 's', version: '1', tools: [t, t] })).toThrow(/two tools are named "dup"/);
  });

  it('refuses a request-state secret shorter than 32 characters', () => {
    expect(() => createHandler({ name: 's', version: '1', requestStateSecret: 'short' })).toThrow(/at least 32/);
  });

  it('rejects a completer for a variable the template does not have', () => {
    expect(() => defineResourceTemplate({ uriTemplate: 'x://{a}', name: 'x', read: () => '', complete: { b: () => [] } })).toThrow(/no variable "b"/);
  });
});

describe('derived wire forms', () => {
  it('derives prompt arguments (required, descriptions) from the zod object', async () => {
    const res = await legacy(sampleServer(), 1, 'prompts/list');
    expect(res.json.result.prompts[0]).toEqual({
      name: 'review',
      description: 'Review code',
      arguments: [
        { name: 'language', required: true },
        { name: 'focus', required: false },
      ],
    });
  });

  it('completes enum arguments by themselves and template variables with their completer', async () => {
    const handler = sampleServer();
    const prompt = await legacy(handler, 1, 'completion/complete', { ref: { type: 'ref/prompt', name: 'review' }, argument: { name: 'language', value: 'r' } });
    expect(prompt.json.result.completion).toEqual({ values: ['rust'], total: 1, hasMore: false });
    const template = await legacy(handler, 2, 'completion/complete', { ref: { type: 'ref/resource', uri: 'doc://pages/{slug}' }, argument: { name: 'slug', value: 'in' } });
    expect(template.json.result.completion.values).toEqual(['intro', 'install']);
  });

  it('caps completions at 100 values and says there are more', async () => {
    const p = definePrompt({ name: 'p', description: 'd', arguments: z.object({ n: z.string() }), complete: { n: () => Array.from({ length: 150 }, (_, i) => `v${i}`) }, get: () => '' });
    const res = await legacy(createHandler({ name: 's', version: '1', prompts: [p], logger: memoryLogger() }), 1, 'completion/complete', {
      ref: { type: 'ref/prompt', name: 'p' }, argument: { name: 'n', value: '' },
    });
    expect(res.json.result.completion.values).toHaveLength(100);
    expect(res.json.result.completion).toMatchObject({ total: 150, hasMore: true });
  });

  it('validates prompt arguments and reports the field', async () => {
    const res = await legacy(sampleServer(), 1, 'prompts/get', { name: 'review', arguments: { language: 'cobol' } });
    expect(res.json.error.code).toBe(-32602);
    expect(res.json.error.message).toMatch(/language/);
  });

  it('reads a template resource with its decoded variables', async () => {
    const res = await legacy(sampleServer(), 1, 'resources/read', { uri: 'doc://pages/getting%20started' });
    expect(res.json.result.contents).toEqual([{ uri: 'doc://pages/getting%20started', mimeType: 'text/plain', text: 'page getting started' }]);
  });

  it('matches {var} to one segment and {+var} to the rest', () => {
    expect(compileUriTemplate('x://a/{id}/b').match('x://a/1/b')).toEqual({ id: '1' });
    expect(compileUriTemplate('x://a/{id}/b').match('x://a/1/2/b')).toBeUndefined();
    expect(compileUriTemplate('file:///{+path}').match('file:///etc/hosts')).toEqual({ path: 'etc/hosts' });
  });

  it('has no method for a capability the server lacks', async () => {
    const handler = createHandler({ name: 's', version: '1', tools: [defineTool({ name: 'a', description: 'd', handler: () => '' })], logger: memoryLogger() });
    expect((await legacy(handler, 1, 'prompts/list')).json.error.code).toBe(-32601);
    expect((await legacy(handler, 2, 'completion/complete', {})).json.error.code).toBe(-32601);
  });

  it('refuses template variables with no literal between them (their match is ambiguous and slow)', () => {
    expect(() => compileUriTemplate('w://{year}{month}')).toThrow(/literal between/);
  });

  it('keeps {name} to one segment even when the URI encodes a slash', () => {
    const t = compileUriTemplate('file:///docs/{name}');
    expect(t.match('file:///docs/readme.md')).toEqual({ name: 'readme.md' });
    expect(t.match('file:///docs/..%2F..%2Fetc%2Fpasswd')).toBeUndefined();
  });

  it('does not try to match a very long URI', () => {
    const t = compileUriTemplate('w://{year}-{month}/x');
    expect(t.match(`w://${'-'.repeat(60_000)}/`)).toBeUndefined();
  });

  it('answers an inherited property name as an argument with no completions', async () => {
    const res = await legacy(sampleServer(), 1, 'completion/complete', { ref: { type: 'ref/prompt', name: 'review' }, argument: { name: 'valueOf', value: 'x' } });
    expect(res.status).toBe(200);
    expect(res.json.result.completion.values).toEqual([]);
  });

  it('answers a prompt that returns nothing with an in-band internal error, not HTTP 500', async () => {
    const broken = definePrompt({ name: 'broken', description: 'd', get: () => undefined as never });
    const res = await legacy(createHandler({ name: 's', version: '1', prompts: [broken], logger: memoryLogger() }), 1, 'prompts/get', { name: 'broken' });
    expect(res.status).toBe(200);
    expect(res.json.error.code).toBe(-32603);
  });
});
