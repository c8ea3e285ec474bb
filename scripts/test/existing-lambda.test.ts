import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../load-server.ts';

/**
 * examples/existing-lambda is a package outside the workspace: its check packs the kit, installs the tarball
 * in a temporary copy (npm registry needed for zod, Powertools and esbuild, unless cached), runs its own
 * esbuild build and its own node:test suite against the bundle. Here we only run that check and read it.
 */
describe('examples/existing-lambda: the kit from a packed tarball, in a Lambda of its own', () => {
  it('packs, installs, bundles and passes its own node:test suite', () => {
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
    expect(output).toMatch(/\[existing-lambda\] PASS: \d+ tests passed, 0 failed/);
  }, 250_000);
});
