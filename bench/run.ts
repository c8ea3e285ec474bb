/**
 * `make bench`: the kit beside the peers, measured in one run on this machine. Not a test.
 *
 * 1. Builds the two-tool server (examples/echo-add, the peers' workload) with the default observability
 *    (the kit's JSON log lines and EMF metrics), without it (no observability code bundled), with its tools written
 *    with zod/mini (src/server-mini.ts, default observability), and the default example.
 * 2. Runs ../shared/peerbench with KIT_BUNDLE, so the kit rows are measured in the same run as every peer,
 *    under each Node in BENCH_NODES (default: the machine's Node, which the peer table was made with,
 *    and Node 24, Lambda's runtime).
 * 3. Measures the default example (examples/tasks) with the same paired timer and drivers of its own.
 * 4. Measures what --enable-source-maps costs the default example's cold start (bench/source-maps.ts).
 * 5. Writes bench/RESULTS.md: the tables, and each target checked as a ratio.
 *
 * Knobs: BENCH_NODES="system 24", QUICK=1 (fewer runs, for trying the script), PEERS (peerbench rows).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { measureSourceMaps } from './source-maps.ts';
import { BUNDLE_BUDGET, COLD_START_MAX, WARM_MIN_VS_MCP_LITE, variant, zodMiniVariant } from './variants.ts';
import { median } from './stats.ts';
import { ROOT } from '../scripts/load-server.ts';

const PEERBENCH = join(ROOT, '..', 'shared', 'peerbench');
const OUT = join(ROOT, 'dist', 'bench');
const QUICK = process.env.QUICK === '1';
const NODE24 = join(ROOT, 'node_modules', '.bin', 'node');
const PATH_WITHOUT_PROJECT = (process.env.PATH ?? '').split(':').filter((p) => !p.startsWith(join(ROOT, 'node_modules'))).join(':');

interface NodeChoice {
  label: string;
  bin: string;
  path: string;
}

function nodes(): NodeChoice[] {
  const wanted = (process.env.BENCH_NODES ?? 'system 24').split(/\s+/).filter(Boolean);
  return wanted.map((w) =>
    w === '24'
      ? { label: 'node24', bin: NODE24, path: `${join(ROOT, 'node_modules', '.bin')}:${PATH_WITHOUT_PROJECT}` }
      : { label: 'system', bin: 'node', path: PATH_WITHOUT_PROJECT },
  );
}

const run = (cmd: string, args: string[], env: Record<string, string | undefined>, cwd = ROOT) => {
  const r = spawnSync(cmd, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stderr?.slice(-3000)}`);
  return r;
};

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

function sizeOf(bundle: string) {
  const bytes = readFileSync(bundle);
  return { bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** The peer benchmark, with one kit bundle as an extra row; returns its Summary table rows. */
function peerbench(node: NodeChoice, bundle: string, kitName: string, only: string | undefined): string {
  const outDir = join(OUT, `peerbench-${node.label}-${kitName}`);
  const env: Record<string, string | undefined> = {
    PATH: node.path,
    KIT_BUNDLE: bundle,
    KIT_NAME: kitName,
    OUT_DIR: outDir,
    ...(only ? { ONLY: only } : {}),
    ...(QUICK ? { COLD_RUNS: '6', WARM_SECONDS: '1', WARM_REPEATS: '1', SPLIT_RUNS: '3' } : {}),
  };
  console.error(`peerbench (${node.label}, ${kitName}${only ? `, rows: ${only}` : ''})...`);
  run('bash', ['run.sh'], env, PEERBENCH);
  return readFileSync(join(outDir, 'RESULTS.md'), 'utf8');
}

