/**
 * Runs the official MCP conformance suite (@modelcontextprotocol/conformance) against the conformance
 * fixture (examples/conformance), once per requirement set, with the expected-failures baselines in
 * examples/conformance/expected-failures/. Prints a summary; exits non-zero if any set fails.
 *
 *   node scripts/conformance.ts [2025-11-25] [2026-07-28]
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@serverless-mcp/handler-kit/node';
import { packageFile, runNode } from './lib/run-node.ts';
import { ROOT, loadServer } from './load-server.ts';

export const REQUIREMENT_SETS = ['2025-11-25', '2026-07-28'] as const;

export interface SetResult {
  set: string;
  exitCode: number;
  /** Scored scenarios that passed / failed unexpectedly, as the suite's baseline check reports them. */
  scenarios: { name: string; passed: number; failed: number }[];
  expectedFailures: { scenario: string; reason: string }[];
  unexpectedFailures: string[];
  staleEntries: string[];
  output: string;
}

export const baselineFile = (set: string): string => join(ROOT, 'examples', 'conformance', 'expected-failures', `${set}.yaml`);

/** Each `- scenario` line with the comment line above it as its reason. */
export function readBaseline(set: string): { scenario: string; reason: string }[] {
  const lines = readFileSync(baselineFile(set), 'utf8').split('\n');
  const out: { scenario: string; reason: string }[] = [];
  lines.forEach((line, i) => {
    const m = /^\s*-\s*"?([\w:.-]+)"?\s*$/.exec(line);
    if (m) out.push({ scenario: m[1]!, reason: (lines[i - 1] ?? '').replace(/^\s*#\s*/, '') });
  });
  return out;
}

async function run(args: string[]): Promise<{ code: number; output: string }> {
  const r = await runNode(packageFile('@modelcontextprotocol/conformance', 'dist', 'index.js'), args);
  return { code: r.code, output: `${r.stdout}${r.stderr}`.replace(/\x1b\[[0-9;]*m/g, '') };
}

function section(output: string, heading: string): string[] {
  const start = output.indexOf(heading);
  if (start === -1) return [];
  const lines = output.slice(start + heading.length).split('\n').slice(1);
  const end = lines.findIndex((l) => !/^\s+\S/.test(l));
  return (end === -1 ? lines : lines.slice(0, end)).map((l) => l.trim().replace(/^[✗✓~]\s*/, ''));
}

export async function runRequirementSet(set: string, url: string): Promise<SetResult> {
  const out = mkdtempSync(join(tmpdir(), `conformance-${set}-`));
  const listed = await run(['list', '--server', '--requirements', set]);
  const scored = new Set(section(listed.output, 'Server scenarios').map((l) => l.replace(/^-\s*/, '')));
  const { code, output } = await run(['server', '--url', url, '--requirements', set, '--expected-failures', baselineFile(set), '-o', out]);
  const scenarios = [...output.matchAll(/^[✓✗] (\S+): (\d+) passed, (\d+) failed$/gm)]
    .filter((m) => scored.has(m[1]!))
    .map((m) => ({ name: m[1]!, passed: Number(m[2]), failed: Number(m[3]) }));
  return {
    set,
    exitCode: code,
    scenarios,
    expectedFailures: readBaseline(set),
    unexpectedFailures: section(output, 'Unexpected failures (not in baseline):'),
    staleEntries: section(output, 'Stale baseline entries'),
    output,
  };
}

/** Serves the fixture on loopback (the DNS-rebinding scenario needs a localhost URL) and runs each set. */
export async function runConformance(sets: readonly string[] = REQUIREMENT_SETS): Promise<SetResult[]> {
  process.env.LOG_LEVEL ??= 'warn'; // the fixture's own info lines would drown the summary
  const running = await serve(await loadServer('conformance'), { port: 0, host: '127.0.0.1' });
  try {
    const results: SetResult[] = [];
    for (const set of sets) results.push(await runRequirementSet(set, running.url));
    return results;
  } finally {
    await running.close();
  }
}

export function summarize(results: SetResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    const clean = r.scenarios.filter((s) => s.failed === 0).length;
    const checks = r.scenarios.reduce((n, s) => n + s.passed, 0);
    const failedChecks = r.scenarios.reduce((n, s) => n + s.failed, 0);
    lines.push(`requirements ${r.set}: ${r.exitCode === 0 ? 'PASS' : 'FAIL'} (suite exit code ${r.exitCode})`);
    lines.push(`  scored scenarios: ${r.scenarios.length}, fully passing: ${clean}; checks passed ${checks}, failed ${failedChecks}`);
    lines.push(`  expected failures (${r.expectedFailures.length}):`);
    for (const e of r.expectedFailures) lines.push(`    - ${e.scenario}: ${e.reason}`);
    if (r.unexpectedFailures.length) lines.push(`  UNEXPECTED failures: ${r.unexpectedFailures.join(', ')}`);
    if (r.staleEntries.length) lines.push(`  STALE baseline entries (now passing): ${r.staleEntries.join(', ')}`);
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sets = process.argv.slice(2).length ? process.argv.slice(2) : [...REQUIREMENT_SETS];
  const results = await runConformance(sets);
  if (process.env.VERBOSE) for (const r of results) console.log(r.output);
  console.log(summarize(results));
  process.exit(results.every((r) => r.exitCode === 0) ? 0 : 1);
}
