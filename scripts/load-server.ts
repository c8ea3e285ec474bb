import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { McpHandler } from '@serverless-mcp/handler-kit';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The export condition that points `@serverless-mcp/handler-kit` at its TypeScript sources inside the
 * repository (handler-kit/package.json). Node gets it from NODE_OPTIONS (the Makefile, vitest.config.ts),
 * esbuild and tsc from their own settings; an installed kit has no such condition and loads dist/.
 */
export const KIT_SOURCE_CONDITION = '@serverless-mcp/source';

/** Examples that export a server from `examples/<name>/src/server.ts`. */
export function exampleNames(): string[] {
  return readdirSync(join(ROOT, 'examples'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(ROOT, 'examples', d.name, 'src', 'server.ts')))
    .map((d) => d.name)
    .sort();
}

/** Imports an example's `server` export (a handler made with createHandler). */
export async function loadServer(name: string): Promise<McpHandler> {
  const file = join(ROOT, 'examples', name, 'src', 'server.ts');
  if (!existsSync(file)) {
    throw new Error(`No example "${name}". Available: ${exampleNames().join(', ')}`);
  }
  const mod = (await import(pathToFileURL(file).href)) as { server?: McpHandler };
  if (!mod.server || typeof mod.server.handle !== 'function') {
    throw new Error(`${file} must export \`server\`, a handler made with createHandler()`);
  }
  return mod.server;
}
