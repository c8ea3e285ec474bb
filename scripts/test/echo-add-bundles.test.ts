import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLE_BUDGET, variant, zodMiniVariant } from '../../bench/variants.ts';

/**
 * The two-tool server's bundles as make bench measures them beside the peers, each built once: within their
 * size budgets (a change that grows one past its budget fails here, not only in the next benchmark run), and
 * the zod/mini one with no classic zod in it.
 */
const outRoot = mkdtempSync(join(tmpdir(), 'echo-add-bundles-'));
afterAll(() => rmSync(outRoot, { recursive: true, force: true }));
let built: Promise<Awaited<ReturnType<typeof variant>>[]> | undefined;
const bundles = () => (built ??= Promise.all([variant('echo-add', true, outRoot), variant('echo-add', false, outRoot), zodMiniVariant(outRoot)]));

describe('echo-add bundles', () => {
  it('stay within 150 KB with the default observability and 120 KB without it', async () => {
    const [on, off] = await bundles();
    console.log(`echo-add: ${(on!.bundleBytes / 1024).toFixed(1)} KB with observability, ${(off!.bundleBytes / 1024).toFixed(1)} KB without`);
    expect(on!.bundleBytes).toBeLessThanOrEqual(BUNDLE_BUDGET.defaultObservability);
    expect(off!.bundleBytes).toBeLessThanOrEqual(BUNDLE_BUDGET.observabilityOff);
    // The minimal entry really leaves the observability code out.
    expect(Object.keys(off!.metafile.inputs).filter((f) => f.includes('/observability/'))).toEqual([]);
    expect(Object.keys(on!.metafile.inputs).some((f) => f.includes('/observability/log-writer.ts'))).toBe(true);
  }, 60_000);

  it('bundle no classic zod for the server written with zod/mini, which still answers in English', async () => {
    const [classic, , mini] = await bundles();
    const zodFiles = (r: typeof mini) => Object.keys(r!.metafile.inputs).filter((f) => f.includes('node_modules/zod/'));
    expect(zodFiles(mini).filter((f) => f.includes('/v4/classic/'))).toEqual([]);
    expect(zodFiles(mini).some((f) => f.includes('/v4/mini/'))).toBe(true);
    expect(zodFiles(classic).some((f) => f.includes('/v4/classic/'))).toBe(true);
    expect(mini!.bundleBytes).toBeLessThan(classic!.bundleBytes - 40 * 1024);
    expect(readFileSync(mini!.manifest, 'utf8')).toBe(readFileSync(classic!.manifest, 'utf8'));
    // In a process of its own, as Lambda runs it: zod shares its settings through globalThis, and this
    // test process has loaded classic zod, which sets English messages for every copy.
    const script = `
      const { handler } = await import(${JSON.stringify(mini!.bundle)});
      const call = async (args) => JSON.parse((await handler({ httpMethod: 'POST', path: '/mcp', resource: '/mcp',
        headers: { 'Content-Type': 'application/json' }, multiValueHeaders: {}, isBase64Encoded: false,
        requestContext: { requestId: 'r1', stage: 'prod' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'add', arguments: args } }) },
        { functionName: 'x', awsRequestId: 'a1', getRemainingTimeInMillis: () => 10_000 })).body).result;
      process.stderr.write(JSON.stringify([await call({ a: 2, b: 3 }), await call({ a: 2, b: 'x' })]));`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '', POWERTOOLS_METRICS_DISABLED: 'true', LOG_LEVEL: 'error' },
    });
    expect(child.status, child.stderr).toBe(0);
    const [sum, refused] = JSON.parse(child.stderr) as { content: unknown; isError?: boolean }[];
    expect(sum!.content).toEqual([{ type: 'text', text: '5' }]);
    // No classic zod in the bundle to set English messages: the kit did (core/zod.ts).
    expect(refused).toMatchObject({
      isError: true,
      content: [{ type: 'text', text: 'Invalid arguments for tool "add": b: Invalid input: expected number, received string' }],
    });
  }, 60_000);
});
