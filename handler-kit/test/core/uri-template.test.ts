import { describe, expect, it } from 'vitest';
import { compileUriTemplate } from '../../src/core/definitions/uri-template.ts';
import { defineResourceTemplate } from '../../src/index.ts';
import { legacy, modern, sampleServer } from '../helpers.ts';

describe('resource templates refuse traversal', () => {
  const one = compileUriTemplate('file:///docs/{name}');
  const rest = compileUriTemplate('file:///docs/{+path}');

  it('refuses . and .. as a whole segment, raw or percent-encoded, in {name} and {+path}', () => {
    for (const uri of ['file:///docs/..', 'file:///docs/.', 'file:///docs/%2e%2e', 'file:///docs/%2E%2e', 'file:///docs/%2e']) {
      expect([uri, one.match(uri)]).toEqual([uri, undefined]);
      expect([uri, rest.match(uri)]).toEqual([uri, undefined]);
    }
    for (const uri of ['file:///docs/a/../b', 'file:///docs/a/%2e%2e/b', 'file:///docs/./a', 'file:///docs/a/..', 'file:///docs/..%2Fetc%2Fpasswd']) {
      expect([uri, rest.match(uri)]).toEqual([uri, undefined]);
    }
  });

  it('refuses backslashes, NUL and other control characters', () => {
    for (const uri of ['file:///docs/a\\b', 'file:///docs/a%5cb', 'file:///docs/..%5c..%5cwin.ini', 'file:///docs/a%00.txt', 'file:///docs/a%0Ab', 'file:///docs/a%7f', 'file:///docs/a%C2%85']) {
      expect([uri, one.match(uri)]).toEqual([uri, undefined]);
      expect([uri, rest.match(uri)]).toEqual([uri, undefined]);
    }
  });

  it('still serves names that merely contain dots', () => {
    expect(one.match('file:///docs/readme.md')).toEqual({ name: 'readme.md' });
    expect(one.match('file:///docs/..hidden')).toEqual({ name: '..hidden' });
    expect(one.match('file:///docs/v1...2')).toEqual({ name: 'v1...2' });
    expect(rest.match('file:///docs/a/b.c/d')).toEqual({ path: 'a/b.c/d' });
    expect(one.match('file:///docs/caf%C3%A9')).toEqual({ name: 'café' });
  });

  it('answers a traversal exactly as an unknown resource, before the handler runs', async () => {
    const reads: string[] = [];
    const files = defineResourceTemplate({ uriTemplate: 'file:///srv/{+path}', name: 'files', read: (uri) => (reads.push(uri), 'content') });
    const handler = sampleServer({ resources: [files], tools: [] });
    const traversal = await legacy(handler, 1, 'resources/read', { uri: 'file:///srv/a/%2e%2e/%2e%2e/etc/passwd' });
    const unknown = await legacy(handler, 2, 'resources/read', { uri: 'file:///elsewhere' });
    expect([traversal.json.error.code, traversal.json.error.message]).toEqual([-32002, 'Resource not found: file:///srv/a/%2e%2e/%2e%2e/etc/passwd']);
    expect(unknown.json.error.code).toBe(-32002);
    const modernTraversal = await modern(handler, 3, 'resources/read', { uri: 'file:///srv/a\\..\\b' });
    expect([modernTraversal.status, modernTraversal.json.error.code]).toEqual([200, -32602]);
    expect(reads).toEqual([]);
    expect((await legacy(handler, 4, 'resources/read', { uri: 'file:///srv/ok.txt' })).json.result.contents[0].text).toBe('content');
    expect(reads).toEqual(['file:///srv/ok.txt']);
  });
});
