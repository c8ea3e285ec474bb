import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Velocity from 'velocityjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateModule, MODULE_DIR, staleFiles } from '../../scripts/module.ts';
import { DESTROYED_ON_PURPOSE, MOVES } from '../src/migrations.ts';
import { harness, hasTerraform, readModuleFiles, type Applied } from './builtin-harness.ts';
import { moduleModes } from './module-modes.ts';
import { ENV_VARIABLES, REQUIRED_ENV_VARIABLES, settingsFromEnv } from '@serverless-mcp/front-door/config';
import { createFrontDoor, MemoryStore, silentLogger } from '@serverless-mcp/front-door';
import { standInManifestText } from './stand-in-manifest.ts';
import { completeCard, describeServer, manifestText, type ServerDescription } from '@serverless-mcp/handler-kit/manifest';
import { loadServer } from '../../scripts/load-server.ts';
import { cardErrors } from '../../handler-kit/test/server-card-schema.ts';

const ADDRESSES_FILE = join(import.meta.dirname, 'addresses.json');
const LATE = '${terraform_data.made_elsewhere.id}';

const files = readModuleFiles(MODULE_DIR);
const variables = files['variables.tf.json']!.variable as Record<string, Record<string, unknown>>;
const outputs = files['outputs.tf.json']!.output as Record<string, Record<string, unknown>>;

describe('the plain Terraform module (modules/terraform-aws-mcp-server)', () => {
  it('is what make module generates now (CI fails on a stale copy)', async () => {
    expect(staleFiles(await generateModule())).toEqual([]);
  });

  it('has no provider and no backend, and asks for aws >= 6.26 (STREAM integrations up to 900 s) and random >= 3.6', () => {
    const all = JSON.stringify(files);
    expect(all).not.toMatch(/"provider"\s*:/);
    expect(all).not.toMatch(/"backend"\s*:/);
    expect(files['versions.tf.json']!.terraform).toEqual({
      required_version: '>= 1.5.7',
      required_providers: { aws: { source: 'hashicorp/aws', version: '>= 6.26' }, random: { source: 'hashicorp/random', version: '>= 3.6' } },
    });
  });

  it('takes typed, described variables with clean names, create first', () => {
    expect(Object.keys(variables)).toEqual(expect.arrayContaining([
      'create', 'name', 'manifest_path', 'create_function', 'local_existing_package', 'existing_function_arn', 'memory_size', 'timeout', 'architectures',
      'cloudwatch_logs_retention_in_days', 'reserved_concurrent_executions', 'provisioned_concurrent_executions', 'environment_variables', 'policy_statements',
      'auth_mode', 'create_user_pool', 'cognito_user_pool_id', 'cognito_deletion_protection', 'cognito_mfa_configuration', 'cognito_user_pool_tier',
      'create_domain_name', 'domain_name', 'hosted_zone_id', 'create_certificate', 'certificate_arn', 'throttle_rate_limit', 'throttle_burst_limit',
      'register_rate_limit', 'token_rate_limit', 'front_door_rate_limit', 'api_key_quota_per_day', 'access_logging', 'request_state_secret', 'tags',
      'front_door_redirect_hosts', 'front_door_private_redirect_uris', 'front_door_allow_any_redirect', 'front_door_registration_ttl_seconds',
      'front_door_max_registrations', 'front_door_consent_ttl_seconds', 'front_door_cimd_enabled', 'front_door_table_kms_key_arn',
      'front_door_table_point_in_time_recovery', 'front_door_table_deletion_protection', 'create_waf_web_acl', 'waf_register_rate_limit', 'waf_token_rate_limit',
    ]));
    // What the front door replaced is gone.
    for (const gone of ['cognito_cli_callback_urls', 'registration_redirect_hosts', 'registration_max_clients', 'registration_retention_days']) expect(variables[gone], gone).toBeUndefined();
    // The unsafe choices are explicit opt-ins.
    expect(variables.front_door_allow_any_redirect).toMatchObject({ type: 'bool', default: false });
    expect(variables.create_waf_web_acl).toMatchObject({ type: 'bool', default: false });
    // Every structural choice is an explicit switch beside the value it uses.
    for (const [flag, value] of [['create_function', 'existing_function_arn'], ['create_user_pool', 'cognito_user_pool_id'], ['create_certificate', 'certificate_arn'], ['create_domain_name', 'domain_name']]) {
      expect(variables[flag!], flag).toMatchObject({ type: 'bool', default: true });
      expect(variables[value!], value).toBeDefined();
    }
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
      'acm_certificate_arn', 'api_execution_arn', 'api_id', 'api_key_id', 'api_key_value', 'authorization_server_metadata_url', 'claude_code_command',
      'cloudwatch_log_group_name', 'cognito_user_pool_arn', 'cognito_user_pool_id', 'cursor_config', 'front_door_cloudwatch_log_group_name',
      'front_door_cognito_client_id', 'front_door_dynamodb_table_arn', 'front_door_dynamodb_table_name', 'front_door_lambda_function_arn',
      'front_door_lambda_function_name', 'front_door_lambda_role_arn', 'front_door_lambda_role_name', 'health_url', 'lambda_function_arn', 'lambda_function_name', 'lambda_role_arn', 'lambda_role_name', 'mcp_url', 'protected_resource_metadata_url', 'region',
      'request_state_secret', 'server_card_url', 'stage_invoke_url', 'stage_name', 'vscode_config', 'wafv2_web_acl_arn', 'warnings',
    ]);
    for (const [name, o] of Object.entries(outputs)) expect(String(o.description).length, name).toBeGreaterThan(5);
    expect(outputs.api_key_value!.sensitive).toBe(true);
    expect(outputs.request_state_secret!.sensitive).toBe(true);
  });

  it('ships the front door\'s function and finds it under path.module', () => {
    expect(JSON.stringify(files['main.tf.json']!.locals)).toContain('${path.module}/functions/front-door.zip');
    expect(files['main.tf.json']!.resource.aws_lambda_function.front_door.filename).toBe('${local.front_door_zip}');
  });
});

