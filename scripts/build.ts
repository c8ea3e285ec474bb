/**
 * One bundle per server: `node scripts/build.ts [server...]` (default: every example with src/lambda.ts;
 * KEEP_FEATURES=1 keeps every kit feature, see scripts/lib/features.ts).
 * Writes dist/<server>/index.mjs (ESM, node24, minified, with its source map, the server's JSON Schemas
 * computed at build time), dist/<server>/manifest.json and a byte-for-byte reproducible dist/<server>.zip. AWS SDK v3 clients stay external: the Lambda
 * runtime ships them.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { writeManifest } from '@serverless-mcp/handler-kit/manifest';
import { asksForInput, buildTimeSchemas, schemaTable, withoutZodConverter } from './lib/build-time-schemas.ts';
import { defineFor, describeLeftOut, unusedDefinitions, unusedCode, type Feature } from './lib/features.ts';
import { createZip } from './lib/zip.ts';
import { KIT_SOURCE_CONDITION, ROOT, exampleNames } from './load-server.ts';

export interface BuildResult {
  server: string;
  bundle: string;
  manifest: string;
  zip: string;
  bundleBytes: number;
  zipSha256: string;
  /** Where tools/list gets its JSON Schemas: from build time, with zod's converter left out or kept. */
  schemas: 'none' | 'build-time' | 'build-time, converter kept (asks for input)';
  /** The kit features the bundle leaves out (handler-kit/src/core/features.ts), e.g. "prompts, resources", or "nothing". */
  leftOut: string;
  /** esbuild's account of what went into the bundle (for size reports). */
  metafile: Metafile;
}

export const DIST = join(ROOT, 'dist');
const CAPABILITIES: readonly Feature[] = ['prompts', 'resources', 'completions'];

/** Examples that have a Lambda entry. */
export const buildableServers = (): string[] => exampleNames().filter((n) => existsSync(join(ROOT, 'examples', n, 'src', 'lambda.ts')));

/** `dir` defaults to examples/<server>; it holds src/server.ts (the handler) and the Lambda entry. */
export interface BuildOptions {
  dir?: string;
  entry?: string;
  outName?: string;
  outRoot?: string;
  /** The module exporting `server` (the manifest and build-time schemas come from it): src/server.ts by default. */
  serverModule?: string;
  /** Keep every kit feature in the bundle (KEEP_FEATURES=1 on the command line): nothing left out. */
  keepFeatures?: boolean;
}

