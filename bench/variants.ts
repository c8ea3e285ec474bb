/**
 * The two-tool server's bundles as the targets name them, built the way `make bench` measures them
 * and scripts/test/echo-add-bundles.test.ts checks their sizes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildServer, DIST, type BuildResult } from '../scripts/build.ts';
import { ROOT } from '../scripts/load-server.ts';

/** Bytes each echo-add bundle may take (minified, zod included). */
export const BUNDLE_BUDGET = { defaultObservability: 150 * 1024, observabilityOff: 120 * 1024 } as const;
/** The cold-start and warm targets, as ratios to the peers measured in the same run. */
export const COLD_START_MAX = 1.25;
export const WARM_MIN_VS_MCP_LITE = 2;

/**
 * A server's bundle with the default Lambda entry (observability on), or through `aws-lambda/minimal` (no
 * observability code bundled). The minimal entry is written into dist/bench/, inside the repository so that
 * it resolves the kit as the examples do.
 */
export async function variant(server: string, observability: boolean, outRoot: string = DIST): Promise<BuildResult> {
  if (observability) return buildServer(server, { outRoot });
  const dir = join(ROOT, 'examples', server);
  const entryDir = join(DIST, 'bench');
  mkdirSync(entryDir, { recursive: true });
  const entry = join(entryDir, `${server}-minimal-entry.ts`);
  writeFileSync(
    entry,
    `import { createLambdaHandler } from '@serverless-mcp/handler-kit/aws-lambda/minimal';\n` +
      `import { server } from '${join(dir, 'src', 'server.ts')}';\nexport const handler = createLambdaHandler(server);\n`,
  );
  return buildServer(server, { dir, entry, outName: `${server}-minimal`, outRoot });
}

/** echo-add with its tools written with zod/mini (src/server-mini.ts) and the default observability. */
export const zodMiniVariant = (outRoot: string = DIST): Promise<BuildResult> =>
  buildServer('echo-add', { entry: 'src/lambda-mini.ts', serverModule: 'src/server-mini.ts', outName: 'echo-add-mini', outRoot });
