/**
 * One bundle per server: `node scripts/build.ts [server...]` (default: every example with src/lambda.ts).
 * Writes dist/<server>/index.mjs (ESM, node24, minified, with its source map), dist/<server>/manifest.json
 * and a byte-for-byte reproducible dist/<server>.zip. AWS SDK v3 clients stay external: the Lambda
 * runtime ships them.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { writeManifest } from '@serverless-mcp/handler-kit/manifest';
import { createZip } from './lib/zip.ts';
import { ROOT, exampleNames } from './load-server.ts';

export interface BuildResult {
  server: string;
  bundle: string;
  manifest: string;
  zip: string;
  bundleBytes: number;
  zipSha256: string;
}

export const DIST = join(ROOT, 'dist');

/** Examples that have a Lambda entry. */
export const buildableServers = (): string[] => exampleNames().filter((n) => existsSync(join(ROOT, 'examples', n, 'src', 'lambda.ts')));

/** `dir` defaults to examples/<server>; it holds src/server.ts (the handler) and the Lambda entry. */
export async function buildServer(server: string, options: { dir?: string; entry?: string; outName?: string } = {}): Promise<BuildResult> {
  const dir = options.dir ?? join(ROOT, 'examples', server);
  const entry = resolve(dir, options.entry ?? 'src/lambda.ts');
  const outName = options.outName ?? server;
  const outDir = join(DIST, outName);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const bundle = join(outDir, 'index.mjs');
  const bundleOnce = (banner: boolean) => build({
    entryPoints: [entry],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    minify: true,
    sourcemap: true,
    legalComments: 'none',
    external: ['@aws-sdk/*'],
    // Bundled CommonJS dependencies may call require() for Node built-ins; ESM has none of its own, so
    // give it one, but only when the bundle needs it (it costs a little at every cold start).
    ...(banner ? { banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" } } : {}),
    logLevel: 'warning',
  });
  await bundleOnce(false);
  if (readFileSync(bundle, 'utf8').includes('Dynamic require of')) await bundleOnce(true);
  const manifest = join(outDir, 'manifest.json');
  await writeManifest(join(dir, 'src', 'server.ts'), manifest);
  const zip = join(DIST, `${outName}.zip`);
  const archive = createZip([
    { name: 'index.mjs', data: readFileSync(bundle) },
    { name: 'index.mjs.map', data: readFileSync(`${bundle}.map`) },
  ]);
  writeFileSync(zip, archive);
  return {
    server: outName,
    bundle,
    manifest,
    zip,
    bundleBytes: readFileSync(bundle).length,
    zipSha256: createHash('sha256').update(archive).digest('hex'),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.env.LOG_LEVEL ??= 'warn';
  const servers = process.argv.slice(2).length ? process.argv.slice(2) : buildableServers();
  for (const server of servers) {
    const r = await buildServer(server);
    console.log(`${r.server}: ${(r.bundleBytes / 1024).toFixed(1)} KB bundle, dist/${r.server}.zip sha256 ${r.zipSha256}`);
  }
}