/** Parses peerbench's Summary table into rows keyed by implementation name. */
function summaryRows(results: string): Map<string, { cells: string[]; line: string }> {
  const rows = new Map<string, { cells: string[]; line: string }>();
  const section = results.slice(results.indexOf('## Summary'), results.indexOf('KB = 1024'));
  for (const line of section.split('\n')) {
    if (!line.startsWith('| ') || line.startsWith('| impl') || line.startsWith('|---')) continue;
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    const name = cells[0]!.replace(/\*\*/g, '').replace(/`/g, '').replace(' (external bundle)', '');
    rows.set(name, { cells, line });
  }
  return rows;
}

const num = (cell: string | undefined) => Number(String(cell ?? '').replace(/[^0-9.]/g, ''));

/** The default example through the paired timer (A = example, B = the peers' hand-written baseline). */
function pairedCold(node: NodeChoice, bundle: string, sequence: string) {
  const jsonl = join(OUT, `paired-${node.label}-${sequence}-${bundle.split('/').at(-2)}.jsonl`);
  const n = QUICK ? 6 : 20;
  const r = run(
    node.bin,
    [join(PEERBENCH, 'drivers', 'paired.mjs'), '-n', String(n), '-w', '2', '--quiet', '--',
      node.bin, join(ROOT, 'bench', 'drivers', 'cold.mjs'), bundle, sequence,
      '--vs', node.bin, join(PEERBENCH, 'drivers', 'cold.mjs'), join(PEERBENCH, 'dist', 'baseline.mjs')],
    { PATH: node.path },
  );
  writeFileSync(jsonl, r.stdout);
  const runs = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { phase?: string; pair?: number; which?: string; wall_ms?: number; peak_rss_kib?: number });
  const counted = runs.filter((x) => x.phase !== 'warmup' && typeof x.wall_ms === 'number');
  const a = new Map(counted.filter((x) => x.which === 'A').map((x) => [x.pair, x]));
  const b = new Map(counted.filter((x) => x.which === 'B').map((x) => [x.pair, x]));
  const ratios: number[] = [];
  for (const [pair, x] of a) if (b.has(pair)) ratios.push(x.wall_ms! / b.get(pair)!.wall_ms!);
  return {
    wallMs: median([...a.values()].map((x) => x.wall_ms!)),
    baselineMs: median([...b.values()].map((x) => x.wall_ms!)),
    ratio: median(ratios),
    peakMiB: median([...a.values()].map((x) => (x.peak_rss_kib ?? 0) / 1024)),
    pairs: ratios.length,
  };
}

function warm(node: NodeChoice, bundle: string, sequence: string) {
  const results = [];
  for (let i = 0; i < (QUICK ? 1 : 3); i++) {
    const r = run(node.bin, [join(ROOT, 'bench', 'drivers', 'warm.mjs'), bundle, sequence, QUICK ? '1' : '3'], { PATH: node.path });
    results.push(JSON.parse(r.stderr.trim().split('\n').at(-1)!) as { reqPerSec: number; p50us: number; p99us: number });
  }
  results.sort((x, y) => x.reqPerSec - y.reqPerSec);
  return results[Math.floor(results.length / 2)]!;
}

const fmt = (x: number, d = 2) => x.toFixed(d);
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');

async function main() {
  mkdirSync(OUT, { recursive: true });
  process.env.LOG_LEVEL ??= 'warn';
  const echoOn = await variant('echo-add', true);
  const echoOff = await variant('echo-add', false);
  const tasksOn = await variant('tasks', true);
  const tasksOff = await variant('tasks', false);
  // The same two tools written with zod/mini (examples/echo-add/src/server-mini.ts), default observability.
  const echoMini = await zodMiniVariant();
  const sizes = {
    echoMini: sizeOf(echoMini.bundle),
    echoOff: sizeOf(echoOff.bundle),
    echoOn: sizeOf(echoOn.bundle),
    tasksOff: sizeOf(tasksOff.bundle),
    tasksOn: sizeOf(tasksOn.bundle),
  };

  const sections: string[] = [];
  const checks: string[] = [];
  for (const node of nodes()) {
    const version = run(node.bin, ['--version'], { PATH: node.path }).stdout.trim();
    const full = peerbench(node, echoOff.bundle, 'kit', process.env.PEERS);
    const withObs = peerbench(node, echoOn.bundle, 'kit-observability', 'baseline baseline-zod mcp-lite');
    const withMini = peerbench(node, echoMini.bundle, 'kit-zod-mini', 'baseline baseline-zod mcp-lite');
    const rows = summaryRows(full);
    const obsRows = summaryRows(withObs);
    const miniRows = summaryRows(withMini);
    const kit = rows.get('kit')!;
    const kitObs = obsRows.get('kit-observability')!;
    const kitMini = miniRows.get('kit-zod-mini')!;
    const lite = rows.get('mcp-lite');
    const liteInObsRun = obsRows.get('mcp-lite');
    const header = full.slice(full.indexOf('## Summary'), full.indexOf('\n|---')).split('\n').filter((l) => l.startsWith('| impl'))[0]!;
    const table = [header, `|${'---|'.repeat(header.split('|').length - 2)}`, ...[...rows.values()].map((r) => r.line), kitObs.line, kitMini.line].join('\n');

    const coldOff = num(kit.cells[4]);
    const coldOn = num(kitObs.cells[4]);
    const coldMini = num(kitMini.cells[4]);
    // Each kit row against zod's own floor in the same run (baseline-zod: the baseline plus zod's parse and converter).
    const zodFloor = (r: Map<string, { cells: string[] }>) => num(r.get('baseline-zod')?.cells[4]);
    const warmKit = num(kit.cells[6]);
    const warmLite = lite ? num(lite.cells[6]) : NaN;
    // Peerbench's drivers print their results on stdout, where the observer also writes its log lines, so
    // they cannot read the defaults-on row's warm figures; this driver reports on stderr instead.
    const warmOff = warm(node, echoOff.bundle, 'echo-add');
    const warmOn = warm(node, echoOn.bundle, 'echo-add');
    sections.push(
      `## Two-tool server beside the peers: ${node.label === 'system' ? 'the machine\'s Node' : 'Node 24 (Lambda\'s runtime)'} (${version})\n\n` +
        `Every row measured in this run by ../shared/peerbench; \`kit\` is dist/echo-add-minimal/index.mjs (observability off, ` +
        `no observability bundled), \`kit-observability\` is dist/echo-add/index.mjs (the defaults: JSON log lines and EMF metrics), ` +
        `\`kit-zod-mini\` is dist/echo-add-mini/index.mjs (the same tools written with zod/mini, the defaults).\n\n${table}\n\n` +
        `\`kit-observability\` was measured in a second run beside baseline, baseline-zod and mcp-lite, whose cold ratios there were ` +
        `${obsRows.get('baseline-zod')?.cells[4] ?? '?'} and ${liteInObsRun?.cells[4] ?? '?'}; its warm figure is from that run too, beside ` +
        `mcp-lite's ${liteInObsRun?.cells[6] ?? '?'} req/s there, and it is the one the warm target is checked with. ` +
        `\`kit-zod-mini\` was measured in a third run beside the same rows (baseline-zod ${miniRows.get('baseline-zod')?.cells[4] ?? '?'} and ` +
        `mcp-lite ${miniRows.get('mcp-lite')?.cells[4] ?? '?'} cold there, mcp-lite ${miniRows.get('mcp-lite')?.cells[6] ?? '?'} req/s warm). The same bundles ` +
        'through bench/drivers/warm.mjs (tools/call add, 3 s, median of 3 processes, its answers read on stderr while the observer writes ' +
        'to stdout) as a cross-check:\n\n' +
        '| two-tool server | warm req/s | p50 / p99 µs |\n|---|---:|---:|\n' +
        `| kit, observability off | ${warmOff.reqPerSec.toLocaleString('en')} | ${warmOff.p50us} / ${warmOff.p99us} |\n` +
        `| kit, default observability (a JSON log line and an EMF document per request) | ${warmOn.reqPerSec.toLocaleString('en')} | ${warmOn.p50us} / ${warmOn.p99us} |`,
    );
    // Both warm figures from peerbench's own warm driver in the same run; the kit's own driver if peerbench has none.
    const warmLiteObs = liteInObsRun ? num(liteInObsRun.cells[6]) : warmLite;
    const warmObs = num(kitObs.cells[6]) || warmOn.reqPerSec;
    checks.push(
      `| ${version} | cold start, default observability | ≤ ${COLD_START_MAX} × baseline | ${fmt(coldOn)} × (baseline-zod ${fmt(zodFloor(obsRows))} ×) | ${verdict(coldOn <= COLD_START_MAX)} |`,
      `| ${version} | cold start, default observability, tools written with zod/mini | ≤ ${COLD_START_MAX} × baseline | ${fmt(coldMini)} × (baseline-zod ${fmt(zodFloor(miniRows))} ×) | ${verdict(coldMini <= COLD_START_MAX)} |`,
      `| ${version} | warm req/s, default observability | ≥ ${WARM_MIN_VS_MCP_LITE} × mcp-lite | ${fmt(warmObs / warmLiteObs, 2)} × (${warmObs.toLocaleString('en')} vs ${warmLiteObs.toLocaleString('en')}) | ${verdict(warmObs / warmLiteObs >= WARM_MIN_VS_MCP_LITE)} |`,
      `| ${version} | warm req/s, default observability, tools written with zod/mini | (no target) | ${fmt(num(kitMini.cells[6]) / num(miniRows.get('mcp-lite')?.cells[6]), 2)} × mcp-lite in its run (${kitMini.cells[6]} vs ${miniRows.get('mcp-lite')?.cells[6] ?? '?'}) | – |`,
      `| ${version} | cold start, observability off | (no target) | ${fmt(coldOff)} × | – |`,
      `| ${version} | warm req/s, observability off | (no target) | ${fmt(warmKit / warmLite, 1)} × mcp-lite (${warmKit.toLocaleString('en')} vs ${warmLite.toLocaleString('en')}) | – |`,
    );

    // The default example, through the same paired timer, against the same baseline bundle.
    const tasksRows: string[] = [];
    for (const [label, built, size] of [
      ['tasks, observability off', tasksOff, sizes.tasksOff],
      ['tasks, default observability', tasksOn, sizes.tasksOn],
    ] as const) {
      const cold = pairedCold(node, built.bundle, 'tasks');
      const w = warm(node, built.bundle, 'tasks');
      tasksRows.push(
        `| ${label} | ${kb(size.bytes)} | ${kb(size.gzip)} | ${fmt(cold.wallMs, 1)} | ${fmt(cold.ratio)} | ${w.reqPerSec.toLocaleString('en')} | ${w.p50us} / ${w.p99us} | ${fmt(cold.peakMiB, 1)} |`,
      );
    }
    sections.push(
      `### The default example (examples/tasks) on ${version}\n\n` +
        'Cold: a fresh process imports the bundle and serves initialize, notifications/initialized, tools/list and tools/call(list_tasks) as ' +
        'API Gateway v1 events, timed by the peer benchmark\'s paired timer against its hand-written baseline bundle. Warm: tools/call(list_tasks) ' +
        'events one after another for 3 s, median of 3 processes.\n\n' +
        '| server | bundle KB | gzip KB | cold ms (median) | ratio to baseline (paired) | warm req/s | p50 / p99 µs | peak RSS MiB |\n' +
        '|---|---:|---:|---:|---:|---:|---:|---:|\n' +
        tasksRows.join('\n'),
    );
  }

  checks.push(
    `| any | bundle, default observability | ≤ ${BUNDLE_BUDGET.defaultObservability / 1024} KB | ${kb(sizes.echoOn.bytes)} KB (gzip ${kb(sizes.echoOn.gzip)}) | ${verdict(sizes.echoOn.bytes <= BUNDLE_BUDGET.defaultObservability)} |`,
    `| any | bundle, observability off (minified, zod included) | ≤ ${BUNDLE_BUDGET.observabilityOff / 1024} KB | ${kb(sizes.echoOff.bytes)} KB (gzip ${kb(sizes.echoOff.gzip)}) | ${verdict(sizes.echoOff.bytes <= BUNDLE_BUDGET.observabilityOff)} |`,
    `| any | bundle, default observability, tools written with zod/mini | (no target) | ${kb(sizes.echoMini.bytes)} KB (gzip ${kb(sizes.echoMini.gzip)}) | – |`,
  );

  // What NODE_OPTIONS=--enable-source-maps costs the default example's cold start (bench/source-maps.ts).
  const maps = await measureSourceMaps(tasksOn.bundle, 'tasks');
  sections.push(
    `## Source maps at cold start (examples/tasks, default observability, ${maps.node})\n\n` +
      `The same bundle (${kb(maps.bundleKiB * 1024)} KB, map ${kb(maps.mapKiB * 1024)} KB) started ${maps.pairs} times with and ${maps.pairs} times ` +
      'without `--enable-source-maps`, in turn (A B A B), each process serving the cold sequence; per-pair ratios, median (quartiles).\n\n' +
      '| | wall ms (median) | CPU ms (median) |\n|---|---:|---:|\n' +
      `| --enable-source-maps | ${fmt(maps.withMaps.wallMs, 1)} | ${fmt(maps.withMaps.cpuMs, 1)} |\n` +
      `| without | ${fmt(maps.without.wallMs, 1)} | ${fmt(maps.without.cpuMs, 1)} |\n` +
      `| ratio (paired) | ${fmt(maps.ratioWall)} (${fmt(maps.ratioWallIqr[0])}–${fmt(maps.ratioWallIqr[1])}) | ${fmt(maps.ratioCpu)} (${fmt(maps.ratioCpuIqr[0])}–${fmt(maps.ratioCpuIqr[1])}); +${fmt(maps.diffCpuMs, 1)} ms CPU |`,
  );

  const results =
    '# Benchmark results\n\n' +
    `Generated ${new Date().toISOString()} by \`make bench\` (bench/run.ts)${QUICK ? ' in QUICK mode (fewer runs: noisier)' : ''}. ` +
    'All figures come from this one run on this machine; absolute times vary between machines, so compare ratios. ' +
    'Method and drivers: ../shared/peerbench/README.md, and bench/run.ts for the kit rows.\n\n' +
    '## Targets (two-tool server, ratios from the same run)\n\n| Node | what | target | measured | |\n|---|---|---|---|---|\n' +
    checks.join('\n') +
    '\n\n' +
    sections.join('\n\n') +
    '\n';
  writeFileSync(join(ROOT, 'bench', 'RESULTS.md'), results);
  console.log(results);
}

if (!existsSync(join(PEERBENCH, 'run.sh'))) {
  console.error(`make bench needs the peer benchmark at ${PEERBENCH}`);
  process.exit(1);
}
await main();