export async function buildServer(server: string, options: BuildOptions = {}): Promise<BuildResult> {
  const dir = options.dir ?? join(ROOT, 'examples', server);
  const entry = resolve(dir, options.entry ?? 'src/lambda.ts');
  const outName = options.outName ?? server;
  const outRoot = options.outRoot ?? DIST;
  const outDir = join(outRoot, outName);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const bundle = join(outDir, 'index.mjs');
  // A server's JSON Schemas come from build time (scripts/lib/build-time-schemas.ts): the manifest step
  // imports the server and describes it; the bundle carries those schemas and, unless the server asks
  // for input with zod forms, leaves zod's converter out. Functions that are not MCP servers (the
  // front door) have no server.ts and no manifest.
  const manifest = join(outDir, 'manifest.json');
  const serverModule = resolve(dir, options.serverModule ?? 'src/server.ts');
  const description = existsSync(serverModule) ? await writeManifest(serverModule, manifest) : undefined;
  const schemas = description ? schemaTable(description) : undefined;
  const bundleOnce = (banner: boolean, dropConverter: boolean, leftOut: readonly Feature[]) => build({
    entryPoints: [entry],
    outfile: bundle,
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    minify: true,
    sourcemap: true,
    legalComments: 'none',
    external: ['@aws-sdk/*'],
    // The kit from its sources (handler-kit/package.json), like every other import inside the repository;
    // naming any condition drops esbuild's default 'module', so it is named again.
    conditions: [KIT_SOURCE_CONDITION, 'module'],
    // The kit's build-time feature flags (handler-kit/src/core/features.ts): false for what is left out, true for the rest.
    define: defineFor(leftOut),
    plugins: schemas ? [buildTimeSchemas(schemas, leftOut.filter((f) => CAPABILITIES.includes(f))), ...(dropConverter ? [withoutZodConverter()] : [])] : [],
    metafile: true,
    // Bundled CommonJS dependencies may call require() for Node built-ins; ESM has none of its own, so
    // give it one, but only when the bundle needs it (it costs a little at every cold start).
    ...(banner ? { banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" } } : {}),
    logLevel: 'warning',
  });
  let banner = false;
  let dropConverter = schemas !== undefined;
  // What a server's bundle leaves out (scripts/lib/features.ts): first what its definitions never use
  // (capabilities, header arguments), then, bundle by bundle, the code nothing in it reaches, until
  // nothing more can go. Each bundle's findings (features to leave out, the require banner, zod's
  // converter kept for a server that asks for input) go into one next bundle together.
  const leftOut: Feature[] = description && !options.keepFeatures ? unusedDefinitions(description) : [];
  let last = await bundleOnce(banner, dropConverter, leftOut);
  for (;;) {
    const more = description && !options.keepFeatures ? unusedCode(last.metafile, ROOT, leftOut) : [];
    const needsBanner: boolean = !banner && readFileSync(bundle, 'utf8').includes('Dynamic require of');
    const keepConverter = dropConverter && asksForInput(last.metafile, ROOT);
    if (!more.length && !needsBanner && !keepConverter) break;
    leftOut.push(...more);
    banner ||= needsBanner;
    dropConverter &&= !keepConverter;
    last = await bundleOnce(banner, dropConverter, leftOut);
  }
  const code = readFileSync(bundle);
  const zip = join(outRoot, `${outName}.zip`);
  const archive = createZip([
    { name: 'index.mjs', data: code },
    { name: 'index.mjs.map', data: readFileSync(`${bundle}.map`) },
  ]);
  writeFileSync(zip, archive);
  return {
    server: outName,
    bundle,
    manifest,
    zip,
    schemas: !schemas ? 'none' : dropConverter ? 'build-time' : 'build-time, converter kept (asks for input)',
    leftOut: describeLeftOut(leftOut),
    bundleBytes: code.length,
    zipSha256: createHash('sha256').update(archive).digest('hex'),
    metafile: last.metafile,
  };
}

/** Functions the infrastructure deploys beside servers, by name: built into dist/functions/<name>.zip. */
export const INFRASTRUCTURE_FUNCTIONS: Record<string, { dir: string; entry: string }> = {
  // The OAuth front door (cognito mode): front-door/src/entries/lambda-handler.ts.
  'front-door': { dir: join(ROOT, 'front-door'), entry: 'src/entries/lambda-handler.ts' },
};
export const buildableFunctions = (): string[] => Object.keys(INFRASTRUCTURE_FUNCTIONS).sort();
export function buildFunction(name: string, outRoot?: string): Promise<BuildResult> {
  const fn = INFRASTRUCTURE_FUNCTIONS[name];
  if (!fn) throw new Error(`no infrastructure function ${name} (there are ${buildableFunctions().join(', ')})`);
  return buildServer(name, { dir: fn.dir, entry: fn.entry, outName: join('functions', name), ...(outRoot ? { outRoot } : {}) });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.env.LOG_LEVEL ??= 'warn';
  const only = process.argv.slice(2);
  const keepFeatures = process.env.KEEP_FEATURES === '1';
  const report = (r: BuildResult) =>
    console.log(
      `${r.server}: ${(r.bundleBytes / 1024).toFixed(1)} KB bundle (schemas: ${r.schemas}${r.schemas === 'none' ? '' : `; left out: ${r.leftOut}`}), dist/${r.server}.zip sha256 ${r.zipSha256}`,
    );
  for (const server of only.length ? only : buildableServers()) report(await buildServer(server, { keepFeatures }));
  // The infrastructure's own functions come with every build: make deploy needs them for any server.
  for (const fn of buildableFunctions()) report(await buildFunction(fn));
}
