import { describe, expect, it } from 'vitest';
import { ENV_VARIABLES, REQUIRED_ENV_VARIABLES, settingsFromEnv } from '@serverless-mcp/front-door/config';
import { serverOutputs } from '../src/outputs.ts';
import { DOMAIN, MANIFEST, refName, synth, type Synthesized } from './synth.ts';

const SCOPES = ['https://mcp.example.com/mcp', 'https://mcp.example.com/tasks:read', 'https://mcp.example.com/tasks:write'];

/**
 * Every API route (one instance of aws_api_gateway_method.this, its integration and, for mocks, its
 * responses: they all read the same entry of local.api_routes) with its path, auth and integration.
 */
function methods(s: Synthesized) {
  const resources = Object.fromEntries(s.all('aws_api_gateway_resource').map(([name, r]) => [name, r]));
  const path = (resourceExpr: string): string => {
    if (resourceExpr.includes('root_resource_id')) return '';
    const r = resources[refName(resourceExpr)!]!;
    return `${path(r.parent_id)}/${r.path_part}`;
  };
  for (const type of ['aws_api_gateway_method', 'aws_api_gateway_integration', 'aws_api_gateway_method_response', 'aws_api_gateway_integration_response']) {
    expect(s.one(type).for_each, type).toMatch(/local\.api_routes/);
  }
  const routes = s.json.locals.api_routes as Record<string, Record<string, any>>;
  // A route's second response (the card's 304) is no method of its own.
  return Object.entries(routes).filter(([, r]) => !r.response_only).map(([name, r]) => ({
    name, path: path(r.resource_id), method: r.http_method as string, auth: r.authorization as string, scopes: r.authorization_scopes, apiKey: r.api_key_required, integration: r,
  }));
}

