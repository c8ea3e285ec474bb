import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODULE_DIR } from '../../scripts/module.ts';
import { hasTerraform } from './builtin-harness.ts';
import { moduleModes } from './module-modes.ts';
import { standInManifestText } from './stand-in-manifest.ts';
import {
  PROVIDER_5_MAPPINGS, fakeProvider, findMirror, newWorkspace, planStream, problems, scratchModule, scratchRoot, stsStandIn, terraform,
  type Applied, type Run,
} from './provider-harness.ts';

/**
 * `terraform plan` with the real hashicorp/aws provider from a local mirror, on every mode of the plain
 * module and on examples/terraform, in one root (one init, one plan): the example's own two servers plus
 * one module block per mode. Any error or warning fails. A plan validates the configuration first and
 * prints what `terraform validate` would (the provider's own checks included), so a separate validate
 * would repeat about 10 s of CPU and find nothing the plan's output does not show.
 */
const mirror = hasTerraform() ? findMirror() : undefined;
const EXAMPLE = join(import.meta.dirname, '..', '..', 'examples', 'terraform');
const SNAPSHOT = JSON.parse(readFileSync(join(import.meta.dirname, 'addresses.json'), 'utf8')) as Record<string, string[]>;
/** Modes the example's own module blocks already plan, and which block that is. */
const COVERED_BY_EXAMPLE: Record<string, string> = { cognito: 'dog_facts', api_key: 'utilities' };
/**
 * Modes left to the built-in harness to keep the plan short: the same resources as a mode planned here
 * (cognito_shared: late_values, with its values known; access_logs: access_logs_managed without the role).
 */
const SAME_RESOURCES_AS: Record<string, string> = { cognito_shared: 'late_values', access_logs: 'access_logs_managed' };
const title = mirror
  ? `the module with the real AWS provider (hashicorp/aws ${mirror.awsVersion} from ${mirror.root})`
  : 'the module with the real AWS provider: skipped, no hashicorp/aws in a local filesystem mirror (set TF_PROVIDER_MIRROR)';

