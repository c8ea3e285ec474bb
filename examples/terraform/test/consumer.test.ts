import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODULE_DIR } from '../../../scripts/module.ts';
import { harness, hasTerraform } from '../../../modules/test/builtin-harness.ts';
import { terraformEnv } from '../../../modules/test/terraform-env.ts';
import { standInManifestText } from '../../../modules/test/stand-in-manifest.ts';

const HERE = join(import.meta.dirname, '..');
const read = (f: string) => readFileSync(join(HERE, f), 'utf8');

describe.runIf(hasTerraform())('examples/terraform, a root configuration consuming the module', () => {
  it('is formatted as terraform fmt writes it', () => {
    const r = spawnSync('terraform', ['fmt', '-check', '-no-color', HERE], { encoding: 'utf8', env: terraformEnv() });
    expect(r.status, r.stdout).toBe(0);
  });

  it('plans (AWS resources stood in by built-ins): dog facts on its domain with OAuth, utilities with a key', () => {
    const h = harness(MODULE_DIR);
    const dist = join(h.dir, 'dist');
    for (const [server, scopes] of [['dog-facts', ['dogfacts:read']], ['utilities', ['utilities:read']]] as const) {
      mkdirSync(join(dist, server), { recursive: true });
      writeFileSync(join(dist, `${server}.zip`), `stand-in ${server} bundle`);
      writeFileSync(join(dist, server, 'manifest.json'), standInManifestText(server, scopes));
    }
    // providers.tf and versions.tf name the AWS provider, which cannot be downloaded here.
    const r = h.applyConsumer({ 'main.tf': read('main.tf'), 'variables.tf': read('variables.tf'), 'outputs.tf': read('outputs.tf') }, '../../modules/terraform-aws-mcp-server', [
      `-var=dist_dir=${dist}`, '-var=domain_name=dog-facts.mcp.example.com', '-var=hosted_zone_id=Z1',
    ]);
    expect(r.error).toBe('');
    expect(r.outputs.dog_facts_url).toBe('https://dog-facts.mcp.example.com/mcp');
    expect(r.outputs.dog_facts_claude_code).toBe('claude mcp add --transport http dog-facts https://dog-facts.mcp.example.com/mcp');
    expect(typeof r.outputs.utilities_api_key).toBe('string');
    const types = (prefix: string) => Object.keys(r.resources).filter((a) => a.startsWith(prefix)).map((a) => a.split(':')[1]!.split('__')[0]);
    expect(types('module.dog_facts:')).toEqual(expect.arrayContaining(['aws_cognito_user_pool', 'aws_api_gateway_domain_name', 'aws_acm_certificate']));
    expect(types('module.utilities:')).toEqual(expect.arrayContaining(['aws_api_gateway_api_key', 'aws_api_gateway_usage_plan']));
    expect(types('module.utilities:').filter((t) => /cognito|acm|domain_name/.test(t!))).toEqual([]);
    const plan = r.resources[Object.keys(r.resources).find((a) => a.startsWith('module.utilities:aws_api_gateway_usage_plan__'))!]![0]!;
    expect(plan.quota_settings).toEqual([{ limit: 5000, period: 'DAY' }]);
  });
});