/** Resource counts by type, from the stand-in names (type__logical name). */
/** The module before the front door (main at bf06d65) planned in cognito mode: what an existing deployment holds (previous-version-addresses.json). */
const PREVIOUS = JSON.parse(readFileSync(join(import.meta.dirname, 'previous-version-addresses.json'), 'utf8')) as { addresses: string[] };
const forEachOf = (type: string, keys: string[]) => keys.map((k) => `${type}.this["${k}"]`);
const API_TYPES = ['aws_api_gateway_integration', 'aws_api_gateway_method'];
const MOCK_TYPES = ['aws_api_gateway_integration_response', 'aws_api_gateway_method_response'];
/** What the front door replaces: the registration function and its schedule, the CLI client, the OpenID Connect document. */
const UPGRADE_DESTROYS = [
  ...[...API_TYPES, ...MOCK_TYPES].flatMap((t) => forEachOf(t, ['oidc_get', 'oidc_options'])),
  // The metadata documents were mock answers; the front door serves them now (their methods and integrations stay, changed).
  ...MOCK_TYPES.flatMap((t) => forEachOf(t, ['asm_get', 'prm_mcp_get', 'prm_root_get'])),
  'aws_api_gateway_resource.openid_configuration[0]', 'aws_cloudwatch_event_rule.registration_cleanup[0]', 'aws_cloudwatch_event_target.registration_cleanup[0]',
  'aws_cloudwatch_log_group.registration[0]', 'aws_cognito_user_pool_client.cli[0]', 'aws_iam_role.registration[0]', 'aws_iam_role_policy.registration[0]',
  'aws_lambda_function.registration[0]', 'aws_lambda_permission.registration_api_gateway[0]', 'aws_lambda_permission.registration_cleanup[0]',
].sort();
const UPGRADE_CREATES = [
  ...API_TYPES.flatMap((t) => forEachOf(t, ['authorize_get', 'callback_get', 'consent_post', 'revoke_options', 'revoke_post', 'token_options', 'token_post'])),
  ...MOCK_TYPES.flatMap((t) => forEachOf(t, ['revoke_options', 'token_options'])),
  ...['authorize', 'callback', 'consent', 'oauth_authorization_server', 'oauth_protected_resource', 'oauth_protected_resource_mcp', 'revoke', 'token'].map((n) => `aws_api_gateway_method_settings.${n}[0]`),
  ...['authorize', 'callback', 'consent', 'revoke', 'token'].map((n) => `aws_api_gateway_resource.${n}[0]`),
  'aws_cloudwatch_log_group.front_door[0]', 'aws_cognito_user_pool_client.front_door[0]', 'aws_dynamodb_table.front_door[0]', 'aws_iam_role.front_door[0]',
  'aws_iam_role_policy.front_door[0]', 'aws_lambda_function.front_door[0]', 'aws_lambda_permission.front_door_api_gateway[0]',
].sort();
/** One cognito-mode server (new pool and certificate): 140 resources. */
const COGNITO_RESOURCES = {
  aws_acm_certificate: 1, aws_acm_certificate_validation: 1, aws_api_gateway_authorizer: 1, aws_api_gateway_base_path_mapping: 1, aws_api_gateway_deployment: 1,
  aws_api_gateway_domain_name: 1, aws_api_gateway_gateway_response: 4, aws_api_gateway_integration: 25, aws_api_gateway_integration_response: 17,
  aws_api_gateway_method: 25, aws_api_gateway_method_response: 17, aws_api_gateway_method_settings: 10, aws_api_gateway_resource: 15, aws_api_gateway_rest_api: 1,
  aws_api_gateway_stage: 1, aws_cloudwatch_log_group: 2, aws_cognito_resource_server: 1, aws_cognito_user_pool: 1, aws_cognito_user_pool_client: 1,
  aws_cognito_user_pool_domain: 1, aws_dynamodb_table: 1, aws_iam_role: 2, aws_iam_role_policy: 2, aws_lambda_function: 2, aws_lambda_permission: 2,
  aws_route53_record: 3, random_password: 1,
};
const SCOPES = ['https://mcp.example.com/mcp', 'https://mcp.example.com/tasks:read', 'https://mcp.example.com/tasks:write'];
/** What McpFunction sets on every function, beside the front door's own variables. */
const LAMBDA_ENVIRONMENT = ['LOG_LEVEL', 'POWERTOOLS_SERVICE_NAME', 'NODE_OPTIONS'];

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