describe('cognito mode with a custom domain (the default)', () => {
  const s = synth();

  it('creates the pool, a classic hosted-UI domain, the resource server with the manifest scopes, and one confidential client: the front door\'s', () => {
    expect(s.one('aws_cognito_user_pool')).toMatchObject({ name: 'mcp-tasks', deletion_protection: 'ACTIVE' });
    const domain = s.one('aws_cognito_user_pool_domain');
    expect(domain.managed_login_version).toBe(1);
    // A short hash of the account keeps the default prefix from colliding with other AWS customers'.
    expect(domain.domain).toMatch(/^mcp-tasks-\$\{substr\(sha1\(data\.aws_caller_identity\.[^)]+\.account_id\), 0, 8\)\}$/);
    const server = s.one('aws_cognito_resource_server');
    expect(server.identifier).toBe('https://mcp.example.com');
    expect(server.scope.map((x: { scope_name: string }) => x.scope_name)).toEqual(['mcp', ...MANIFEST.scopes]);
    expect(s.one('aws_cognito_user_pool_client')).toMatchObject({
      name: 'mcp-tasks-front-door', generate_secret: true, allowed_oauth_flows: ['code'], allowed_oauth_scopes: ['openid', ...SCOPES],
      callback_urls: ['https://mcp.example.com/callback'], supported_identity_providers: ['COGNITO'], enable_token_revocation: true,
    });
    // Its scopes must exist on the resource server first.
    expect(s.one('aws_cognito_user_pool_client').depends_on).toEqual(['aws_cognito_resource_server.this']);
  });

  it('puts /mcp behind the Cognito authorizer with every server scope: POST runs the server, GET, HEAD and DELETE answer 405 once authorized', () => {
    const all = methods(s);
    const post = all.find((m) => m.path === '/mcp' && m.method === 'POST')!;
    expect(post).toMatchObject({ name: 'mcp_post', auth: 'COGNITO_USER_POOLS', scopes: SCOPES });
    // Streamed by default: the function's timeout is 899 s; API Gateway waits a second longer (15 minutes),
    // so the kit's deadline answer arrives first.
    expect(post.integration).toMatchObject({ type: 'AWS_PROXY', integration_http_method: 'POST', timeout_milliseconds: 900000, response_transfer_mode: 'STREAM' });
    expect(s.one('aws_api_gateway_authorizer')).toMatchObject({ type: 'COGNITO_USER_POOLS', identity_source: 'method.request.header.Authorization' });
    for (const verb of ['GET', 'HEAD', 'DELETE']) {
      const m = all.find((x) => x.path === '/mcp' && x.method === verb)!;
      // An anonymous probe (Codex's GET, Gemini CLI's HEAD) gets the gateway's 401 with the challenge.
      expect(m).toMatchObject({ name: `mcp_${verb.toLowerCase()}`, auth: 'COGNITO_USER_POOLS', scopes: SCOPES });
      expect(m.integration.type).toBe('MOCK');
      expect(m.integration.request_templates['application/json']).toBe('{"statusCode": 405}');
      // Another content type passes through to the mock (which answers its one response) instead of a 415.
      expect(m.integration.passthrough_behavior).toBe('WHEN_NO_MATCH');
    }
  });

  it('gives every method an integration, and health and every front-door route need no token', () => {
    const all = methods(s);
    expect(all.filter((m) => !m.integration)).toEqual([]);
    const open = all.filter((m) => m.auth === 'NONE').map((m) => `${m.method} ${m.path}`);
    expect(open).toEqual(expect.arrayContaining([
      'GET /health', 'POST /register', 'GET /.well-known/oauth-protected-resource', 'GET /.well-known/oauth-protected-resource/mcp',
      'GET /.well-known/oauth-authorization-server', 'GET /authorize', 'GET /callback', 'POST /consent', 'POST /token', 'POST /revoke', 'OPTIONS /mcp',
    ]));
    expect(all.filter((m) => m.auth !== 'NONE').map((m) => `${m.method} ${m.path}`).sort()).toEqual(['DELETE /mcp', 'GET /mcp', 'HEAD /mcp', 'POST /mcp']);
  });

  it('replaces the deployment whenever any method, integration or response changes', () => {
    const deployment = s.one('aws_api_gateway_deployment');
    expect(deployment.lifecycle).toEqual({ create_before_destroy: true });
    const trigger: string = deployment.triggers.redeployment;
    expect(trigger).toMatch(/^\$\{sha1\(jsonencode\(\[/);
    for (const type of ['aws_api_gateway_method', 'aws_api_gateway_integration', 'aws_api_gateway_method_response', 'aws_api_gateway_integration_response', 'aws_api_gateway_gateway_response', 'aws_api_gateway_resource', 'aws_api_gateway_authorizer']) {
      for (const [name] of s.all(type)) expect(trigger, `${type}.${name}`).toContain(`${type}.${name}`);
    }
  });

  it('sends every front-door route to the front door\'s function, with preflights where browsers call, and no OpenID Connect document', () => {
    const all = methods(s);
    const invokeArn = '${aws_lambda_function.front_door.invoke_arn}';
    const toFrontDoor = all.filter((m) => m.integration.uri === invokeArn).map((m) => `${m.method} ${m.path}`).sort();
    expect(toFrontDoor).toEqual([
      'GET /.well-known/oauth-authorization-server', 'GET /.well-known/oauth-protected-resource', 'GET /.well-known/oauth-protected-resource/mcp',
      'GET /authorize', 'GET /callback', 'POST /consent', 'POST /register', 'POST /revoke', 'POST /token',
    ]);
    for (const m of all.filter((x) => x.integration.uri === invokeArn)) {
      // A proxy integration passes the query string and every header (the consent page's Cookie) as they came.
      expect(m.integration).toMatchObject({ type: 'AWS_PROXY', integration_http_method: 'POST', timeout_milliseconds: 11000, authorizer_id: '${null}' });
      expect(m.auth).toBe('NONE');
    }
    const preflights = all.filter((m) => m.method === 'OPTIONS').map((m) => m.path).sort();
    expect(preflights).toEqual([
      '/.well-known/mcp/server-card.json', '/.well-known/oauth-authorization-server', '/.well-known/oauth-protected-resource', '/.well-known/oauth-protected-resource/mcp',
      '/mcp', '/mcp/server-card', '/register', '/revoke', '/token',
    ]);
    expect(all.filter((m) => m.path.includes('openid-configuration'))).toEqual([]);
    expect(s.all('aws_api_gateway_resource').map(([, r]) => r.path_part)).not.toContain('openid-configuration');
    const permission = s.all('aws_lambda_permission').find(([name]) => name === 'front_door_api_gateway')![1];
    expect(permission).toMatchObject({ function_name: '${aws_lambda_function.front_door.function_name}', principal: 'apigateway.amazonaws.com' });
    expect(permission.source_arn).toBe('${aws_api_gateway_rest_api.this.execution_arn}/*/*/*');
  });

  it('answers 401 with a challenge naming the metadata URL and the scopes, and 403 with insufficient_scope', () => {
    const responses = Object.fromEntries(s.all('aws_api_gateway_gateway_response').map(([, r]) => [r.response_type, r]));
    expect(responses.UNAUTHORIZED.status_code).toBe('401');
    expect(responses.UNAUTHORIZED.response_parameters['gatewayresponse.header.WWW-Authenticate']).toBe(
      `'Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp", scope="${SCOPES.join(' ')}"'`,
    );
    expect(responses.ACCESS_DENIED.response_parameters['gatewayresponse.header.WWW-Authenticate']).toMatch(/^'Bearer error="insufficient_scope", resource_metadata=/);
    expect(responses.UNAUTHORIZED.response_parameters['gatewayresponse.header.Access-Control-Expose-Headers']).toMatch(/WWW-Authenticate/);
  });

  it('lets browsers read the kit\'s own 403 challenge, which API Gateway renames to x-amzn-Remapped-WWW-Authenticate', () => {
    // A Lambda proxy answer's WWW-Authenticate reaches clients renamed; the module exposes the new name on
    // every answer's CORS headers (gateway responses and mock routes alike).
    const responses = Object.fromEntries(s.all('aws_api_gateway_gateway_response').map(([, r]) => [r.response_type, r]));
    for (const type of ['UNAUTHORIZED', 'ACCESS_DENIED', 'DEFAULT_4XX', 'DEFAULT_5XX']) {
      expect(responses[type].response_parameters['gatewayresponse.header.Access-Control-Expose-Headers'], type).toBe("'WWW-Authenticate,x-amzn-Remapped-WWW-Authenticate,Mcp-Session-Id,Mcp-Protocol-Version'");
    }
    const health = methods(s).find((m) => m.path === '/health')!;
    expect(health.integration.integration_response_parameters['method.response.header.Access-Control-Expose-Headers']).toContain('x-amzn-Remapped-WWW-Authenticate');
  });

  it('throttles the stage and each front-door route, registration and token tighter than the rest', () => {
    const settings = Object.fromEntries(s.all('aws_api_gateway_method_settings').map(([, m]) => [m.method_path, m.settings]));
    expect(settings['*/*']).toMatchObject({ throttling_rate_limit: 50, throttling_burst_limit: 100, logging_level: 'OFF', data_trace_enabled: false });
    expect(settings['register/POST']).toMatchObject({ throttling_rate_limit: 1, throttling_burst_limit: 5 });
    expect(settings['token/POST']).toMatchObject({ throttling_rate_limit: 5, throttling_burst_limit: 10 });
    for (const path of ['authorize/GET', 'callback/GET', 'consent/POST', 'revoke/POST', '.well-known/oauth-authorization-server/GET', '.well-known/oauth-protected-resource/GET', '.well-known/oauth-protected-resource/mcp/GET']) {
      expect(settings[path], path).toMatchObject({ throttling_rate_limit: 10, throttling_burst_limit: 20, logging_level: 'OFF', data_trace_enabled: false });
    }
    const custom = synth({ throttling: { rateLimit: 7, registerRateLimit: 0.5, tokenRateLimit: 2, frontDoorBurstLimit: 3 } });
    const c = Object.fromEntries(custom.all('aws_api_gateway_method_settings').map(([, m]) => [m.method_path, m.settings]));
    expect([c['*/*'].throttling_rate_limit, c['register/POST'].throttling_rate_limit, c['token/POST'].throttling_rate_limit, c['authorize/GET'].throttling_burst_limit]).toEqual([7, 0.5, 2, 3]);
  });

  it('deploys the front door: nodejs24.x arm64, 256 MB, 10 s, its own log group, a role that may touch only its table\'s items', () => {
    const fn = s.all('aws_lambda_function').find(([name]) => name === 'front_door')![1];
    expect(fn).toMatchObject({
      function_name: 'mcp-tasks-front-door', runtime: 'nodejs24.x', architectures: ['arm64'], memory_size: 256, timeout: 10, handler: 'index.handler',
      filename: '/dist/functions/front-door.zip', logging_config: { log_format: 'JSON', log_group: '${aws_cloudwatch_log_group.front_door.name}' },
    });
    expect(s.all('aws_cloudwatch_log_group').find(([name]) => name === 'front_door')![1]).toMatchObject({ name: '/aws/lambda/mcp-tasks-front-door', retention_in_days: 30 });
    expect(s.all('aws_iam_role').find(([name]) => name === 'front_door')![1].name).toBe('mcp-tasks-front-door');
    const policy = s.data('aws_iam_policy_document').find(([name]) => name === 'front_door')![1];
    expect(policy.statement).toEqual([
      { sid: 'OwnLogs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: ['${aws_cloudwatch_log_group.front_door.arn}:log-stream:*'] },
      { effect: 'Allow', actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:UpdateItem'], resources: ['${aws_dynamodb_table.front_door.arn}'] },
    ]);
    // Nothing of what it replaced: no registration function, no schedule, no Cognito client management.
    expect(s.all('aws_lambda_function').map(([name]) => name).sort()).toEqual(['front_door', 'this']);
    expect(s.all('aws_cloudwatch_event_rule')).toEqual([]);
    expect(JSON.stringify(s.json)).not.toMatch(/cognito-idp:(Create|List|Delete)UserPoolClient/);
  });

  it('keeps the front door\'s state in one on-demand table with TTL, the AWS-owned key, and recovery and protection off unless asked', () => {
    expect(s.one('aws_dynamodb_table')).toEqual({
      name: 'mcp-tasks-front-door', billing_mode: 'PAY_PER_REQUEST', hash_key: 'pk', attribute: [{ name: 'pk', type: 'S' }], ttl: { attribute_name: 'ttl', enabled: true },
      server_side_encryption: { enabled: false }, point_in_time_recovery: { enabled: false }, deletion_protection_enabled: false, tags: { 'mcp:server': 'tasks' },
    });
    const hardened = synth({ auth: { mode: 'cognito', frontDoor: { tableKmsKeyArn: 'arn:aws:kms:eu-west-1:1:key/k', tablePointInTimeRecovery: true, tableDeletionProtection: true } } }).one('aws_dynamodb_table');
    expect(hardened).toMatchObject({ server_side_encryption: { enabled: true, kms_key_arn: 'arn:aws:kms:eu-west-1:1:key/k' }, point_in_time_recovery: { enabled: true }, deletion_protection_enabled: true });
  });

  it('sets the front door\'s environment from the variables its configuration reader declares, the secret from the client', () => {
    const env = s.all('aws_lambda_function').find(([name]) => name === 'front_door')![1].environment.variables as Record<string, string>;
    const own = Object.keys(env).filter((n) => !['LOG_LEVEL', 'POWERTOOLS_SERVICE_NAME', 'NODE_OPTIONS'].includes(n));
    expect(own.filter((n) => !(n in ENV_VARIABLES))).toEqual([]);
    expect(REQUIRED_ENV_VARIABLES.filter((n) => !env[n])).toEqual([]);
    expect(env).toMatchObject({
      FRONT_DOOR_ISSUER: 'https://mcp.example.com', FRONT_DOOR_RESOURCE: 'https://mcp.example.com/mcp', FRONT_DOOR_SCOPES: SCOPES.join(' '),
      FRONT_DOOR_TABLE: '${aws_dynamodb_table.front_door.name}', UPSTREAM_CLIENT_ID: '${aws_cognito_user_pool_client.front_door.id}',
      UPSTREAM_CLIENT_SECRET: '${aws_cognito_user_pool_client.front_door.client_secret}', FRONT_DOOR_SERVER_NAME: 'tasks', FRONT_DOOR_REFRESH_TTL_SECONDS: String(30 * 86_400),
    });
    expect(env.UPSTREAM_ISSUER).toMatch(/^https:\/\/cognito-idp\.\$\{data\.aws_region\.current\.region\}\.amazonaws\.com\/\$\{aws_cognito_user_pool\.this\.id\}$/);
    expect(env.UPSTREAM_REVOCATION_ENDPOINT).toMatch(/\.amazoncognito\.com\/oauth2\/revoke$/);
    expect(JSON.parse(env.FRONT_DOOR_SCOPE_DESCRIPTIONS!)).toEqual({ [SCOPES[0]!]: 'Everything tasks offers', [SCOPES[1]!]: 'Tools needing tasks:read', [SCOPES[2]!]: 'Tools needing tasks:write' });
    // Unset settings keep the front door's own defaults.
    for (const n of ['FRONT_DOOR_REDIRECT_HOSTS', 'FRONT_DOOR_PRIVATE_REDIRECT_URIS', 'FRONT_DOOR_ALLOW_ANY_REDIRECT', 'FRONT_DOOR_CIMD']) expect(env[n], n).toBeUndefined();
    const set = synth({ auth: { mode: 'cognito', frontDoor: { redirectHosts: ['chat.example.com'], privateRedirectUris: ['myapp://cb'], allowAnyRedirect: true, registrationTtlSeconds: 3600, maxRegistrations: 50, consentTtlSeconds: 0, cimd: false } } });
    const settings = settingsFromEnv({ ...(set.all('aws_lambda_function').find(([name]) => name === 'front_door')![1].environment.variables as Record<string, string>) });
    expect(settings.frontDoor).toMatchObject({
      redirects: { httpsHosts: ['chat.example.com'], privateUris: ['myapp://cb'], allowAny: true }, registration: { idleTtlSeconds: 3600, maxPerWindow: 50 }, consentTtlSeconds: 0, cimd: { enabled: false },
    });
  });

  it('adds the optional AWS WAF web ACL on the stage, limiting /register and /token per address', () => {
    expect(s.all('aws_wafv2_web_acl')).toEqual([]);
    const w = synth({ auth: { mode: 'cognito', waf: { enabled: true, tokenLimit: 100 } } });
    const acl = w.one('aws_wafv2_web_acl');
    expect(acl).toMatchObject({ name: 'mcp-tasks-front-door', scope: 'REGIONAL', default_action: { allow: {} } });
    expect(acl.rule.map((r: any) => [r.statement[0].rate_based_statement[0].limit, r.statement[0].rate_based_statement[0].scope_down_statement[0].byte_match_statement[0].search_string]))
      .toEqual([[20, '/register'], [100, '/token']]);
    expect(w.one('aws_wafv2_web_acl_association')).toEqual({ resource_arn: '${aws_api_gateway_stage.this.arn}', web_acl_arn: '${aws_wafv2_web_acl.this.arn}' });
    expect(Object.keys(serverOutputs(w.server.result))).toContain('wafv2_web_acl_arn');
    expect(Object.keys(serverOutputs(s.server.result))).not.toContain('wafv2_web_acl_arn');
  });


  it('runs the server on nodejs24.x arm64 with 2048 MB and 899 s (streamed), JSON logs with retention, and the kit\'s auth settings', () => {
    const fn = s.all('aws_lambda_function').find(([, f]) => f.function_name === 'mcp-tasks')![1];
    expect(fn).toMatchObject({ runtime: 'nodejs24.x', architectures: ['arm64'], memory_size: 2048, timeout: 899, handler: 'index.handler', filename: '/dist/tasks.zip' });
    expect(fn.source_code_hash).toBe('${filebase64sha256("/dist/tasks.zip")}');
    expect(fn.environment.variables).toMatchObject({
      LOG_LEVEL: 'INFO',
      MCP_RESOURCE_METADATA_URL: 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp',
      MCP_SCOPE_PREFIX: 'https://mcp.example.com/',
      MCP_FULL_ACCESS_SCOPES: 'mcp',
      MCP_AUTH_REQUIRED: 'true',
      // The kit's toLambdaHandler answers through its streaming entry, as the STREAM integration invokes it.
      MCP_RESPONSE_STREAMING: 'true',
      // Generated once and kept in state, so every instance opens what another sealed.
      MCP_STATE_SECRET: '${random_password.request_state_secret.result}',
    });
    expect(s.one('random_password')).toEqual({ length: 48, special: false });
    expect(s.all('aws_cloudwatch_log_group').map(([, g]) => [g.name, g.retention_in_days])).toEqual(expect.arrayContaining([['/aws/lambda/mcp-tasks', 30]]));
  });

  it('validates a certificate through Route53 and maps the API at the domain root with A and AAAA aliases', () => {
    expect(s.one('aws_acm_certificate')).toMatchObject({ domain_name: 'mcp.example.com', validation_method: 'DNS' });
    expect(s.one('aws_acm_certificate_validation')).toBeDefined();
    expect(s.one('aws_api_gateway_domain_name')).toMatchObject({ domain_name: 'mcp.example.com', endpoint_configuration: { types: ['REGIONAL'] }, security_policy: 'TLS_1_2' });
    expect(s.one('aws_api_gateway_base_path_mapping').base_path).toBeUndefined();
    const records = s.all('aws_route53_record').map(([, r]) => r.type);
    expect(records).toEqual(expect.arrayContaining(['A', 'AAAA']));
  });

  it('disables the execute-api address behind a custom domain (its metadata would not match)', () => {
    expect(s.one('aws_api_gateway_rest_api').disable_execute_api_endpoint).toBe(true);
    expect(synth({ auth: { mode: 'none' }, domain: undefined }).one('aws_api_gateway_rest_api').disable_execute_api_endpoint).toBe(false);
  });

  it('refuses a domain prefix Cognito would refuse, and takes every one it allows (1 to 63 characters)', () => {
    expect(() => synth({ auth: { mode: 'cognito', domainPrefix: 'My_AWS_Login' } })).toThrow(/domain prefix/);
    for (const bad of ['a'.repeat(64), 'login-', '-login', 'my-cognito-login']) {
      expect(() => synth({ auth: { mode: 'cognito', domainPrefix: bad } }), bad).toThrow(/Cognito domain prefix .* 1 to 63/);
    }
    for (const good of ['a', 'a'.repeat(63), 'acme-login-2']) {
      expect(synth({ auth: { mode: 'cognito', domainPrefix: good } }).one('aws_cognito_user_pool_domain').domain, good).toBe(good);
    }
  });

  it('takes any name the module allows as the default prefix\'s start (<name>-<hash>), refusing only what Cognito would', () => {
    // 47 characters (the module's longest name) and a trailing hyphen: <name>-<8 hex> is still a valid prefix.
    for (const name of ['m'.repeat(47), 'mcp-']) {
      expect(String(synth({ name, auth: { mode: 'cognito' } }).one('aws_cognito_user_pool_domain').domain), name).toContain(name);
    }
    for (const name of ['MCP-Tasks', '-mcp', 'aws-tools']) {
      expect(() => synth({ name, auth: { mode: 'cognito' } }), name).toThrow(/name ".*" is also the Cognito domain prefix/);
    }
  });

  it('refuses a name the module refuses: more than 47 characters, or others than letters, digits, - and _', () => {
    for (const name of ['m'.repeat(48), 'mcp tasks', 'mcp.tasks']) {
      expect(() => synth({ name, auth: { mode: 'none' }, domain: undefined }), name).toThrow(/1 to 47 letters, digits, - or _/);
    }
    expect(synth({ name: 'MCP_Tasks-2', auth: { mode: 'none' }, domain: undefined }).one('aws_lambda_function').function_name).toBe('MCP_Tasks-2');
  });

  it('uses an existing certificate when given one', () => {
    const withCert = synth({ domain: { ...DOMAIN, certificateArn: 'arn:aws:acm:eu-west-1:123:certificate/abc' } });
    expect(withCert.all('aws_acm_certificate')).toEqual([]);
    expect(withCert.one('aws_api_gateway_domain_name').regional_certificate_arn).toBe('arn:aws:acm:eu-west-1:123:certificate/abc');
  });

  it('shares an existing pool instead of creating one', () => {
    const shared = synth({ auth: { mode: 'cognito', existingUserPool: { id: 'eu-west-1_abc', arn: 'arn:aws:cognito-idp:eu-west-1:123:userpool/eu-west-1_abc', domainPrefix: 'acme-auth' } } });
    expect(shared.all('aws_cognito_user_pool')).toEqual([]);
    // A pool has one domain: the servers sharing it use the one it has.
    expect(shared.all('aws_cognito_user_pool_domain')).toEqual([]);
    expect(shared.one('aws_cognito_resource_server').user_pool_id).toBe('eu-west-1_abc');
    const env = shared.all('aws_lambda_function').find(([name]) => name === 'front_door')![1].environment.variables as Record<string, string>;
    expect(env.UPSTREAM_ISSUER).toMatch(/\/eu-west-1_abc$/);
    expect(env.UPSTREAM_REVOCATION_ENDPOINT).toMatch(/^https:\/\/acme-auth\.auth\./);
  });

  it('gives each server on a shared pool its own front-door client and table', () => {
    const pool = { mode: 'cognito' as const, existingUserPool: { id: 'eu-west-1_abc', arn: 'arn:aws:cognito-idp:eu-west-1:123:userpool/eu-west-1_abc', domainPrefix: 'acme-auth' } };
    const [a, b] = [synth({ name: 'mcp-tasks', auth: pool }), synth({ name: 'mcp-notes', domain: { name: 'notes.example.com', hostedZoneId: 'Z1' }, auth: pool })];
    expect([a.one('aws_cognito_user_pool_client').name, b.one('aws_cognito_user_pool_client').name]).toEqual(['mcp-tasks-front-door', 'mcp-notes-front-door']);
    expect([a.one('aws_dynamodb_table').name, b.one('aws_dynamodb_table').name]).toEqual(['mcp-tasks-front-door', 'mcp-notes-front-door']);
    expect(b.one('aws_cognito_user_pool_client').callback_urls).toEqual(['https://notes.example.com/callback']);
  });

  it('outputs the URLs, ids and client configuration', () => {
    const r = s.server.result;
    expect(r.mcpUrl).toBe('https://mcp.example.com/mcp');
    expect(r.protectedResourceMetadataUrl).toBe('https://mcp.example.com/.well-known/oauth-protected-resource/mcp');
    expect(r.authorizationServerMetadataUrl).toBe('https://mcp.example.com/.well-known/oauth-authorization-server');
    expect(r.clients.claudeCode).toBe('claude mcp add --transport http tasks https://mcp.example.com/mcp');
    expect(JSON.parse(r.clients.vscode)).toEqual({ servers: { tasks: { type: 'http', url: 'https://mcp.example.com/mcp' } } });
  });
});

describe('the other auth modes', () => {
  it('refuses cognito without a custom domain', () => {
    expect(() => synth({ domain: undefined })).toThrow(/custom domain/);
  });

  it('api_key: a key and a usage plan with throttle and quota, the method requiring the key, no Cognito', () => {
    const s = synth({ auth: { mode: 'api_key', quotaPerDay: 10_000 }, domain: undefined });
    expect(s.all('aws_cognito_user_pool')).toEqual([]);
    expect(s.one('aws_api_gateway_usage_plan')).toMatchObject({ throttle_settings: { rate_limit: 50, burst_limit: 100 }, quota_settings: { limit: 10000, period: 'DAY' } });
    expect(s.one('aws_api_gateway_usage_plan_key').key_type).toBe('API_KEY');
    const post = methods(s).find((m) => m.path === '/mcp' && m.method === 'POST')!;
    expect([post.auth, post.apiKey]).toEqual(['NONE', true]);
    // No OAuth discovery: under /.well-known only the server card (open, as in every mode).
    expect(methods(s).filter((m) => m.path.startsWith('/.well-known')).map((m) => [m.path, m.method, m.apiKey])).toEqual([
      ['/.well-known/mcp/server-card.json', 'GET', false], ['/.well-known/mcp/server-card.json', 'OPTIONS', false],
    ]);
    expect(s.server.result.clients.claudeCode).toMatch(/--header "X-Api-Key: <api key>"/);
  });

  it('authorizer_arn: a REQUEST authorizer on the existing function, with permission to invoke it', () => {
    const arn = 'arn:aws:lambda:eu-west-1:123456789012:function:my-authorizer';
    const s = synth({ auth: { mode: 'authorizer_arn', authorizerArn: arn }, domain: undefined });
    const authorizer = s.one('aws_api_gateway_authorizer');
    expect(authorizer).toMatchObject({ type: 'REQUEST', identity_source: 'method.request.header.Authorization', authorizer_result_ttl_in_seconds: 300 });
    expect(authorizer.authorizer_uri).toContain(`/functions/${arn}/invocations`);
    expect(s.all('aws_lambda_permission').map(([, p]) => p.function_name)).toContain(arn);
    expect(methods(s).find((m) => m.path === '/mcp' && m.method === 'POST')!.auth).toBe('CUSTOM');
  });

  it('none: an open method and a warning in the outputs', () => {
    const s = synth({ auth: { mode: 'none' }, domain: undefined });
    expect(methods(s).find((m) => m.path === '/mcp' && m.method === 'POST')!.auth).toBe('NONE');
    expect(s.server.result.warnings.join(' ')).toMatch(/anyone who can reach the URL/);
    expect(serverOutputs(s.server.result).warnings!.value).toMatch(/^auth mode "none"/);
  });

  it('none with a domain serves on the domain', () => {
    const s = synth({ auth: { mode: 'none' } });
    expect(s.server.result.mcpUrl).toBe('https://mcp.example.com/mcp');
    expect(s.all('aws_api_gateway_domain_name')).toHaveLength(1);
  });
});

describe('the function', () => {
  it('fronts an existing function with only the invoke permission, buffered unless asked to stream', () => {
    const legacy = { existingFunction: { arn: 'arn:aws:lambda:eu-west-1:123456789012:function:legacy', name: 'legacy' } };
    const s = synth({ code: legacy, auth: { mode: 'api_key' }, domain: undefined });
    expect(s.all('aws_lambda_function')).toEqual([]);
    expect(s.all('aws_lambda_permission').map(([, p]) => p.function_name)).toContain('legacy');
    // Its code is not the module's: it keeps the buffered integration it had, and nothing asks it to change.
    expect(methods(s).find((m) => m.method === 'POST')!.integration).toMatchObject({
      uri: 'arn:aws:apigateway:${data.aws_region.current.region}:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:legacy/invocations',
      response_transfer_mode: 'BUFFERED',
    });
    expect(s.server.result.warnings.join(' ')).not.toMatch(/MCP_RESPONSE_STREAMING/);
    // Asked to stream: the streaming URI, and the warnings tell its owner to switch the kit's entry.
    const streamed = synth({ code: legacy, auth: { mode: 'api_key' }, domain: undefined, streaming: true });
    expect(methods(streamed).find((m) => m.method === 'POST')!.integration.uri).toBe(
      'arn:aws:apigateway:${data.aws_region.current.region}:lambda:path/2021-11-15/functions/arn:aws:lambda:eu-west-1:123456789012:function:legacy/response-streaming-invocations',
    );
    expect(streamed.server.result.warnings.join(' ')).toMatch(/MCP_RESPONSE_STREAMING=true/);
  });

  it('adds reserved and provisioned concurrency through a live alias', () => {
    const s = synth({ function: { reservedConcurrency: 10, provisionedConcurrency: 2 }, auth: { mode: 'none' }, domain: undefined });
    expect(s.one('aws_lambda_function')).toMatchObject({ reserved_concurrent_executions: 10, publish: true });
    expect(s.one('aws_lambda_provisioned_concurrency_config')).toMatchObject({ provisioned_concurrent_executions: 2 });
    expect(s.one('aws_lambda_permission').qualifier).toBeDefined();
  });

  it('grants only the actions a server declares, besides writing its own logs', () => {
    const s = synth({ auth: { mode: 'none' }, domain: undefined, function: { policyStatements: [{ actions: ['ce:GetCostAndUsage'], resources: ['*'] }] } });
    const statements = s.data('aws_iam_policy_document').flatMap(([, d]) => d.statement ?? []);
    expect(statements.some((x: { actions?: string[] }) => x.actions?.includes('ce:GetCostAndUsage'))).toBe(true);
  });
});

describe('least privilege', () => {
  /** Every IAM statement the stack creates: policy documents (data sources) and inline JSON policies. */
  function statements(s: Synthesized): { actions: string[]; resources: string[] }[] {
    const fromData = s.data('aws_iam_policy_document').flatMap(([, d]) => (d.statement ?? []).filter((x: any) => x.actions?.[0] !== 'sts:AssumeRole').map((x: any) => ({ actions: x.actions, resources: x.resources ?? [] })));
    const fromInline = s.all('aws_iam_role_policy').map(([, p]) => p.policy).filter((p) => p.startsWith('{')).flatMap((p) => JSON.parse(p).Statement.map((x: any) => ({ actions: [x.Action].flat(), resources: [x.Resource].flat() })));
    return [...fromData, ...fromInline];
  }

  it.each(['cognito', 'api_key', 'authorizer_arn', 'none'] as const)('has no IAM wildcard on actions or resources in %s mode', (mode) => {
    const auth = mode === 'authorizer_arn' ? { mode, authorizerArn: 'arn:aws:lambda:eu-west-1:1:function:a' } : { mode };
    const s = synth({ auth, ...(mode === 'cognito' ? {} : { domain: undefined }), accessLogging: 'manage_account_role' });
    const all = statements(s);
    expect(all.length).toBeGreaterThan(0);
    for (const st of all) {
      for (const action of st.actions) expect(action, JSON.stringify(st)).not.toContain('*');
      for (const resource of st.resources) {
        expect(resource, JSON.stringify(st)).not.toBe('*');
        // The only wildcards allowed are trailing log-stream names of this stack's own log groups.
        if (resource.includes('*')) expect(resource).toMatch(/(:log-stream:\*|log-group:\/aws\/apigateway\/\*)$/);
      }
    }
  });
});

describe('review items: safe defaults and a first apply that works', () => {
  it('sets the pool tier explicitly, offers TOTP MFA, protects the pool from deletion by default, and rotates the front door\'s Cognito refresh tokens', () => {
    const s = synth();
    expect(s.one('aws_cognito_user_pool')).toMatchObject({
      user_pool_tier: 'ESSENTIALS', mfa_configuration: 'OPTIONAL', software_token_mfa_configuration: { enabled: true }, deletion_protection: 'ACTIVE',
    });
    expect(s.one('aws_cognito_user_pool_client')).toMatchObject({
      refresh_token_rotation: [{ feature: 'ENABLED', retry_grace_period_seconds: 10 }],
      // Rotation excludes the REFRESH_TOKEN_AUTH API flow; the token endpoint's refresh grant still works.
      explicit_auth_flows: ['ALLOW_USER_SRP_AUTH'],
    });
    const off = synth({ auth: { mode: 'cognito', deletionProtection: false, mfa: 'OFF', userPoolTier: 'PLUS' } }).one('aws_cognito_user_pool');
    expect(off).toMatchObject({ deletion_protection: 'INACTIVE', mfa_configuration: 'OFF', user_pool_tier: 'PLUS' });
    expect(off.software_token_mfa_configuration).toBeUndefined();
  });

  it('writes no access logs by default, so the stage creates in an account without API Gateway\'s CloudWatch role', () => {
    const s = synth();
    expect(s.one('aws_api_gateway_stage').access_log_settings).toBeUndefined();
    expect(s.all('aws_cloudwatch_log_group').map(([name]) => name).sort()).toEqual(['front_door', 'lambda']);
    expect(s.all('aws_api_gateway_account')).toEqual([]);
  });

  it('logs access with the token\'s subject and client once the account role is set, and manages that role only when asked, after its policy', () => {
    const on = synth({ accessLogging: 'account_role_set' });
    const format = JSON.parse(on.one('aws_api_gateway_stage').access_log_settings.format);
    expect(format).toMatchObject({ sub: '$context.authorizer.claims.sub', clientId: '$context.authorizer.claims.client_id', principal: '$context.authorizer.principalId' });
    expect(on.all('aws_api_gateway_account')).toEqual([]);
    const managed = synth({ accessLogging: 'manage_account_role' });
    expect(managed.one('aws_api_gateway_account').depends_on).toEqual(['aws_iam_role_policy_attachment.api_gateway_cloudwatch']);
    expect(managed.one('aws_api_gateway_stage').depends_on).toEqual(['aws_api_gateway_account.this']);
  });

  it('redeploys when the API\'s own disable_execute_api_endpoint changes', () => {
    expect(synth().one('aws_api_gateway_deployment').triggers.redeployment).toContain('aws_api_gateway_rest_api.this.disable_execute_api_endpoint');
  });

  it('serves the custom domain dual-stack, so its AAAA alias answers over IPv6', () => {
    const s = synth();
    expect(s.one('aws_api_gateway_domain_name').endpoint_configuration).toEqual({ types: ['REGIONAL'], ip_address_type: 'dualstack' });
    expect(s.all('aws_route53_record').map(([name, r]) => [name, r.type]).sort()).toEqual([['a', 'A'], ['aaaa', 'AAAA'], ['validation', '${tolist(aws_acm_certificate.this.domain_validation_options).0.resource_record_type}']]);
  });

  it('follows the function\'s timeout with the integration\'s, a second longer, and refuses one API Gateway cannot wait for', () => {
    const s = synth({ auth: { mode: 'none' }, domain: undefined, function: { timeoutSeconds: 10 } });
    expect(s.json.locals.api_routes.mcp_post.timeout_milliseconds).toBe(11000);
    expect(() => synth({ auth: { mode: 'none' }, domain: undefined, function: { timeoutSeconds: 900 } })).toThrow(/1 to 899 s .*streamed/);
    expect(() => synth({ auth: { mode: 'none' }, domain: undefined, streaming: false, function: { timeoutSeconds: 29 } })).toThrow(/1 to 28 s .*buffered/);
  });

  it('permits a qualified existing function (an alias) with its qualifier', () => {
    const s = synth({ code: { existingFunction: { arn: 'arn:aws:lambda:eu-west-1:123456789012:function:legacy:live', name: 'legacy' } }, auth: { mode: 'none' }, domain: undefined });
    expect(s.one('aws_lambda_permission')).toMatchObject({ function_name: 'legacy', qualifier: 'live' });
  });

  it('uses a given request-state secret instead of generating one', () => {
    const s = synth({ auth: { mode: 'none' }, domain: undefined, requestStateSecret: 'a-given-secret-of-at-least-32-characters' });
    expect(s.all('random_password')).toEqual([]);
    expect(s.one('aws_lambda_function').environment.variables.MCP_STATE_SECRET).toBe('a-given-secret-of-at-least-32-characters');
    expect(s.one('aws_lambda_function').environment.variables.MCP_AUTH_REQUIRED).toBeUndefined();
  });

  it('refuses scope names that would break the quoted WWW-Authenticate header', () => {
    expect(() => synth({ manifest: { ...MANIFEST, scopes: ["tasks:'read"] } })).toThrow(/scope names/);
    expect(() => synth({ manifest: { ...MANIFEST, scopes: ['tasks read'] } })).toThrow(/scope names/);
  });
});

describe('response streaming (the streaming switch)', () => {
  const post = (s: Synthesized) => methods(s).find((m) => m.path === '/mcp' && m.method === 'POST')!.integration;

  it('is on by default: POST /mcp in STREAM mode through the streaming invoke URI built from the function ARN, 15 minutes', () => {
    const s = synth({ auth: { mode: 'none' }, domain: undefined });
    expect(post(s)).toMatchObject({
      type: 'AWS_PROXY',
      response_transfer_mode: 'STREAM',
      timeout_milliseconds: 900000,
      uri: 'arn:aws:apigateway:${element(split(":", aws_lambda_function.this.arn), 3)}:lambda:path/2021-11-15/functions/${aws_lambda_function.this.arn}/response-streaming-invocations',
    });
    expect(s.one('aws_lambda_function')).toMatchObject({ timeout: 899, environment: { variables: { MCP_RESPONSE_STREAMING: 'true' } } });
    // InvokeWithResponseStream is authorized by lambda:InvokeFunction (Lambda API reference): the same permission.
    expect(s.one('aws_lambda_permission')).toMatchObject({ action: 'lambda:InvokeFunction', principal: 'apigateway.amazonaws.com' });
  });

  it('streams to the live alias when provisioned concurrency is on', () => {
    const s = synth({ auth: { mode: 'none' }, domain: undefined, function: { provisionedConcurrency: 1 } });
    expect(post(s).uri).toBe('arn:aws:apigateway:${element(split(":", aws_lambda_alias.this.arn), 3)}:lambda:path/2021-11-15/functions/${aws_lambda_alias.this.arn}/response-streaming-invocations');
  });

  it('off: buffered as before (BUFFERED set explicitly, so turning it off reverts), 28 s, the plain invoke ARN', () => {
    const s = synth({ auth: { mode: 'none' }, domain: undefined, streaming: false });
    expect(post(s)).toMatchObject({ response_transfer_mode: 'BUFFERED', timeout_milliseconds: 29000, uri: '${aws_lambda_function.this.invoke_arn}' });
    expect(s.one('aws_lambda_function')).toMatchObject({ timeout: 28, environment: { variables: { MCP_RESPONSE_STREAMING: 'false' } } });
  });

  it('leaves the other routes as they were: MOCK routes without a transfer mode, the registration function buffered', () => {
    const s = synth();
    for (const m of methods(s)) {
      if (m.name === 'mcp_post') continue;
      if (m.integration.type === 'MOCK') expect(m.integration.response_transfer_mode, m.name).toBe('${null}');
      else expect(m.integration, m.name).toMatchObject({ response_transfer_mode: 'BUFFERED' });
    }
    expect(methods(s).some((m) => m.integration.type === 'AWS_PROXY' && m.name !== 'mcp_post')).toBe(true);
  });
});
