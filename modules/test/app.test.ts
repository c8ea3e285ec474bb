import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFunction, buildServer } from '../../scripts/build.ts';
import { loadDeployConfig, serverConfigFromEnv } from '../src/app-config.ts';
import { exampleNames } from '../../scripts/load-server.ts';

const ROOT = join(import.meta.dirname, '..', '..');

describe('deploy configuration from the environment', () => {
  it('defaults to the tasks server in cognito mode and requires a domain for it', () => {
    expect(() => serverConfigFromEnv({}, ROOT)).toThrow(/DOMAIN and HOSTED_ZONE_ID/);
    // Response streaming: on unless the example or STREAMING says otherwise.
    const where = { DOMAIN: 'mcp.example.com', HOSTED_ZONE_ID: 'Z1' };
    expect(serverConfigFromEnv(where, ROOT).props.streaming).toBe(true);
    expect(serverConfigFromEnv(where, ROOT, { streaming: false }).props.streaming).toBe(false);
    expect(serverConfigFromEnv({ ...where, STREAMING: 'false' }, ROOT).props.streaming).toBe(false);
    expect(() => serverConfigFromEnv({ ...where, STREAMING: 'maybe' }, ROOT)).toThrow(/STREAMING must be true or false/);
    const c = serverConfigFromEnv({ DOMAIN: 'mcp.example.com', HOSTED_ZONE_ID: 'Z1' }, ROOT);
    expect(c.props.auth).toEqual({ mode: 'cognito' });
    expect(c.zipPath).toBe(join(ROOT, 'dist', 'tasks.zip'));
    expect(c.frontDoorZipPath).toBe(join(ROOT, 'dist', 'functions', 'front-door.zip'));
  });

  it('reads the auth mode, throttling and the server', () => {
    const c = serverConfigFromEnv({ SERVER: 'echo-add', AUTH_MODE: 'api_key', RATE_LIMIT: '5', BURST_LIMIT: '10', QUOTA_PER_DAY: '1000' }, ROOT);
    expect(c.props).toMatchObject({ name: 'mcp-echo-add', auth: { mode: 'api_key', quotaPerDay: 1000 }, throttling: { rateLimit: 5, burstLimit: 10 } });
    expect(() => serverConfigFromEnv({ AUTH_MODE: 'authorizer_arn' }, ROOT)).toThrow(/AUTHORIZER_ARN/);
    expect(() => serverConfigFromEnv({ AUTH_MODE: 'basic' }, ROOT)).toThrow(/AUTH_MODE must be/);
  });

  it('keeps access logs off unless told the account role exists or should be managed, and reads the destroy and secret switches', () => {
    const none = { AUTH_MODE: 'none' };
    expect(serverConfigFromEnv(none, ROOT).props.accessLogging).toBe('off');
    expect(serverConfigFromEnv({ ...none, ACCESS_LOGGING: 'account_role_set' }, ROOT).props.accessLogging).toBe('account_role_set');
    expect(serverConfigFromEnv({ ...none, MANAGE_APIGW_ACCOUNT: 'true' }, ROOT).props.accessLogging).toBe('manage_account_role');
    expect(() => serverConfigFromEnv({ ...none, ACCESS_LOGGING: 'yes' }, ROOT)).toThrow(/ACCESS_LOGGING must be off, account_role_set, manage_account_role/);
    expect(serverConfigFromEnv({ ...none, MCP_STATE_SECRET: 's'.repeat(40) }, ROOT).props.requestStateSecret).toBe('s'.repeat(40));
    const cognito = serverConfigFromEnv({ DOMAIN: 'mcp.example.com', HOSTED_ZONE_ID: 'Z1', COGNITO_DELETION_PROTECTION: 'false' }, ROOT);
    expect(cognito.props.auth).toEqual({ mode: 'cognito', deletionProtection: false });
  });

  it('reads the front door\'s settings, its table\'s, the web ACL and the front-door throttles', () => {
    const c = serverConfigFromEnv({
      DOMAIN: 'mcp.example.com', HOSTED_ZONE_ID: 'Z1', REDIRECT_HOSTS: 'chat.example.com, app.example.org', PRIVATE_REDIRECT_URIS: 'myapp://cb', ALLOW_ANY_REDIRECT: 'true',
      REGISTRATION_TTL_SECONDS: '3600', MAX_REGISTRATIONS: '50', CONSENT_TTL_SECONDS: '0', CIMD: 'false', TABLE_KMS_KEY_ARN: 'arn:aws:kms:eu-west-1:1:key/k', TABLE_PITR: 'true',
      TABLE_DELETION_PROTECTION: 'true', WAF: 'true', WAF_TOKEN_LIMIT: '100', TOKEN_RATE_LIMIT: '3', FRONT_DOOR_BURST_LIMIT: '7',
    }, ROOT);
    expect(c.props.auth).toEqual({
      mode: 'cognito',
      frontDoor: {
        redirectHosts: ['chat.example.com', 'app.example.org'], privateRedirectUris: ['myapp://cb'], allowAnyRedirect: true, registrationTtlSeconds: 3600, maxRegistrations: 50,
        consentTtlSeconds: 0, cimd: false, tableKmsKeyArn: 'arn:aws:kms:eu-west-1:1:key/k', tablePointInTimeRecovery: true, tableDeletionProtection: true,
      },
      waf: { enabled: true, tokenLimit: 100 },
    });
    expect(c.props.throttling).toEqual({ tokenRateLimit: 3, frontDoorBurstLimit: 7 });
  });
});

