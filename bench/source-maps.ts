/**
 * What `NODE_OPTIONS=--enable-source-maps` costs a cold start: the same bundle, with and without the flag,
 * as fresh processes run in turn (A B A B ...: machine drift hits both sides of each pair), on the Node
 * this runs with (the project's Node 24, Lambda's runtime). Each process is timed from outside (wall, from
 * spawn to exit) and reports its own CPU time (bench/drivers/cpu-time.cjs), which a busy machine disturbs
 * less than wall time. Ratios are per pair, then the median.
 *
 *   node bench/source-maps.ts [bundle.mjs sequence]    (default: builds examples/tasks, the default example)
 *   PAIRS=40 WARMUP=3
 */
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildServer } from '../scripts/build.ts';
import { ROOT } from '../scripts/load-server.ts';
import { median, quartiles } from './stats.ts';

const PAIRS = Number(process.env.PAIRS ?? 40);
const WARMUP = Number(process.env.WARMUP ?? 3);

interface Run {
  wallMs: number;
  cpuMs: number;
}

function once(flags: string[], bundle: string, sequence: string): Promise<Run> {
  // Only the flag under test: nothing from the caller's NODE_OPTIONS (the Makefile's kit condition).
  const { NODE_OPTIONS: _ignored, ...env }: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [...flags, '--require', join(ROOT, 'bench', 'drivers', 'cpu-time.cjs'), join(ROOT, 'bench', 'drivers', 'cold.mjs'), bundle, sequence], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      const report = stderr.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !report.startsWith('{"cpuMs"')) return reject(new Error(`cold start failed (${code}): ${stderr.slice(-500)}`));
      resolve({ wallMs, cpuMs: (JSON.parse(report) as { cpuMs: number }).cpuMs });
    });
  });
}

export interface SourceMapCost {
  bundle: string;
  bundleKiB: number;
  mapKiB: number;
  pairs: number;
  withMaps: { wallMs: number; cpuMs: number };
  without: { wallMs: number; cpuMs: number };
  ratioWall: number;
  ratioWallIqr: [number, number];
  ratioCpu: number;
  ratioCpuIqr: [number, number];
  diffCpuMs: number;
  node: string;
}

export async function measureSourceMaps(bundle: string, sequence: string): Promise<SourceMapCost> {
  const A = ['--enable-source-maps'];
  const B: string[] = [];
  for (let i = 0; i < WARMUP; i++) {
    await once(A, bundle, sequence);
    await once(B, bundle, sequence);
  }
  const a: Run[] = [];
  const b: Run[] = [];
  for (let i = 0; i < PAIRS; i++) {
    a.push(await once(A, bundle, sequence));
    b.push(await once(B, bundle, sequence));
  }
  const ratioWall = a.map((x, i) => x.wallMs / b[i]!.wallMs);
  const ratioCpu = a.map((x, i) => x.cpuMs / b[i]!.cpuMs);
  return {
    bundle,
    bundleKiB: statSync(bundle).size / 1024,
    mapKiB: existsSync(`${bundle}.map`) ? statSync(`${bundle}.map`).size / 1024 : 0,
    pairs: PAIRS,
    withMaps: { wallMs: median(a.map((x) => x.wallMs)), cpuMs: median(a.map((x) => x.cpuMs)) },
    without: { wallMs: median(b.map((x) => x.wallMs)), cpuMs: median(b.map((x) => x.cpuMs)) },
    ratioWall: median(ratioWall),
    ratioWallIqr: quartiles(ratioWall),
    ratioCpu: median(ratioCpu),
    ratioCpuIqr: quartiles(ratioCpu),
    diffCpuMs: median(a.map((x, i) => x.cpuMs - b[i]!.cpuMs)),
    node: process.version,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.env.LOG_LEVEL ??= 'warn';
  const [bundleArg, sequenceArg] = process.argv.slice(2);
  const bundle = bundleArg ?? (await buildServer('tasks')).bundle;
  console.log(JSON.stringify(await measureSourceMaps(bundle, sequenceArg ?? 'tasks'), null, 2));
}
