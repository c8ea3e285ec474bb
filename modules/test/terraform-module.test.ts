import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Velocity from 'velocityjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateModule, MODULE_DIR, staleFiles } from '../../scripts/module.ts';
import { harness, hasTerraform, readModuleFiles, type Applied } from './builtin-harness.ts';

const files = readModuleFiles(MODULE_DIR);
const variables = files['variables.tf.json']!.variable as Record<string, Record<string, unknown>>;
const outputs = files['outputs.tf.json']!.output as Record<string, Record<string, unknown>>;

describe('the plain Terraform module (modules/terraform-aws-mcp-server)', () => {
  it('is what make module generates now (CI fails on a stale copy)', async () => {
    expect(staleFiles(await generateModule())).toEqual([]);
  });

  it('has no provider and no backend, and asks for aws >= 6.0', () => {
    const all = JSON.stringify(files);
    expect(all).not.toMatch(/"provider"\s*:/);
    expect(all).not.toMatch(/"backend"\s*:/);
    expect(files['versions.tf.json']!.terraform).toEqual({ required_version: '>= 1.5.7', required_providers: { aws: { source: 'hashicorp/aws', version: '>= 6.0' } } });
  });

  it('takes typed, described variables with clean names, create first', () => {
    expect(Object.keys(variables)).toEqual(expect.arrayContaining([
      'create', 'name', 'manifest_path', 'lambda_zip_path', 'existing_function_arn', 'auth_mode', 'domain_name', 'hosted_zone_id',
      'certificate_arn', 'cognito_user_pool_id', 'throttle_rate_limit', 'throttle_burst_limit', 'register_rate_limit', 'api_key_quota_per_day', 'tags',
    ]));
    for (const [name, v] of Object.entries(variables)) {
      expect(name, 'snake_case, no hash suffix').toMatch(/^[a-z][a-z0-9_]*[a-z0-9]$/);
      expect(name).not.toMatch(/_[0-9A-F]{8}$/);
      expect(typeof v.type, name).toBe('string');
      expect(String(v.description).length, name).toBeGreaterThan(10);
    }
    expect(variables.create!.default).toBe(true);
    expect(Object.entries(variables).filter(([, v]) => !('default' in v)).map(([n]) => n).sort()).toEqual(['manifest_path', 'name']);
    expect(variables.request_state_secret!.sensitive).toBe(true);
  });

  it('outputs the URLs, ids and client configuration, each described', () => {
    expect(Object.keys(outputs).sort()).toEqual([
      'api_id', 'api_key_id', 'api_key_value', 'api_stage_name', 'authorization_server_metadata_url', 'claude_code_command', 'cognito_cli_client_id',
      'cognito_user_pool_id', 'cursor_config', 'health_url', 'lambda_function_name', 'mcp_url', 'protected_resource_metadata_url', 'region', 'vscode_config', 'warnings',
    ]);
    for (const [name, o] of Object.entries(outputs)) expect(String(o.description).length, name).toBeGreaterThan(5);
    expect(outputs.api_key_value!.sensitive).toBe(true);
  });

  it('ships the registration function and finds it under path.module', () => {
    expect(JSON.stringify(files['main.tf.json']!.locals)).toContain('${path.module}/functions/registration.zip');
  });
});

/** Resource counts by type, from the stand-in names (type__logical name). */
const countByType = (r: Applied) => {
  const out: Record<string, number> = {};
  for (const [address, instances] of Object.entries(r.resources)) {
    if (address.startsWith('data__')) continue;
    const type = address.split('__')[0]!;
    out[type] = (out[type] ?? 0) + instances.length;
  }
  return out;
};
const inputsOf = (r: Applied, type: string) => Object.entries(r.resources).filter(([a]) => a.startsWith(`${type}__`)).flatMap(([, i]) => i);

