import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { BUNDLE_BUDGET, variant } from '../../bench/variants.ts';

/**
 * The two-tool server's bundles within their budgets (the figures make bench reports beside the peers): a
 * change that grows them past a budget fails here, not only in the next benchmark run.
 */
describe('echo-add bundle sizes', () => {
  it('stays within 150 KB with the default observability and 120 KB without it', async () => {
    const outRoot = mkdtempSync(join(tmpdir(), 'sizes-'));
    onTestFinished(() => rmSync(outRoot, { recursive: true, force: true }));
    const [on, off] = await Promise.all([variant('echo-add', true, outRoot), variant('echo-add', false, outRoot)]);
    console.log(`echo-add: ${(on.bundleBytes / 1024).toFixed(1)} KB with observability, ${(off.bundleBytes / 1024).toFixed(1)} KB without`);
    expect(on.bundleBytes).toBeLessThanOrEqual(BUNDLE_BUDGET.defaultObservability);
    expect(off.bundleBytes).toBeLessThanOrEqual(BUNDLE_BUDGET.observabilityOff);
    // The minimal entry really leaves the observability code out.
    expect(Object.keys(off.metafile.inputs).filter((f) => f.includes('/observability/'))).toEqual([]);
    expect(Object.keys(on.metafile.inputs).some((f) => f.includes('/observability/log-writer.ts'))).toBe(true);
  }, 60_000);
});
