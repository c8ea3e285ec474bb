import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildServer } from '../../../scripts/build.ts';
import { fixture, withMcpRequest } from '../adapters/aws-lambda/events.ts';
import { emfViolations } from '../adapters/aws-lambda/observability/emf-spec.ts';
import { ALL_SHAPES, HEADER_SECRETS, NEEDLES } from './secret-shapes.ts';

/**
 * Nothing a caller sends reaches stdout or stderr unredacted: every secret shape is planted in headers,
 * arguments, the error messages they cause, URIs, names, the method and the id, then the real Lambda bundle
 * (the default observer's access lines, ctx.log, the crash log) and the real Node server are driven in their own
 * processes, and everything they write is searched.
 */
const FIXTURE = join(import.meta.dirname, 'leak-fixture');
const META = { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': {} };
const QUERY_SECRET = 'querytokenleak';
const needles = [...NEEDLES, QUERY_SECRET];

interface Planted {
  message: unknown;
  headers: Record<string, string>;
}
const legacyHeaders = { ...HEADER_SECRETS, 'mcp-protocol-version': '2025-11-25' };
const rpc = (id: unknown, method: string, params: Record<string, unknown>) => ({ jsonrpc: '2.0', id, method, params });
const PLANTED: Planted[] = [
  { message: rpc(1, 'tools/call', { name: 'leaky', arguments: { text: ALL_SHAPES } }), headers: legacyHeaders },
  {
    message: rpc(2, 'tools/call', { name: 'leaky', arguments: { text: ALL_SHAPES }, _meta: META }),
    headers: { ...HEADER_SECRETS, 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call', 'mcp-name': 'leaky' },
  },
  { message: rpc(3, 'tools/call', { name: `Bearer ${ALL_SHAPES}`, arguments: {} }), headers: legacyHeaders },
  { message: rpc(4, 'resources/read', { uri: `doc://x?access_token=${QUERY_SECRET}` }), headers: legacyHeaders },
  { message: rpc(5, 'resources/read', { uri: `doc://files/a?access_token=${QUERY_SECRET}&q=${ALL_SHAPES}` }), headers: legacyHeaders },
  { message: rpc(6, 'prompts/get', { name: ALL_SHAPES }), headers: legacyHeaders },
  { message: rpc(7, ALL_SHAPES, {}), headers: legacyHeaders },
  { message: rpc(ALL_SHAPES, 'tools/call', { name: 'leaky', arguments: { text: ALL_SHAPES } }), headers: legacyHeaders },
  { message: `{"jsonrpc":"2.0","id":9,"method":"tools/call","params":${JSON.stringify(ALL_SHAPES)}`, headers: legacyHeaders },
];

function collect(child: ReturnType<typeof spawn>): { output: () => string; stdout: () => string; closed: Promise<void> } {
  let out = '';
  let stdout = '';
  child.stdout!.on('data', (d) => ((out += d), (stdout += d)));
  child.stderr!.on('data', (d) => (out += d));
  return { output: () => out, stdout: () => stdout, closed: new Promise((r) => child.on('close', () => r())) };
}

function expectNoSecrets(output: string) {
  const found = needles.filter((n) => output.includes(n));
  expect(found, `secrets written to stdout/stderr: ${found.join(', ')}`).toEqual([]);
}

describe('no secret reaches stdout or stderr', () => {
  it('from the Lambda bundle: access lines, ctx.log lines and crash logs', async () => {
    const out = mkdtempSync(join(tmpdir(), 'log-leak-'));
    const { bundle } = await buildServer('leak', { dir: FIXTURE, outRoot: out });
    const events = PLANTED.map(({ message, headers }) => {
      const event = withMcpRequest(fixture('rest-v1'), message, headers);
      if (typeof message === 'string') event.body = message;
      return event;
    });
    const eventsFile = join(out, 'events.json');
    writeFileSync(eventsFile, JSON.stringify(events));
    const child = spawn(process.execPath, [join(FIXTURE, 'src', 'invoke-bundle.mjs'), bundle, eventsFile], {
      env: { ...process.env, AWS_LAMBDA_FUNCTION_NAME: 'leak', LOG_LEVEL: 'DEBUG', POWERTOOLS_DEV: '', MCP_STATE_SECRET: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const { output, stdout, closed } = collect(child);
    await closed;
    const text = output();
    // The default observer's stdout is JSON lines only (log records and EMF documents CloudWatch accepts).
    const lines = stdout().split('\n').filter(Boolean);
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    const metrics = lines.filter((l) => l.includes('"_aws"'));
    expect(metrics.length).toBeGreaterThan(0);
    for (const line of metrics) expect(emfViolations(line)).toEqual([]);
    // It did log: one access line per invocation, the tools' own lines and the crashes.
    expect(text.match(/"message":"mcp request"/g)).toHaveLength(PLANTED.length);
    expect(text).toContain('working on');
    expect(text).toContain('handler failed unexpectedly');
    expect(text).toContain('(unregistered)');
    expect(text).toContain('MCP_STATE_SECRET is not set');
    expectNoSecrets(text);
  });

  it('from the Node server', async () => {
    const child = spawn(process.execPath, [join(FIXTURE, 'src', 'serve.ts')], { env: { ...process.env, LOG_LEVEL: 'debug' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const { output, closed } = collect(child);
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL from the server: ${output()}`)), 10_000);
        child.stdout!.on('data', () => {
          const first = /^(http:\/\/\S+)\n/.exec(output());
          if (first) {
            clearTimeout(timer);
            resolve(first[1]!);
          }
        });
      });
      for (const { message, headers } of PLANTED) {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
          body: typeof message === 'string' ? message : JSON.stringify(message),
        });
        await res.text();
      }
    } finally {
      child.kill();
      await closed;
    }
    const text = output();
    expect(text).toContain('working on');
    expect(text).toContain('handler failed unexpectedly');
    expectNoSecrets(text);
  });
});
