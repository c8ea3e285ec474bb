/**
 * Serves one example on this machine: `node scripts/dev.ts [server]` (default `tasks`).
 * PORT (default 3000) and HOST (default 127.0.0.1) override where it listens.
 * AUTH=oauth puts it behind the OAuth front door with a local identity provider (scripts/dev-oauth.ts).
 */
import { serve } from '@serverless-mcp/handler-kit/node';
import { loadServer } from './load-server.ts';

const name = process.argv[2] || process.env.SERVER || 'tasks';
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';

if (process.env.AUTH === 'oauth') {
  const { runOAuthDev } = await import('./dev-oauth.ts');
  await runOAuthDev(name, port);
} else {
  if (process.env.AUTH) {
    console.error(`AUTH=${process.env.AUTH} is not a local mode: use AUTH=oauth, or no AUTH.`);
    process.exit(2);
  }
  const handler = await loadServer(name);
  const running = await serve(handler, { port, host });
  console.log(`MCP server "${handler.name}" ${handler.version} listening on ${running.url}`);
  console.log('');
  console.log('Connect a client:');
  console.log(`  claude mcp add --transport http ${handler.name} ${running.url}`);
  console.log(`  make inspect SERVER=${name}          (MCP Inspector's CLI, with the project's Node 24)`);
  console.log('');
  console.log(`Server card (public, no sign-in): ${running.url}/server-card, also at /.well-known/mcp/server-card.json`);
  console.log('');
  console.log('Ctrl-C stops it.');

  const stop = async () => {
    await running.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