describe.runIf(hasTerraform())('the module under Terraform, with built-in stand-ins for AWS resources', { timeout: 90_000 }, () => {
  let h: ReturnType<typeof harness>;
  let base: Record<string, string>;
  let applied: Record<string, Applied>;
  let tasksManifest: ServerDescription;
  beforeAll(async () => {
    h = harness(MODULE_DIR);
    // The default example's own manifest, as make build writes it (its serverCard lists five tools and a prompt).
    tasksManifest = describeServer(await loadServer('tasks'));
    expect(tasksManifest.scopes).toEqual(['tasks:read', 'tasks:write']);
    writeFileSync(join(h.dir, 'manifest.json'), manifestText(tasksManifest));
    writeFileSync(join(h.dir, 'bundle.zip'), 'stand-in bundle');
    base = { name: 'mcp-tasks', manifest_path: join(h.dir, 'manifest.json'), local_existing_package: join(h.dir, 'bundle.zip') };
    // Every configuration in one Terraform root: one init and one plan for all of them.
    applied = h.applyMany(modes(), { terraform_data: { made_elsewhere: { input: 'in the same root' } } });
  }, 180_000);
  const cognito = () => ({ ...base, domain_name: 'mcp.example.com', hosted_zone_id: 'Z1' });
  const noDomain = () => ({ ...base, create_domain_name: false as unknown as string });

  const modes = () => moduleModes(base.manifest_path!, base.local_existing_package!, {
    certificateArn: `arn:aws:acm:eu-west-1:1:certificate/${LATE}`, poolId: `eu-west-1_${LATE}`, poolArn: `arn:aws:cognito-idp:eu-west-1:1:userpool/eu-west-1_${LATE}`, secret: `secret-${LATE}`,
  });
  const run = (mode: string) => applied[mode]!;

  it('cognito with a domain: the documented resources, discovery whose issuer and scopes match, and the outputs', () => {
    const r = run('cognito');
    expect(r.error).toBe('');
    expect(countByType(r)).toEqual(COGNITO_RESOURCES);
    const scopes = ['https://mcp.example.com/mcp', 'https://mcp.example.com/tasks:read', 'https://mcp.example.com/tasks:write'];
    const challenge = inputsOf(r, 'aws_api_gateway_gateway_response').find((g) => g.response_type === 'UNAUTHORIZED')!;
    expect((challenge.response_parameters as Record<string, string>)['gatewayresponse.header.WWW-Authenticate'])
      .toBe(`'Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp", scope="${scopes.join(' ')}"'`);
    // Every /mcp method but the preflight sits behind the authorizer, so an anonymous GET or HEAD probe gets the 401 challenge.
    const guarded = inputsOf(r, 'aws_api_gateway_method').filter((m) => m.authorization !== 'NONE');
    expect(guarded.map((m) => m.http_method).sort()).toEqual(['DELETE', 'GET', 'HEAD', 'POST']);
    for (const m of guarded) expect(m).toMatchObject({ authorization: 'COGNITO_USER_POOLS', authorization_scopes: scopes, api_key_required: false });
    const fn = inputsOf(r, 'aws_lambda_function').find((f) => f.function_name === 'mcp-tasks')!;
    const env = (fn.environment as { variables: Record<string, string> }).variables;
    expect(env).toMatchObject({ MCP_AUTH_REQUIRED: 'true', MCP_FULL_ACCESS_SCOPES: 'mcp', MCP_RESPONSE_STREAMING: 'true' });
    // The generated secret (the random_password stand-in's id here).
    expect(env.MCP_STATE_SECRET).toMatch(/^[0-9a-f]{40}$/);
    // Streaming by default: the function may run 899 s and POST /mcp waits 15 minutes in STREAM mode through
    // the streaming invoke URI; the nine front-door routes stay buffered, a second longer than it (10 s + 1).
    expect(fn.timeout).toBe(899);
    const proxies = inputsOf(r, 'aws_api_gateway_integration').filter((i) => i.type === 'AWS_PROXY');
    expect(proxies.map((i) => [i.timeout_milliseconds, i.response_transfer_mode]).sort()).toEqual([...Array(9).fill([11000, 'BUFFERED']), [900000, 'STREAM']]);
    const post = proxies.find((i) => i.response_transfer_mode === 'STREAM')!;
    expect(String(post.uri)).toMatch(/^arn:aws:apigateway:[^:]*:lambda:path\/2021-11-15\/functions\/.+\/response-streaming-invocations$/);
    for (const mock of inputsOf(r, 'aws_api_gateway_integration').filter((i) => i.type === 'MOCK')) expect(mock.response_transfer_mode ?? null).toBeNull();
    expect(r.outputs).toMatchObject({
      mcp_url: 'https://mcp.example.com/mcp',
      protected_resource_metadata_url: 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp',
      claude_code_command: 'claude mcp add --transport http tasks https://mcp.example.com/mcp',
      warnings: '',
    });
    for (const o of ['lambda_function_name', 'lambda_function_arn', 'lambda_role_arn', 'lambda_role_name', 'cloudwatch_log_group_name', 'api_execution_arn', 'stage_invoke_url', 'acm_certificate_arn', 'cognito_user_pool_arn']) {
      expect(typeof r.outputs[o], o).toBe('string');
    }
    expect(r.outputs.request_state_secret).toBe(env.MCP_STATE_SECRET);
    expect(JSON.parse(r.outputs.vscode_config as string)).toEqual({ servers: { tasks: { type: 'http', url: 'https://mcp.example.com/mcp' } } });
  });

  it('cognito: the front door\'s function, table, confidential client, open routes and their throttles', () => {
    const r = run('cognito');
    const fn = inputsOf(r, 'aws_lambda_function').find((f) => f.function_name === 'mcp-tasks-front-door')!;
    expect(fn).toMatchObject({ runtime: 'nodejs24.x', architectures: ['arm64'], memory_size: 256, timeout: 10, handler: 'index.handler' });
    expect(fn.filename).toMatch(/functions\/front-door\.zip$/);
    expect(inputsOf(r, 'aws_cloudwatch_log_group').map((g) => g.name).sort()).toEqual(['/aws/lambda/mcp-tasks', '/aws/lambda/mcp-tasks-front-door']);
    expect(inputsOf(r, 'aws_iam_role').map((g) => g.name).sort()).toEqual(['mcp-tasks-front-door', 'mcp-tasks-lambda']);
    const policy = inputsOf(r, 'data__aws_iam_policy_document').find((d) => JSON.stringify(d).includes('dynamodb:'))!;
    expect((policy.statement as Record<string, unknown>[]).map((st) => st.actions)).toEqual([
      ['logs:CreateLogStream', 'logs:PutLogEvents'], ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:UpdateItem'],
    ]);
    const [table] = inputsOf(r, 'aws_dynamodb_table');
    expect(table).toMatchObject({
      name: 'mcp-tasks-front-door', billing_mode: 'PAY_PER_REQUEST', hash_key: 'pk', attribute: [{ name: 'pk', type: 'S' }], ttl: { attribute_name: 'ttl', enabled: true },
      server_side_encryption: { enabled: false, kms_key_arn: null }, point_in_time_recovery: { enabled: false }, deletion_protection_enabled: false,
    });
    const clients = inputsOf(r, 'aws_cognito_user_pool_client');
    expect(clients).toHaveLength(1);
    expect(clients[0]).toMatchObject({
      name: 'mcp-tasks-front-door', generate_secret: true, allowed_oauth_flows: ['code'], allowed_oauth_flows_user_pool_client: true,
      callback_urls: ['https://mcp.example.com/callback'], allowed_oauth_scopes: ['openid', ...SCOPES], supported_identity_providers: ['COGNITO'],
      refresh_token_rotation: [{ feature: 'ENABLED', retry_grace_period_seconds: 10 }], enable_token_revocation: true,
    });
    // Every front-door route is open (no authorizer) and goes to the front door; browsers get preflights where they call.
    const methods = inputsOf(r, 'aws_api_gateway_method');
    const integrations = inputsOf(r, 'aws_api_gateway_integration');
    const toFrontDoor = integrations.filter((i) => i.type === 'AWS_PROXY' && i.timeout_milliseconds === 11_000);
    expect(toFrontDoor.map((i) => i.http_method).sort()).toEqual(['GET', 'GET', 'GET', 'GET', 'GET', 'POST', 'POST', 'POST', 'POST']);
    expect(new Set(toFrontDoor.map((i) => i.uri)).size).toBe(1);
    expect(integrations.find((i) => i.type === 'AWS_PROXY' && i.response_transfer_mode === 'STREAM')!.uri).not.toBe(toFrontDoor[0]!.uri);
    for (const i of toFrontDoor) expect(i).toMatchObject({ type: 'AWS_PROXY', integration_http_method: 'POST' });
    // Open as well: health and the server card's two locations (GET and OPTIONS each).
    expect(methods.filter((m) => m.authorization === 'NONE').map((m) => m.http_method).sort()).toEqual([...Array(8).fill('GET'), ...Array(9).fill('OPTIONS'), ...Array(4).fill('POST')]);
    const paths = inputsOf(r, 'aws_api_gateway_resource').map((p) => p.path_part).sort();
    expect(paths).toEqual([
      '.well-known', 'authorize', 'callback', 'consent', 'health', 'mcp', 'mcp', 'mcp', 'oauth-authorization-server', 'oauth-protected-resource', 'register', 'revoke',
      'server-card', 'server-card.json', 'token',
    ]);
    const throttles = Object.fromEntries(inputsOf(r, 'aws_api_gateway_method_settings').map((m) => {
      const t = m.settings as Record<string, number>;
      return [m.method_path, [t.throttling_rate_limit, t.throttling_burst_limit]];
    }));
    expect(throttles).toEqual({
      '*/*': [50, 100], 'register/POST': [1, 5], 'token/POST': [5, 10], 'authorize/GET': [10, 20], 'callback/GET': [10, 20], 'consent/POST': [10, 20], 'revoke/POST': [10, 20],
      '.well-known/oauth-authorization-server/GET': [10, 20], '.well-known/oauth-protected-resource/GET': [10, 20], '.well-known/oauth-protected-resource/mcp/GET': [10, 20],
    });
    const [permission] = inputsOf(r, 'aws_lambda_permission').filter((p) => String(p.source_arn).endsWith('/*/*/*'));
    expect(permission).toMatchObject({ principal: 'apigateway.amazonaws.com', action: 'lambda:InvokeFunction' });
    expect(countByType(r).aws_wafv2_web_acl).toBeUndefined();
  });

  it('cognito: the front door\'s environment is what its own configuration reader takes, and its metadata names this domain and these scopes', async () => {
    const fn = inputsOf(run('cognito'), 'aws_lambda_function').find((f) => f.function_name === 'mcp-tasks-front-door')!;
    const env = (fn.environment as { variables: Record<string, string> }).variables;
    const own = Object.keys(env).filter((n) => !LAMBDA_ENVIRONMENT.includes(n));
    // Only names the reader declares, and every one it requires (one definition: front-door/src/config-from-env.ts).
    expect(own.filter((n) => !(n in ENV_VARIABLES))).toEqual([]);
    expect(REQUIRED_ENV_VARIABLES.filter((n) => !env[n])).toEqual([]);
    const settings = settingsFromEnv(env);
    expect(settings.frontDoor).toMatchObject({ issuer: 'https://mcp.example.com', resource: 'https://mcp.example.com/mcp', scopes: SCOPES, serverName: 'tasks', cimd: { enabled: true } });
    expect(settings.frontDoor.scopeDescriptions).toEqual({
      'https://mcp.example.com/mcp': 'Everything tasks offers', 'https://mcp.example.com/tasks:read': 'Tools needing tasks:read', 'https://mcp.example.com/tasks:write': 'Tools needing tasks:write',
    });
    expect(settings.frontDoor.refreshTtlSeconds).toBe(30 * 86_400);
    expect(settings.upstream.issuer).toMatch(/^https:\/\/cognito-idp\..+\.amazonaws\.com\/.+/);
    expect(settings.upstream.revocationEndpoint).toMatch(/^https:\/\/mcp-tasks-[0-9a-f]{8}\.auth\..+\.amazoncognito\.com\/oauth2\/revoke$/);
    // The documents API Gateway now serves come from the front door itself, built from this environment.
    const door = createFrontDoor(settings.frontDoor, { store: new MemoryStore(), upstream: {} as never, logger: silentLogger });
    const get = async (path: string) => JSON.parse((await door.handle({ method: 'GET', url: path, headers: {}, body: '' })).body) as Record<string, unknown>;
    expect(await get('/.well-known/oauth-authorization-server')).toMatchObject({
      issuer: 'https://mcp.example.com', authorization_endpoint: 'https://mcp.example.com/authorize', token_endpoint: 'https://mcp.example.com/token',
      registration_endpoint: 'https://mcp.example.com/register', code_challenge_methods_supported: ['S256'], scopes_supported: SCOPES,
    });
    expect(await get('/.well-known/oauth-protected-resource/mcp')).toMatchObject({ resource: 'https://mcp.example.com/mcp', authorization_servers: ['https://mcp.example.com'], scopes_supported: SCOPES });
  });

  it('cognito with every front-door option: the web ACL on the stage, a customer key, recovery, protection, the redirect policy and CIMD off', () => {
    const r = run('cognito_shared');
    expect(r.error).toBe('');
    const [acl] = inputsOf(r, 'aws_wafv2_web_acl');
    expect(acl).toMatchObject({ scope: 'REGIONAL', default_action: { allow: {} }, visibility_config: { sampled_requests_enabled: false } });
    const rules = acl!.rule as Record<string, any>[];
    expect(rules.map((x) => [x.name, x.statement[0].rate_based_statement[0].limit, x.statement[0].rate_based_statement[0].scope_down_statement[0].byte_match_statement[0].search_string]))
      .toEqual([['register-per-ip', 10, '/register'], ['token-per-ip', 300, '/token']]);
    for (const x of rules) expect(x.action).toEqual([{ block: [{ custom_response: [{ response_code: 429 }] }] }]);
    expect(inputsOf(r, 'aws_wafv2_web_acl_association')).toHaveLength(1);
    expect(typeof r.outputs.wafv2_web_acl_arn).toBe('string');
    expect(inputsOf(r, 'aws_dynamodb_table')[0]).toMatchObject({
      server_side_encryption: { enabled: true, kms_key_arn: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
      point_in_time_recovery: { enabled: true }, deletion_protection_enabled: true,
    });
    const fn = inputsOf(r, 'aws_lambda_function').find((f) => f.function_name === 'mcp-tasks-front-door')!;
    const settings = settingsFromEnv((fn.environment as { variables: Record<string, string> }).variables).frontDoor;
    expect(settings).toMatchObject({ redirects: { httpsHosts: ['chat.example.com'], privateUris: ['myapp://oauth/callback'], allowAny: false }, consentTtlSeconds: 0, cimd: { enabled: false } });
    // The shared pool's own domain and id.
    expect(settingsFromEnv((fn.environment as { variables: Record<string, string> }).variables).upstream).toMatchObject({ issuer: expect.stringMatching(/\/eu-west-1_abc$/), revocationEndpoint: expect.stringMatching(/^https:\/\/acme-auth\.auth\./) });
  });

  it('access logging is off by default, on with account_role_set, and manage_account_role adds the account role after its policy', () => {
    expect(countByType(run('cognito')).aws_api_gateway_account).toBeUndefined();
    expect(inputsOf(run('cognito'), 'aws_api_gateway_stage')[0]!.access_log_settings).toEqual([]);
    const on = run('access_logs');
    expect(on.error).toBe('');
    expect(countByType(on)).toMatchObject({ aws_cloudwatch_log_group: 2 });
    expect(countByType(on).aws_api_gateway_account).toBeUndefined();
    expect(inputsOf(on, 'aws_api_gateway_stage')[0]!.access_log_settings).toEqual([expect.objectContaining({ format: expect.stringContaining('"clientId":"$context.authorizer.claims.client_id"') })]);
    const managed = run('access_logs_managed');
    expect(managed.error).toBe('');
    expect(countByType(managed)).toMatchObject({ aws_api_gateway_account: 1, aws_iam_role_policy_attachment: 1, aws_iam_role: 2 });
    // The account setting is made only once its role may write (depends_on the attachment).
    expect(JSON.stringify(files['main.tf.json']!.resource.aws_api_gateway_account.this.depends_on)).toContain('aws_iam_role_policy_attachment.api_gateway_cloudwatch');
  });

  it('cognito on a shared pool with an existing certificate creates neither', () => {
    const r = run('cognito_shared');
    expect(r.error).toBe('');
    const counts = countByType(r);
    for (const type of ['aws_cognito_user_pool', 'aws_cognito_user_pool_domain', 'aws_acm_certificate', 'aws_acm_certificate_validation']) expect(counts[type], type).toBeUndefined();
    expect(counts.aws_route53_record).toBe(2);
    expect(r.outputs.cognito_user_pool_id).toBe('eu-west-1_abc');
    expect(r.outputs.acm_certificate_arn).toBe('arn:aws:acm:eu-west-1:123456789012:certificate/x');
    expect(inputsOf(r, 'aws_api_gateway_domain_name')[0]!.regional_certificate_arn).toBe('arn:aws:acm:eu-west-1:123456789012:certificate/x');
  });

  it('a certificate, a pool and a secret known only after apply decide no count (explicit create_* switches)', () => {
    const r = run('late_values');
    expect(r.error).not.toMatch(/Invalid count argument|Invalid for_each argument/);
    expect(r.error).toBe('');
    // Planned: these are known only once the root has made its own resource.
    expect(r.unknownOutputs).toEqual(expect.arrayContaining(['cognito_user_pool_id', 'acm_certificate_arn', 'request_state_secret']));
    expect(countByType(r).aws_cognito_user_pool).toBeUndefined();
  });

  it('api_key without a domain: a key and a usage plan with its quota, no OAuth, the key required on every /mcp method', () => {
    const r = run('api_key');
    expect(r.error).toBe('');
    const counts = countByType(r);
    expect(counts).toMatchObject({ aws_api_gateway_api_key: 1, aws_api_gateway_usage_plan: 1, aws_api_gateway_usage_plan_key: 1, aws_lambda_function: 1, aws_api_gateway_method: 10 });
    expect(Object.keys(counts).filter((t) => /cognito|acm|route53|authorizer|event/.test(t))).toEqual([]);
    expect(inputsOf(r, 'aws_api_gateway_usage_plan')[0]!.quota_settings).toEqual([{ limit: 1000, period: 'DAY' }]);
    expect(inputsOf(r, 'aws_api_gateway_method').find((m) => m.http_method === 'POST')).toMatchObject({ authorization: 'NONE', api_key_required: true });
    expect(inputsOf(r, 'aws_api_gateway_method').filter((m) => m.api_key_required).map((m) => m.http_method).sort()).toEqual(['DELETE', 'GET', 'HEAD', 'POST']);
    expect(r.outputs.protected_resource_metadata_url ?? null).toBeNull();
    expect(r.outputs.claude_code_command).toMatch(/--header "X-Api-Key: <api key>"$/);
  });

  it('authorizer_arn: the existing Lambda authorizer guards /mcp and may be invoked by this API', () => {
    const r = run('authorizer_arn');
    expect(r.error).toBe('');
    expect(inputsOf(r, 'aws_api_gateway_authorizer')).toEqual([expect.objectContaining({ type: 'REQUEST' })]);
    expect(inputsOf(r, 'aws_api_gateway_method').find((m) => m.http_method === 'POST')).toMatchObject({ authorization: 'CUSTOM' });
    expect(inputsOf(r, 'aws_lambda_permission').map((p) => p.function_name)).toContain('arn:aws:lambda:eu-west-1:123456789012:function:auth');
  });

  it('none: open, and the warnings output says so', () => {
    const r = run('none');
    expect(r.error).toBe('');
    expect(r.outputs.warnings).toMatch(/anyone who can reach the URL/);
  });

  it('an existing function: no function, role or log group of its own; a qualified ARN is invoked and permitted with its qualifier', () => {
    const r = run('existing_function');
    expect(r.error).toBe('');
    const counts = countByType(r);
    expect(counts.aws_lambda_function).toBeUndefined();
    expect(counts.aws_iam_role).toBeUndefined();
    expect(inputsOf(r, 'aws_lambda_permission')).toEqual([expect.objectContaining({ function_name: 'legacy', qualifier: 'live' })]);
    // An existing function stays buffered unless streaming = true (its code must pick the streaming entry).
    expect(inputsOf(r, 'aws_api_gateway_integration').find((i) => i.type === 'AWS_PROXY')).toMatchObject({ response_transfer_mode: 'BUFFERED', timeout_milliseconds: 29000 });
    expect(inputsOf(r, 'aws_api_gateway_integration').find((i) => i.type === 'AWS_PROXY')!.uri).toContain('function:legacy:live/invocations');
    expect(r.outputs.lambda_function_name).toBe('legacy');
    expect(r.outputs.lambda_role_arn ?? null).toBeNull();
    expect(r.outputs.warnings).toMatch(/set these variables on legacy: MCP_STATE_SECRET \(the output request_state_secret\)/);
    expect(r.outputs.warnings).not.toMatch(/MCP_RESPONSE_STREAMING/);
    expect(typeof r.outputs.request_state_secret).toBe('string');
  });

  it('create = false creates nothing', () => {
    const r = run('disabled');
    expect(r.error).toBe('');
    expect(countByType(r)).toEqual({});
    expect(r.outputs.mcp_url ?? null).toBeNull(); // Terraform leaves null outputs out of its state
  });

  it('serves the kit\'s server card for the manifest at both locations, open and cacheable, in every auth mode', () => {
    const PRM = 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp';
    const expected: Record<string, { authRequired: boolean; resourceMetadataUrl?: string; apiKey?: boolean; domain: boolean }> = {
      cognito: { authRequired: true, resourceMetadataUrl: PRM, domain: true },
      api_key: { authRequired: false, apiKey: true, domain: false },
      authorizer_arn: { authRequired: true, domain: false },
      none: { authRequired: false, domain: false },
    };
    for (const [mode, e] of Object.entries(expected)) {
      const r = run(mode);
      const served = inputsOf(r, 'aws_api_gateway_integration_response').filter((i) => (i.response_parameters as Record<string, string>)['method.response.header.Content-Type'] === "'application/mcp-server-card+json'");
      expect(served, mode).toHaveLength(2);
      const [first, second] = served.map((i) => (i.response_templates as Record<string, string>)['application/json']!);
      expect(second).toBe(first);
      // API Gateway renders the template as Velocity: the text comes out unchanged.
      const text = Velocity.render(first!, {});
      expect(text).toBe(first);
      const card = JSON.parse(text);
      const url = e.domain ? 'https://mcp.example.com/mcp' : card.remotes[0].url;
      if (!e.domain) expect(url, mode).toMatch(/^https:\/\/[^/]+\.execute-api\.[^/]+\.amazonaws\.com\/live\/mcp$/);
      const headers = e.apiKey ? [{ name: 'x-api-key', description: "This server's API key", isRequired: true, isSecret: true }] : undefined;
      expect(card, mode).toEqual(completeCard(tasksManifest.serverCard, tasksManifest.name, { url, authRequired: e.authRequired, resourceMetadataUrl: e.resourceMetadataUrl, headers }));
      expect(cardErrors(card), mode).toEqual([]);
      const params = served[0]!.response_parameters as Record<string, string>;
      expect(params['method.response.header.ETag']).toMatch(/^'"[0-9a-f]{64}"'$/);
      const etag = params['method.response.header.ETag']!.slice(1, -1);
      // If-None-Match: the mock's request template (Velocity) picks 304 for the current tag, and a second response answers it.
      const getIntegration = inputsOf(r, 'aws_api_gateway_integration').find((i) => i.resource_id === served[0]!.resource_id && i.http_method === 'GET')!;
      const statusFor = (ifNoneMatch: string | undefined) =>
        JSON.parse(Velocity.render((getIntegration.request_templates as Record<string, string>)['application/json']!, { input: { params: (name: string) => (name === 'If-None-Match' ? ifNoneMatch ?? '' : '') } })).statusCode;
      expect([statusFor(etag), statusFor(`W/${etag}`), statusFor('*'), statusFor('"other"'), statusFor(undefined)], mode).toEqual([304, 304, 304, 200, 200]);
      const notModified = inputsOf(r, 'aws_api_gateway_integration_response').filter((i) => i.resource_id === served[0]!.resource_id && i.status_code === '304');
      expect(notModified, mode).toHaveLength(1);
      expect(notModified[0]).toMatchObject({ selection_pattern: '304' });
      expect((notModified[0]!.response_parameters as Record<string, string>)['method.response.header.ETag']).toBe(params['method.response.header.ETag']);
      expect(params['method.response.header.Cache-Control']).toBe("'public, max-age=3600'");
      expect(params['method.response.header.Access-Control-Allow-Origin']).toBe("'*'");
      // Open: neither an authorizer nor an API key in front of the card, whatever protects /mcp.
      const cardMethods = inputsOf(r, 'aws_api_gateway_method').filter((m) => served.some((i) => i.resource_id === m.resource_id));
      expect(cardMethods.map((m) => [m.http_method, m.authorization, m.api_key_required]).sort(), mode).toEqual([['GET', 'NONE', false], ['GET', 'NONE', false], ['OPTIONS', 'NONE', false], ['OPTIONS', 'NONE', false]]);
    }
  });

  it('has the snapshotted address list in every mode (changing it needs a moved block: addresses.test.ts)', () => {
    const current = Object.fromEntries(Object.keys(modes()).map((m) => [m, run(m).addresses]));
    expect(run('cognito').error).toBe('');
    if (process.env.UPDATE_ADDRESSES === '1') writeFileSync(ADDRESSES_FILE, `${JSON.stringify(current, null, 2)}\n`);
    expect(current).toEqual(JSON.parse(readFileSync(ADDRESSES_FILE, 'utf8')));
  });

  it('upgrades a deployment made before the addresses were chosen: every old resource still used is moved, the replaced ones destroyed', () => {
    // The old addresses of every resource the cognito mode has now (the others' resources are not planned here).
    const present = new Set(run('cognito').addresses.map((a) => a.replace(/\[.*\]$/, '')));
    const old = MOVES.filter(([, to]) => present.has(to.replace(/\[.*\]$/, ''))).map(([from]) => from);
    const replaced = DESTROYED_ON_PURPOSE.filter((a) => /_[0-9A-F]{8}$/.test(a));
    expect(old.length).toBeGreaterThan(70);
    const u = h.upgradeFrom([...old, ...replaced], cognito());
    expect(u.error).toBe('');
    expect(u.moved.map((m) => m.from.replace(/\[0\]$/, '')).sort()).toEqual([...old].sort());
    expect(u.destroyed.map((a) => a.replace(/\[0\]$/, '')).sort()).toEqual([...replaced].sort());
  });

  it('upgrades the previous module version (main before the front door) in place: creates the front door, destroys only what it replaces', () => {
    const u = h.upgradeFrom(PREVIOUS.addresses, cognito());
    expect(u.error).toBe('');
    expect(u.moved).toEqual([]);
    const strip = (list: string[]) => list.filter((a) => !a.startsWith('data.')).sort();
    expect(strip(u.destroyed)).toEqual(UPGRADE_DESTROYS);
    expect(strip(u.created)).toEqual(UPGRADE_CREATES);
    // Nothing the server runs on is replaced: its function, API, stage, pool, domain and certificate stay.
    for (const kept of ['aws_lambda_function.this[0]', 'aws_api_gateway_rest_api.this[0]', 'aws_api_gateway_stage.this[0]', 'aws_cognito_user_pool.this[0]', 'aws_api_gateway_domain_name.this[0]', 'aws_acm_certificate.this[0]']) {
      expect(u.destroyed, kept).not.toContain(kept);
    }
    console.log(`upgrade from the previous module (cognito): ${strip(u.created).length} to create, ${strip(u.updated).length} to change in place (stand-ins: every input differs), ${strip(u.destroyed).length} to destroy`);
  });

  it('refuses, before creating anything, what cannot work (all planned in one root)', () => {
    writeFileSync(join(h.dir, 'bad-scopes.json'), standInManifestText('tasks', ["tasks:'read"], '1'));
    // Variable validations stop a plan before any precondition runs, so they are one root and the
    // preconditions another. A module block may break several rules at once: each is reported.
    const validations = h.refusals({
      unknown_mode: { ...noDomain(), auth_mode: 'sso', timeout: 900, name: 'x'.repeat(48) },
      bad_prefix: { ...cognito(), cognito_domain_prefix: 'my-cognito', policy_statements: { 'not-a-sid': { actions: ['s3:GetObject'], resources: ['*'] } } },
    });
    for (const message of [
      /auth_mode must be one of cognito, api_key, authorizer_arn, none/, /timeout: 1 to 899 seconds/, /name: 1 to 47 letters/,
      /without aws, amazon or cognito/, /letters and digits only/,
    ]) expect(validations).toMatch(message);
    const preconditions = h.refusals({
      // The default domain prefix comes from the name: Cognito would refuse MCP_Tasks-<hash> at apply.
      cognito_values_without_switches: {
        ...cognito(), name: 'MCP_Tasks', certificate_arn: 'arn:aws:acm:eu-west-1:1:certificate/x', cognito_user_pool_id: 'eu-west-1_abc',
        request_state_secret: 'short', manifest_path: join(h.dir, 'bad-scopes.json'),
      },
      no_domain_values: { ...base, auth_mode: 'none', existing_function_arn: 'arn:aws:lambda:eu-west-1:1:function:x' },
      cognito_without_domain: { ...noDomain() },
      buffered_but_long: { ...noDomain(), auth_mode: 'none', streaming: false as unknown as string, timeout: 29 as unknown as string },
    });
    for (const message of [
      /name is also the hosted-UI domain prefix/, /certificate_arn is for an existing certificate: set create_certificate = false with it/,
      /cognito_user_pool_id is for a shared pool: set create_user_pool = false with it/, /at least 32 characters/, /Scope names .* may hold printable ASCII/,
      /create_domain_name needs domain_name and hosted_zone_id/, /create_function needs local_existing_package \(and no existing_function_arn\)/,
      /auth_mode "cognito" needs create_domain_name/, /timeout above 28 s needs streaming = true/,
    ]) expect(preconditions).toMatch(message);
  });
});
