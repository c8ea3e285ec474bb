import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../load-server.ts';

/**
 * examples/existing-lambda is a package outside the workspace: its check packs the kit (built to dist/),
 * installs the tarball in a temporary copy (npm registry needed for zod, Powertools, esbuild, TypeScript
 * and the SDK, unless cached) and consumes it three ways: its own esbuild bundle, plain node with no build
 * step, and its own tsc under node16, nodenext and bundler resolution. Here we run that check and read it.
 */
describe('examples/existing-lambda: the kit from a packed tarball, in a Lambda of its own', () => {
  it('packs, installs, and works bundled, unbuilt under plain node, and type-checked by a consumer', () => {
    const result = spawnSync(process.execPath, [join(ROOT, 'examples', 'existing-lambda', 'check.mjs')], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 240_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    const output = `${result.stdout}\n${result.stderr}`;
    // The node:test TAP summary, e.g. "# pass 10" and "# fail 0".
    const tapCount = (name: string): number => Number(result.stdout?.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? Number.NaN);

    expect(result.error, output).toBeUndefined();
    expect(result.status, output).toBe(0);
    expect(output).toMatch(/installed @serverless-mcp\/handler-kit is a real directory from the tarball/);
    expect(tapCount('pass'), output).toBeGreaterThan(0);
    expect(tapCount('fail'), output).toBe(0);
    expect(output).toMatch(/tarball: every export has types \+ default in dist\//);
    expect(output).toMatch(/consumed as a bundle: [1-9]\d* tests passed/);
    expect(output).toMatch(/consumed by plain node, no build step: [1-9]\d* tests passed/);
    for (const resolution of ['node16', 'nodenext', 'bundler']) {
      expect(output).toMatch(new RegExp(`consumed by tsc \\(strict, exactOptionalPropertyTypes, moduleResolution ${resolution}[^)]*\\): 0 errors`));
    }
    expect(output).toMatch(/\[existing-lambda\] PASS: \d+ tests passed, 0 failed; tsc clean under node16, nodenext and bundler/);
  }, 250_000);
});