describe('an example\'s deploy.ts', () => {
  it('sets the default auth mode, which AUTH_MODE still overrides', async () => {
    const utilities = await loadDeployConfig(ROOT, 'utilities');
    expect(serverConfigFromEnv({ SERVER: 'utilities' }, ROOT, utilities).props.auth).toEqual({ mode: 'api_key' });
    expect(serverConfigFromEnv({ SERVER: 'utilities', AUTH_MODE: 'none' }, ROOT, utilities).props.auth).toEqual({ mode: 'none' });
  });

  it('copies the variables it names from the deployer\'s environment and stops when a required one is missing', () => {
    const deploy = { passEnvironment: [{ name: 'API_URL', required: true, description: 'where the API lives' }, { name: 'API_KEY', description: 'its key' }] };
    const env = { AUTH_MODE: 'none', API_URL: 'https://api.example.com', UNRELATED: 'x' };
    expect(serverConfigFromEnv(env, ROOT, deploy).props.function!.environment).toEqual({ API_URL: 'https://api.example.com' });
    expect(() => serverConfigFromEnv({ AUTH_MODE: 'none' }, ROOT, deploy)).toThrow('API_URL is required to deploy this server: where the API lives');
  });
});

describe('make synth', () => {
  it('synthesizes the stack of a built server into cdktf.out', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'dist-'));
    const out = mkdtempSync(join(tmpdir(), 'cdktf-out-'));
    await buildServer('tasks', { outRoot: dist });
    await buildFunction('front-door', dist);
    const r = spawnSync(process.execPath, ['modules/app.ts'], {
      cwd: ROOT,
      env: { ...process.env, SERVER: 'tasks', DOMAIN: 'mcp.example.com', HOSTED_ZONE_ID: 'Z1', REGION: 'eu-west-1', DIST_DIR: dist, OUT_DIR: out },
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    const file = join(out, 'stacks', 'mcp-tasks', 'cdk.tf.json');
    expect(existsSync(file)).toBe(true);
    const stack = JSON.parse(readFileSync(file, 'utf8'));
    expect(stack.provider.aws[0].region).toBe('eu-west-1');
    expect(Object.keys(stack.output)).toEqual(expect.arrayContaining(['mcp_url', 'claude_code_command', 'cognito_user_pool_id', 'protected_resource_metadata_url']));
    expect(Object.keys(stack.resource.aws_lambda_function).sort()).toEqual(['front_door', 'this']);
    expect(stack.resource.aws_lambda_function.front_door.filename).toBe(join(dist, 'functions', 'front-door.zip'));
    // The routes the synthesized stack serves: the front door's, open, beside /mcp behind the authorizer.
    const routes = Object.entries(stack.locals.api_routes as Record<string, { http_method: string; authorization: string; type: string }>);
    expect(routes.filter(([, r]) => r.type === 'AWS_PROXY' && r.authorization === 'NONE').map(([k]) => k).sort()).toEqual([
      'asm_get', 'authorize_get', 'callback_get', 'consent_post', 'prm_mcp_get', 'prm_root_get', 'register_post', 'revoke_post', 'token_post',
    ]);
    expect(stack.resource.aws_dynamodb_table.front_door.billing_mode).toBe('PAY_PER_REQUEST');
    // The request-state secret every instance shares: generated once by the random provider, kept in the state.
    expect(stack.terraform.required_providers.random).toMatchObject({ source: 'hashicorp/random' });
    // STREAM integrations up to 900,000 ms need hashicorp/aws 6.26 (the binding's own 6.25 caps them at 300,000).
    expect(stack.terraform.required_providers.aws.version).toBe('>= 6.26');
    const post = stack.locals.api_routes.mcp_post;
    expect(post).toMatchObject({ response_transfer_mode: 'STREAM', timeout_milliseconds: 900000 });
    expect(post.uri).toMatch(/lambda:path\/2021-11-15\/functions\/\$\{aws_lambda_function\.this\.arn\}\/response-streaming-invocations$/);
    expect(stack.resource.aws_api_gateway_integration.this.response_transfer_mode).toBe('${each.value.response_transfer_mode}');
    expect(stack.resource.aws_lambda_function.this).toMatchObject({ timeout: 899, environment: { variables: { MCP_RESPONSE_STREAMING: 'true' } } });
    expect(stack.resource.aws_lambda_function.this.environment.variables.MCP_STATE_SECRET).toBe('${random_password.request_state_secret.result}');
    expect(stack.resource.aws_lambda_function.this.environment.variables.MCP_AUTH_REQUIRED).toBe('true');
    // Existing stacks from before the chosen addresses upgrade in place.
    expect(stack.moved.find((m: { to: string }) => m.to === 'aws_lambda_function.this').from).toBe('aws_lambda_function.server_function_9C01EF62');
    expect(stack.resource.aws_lambda_function[Object.keys(stack.resource.aws_lambda_function)[0]!].filename).toMatch(new RegExp(`^${dist}`));
  }, 120_000);

  it('synthesizes every example that has a deploy.ts, with what it declares', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'dist-'));
    await buildFunction('front-door', dist);
    const deployable = exampleNames().filter((n) => existsSync(join(ROOT, 'examples', n, 'deploy.ts')));
    expect(deployable).toEqual(expect.arrayContaining(['cost-explorer', 'dog-facts', 'reports', 'tasks', 'utilities']));
    for (const server of deployable) {
      await buildServer(server, { outRoot: dist });
      const out = mkdtempSync(join(tmpdir(), 'cdktf-out-'));
      const r = spawnSync(process.execPath, ['modules/app.ts'], {
        cwd: ROOT,
        env: { ...process.env, SERVER: server, DOMAIN: 'mcp.example.com', HOSTED_ZONE_ID: 'Z1', REGION: 'eu-west-1', DIST_DIR: dist, OUT_DIR: out },
        encoding: 'utf8',
      });
      expect(r.status, `${server}: ${r.stderr}`).toBe(0);
      const stack = JSON.parse(readFileSync(join(out, 'stacks', `mcp-${server}`, 'cdk.tf.json'), 'utf8'));
      const deploy = await loadDeployConfig(ROOT, server);
      const mode = deploy.authMode ?? 'cognito';
      expect(Boolean(stack.resource.aws_cognito_user_pool), `${server} cognito`).toBe(mode === 'cognito');
      expect(Boolean(stack.resource.aws_api_gateway_api_key), `${server} api_key`).toBe(mode === 'api_key');
      const policies = JSON.stringify(stack.data.aws_iam_policy_document);
      for (const s of deploy.policyStatements ?? []) for (const a of s.actions) expect(policies, `${server} ${a}`).toContain(a);
      if (server === 'reports') {
        expect(Object.keys(stack.resource.aws_sfn_state_machine)).toHaveLength(1);
        expect(policies).toContain('states:StartExecution');
        expect(JSON.stringify(stack.resource.aws_lambda_function)).toContain('REPORTS_STATE_MACHINE_ARN');
      }
    }
  }, 180_000);
});
