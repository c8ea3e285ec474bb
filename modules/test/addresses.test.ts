import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODULE_DIR } from '../../scripts/module.ts';
import { DESTROYED_ON_PURPOSE, MOVES, movedBlocks } from '../src/migrations.ts';
import { readModuleFiles } from './builtin-harness.ts';
import { synth } from './synth.ts';

/**
 * Addresses are the module's public interface: users see them in every plan, `state mv`, `import` and
 * `moved` block. address-history.json lists every resource address the module has ever had (append
 * only); addresses.json (checked in terraform-module.test.ts) the instances each mode plans now.
 */
const HISTORY = JSON.parse(readFileSync(join(import.meta.dirname, 'address-history.json'), 'utf8')) as string[];
const files = readModuleFiles(MODULE_DIR);
const main = files['main.tf.json']!;
const current = Object.entries(main.resource as Record<string, Record<string, unknown>>).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`));
const withoutKey = (address: string) => address.replace(/\[.*\]$/, '');

describe('resource addresses', () => {
  it('are chosen names, terraform-aws-modules style, never construct paths with hashes', () => {
    for (const a of current) expect(a).toMatch(/^[a-z0-9_]+\.(this|[a-z][a-z0-9_]*)$/);
    expect(current).toEqual(expect.arrayContaining([
      'aws_lambda_function.this', 'aws_iam_role.lambda', 'aws_cloudwatch_log_group.lambda', 'aws_api_gateway_rest_api.this', 'aws_api_gateway_stage.this',
      'aws_api_gateway_method.this', 'aws_api_gateway_integration.this', 'aws_api_gateway_method_response.this', 'aws_api_gateway_integration_response.this',
      'aws_cognito_user_pool.this', 'aws_acm_certificate.this', 'random_password.request_state_secret',
    ]));
    // One resource per type for the API's methods, integrations and responses: for_each over named routes.
    for (const type of ['aws_api_gateway_method', 'aws_api_gateway_integration', 'aws_api_gateway_method_response', 'aws_api_gateway_integration_response']) {
      expect(Object.keys(main.resource[type]), type).toEqual(['this']);
      expect(main.resource[type].this.for_each, type).toMatch(/local\.api_routes/);
    }
    expect(Object.keys(main.locals.api_routes).sort()).toEqual([
      'asm_get', 'asm_options', 'health_get', 'mcp_delete', 'mcp_get', 'mcp_head', 'mcp_options', 'mcp_post', 'oidc_get', 'oidc_options',
      'prm_mcp_get', 'prm_mcp_options', 'prm_root_get', 'prm_root_options', 'register_options', 'register_post',
      'server_card_get', 'server_card_get_not_modified', 'server_card_options', 'server_card_well_known_get', 'server_card_well_known_get_not_modified',
      'server_card_well_known_options',
    ]);
  });

  it('are all in the history, and every address that left it is moved or destroyed on purpose', () => {
    expect(current.filter((a) => !HISTORY.includes(a)), 'new addresses: add them to address-history.json').toEqual([]);
    const moved = new Set(MOVES.map(([from]) => from));
    const gone = HISTORY.filter((a) => !current.includes(a));
    expect(gone.length).toBeGreaterThan(100);
    expect(gone.filter((a) => !moved.has(a) && !DESTROYED_ON_PURPOSE.includes(a)), 'vanished without a moved block').toEqual([]);
  });

  it('moves each old address to one that exists, at most one old address to each', () => {
    for (const [from, to] of MOVES) {
      expect(current, `${from} → ${to}`).toContain(withoutKey(to));
      expect(current, from).not.toContain(from);
      const key = /\["([a-z_]+)"\]$/.exec(to)?.[1];
      if (key) expect(Object.keys(main.locals.api_routes), to).toContain(key);
    }
    const targets = MOVES.map(([, to]) => to);
    expect(new Set(targets).size).toBe(targets.length);
  });

  it('are written as moved blocks in the plain module (counted instances) and in the CDKTF app (single resources)', () => {
    expect(files['migrations.tf.json']!.moved).toEqual(movedBlocks(true));
    expect(movedBlocks(true).find((b) => b.to === 'aws_api_gateway_method.this["mcp_post"]')!.from).toMatch(/^aws_api_gateway_method\.server_api_mcp-post-method_[0-9A-F]{8}\[0\]$/);
    expect(movedBlocks(true).find((b) => b.to === 'aws_lambda_function.this')!.from).toBe('aws_lambda_function.server_function_9C01EF62');
    expect(synth().json.moved).toEqual(movedBlocks(false));
  });

  it('are the same in the CDKTF app and the plain module', () => {
    const app = synth();
    const appAddresses = Object.entries(app.json.resource as Record<string, Record<string, unknown>>).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`));
    const planned = (JSON.parse(readFileSync(join(import.meta.dirname, 'addresses.json'), 'utf8')) as Record<string, string[]>).cognito!;
    const moduleCognito = [...new Set(planned.filter((a) => !a.startsWith('data.')).map(withoutKey))].sort();
    expect(appAddresses.sort()).toEqual(moduleCognito);
  });
});
