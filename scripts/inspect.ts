/**
 * Serves an example on a free loopback port and asks MCP Inspector's CLI for one method's result:
 *   node scripts/inspect.ts [server] [method]      (defaults: tasks, tools/list)
 */
import { serve } from '@serverless-mcp/handler-kit/node';
import { packageFile, runNode, type NodeRun } from './lib/run-node.ts';
import { loadServer } from './load-server.ts';

export type InspectorRun = NodeRun;

/** Runs `inspector --cli <url> --transport http --method <method> [extra...]` with this Node. */
export const runInspector = (url: string, method: string, extra: string[] = []): Promise<InspectorRun> =>
  runNode(packageFile('@modelcontextprotocol/inspector', 'clients', 'launcher', 'build', 'index.js'), ['--cli', url, '--transport', 'http', '--method', method, ...extra]);

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