describe.runIf(hasTerraform())('the module under Terraform, with built-in stand-ins for AWS resources', () => {
  let h: ReturnType<typeof harness>;
  let base: Record<string, string>;
  beforeAll(() => {
    h = harness(MODULE_DIR);
    writeFileSync(join(h.dir, 'manifest.json'), JSON.stringify({ manifestVersion: 1, name: 'tasks', version: '1.0.0', scopes: ['tasks:read', 'tasks:write'] }));
    writeFileSync(join(h.dir, 'bundle.zip'), 'stand-in bundle');
    base = { name: 'mcp-tasks', manifest_path: join(h.dir, 'manifest.json'), lambda_zip_path: join(h.dir, 'bundle.zip') };
  });
  const cognito = () => ({ ...base, domain_name: 'mcp.example.com', hosted_zone_id: 'Z1' });

  it('cognito with a domain: the documented resources, discovery whose issuer and scopes match, and the outputs', () => {
    const r = h.apply(cognito());
    expect(r.error).toBe('');
    expect(countByType(r)).toEqual({
      aws_acm_certificate: 1, aws_acm_certificate_validation: 1, aws_api_gateway_authorizer: 1, aws_api_gateway_base_path_mapping: 1,
      aws_api_gateway_deployment: 1, aws_api_gateway_domain_name: 1, aws_api_gateway_gateway_response: 4, aws_api_gateway_integration: 15,
      aws_api_gateway_integration_response: 13, aws_api_gateway_method: 15, aws_api_gateway_method_response: 13, aws_api_gateway_method_settings: 2,
      aws_api_gateway_resource: 8, aws_api_gateway_rest_api: 1, aws_api_gateway_stage: 1, aws_cloudwatch_event_rule: 1, aws_cloudwatch_event_target: 1,
      aws_cloudwatch_log_group: 3, aws_cognito_resource_server: 1, aws_cognito_user_pool: 1, aws_cognito_user_pool_client: 1, aws_cognito_user_pool_domain: 1,
      aws_iam_role: 2, aws_iam_role_policy: 2, aws_lambda_function: 2, aws_lambda_permission: 3, aws_route53_record: 3,
    });
    const templates = inputsOf(r, 'aws_api_gateway_integration_response').map((i) => (i.response_templates as Record<string, string>)['application/json']!);
    const docs = templates.filter((t) => t.includes('issuer') || t.includes('authorization_servers')).map((t) => JSON.parse(Velocity.render(t, {})) as Record<string, any>);
    expect(docs).toHaveLength(4);
    const scopes = ['https://mcp.example.com/mcp', 'https://mcp.example.com/tasks:read', 'https://mcp.example.com/tasks:write'];
    for (const doc of docs) {
      if (doc.issuer) {
        expect(doc).toMatchObject({ issuer: 'https://mcp.example.com', registration_endpoint: 'https://mcp.example.com/register', code_challenge_methods_supported: ['S256'], scopes_supported: ['openid', ...scopes] });
        expect(doc.authorization_endpoint).toMatch(/^https:\/\/mcp-tasks-[0-9a-f]{8}\.auth\..+\.amazoncognito\.com\/oauth2\/authorize$/);
      } else {
        expect(doc).toEqual(expect.objectContaining({ resource: 'https://mcp.example.com/mcp', authorization_servers: ['https://mcp.example.com'], scopes_supported: scopes }));
      }
    }
    const challenge = inputsOf(r, 'aws_api_gateway_gateway_response').find((g) => g.response_type === 'UNAUTHORIZED')!;
    expect((challenge.response_parameters as Record<string, string>)['gatewayresponse.header.WWW-Authenticate'])
      .toBe(`'Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp", scope="${scopes.join(' ')}"'`);
    const post = inputsOf(r, 'aws_api_gateway_method').find((m) => m.http_method === 'POST' && m.authorization !== 'NONE')!;
    expect(post).toMatchObject({ authorization: 'COGNITO_USER_POOLS', authorization_scopes: scopes, api_key_required: false });
    expect(r.outputs).toMatchObject({
      mcp_url: 'https://mcp.example.com/mcp',
      protected_resource_metadata_url: 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp',
      claude_code_command: 'claude mcp add --transport http tasks https://mcp.example.com/mcp',
      warnings: '',
    });
    expect(JSON.parse(r.outputs.vscode_config as string)).toEqual({ servers: { tasks: { type: 'http', url: 'https://mcp.example.com/mcp' } } });
  });

  it('cognito on a shared pool with an existing certificate creates neither', () => {
    const r = h.apply({ ...cognito(), cognito_user_pool_id: 'eu-west-1_abc', cognito_user_pool_arn: 'arn:aws:cognito-idp:eu-west-1:1:userpool/eu-west-1_abc', cognito_domain_prefix: 'acme-auth', certificate_arn: 'arn:aws:acm:eu-west-1:1:certificate/x' });
    expect(r.error).toBe('');
    const counts = countByType(r);
    for (const type of ['aws_cognito_user_pool', 'aws_cognito_user_pool_domain', 'aws_acm_certificate', 'aws_acm_certificate_validation']) expect(counts[type], type).toBeUndefined();
    expect(counts.aws_route53_record).toBe(2);
    expect(r.outputs.cognito_user_pool_id).toBe('eu-west-1_abc');
    expect(inputsOf(r, 'aws_api_gateway_domain_name')[0]!.regional_certificate_arn).toBe('arn:aws:acm:eu-west-1:1:certificate/x');
  });

  it('api_key without a domain: a key and a usage plan with its quota, no OAuth, the key required on POST /mcp', () => {
    const r = h.apply({ ...base, auth_mode: 'api_key', api_key_quota_per_day: 1000 as unknown as string });
    expect(r.error).toBe('');
    const counts = countByType(r);
    expect(counts).toMatchObject({ aws_api_gateway_api_key: 1, aws_api_gateway_usage_plan: 1, aws_api_gateway_usage_plan_key: 1, aws_lambda_function: 1, aws_api_gateway_method: 5 });
    expect(Object.keys(counts).filter((t) => /cognito|acm|route53|authorizer|event/.test(t))).toEqual([]);
    expect(inputsOf(r, 'aws_api_gateway_usage_plan')[0]!.quota_settings).toEqual([{ limit: 1000, period: 'DAY' }]);
    expect(inputsOf(r, 'aws_api_gateway_method').find((m) => m.http_method === 'POST')).toMatchObject({ authorization: 'NONE', api_key_required: true });
    expect(r.outputs.protected_resource_metadata_url ?? null).toBeNull();
    expect(r.outputs.claude_code_command).toMatch(/--header "X-Api-Key: <api key>"$/);
  });

  it('authorizer_arn: the existing Lambda authorizer guards POST /mcp and may be invoked by this API', () => {
    const r = h.apply({ ...base, auth_mode: 'authorizer_arn', authorizer_arn: 'arn:aws:lambda:eu-west-1:1:function:auth' });
    expect(r.error).toBe('');
    expect(inputsOf(r, 'aws_api_gateway_authorizer')).toEqual([expect.objectContaining({ type: 'REQUEST' })]);
    expect(inputsOf(r, 'aws_api_gateway_method').find((m) => m.http_method === 'POST')).toMatchObject({ authorization: 'CUSTOM' });
    expect(inputsOf(r, 'aws_lambda_permission').map((p) => p.function_name)).toContain('arn:aws:lambda:eu-west-1:1:function:auth');
  });

  it('none: open, and the warnings output says so', () => {
    const r = h.apply({ ...base, auth_mode: 'none' });
    expect(r.error).toBe('');
    expect(r.outputs.warnings).toMatch(/anyone who can reach the URL/);
  });

  it('an existing function: no function, role or log group of its own, only the invoke permission', () => {
    const { lambda_zip_path: _zip, ...rest } = base;
    const r = h.apply({ ...rest, auth_mode: 'none', existing_function_arn: 'arn:aws:lambda:eu-west-1:1:function:legacy' });
    expect(r.error).toBe('');
    const counts = countByType(r);
    expect(counts.aws_lambda_function).toBeUndefined();
    expect(counts.aws_iam_role).toBeUndefined();
    expect(inputsOf(r, 'aws_lambda_permission').map((p) => p.function_name)).toEqual(['legacy']);
    expect(r.outputs.lambda_function_name).toBe('legacy');
  });

  it('create = false creates nothing', () => {
    const r = h.apply({ ...cognito(), create: false as unknown as string });
    expect(r.error).toBe('');
    expect(countByType(r)).toEqual({});
    expect(r.outputs.mcp_url ?? null).toBeNull(); // Terraform leaves null outputs out of its state
  });

  it('refuses, before creating anything, what cannot work', () => {
    expect(h.apply({ ...base }).error).toMatch(/auth_mode "cognito" needs domain_name and hosted_zone_id/);
    expect(h.apply({ ...base, auth_mode: 'sso' }).error).toMatch(/auth_mode must be cognito, api_key, authorizer_arn or none/);
    expect(h.apply({ ...cognito(), cognito_domain_prefix: 'my-cognito' }).error).toMatch(/without aws, amazon or cognito/);
    expect(h.apply({ ...base, auth_mode: 'none', existing_function_arn: 'arn:aws:lambda:eu-west-1:1:function:x' }).error).toMatch(/exactly one of lambda_zip_path and existing_function_arn/);
    expect(h.apply({ ...base, auth_mode: 'none', request_state_secret: 'short' }).error).toMatch(/at least 32 characters/);
  });
});