describe.skipIf(!mirror)(title, { timeout: 60_000 }, () => {
  let dir: string;
  let sts: Awaited<ReturnType<typeof stsStandIn>>;
  const mapped: Applied[] = [];
  let init: Run;
  let plan: Run;
  let planned: Record<string, string[]> = {};
  let planProblems: string[] = [];

  beforeAll(async () => {
    const m = mirror!;
    dir = newWorkspace();
    sts = await stsStandIn();
    const root = join(dir, 'root');
    mapped.push(...scratchModule(MODULE_DIR, join(root, 'module'), m));
    const read = (f: string) => readFileSync(join(EXAMPLE, f), 'utf8');
    // The example as it is, but for its module source (the scratch copy) and the provider's fake access.
    mapped.push(...scratchRoot({ 'main.tf': read('main.tf'), 'variables.tf': read('variables.tf'), 'outputs.tf': read('outputs.tf'), 'versions.tf': read('versions.tf') }, root, m, [
      ['"../../modules/terraform-aws-mcp-server"', '"./module"'],
    ]));
    writeFileSync(join(root, 'providers.tf.json'), JSON.stringify({
      provider: { aws: { ...fakeProvider(sts.url), region: '${var.region}', default_tags: [{ tags: { 'managed-by': 'terraform', project: 'mcp-servers' } }] } },
    }));
    const dist = join(dir, 'dist');
    for (const [server, scopes] of [['dog-facts', ['dogfacts:read']], ['utilities', ['utilities:read']], ['tasks', ['tasks:read', 'tasks:write']]] as const) {
      mkdirSync(join(dist, server), { recursive: true });
      writeFileSync(join(dist, `${server}.zip`), `stand-in ${server} bundle`);
      writeFileSync(join(dist, server, 'manifest.json'), standInManifestText(server, scopes));
    }
    // A certificate and a pool created in the same root: their ARN and id are known only after apply.
    const modes = moduleModes(join(dist, 'tasks', 'manifest.json'), join(dist, 'tasks.zip'), {
      certificateArn: '${aws_acm_certificate.made_here.arn}', poolId: '${aws_cognito_user_pool.made_here.id}', poolArn: '${aws_cognito_user_pool.made_here.arn}',
      secret: '${aws_cognito_user_pool.made_here.arn}-as-a-secret',
    });
    // The example's dog_facts and utilities are the cognito and api_key modes; the rest get a block each.
    const extra = Object.entries(modes).filter(([k]) => !COVERED_BY_EXAMPLE[k] && !SAME_RESOURCES_AS[k]);
    writeFileSync(join(root, 'modes.tf.json'), JSON.stringify({
      module: Object.fromEntries(extra.map(([k, inputs], i) => [k, { source: './module', ...inputs, name: `mcp-mode-${i}` }])),
      resource: {
        aws_acm_certificate: { made_here: { domain_name: 'mcp.example.com', validation_method: 'DNS' } },
        aws_cognito_user_pool: { made_here: { name: 'made-here' } },
      },
    }));
    writeFileSync(join(root, 'terraform.tfvars.json'), JSON.stringify({ dist_dir: dist, domain_name: 'dog-facts.mcp.example.com', hosted_zone_id: 'Z1' }));
    const cache = join(dir, 'plugin-cache');
    init = await terraform(root, m, cache, ['init', '-input=false', '-no-color']);
    if (init.code !== 0) throw new Error(`terraform init: ${init.stderr || init.stdout}`);
    plan = await terraform(root, m, cache, ['plan', '-input=false', '-lock=false', '-json']);
    ({ problems: planProblems, created: planned } = planStream(plan));
  }, 300_000);

  afterAll(async () => {
    await sts?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('maps only the known 6.x-only spellings, each of which still finds something to map', () => {
    const older = Number(mirror!.awsVersion.split('.')[0]) < 6;
    const names = new Set(mapped.map((m) => m.name));
    for (const m of PROVIDER_5_MAPPINGS) expect(names.has(m.name), m.name).toBe(older);
    const summary = Object.entries(mapped.reduce<Record<string, number>>((acc, m) => ({ ...acc, [m.name]: (acc[m.name] ?? 0) + m.count }), {}));
    console.log(`real-provider check, hashicorp/aws ${mirror!.awsVersion}; mapped in the scratch copy: ${summary.map(([n, c]) => `${n} (${c})`).join('; ')}`);
  });

  it('installs from the mirror only: no error and no warning', () => {
    // The one warning any install from a filesystem mirror gives: the lock file gets this platform's checksums only.
    expect(problems(init.stdout + init.stderr).filter((p) => p !== 'Warning: Incomplete lock file information for providers')).toEqual([]);
    expect(init.stdout).toContain(`Installing hashicorp/aws v${mirror!.awsVersion}`);
  });

  it('plans every mode and the example: no error and no warning, no Invalid count argument for values known only after apply', () => {
    expect(planProblems).toEqual([]);
    expect(plan.code, plan.stderr).toBe(0);
    // The only AWS call a plan makes (data.aws_caller_identity), answered on loopback.
    expect(new Set(sts.calls)).toEqual(new Set(['GetCallerIdentity']));
    const counts = Object.fromEntries(Object.entries(planned).map(([m, a]) => [m, a.length]));
    console.log(`real-provider plan, resources to create per module: ${JSON.stringify(counts)}`);
    expect(Object.keys(planned)).toEqual(expect.arrayContaining(['module.dog_facts', 'module.utilities', 'module.late_values', 'module.none', 'module.authorizer_arn']));
  });

  it('plans exactly the addresses the built-in harness snapshots, mode by mode', () => {
    const real = (module: string) => (planned[`module.${module}`] ?? []).map((a) => a.replace(/^terraform_data\.request_state_secret/, 'random_password.request_state_secret')).sort();
    for (const [mode, addresses] of Object.entries(SNAPSHOT)) {
      if (SAME_RESOURCES_AS[mode]) continue;
      expect(real(COVERED_BY_EXAMPLE[mode] ?? mode), mode).toEqual(addresses.filter((a) => !a.startsWith('data.')));
    }
    // What the modes left out would plan, by the snapshot: the same as the ones planned here, or a subset.
    const managed = SNAPSHOT.access_logs_managed!;
    expect(SNAPSHOT.access_logs!.filter((a) => !managed.includes(a))).toEqual([]);
    expect(SNAPSHOT.cognito_shared).toEqual(SNAPSHOT.late_values);
  });
});
