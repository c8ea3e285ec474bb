import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { metadataUrls } from '../../src/doctor/checks/authorization-server.ts';
import { jsonRpcAnswer, parseChallenge, stageIn, wellKnown, type Answer } from '../../src/doctor/http.ts';
import { renderReport } from '../../src/doctor/render.ts';
import type { DoctorReport } from '../../src/doctor/run.ts';
import { sampleArguments } from '../../src/doctor/sample-arguments.ts';

const answer = (text: string, type: string): Answer => ({ status: 200, headers: new Headers({ 'content-type': type }), text, url: 'http://x' });

describe('doctor parts', () => {
  it('reads a challenge\'s parameters, quoted or not, escapes included', () => {
    expect(parseChallenge('Bearer resource_metadata="https://a.example/.well-known/x", scope="a b", error=invalid_token, error_description="say \\"hi\\""')).toEqual({
      scheme: 'Bearer',
      params: { resource_metadata: 'https://a.example/.well-known/x', scope: 'a b', error: 'invalid_token', error_description: 'say "hi"' },
    });
    expect(parseChallenge('')).toBeUndefined();
  });

  it('finds the JSON-RPC answer with its id in a JSON body or among SSE events', () => {
    expect(jsonRpcAnswer(answer('{"jsonrpc":"2.0","id":3,"result":{}}', 'application/json'), 3)).toEqual({ jsonrpc: '2.0', id: 3, result: {} });
    const sse = 'id: 1\ndata:\n\nevent: message\ndata: {"jsonrpc":"2.0","method":"notifications/progress","params":{}}\n\ndata: {"jsonrpc":"2.0","id":4,\ndata: "result":{"ok":true}}\n\n';
    expect(jsonRpcAnswer(answer(sse, 'text/event-stream'), 4)).toEqual({ jsonrpc: '2.0', id: 4, result: { ok: true } });
    expect(jsonRpcAnswer(answer(sse, 'text/event-stream'), 5)).toBeUndefined();
  });

  it('builds well-known URLs as RFC 9728, RFC 8414 and MCP order them', () => {
    expect(wellKnown('https://mcp.example.com/mcp', 'oauth-protected-resource')).toBe('https://mcp.example.com/.well-known/oauth-protected-resource/mcp');
    expect(wellKnown('https://mcp.example.com/', 'oauth-protected-resource')).toBe('https://mcp.example.com/.well-known/oauth-protected-resource');
    expect(metadataUrls('https://a.example/t1')).toEqual([
      'https://a.example/.well-known/oauth-authorization-server/t1',
      'https://a.example/.well-known/openid-configuration/t1',
      'https://a.example/t1/.well-known/openid-configuration',
    ]);
    expect(metadataUrls('https://a.example')).toEqual(['https://a.example/.well-known/oauth-authorization-server', 'https://a.example/.well-known/openid-configuration']);
  });

  it('spots an API Gateway stage in a URL', () => {
    expect(stageIn('https://abc123.execute-api.eu-west-1.amazonaws.com/prod/mcp')).toBe('prod');
    expect(stageIn('https://mcp.example.com/dev/authorize')).toBe('dev');
    expect(stageIn('https://mcp.example.com/authorize')).toBeUndefined();
  });

  it('fills only required arguments, each with the smallest value its schema allows', () => {
    expect(
      sampleArguments({
        type: 'object',
        properties: {
          name: { type: 'string', minLength: 8 },
          day: { type: 'string', format: 'date' },
          count: { type: 'integer', minimum: 5 },
          kind: { enum: ['open', 'closed'] },
          tags: { type: 'array', items: { type: 'string' }, minItems: 1 },
          where: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
          flag: { type: 'boolean' },
          optional: { type: 'string' },
        },
        required: ['name', 'day', 'count', 'kind', 'tags', 'where', 'flag'],
      }),
    ).toEqual({ name: 'doctorxx', day: '2026-01-01', count: 5, kind: 'open', tags: ['doctor'], where: { city: 'doctor' }, flag: false });
  });

  it('prints a failure with its fix and the clients it stops, and leaves those clients without a line', () => {
    const report: DoctorReport = {
      url: 'https://mcp.example.com/mcp',
      mode: 'oauth',
      serverName: 'tasks',
      results: [{ group: 'registration', name: 'Cursor', status: 'fail', detail: 'refused cursor://…', hint: 'Accept custom schemes.', clients: ['cursor'] }],
      passing: ['claude-code', 'claude-ai', 'chatgpt', 'vscode', 'codex', 'gemini-cli'],
      outOfReach: [],
      failed: true,
    };
    const text = renderReport(report);
    expect(text).toMatch(/FAIL  registration: Cursor\s+refused cursor:\/\/…\n\s+fix: Accept custom schemes\.\n\s+stops: Cursor\n/);
    expect(text).toContain('Cursor       blocked by registration: Cursor');
    expect(text).toContain('claude.ai    Settings > Connectors > Add custom connector, URL https://mcp.example.com/mcp');
    expect(text).not.toMatch(/Cursor\s+\{"mcpServers"/);
    expect(text.endsWith('doctor: FAILED (a check that matters failed)')).toBe(true);
  });
});

describe('doctor dependencies', () => {
  const dir = join(import.meta.dirname, '..', '..', 'src', 'doctor');
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile() && d.name.endsWith('.ts')).map((d) => join(d.parentPath, d.name));

  // The one rule it shares with the kit: where a server card is served (a pure function of the URL).
  const SHARED = join(dir, '..', 'core', 'http', 'server-card.ts');

  it('an HTTP client of its own: Node built-ins and its own files only (and the card URL rule), nothing from adapters or AWS', () => {
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const specs = [...readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!);
      for (const spec of specs) {
        const target = spec.startsWith('.') ? join(file, '..', spec) : undefined;
        expect(spec.startsWith('node:') || target?.startsWith(dir) || target === SHARED, `${file}: ${spec}`).toBe(true);
      }
    }
  });
});
