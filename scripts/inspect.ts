/**
 * Serves an example on a free loopback port and asks MCP Inspector's CLI for one method's result:
 *   node scripts/inspect.ts [server] [method]      (defaults: tasks, tools/list)
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { serve } from '@serverless-mcp/handler-kit/node';
import { loadServer } from './load-server.ts';

const inspectorBin = (): string =>
  join(createRequire(import.meta.url).resolve('@modelcontextprotocol/inspector/package.json'), '..', 'clients', 'launcher', 'build', 'index.js');

export interface InspectorRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `inspector --cli <url> --transport http --method <method> [extra...]` with this Node. */
export function runInspector(url: string, method: string, extra: string[] = []): Promise<InspectorRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [inspectorBin(), '--cli', url, '--transport', 'http', '--method', method, ...extra], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** Starts `server` on a free port, runs the Inspector CLI against it, stops the server. */
export async function inspectExample(server: string, method: string, extra: string[] = []): Promise<InspectorRun & { url: string }> {
  const running = await serve(await loadServer(server), { port: 0, host: '127.0.0.1' });
  try {
    return { ...(await runInspector(running.url, method, extra)), url: running.url };
  } finally {
    await running.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.env.LOG_LEVEL ??= 'warn';
  const result = await inspectExample(process.argv[2] ?? 'tasks', process.argv[3] ?? 'tools/list');
  console.error(`MCP Inspector CLI against ${result.url}`);
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exit(result.code);
}
