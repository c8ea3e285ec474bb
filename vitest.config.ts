import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Inside the repository the kit is used from its TypeScript sources: each export of handler-kit/package.json
 * has an `@serverless-mcp/source` condition pointing at src/, never at the built dist/. Vite gets the
 * mapping as aliases (a condition given to vite would apply to every package, and pick the bundler-only
 * builds of some); Node processes the tests start (servers, scripts) get the condition itself.
 */
const SOURCE = '@serverless-mcp/source';
const KIT = join(import.meta.dirname, 'handler-kit');
const exportsMap = JSON.parse(readFileSync(join(KIT, 'package.json'), 'utf8')).exports as Record<string, string | Record<string, string>>;
const kitAliases = Object.entries(exportsMap).flatMap(([subpath, target]) =>
  typeof target === 'object' && target[SOURCE]
    ? [{ find: `@serverless-mcp/handler-kit${subpath.slice(1)}`, replacement: join(KIT, target[SOURCE]) }]
    : [],
);
if (!(process.env.NODE_OPTIONS ?? '').includes(`--conditions=${SOURCE}`)) {
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --conditions=${SOURCE}`.trim();
}

/**
 * The files that take longest (measured: CPU seconds, their child processes included), longest first.
 * They start first, so none of them is still running alone at the end while the other worker idles.
 * Vitest orders a run by the durations it cached from the previous one, but a fresh clone (CI) has no
 * cache, and its fallback (largest file first) would start these short files last.
 */
const LONGEST_FIRST = [
  'modules/test/real-provider.test.ts', // terraform init, plan, show with hashicorp/aws
  'scripts/test/existing-lambda.test.ts', // npm pack (kit build), npm install, esbuild, node --test, consumer tsc
  'modules/test/terraform-module.test.ts', // terraform plans of every mode with built-in stand-ins
  'modules/test/app.test.ts', // cdktf synth of every example
  'scripts/test/build-features.test.ts', // each server built twice, both bundles run through one script
  'examples/conformance/test/conformance.test.ts',
  'modules/test/server-card.test.ts',
  'modules/test/mcp-server.test.ts',
  'scripts/test/build.test.ts',
  'scripts/test/dev-card.test.ts',
];
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification) => {
      const i = LONGEST_FIRST.findIndex((f) => spec.moduleId.endsWith(`/${f}`));
      return i < 0 ? LONGEST_FIRST.length : i;
    };
    const sorted = await super.sort(files);
    return sorted.map((spec, i) => ({ spec, i })).sort((a, b) => rank(a.spec) - rank(b.spec) || a.i - b.i).map(({ spec }) => spec);
  }
}

export default defineConfig({
  // Longest first, so `/aws-lambda/minimal` is not taken for `/aws-lambda` + "/minimal".
  resolve: { alias: kitAliases.sort((a, b) => b.find.length - a.find.length).map((a) => ({ ...a, find: new RegExp(`^${a.find.replace(/[/.]/g, '\\$&')}$`) })) },
  test: {
    include: ['handler-kit/test/**/*.test.ts', 'front-door/test/**/*.test.ts', 'examples/*/test/**/*.test.ts', 'scripts/test/**/*.test.ts', 'modules/**/test/**/*.test.ts'],
    // Integration tests start servers on loopback ports and spawn official client tools, then wait on
    // them (and on timers), so one worker more than there are cores keeps the cores busy: on this 2-core
    // machine, 3 workers took 55.2, 57.3, 58.4 and 66.9 s for `make test` where 2 took 64.5, 57.7, 66.1
    // and 69.2 s (pairs run alternately, a fresh type-check each), with the same CPU seconds.
    // TEST_WORKERS=n sets the number.
    pool: 'forks',
    maxWorkers: Number(process.env.TEST_WORKERS) || availableParallelism() + 1,
    // One worker process runs many files and keeps the modules they share (the kit, zod, the SDKs, cdktf)
    // instead of evaluating them again for each of the 100 files: about half the CPU of the in-process
    // tests. Tests restore what they change (vi.unstubAllEnvs, vi.useRealTimers, process.env in finally),
    // and vitest.setup.ts puts back whatever a file left changed in process.env.
    isolate: false,
    setupFiles: ['vitest.setup.ts'],
    // Every scratch directory of the run under one TMPDIR, removed at the end (KEEP_TEST_TMP=1 keeps it).
    globalSetup: ['vitest.global-setup.ts'],
    sequence: { sequencer: LongestFirst },
    testTimeout: 20_000,
    hookTimeout: 20_000,
    reporters: ['default', 'json'],
    outputFile: { json: '.cache/test-results.json' },
  },
});
