import { describe, expect, it } from 'vitest';
import { runConformance, summarize } from '../../../scripts/conformance.ts';

/**
 * The official conformance suite against the kit's fixture, for both requirement sets. Each set must pass
 * against its baseline: every scenario not listed in expected-failures/<set>.yaml passes, and every listed
 * one still fails (a stale entry fails the run too, so the baseline cannot hide a fixed gap).
 */
describe('official conformance suite', () => {
  it('passes both requirement sets against their baselines', async () => {
    const results = await runConformance();
    console.log(summarize(results));
    const bySet = Object.fromEntries(results.map((r) => [r.set, r]));
    for (const r of results) {
      expect(r.unexpectedFailures, `${r.set} unexpected failures`).toEqual([]);
      expect(r.staleEntries, `${r.set} stale baseline entries`).toEqual([]);
      expect(r.exitCode, r.output.slice(-2000)).toBe(0);
    }
    expect(bySet['2025-11-25']!.scenarios).toHaveLength(30);
    expect(bySet['2026-07-28']!.scenarios).toHaveLength(37);
    const failing = (set: string) => bySet[set]!.scenarios.filter((s) => s.failed > 0).map((s) => s.name);
    // Streamed answers (SSE) carry the progress and log notifications these scenarios look for.
    expect(failing('2026-07-28')).toEqual([]);
    const passing = (set: string) => bySet[set]!.scenarios.filter((s) => s.failed === 0).map((s) => s.name);
    expect(passing('2025-11-25')).toEqual(expect.arrayContaining(['tools-call-with-progress', 'tools-call-with-logging', 'logging-set-level']));
    expect(passing('2026-07-28')).toContain('tools-call-with-progress');
  }, 120_000);
});
