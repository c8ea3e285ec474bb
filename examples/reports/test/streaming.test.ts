import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Client as ClientV2, StreamableHTTPClientTransport as TransportV2 } from '@modelcontextprotocol/client';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * generate_report through the dev server (`make dev SERVER=reports` runs `node scripts/dev.ts reports`),
 * started here as its own process, with the official clients: one that asks for progress gets it while
 * the job runs and then the finished report; one that does not gets the job id at once, as before.
 */
const ROOT = join(import.meta.dirname, '..', '..', '..');
let dev: ChildProcess;
let url: string;

beforeAll(async () => {
  dev = spawn(process.execPath, [join(ROOT, 'scripts', 'dev.ts'), 'reports'], {
    env: { ...process.env, PORT: '0', REPORTS_DEMO_SECONDS: '1', REPORTS_WAIT_POLL_MS: '100', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    dev.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    dev.once('exit', (code) => reject(new Error(`dev server exited (${code}): ${out}`)));
  });
}, 30_000);
afterAll(() => {
  dev?.kill('SIGTERM');
});

const OCTOBER = { reportType: 'sales_summary', period: { from: '2026-10-01', to: '2026-10-31' } };
/** A progress notification's params as both clients' schemas infer them (an optional field may be undefined). */
type Progress = { progress: number; total?: number | undefined; message?: string | undefined };

describe('generate_report streams progress to the official clients through the dev server', () => {
  it('SDK 1.x: progress notifications while the job runs, then the finished report', async () => {
    const client = new Client({ name: 'reports-progress-v1', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    const seen: Progress[] = [];
    const result = await client.callTool({ name: 'generate_report', arguments: OCTOBER }, undefined, { onprogress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen[0]).toMatchObject({ progress: 0, total: 100 });
    expect(seen.at(-1)).toMatchObject({ progress: 100, total: 100 });
    expect(seen.map((p) => p.progress)).toEqual([...seen.map((p) => p.progress)].sort((a, b) => a - b));
    expect(result.structuredContent).toMatchObject({ status: 'SUCCEEDED', result: { summary: 'sales_summary report for 2026-10-01 to 2026-10-31 is ready.' } });
    await client.close();
  });

  it('SDK 1.x without progress (a JSON-only answer): the job id at once, as before', async () => {
    const client = new Client({ name: 'reports-json-v1', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    const result = await client.callTool({ name: 'generate_report', arguments: OCTOBER });
    expect(result.structuredContent).toMatchObject({ status: 'RUNNING', next: expect.stringContaining('get_report_status') });
    await client.close();
  });

  it('client 2.x (2026-07-28): progress notifications, then the finished report', async () => {
    const client = new ClientV2({ name: 'reports-progress-v2', version: '1' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
    await client.connect(new TransportV2(new URL(url)));
    const seen: Progress[] = [];
    const result = await client.callTool({ name: 'generate_report', arguments: OCTOBER }, { onprogress: (p: Progress) => seen.push(p) });
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.at(-1)).toMatchObject({ progress: 100, total: 100 });
    expect(result.structuredContent).toMatchObject({ status: 'SUCCEEDED' });
    await client.close();
  });

  it('a JSON-only HTTP client sending a progress token gets the buffered result: the job id', async () => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'mcp-protocol-version': '2025-11-25' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'generate_report', arguments: OCTOBER, _meta: { progressToken: 'p' } } }),
    });
    expect(res.headers.get('content-type')).toBe('application/json');
    expect((await res.json()).result.structuredContent).toMatchObject({ status: 'RUNNING' });
  });
});
