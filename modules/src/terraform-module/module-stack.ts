import { Fn, TerraformLocal, TerraformOutput, TerraformStack, Token, ref, type IResolvable } from 'cdktf';
import type { Construct } from 'constructs';
import { DOMAIN_PREFIX_RESERVED, NAME_AS_DOMAIN_PREFIX_PATTERN } from '../auth/cognito-auth.ts';
import { choose, planTime } from '../conditions.ts';
import { DEFAULT_STREAMED_TIMEOUT_SECONDS, DEFAULT_TIMEOUT_SECONDS, type PolicyStatement } from '../function.ts';
import { SCOPE_TOKEN } from '../discovery.ts';
import { McpServer, type AuthConfig } from '../mcp-server.ts';
import { serverOutputs } from '../outputs.ts';
import { declareVariables } from './variables.ts';

const scopeToken = SCOPE_TOKEN.replace(/\\/g, '\\\\');

/**
 * Cross-variable rules, checked at plan time before anything is created. Every structural choice is an
 * explicit `create_*` switch, so a value known only after apply (a certificate or pool made in the same
 * root) never decides a count; these rules keep the switches and the values they use consistent.
 */
export const PRECONDITIONS = [
  { condition: '${var.auth_mode != "cognito" || var.create_domain_name}', errorMessage: 'auth_mode "cognito" needs create_domain_name (with domain_name and hosted_zone_id): OAuth clients fetch /.well-known/* from the domain root.' },
  { condition: '${!var.create_domain_name || (var.domain_name != null && var.hosted_zone_id != null)}', errorMessage: 'create_domain_name needs domain_name and hosted_zone_id (its Route53 zone); set create_domain_name = false to serve on the stage URL.' },
  { condition: '${var.create_function ? (var.local_existing_package != null && var.existing_function_arn == null) : var.existing_function_arn != null}', errorMessage: 'create_function needs local_existing_package (and no existing_function_arn); create_function = false needs existing_function_arn.' },
  { condition: '${var.auth_mode != "authorizer_arn" || var.authorizer_arn != null}', errorMessage: 'auth_mode "authorizer_arn" needs authorizer_arn.' },
  { condition: '${!var.create_user_pool || var.cognito_user_pool_id == null}', errorMessage: 'cognito_user_pool_id is for a shared pool: set create_user_pool = false with it.' },
  { condition: '${var.auth_mode != "cognito" || var.create_user_pool || (var.cognito_user_pool_id != null && var.cognito_user_pool_arn != null && var.cognito_domain_prefix != null)}', errorMessage: 'create_user_pool = false needs cognito_user_pool_id, cognito_user_pool_arn and cognito_domain_prefix (the shared pool\'s hosted-UI domain).' },
  { condition: '${!var.create_certificate || var.certificate_arn == null}', errorMessage: 'certificate_arn is for an existing certificate: set create_certificate = false with it.' },
  { condition: '${var.create_certificate || !var.create_domain_name || var.certificate_arn != null}', errorMessage: 'create_certificate = false needs certificate_arn.' },
  { condition: '${can(local.manifest.serverCard.remotes[0])}', errorMessage: 'manifest.json has no serverCard: it was built by a kit older than server cards. Rebuild it (make build).' },
  { condition: '${var.request_state_secret == null ? true : length(var.request_state_secret) >= 32}', errorMessage: 'request_state_secret must be at least 32 characters.' },
  { condition: '${coalesce(var.streaming, var.create_function) || var.timeout == null ? true : var.timeout <= 28}', errorMessage: 'timeout above 28 s needs streaming = true: API Gateway waits at most 29 s for a buffered answer.' },
  {
    condition: `\${var.auth_mode != "cognito" || !var.create_user_pool || var.cognito_domain_prefix != null || (can(regex("${NAME_AS_DOMAIN_PREFIX_PATTERN}", var.name)) && !can(regex("${DOMAIN_PREFIX_RESERVED}", var.name)))}`,
    errorMessage: 'name is also the hosted-UI domain prefix (<name>-<hash>), which Cognito allows only in lower-case a-z, 0-9 and -, starting with a letter or digit, without aws, amazon or cognito: change name or set cognito_domain_prefix.',
  },
  {
    condition: `\${alltrue([for s in concat([var.cognito_server_scope], lookup(local.manifest, "scopes", [])) : can(regex("${scopeToken}", s))])}`,
    errorMessage: 'Scope names (the manifest\'s and cognito_server_scope) may hold printable ASCII except space, ", \\ and \' (RFC 6749 scope tokens that fit the quoted WWW-Authenticate header).',
  },
];

/** Where the module keeps the front door's zip, relative to `path.module`. */
export const FRONT_DOOR_ZIP = 'functions/front-door.zip';

/**
 * The plain Terraform module: the same McpServer as the CDKTF app, with every input a Terraform variable
 * and every structural choice decided at plan time. No provider and no backend: the caller's apply.
 * scripts/module.ts synthesizes it and writes modules/terraform-aws-mcp-server/.
 */
export class McpServerModuleStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const v = declareVariables(this);
    const str = (name: keyof typeof v) => v[name].stringValue;
    const num = (name: keyof typeof v) => v[name].numberValue;

    const manifest = new TerraformLocal(this, 'manifest', Fn.jsondecode(Fn.file(str('manifest_path'))));
    const frontDoorZip = new TerraformLocal(this, 'front_door_zip', `\${path.module}/${FRONT_DOOR_ZIP}`);
    const functionName = Fn.element(Fn.split(':', str('existing_function_arn')), 6);

    const on = (name: keyof typeof v) => planTime(v[name].value);
    // Unset: on for a function the module creates, off for an existing one.
    const streaming = new TerraformLocal(this, 'streaming-on', Fn.coalesce([v.streaming.value, v.create_function.value]));
    streaming.overrideLogicalId('streaming');

    const server = new McpServer(this, 'server', {
      name: str('name'),
      manifest: {
        manifestVersion: 1,
        name: Token.asString(Fn.lookup(manifest.expression, 'name', str('name'))),
        version: Token.asString(Fn.lookup(manifest.expression, 'version', '0.0.0')),
        scopes: Token.asList(Fn.lookup(manifest.expression, 'scopes', [])),
        tools: [],
        serverCard: ref('local.manifest.serverCard'),
      },
      code: {
        zipPath: str('local_existing_package'),
        existingFunction: { arn: str('existing_function_arn'), name: functionName },
        create: on('create_function'),
      },
      frontDoorZipPath: frontDoorZip.asString,
      function: {
        memoryMb: num('memory_size'),
        // Unset: the longest the transfer mode allows (899 s streamed, 28 s buffered).
        timeoutSeconds: Token.asNumber(Fn.coalesce([v.timeout.value, Fn.conditional(streaming.expression, DEFAULT_STREAMED_TIMEOUT_SECONDS, DEFAULT_TIMEOUT_SECONDS)])),
        architecture: Token.asString(Fn.element(v.architectures.listValue, 0)) as 'arm64',
        logLevel: str('log_level'),
        logRetentionDays: num('cloudwatch_logs_retention_in_days'),
        reservedConcurrency: num('reserved_concurrent_executions'),
        provisionedConcurrency: num('provisioned_concurrent_executions'),
        environment: Token.asStringMap(v.environment_variables.value),
        policyStatements: v.policy_statements.value as Record<string, PolicyStatement>,
      },
      auth: {
        mode: str('auth_mode'),
        existingUserPool: { id: str('cognito_user_pool_id'), arn: str('cognito_user_pool_arn'), domainPrefix: str('cognito_domain_prefix') },
        createPool: on('create_user_pool'),
        domainPrefix: str('cognito_domain_prefix'),
        serverScope: str('cognito_server_scope'),
        accessTokenMinutes: num('cognito_access_token_minutes'),
        refreshTokenDays: num('cognito_refresh_token_days'),
        deletionProtection: on('cognito_deletion_protection'),
        mfa: str('cognito_mfa_configuration'),
        userPoolTier: str('cognito_user_pool_tier'),
        frontDoor: {
          redirectHosts: v.front_door_redirect_hosts.listValue,
          privateRedirectUris: v.front_door_private_redirect_uris.listValue,
          allowAnyRedirect: v.front_door_allow_any_redirect.booleanValue,
          registrationTtlSeconds: num('front_door_registration_ttl_seconds'),
          maxRegistrations: num('front_door_max_registrations'),
          consentTtlSeconds: num('front_door_consent_ttl_seconds'),
          cimd: on('front_door_cimd_enabled'),
          tableKmsKeyArn: str('front_door_table_kms_key_arn'),
          tablePointInTimeRecovery: on('front_door_table_point_in_time_recovery'),
          tableDeletionProtection: on('front_door_table_deletion_protection'),
        },
        waf: { enabled: on('create_waf_web_acl'), registerLimit: num('waf_register_rate_limit'), tokenLimit: num('waf_token_rate_limit') },
        authorizerArn: str('authorizer_arn'),
        identitySource: str('authorizer_identity_source'),
        resultTtlSeconds: num('authorizer_result_ttl_seconds'),
        quotaPerDay: num('api_key_quota_per_day'),
      } as unknown as AuthConfig,
      domain: {
        name: str('domain_name'),
        hostedZoneId: str('hosted_zone_id'),
        certificateArn: str('certificate_arn'),
        enabled: on('create_domain_name'),
        createCertificate: on('create_certificate'),
      },
      throttling: {
        rateLimit: num('throttle_rate_limit'),
        burstLimit: num('throttle_burst_limit'),
        registerRateLimit: num('register_rate_limit'),
        registerBurstLimit: num('register_burst_limit'),
        tokenRateLimit: num('token_rate_limit'),
        tokenBurstLimit: num('token_burst_limit'),
        frontDoorRateLimit: num('front_door_rate_limit'),
        frontDoorBurstLimit: num('front_door_burst_limit'),
      },
      stageName: str('stage_name'),
      allowOrigin: str('cors_allow_origin'),
      accessLogRetentionDays: num('access_log_retention_in_days'),
      accessLogging: str('access_logging'),
      requestStateSecret: str('request_state_secret'),
      tags: Token.asStringMap(v.tags.value),
      streaming: planTime(streaming.expression as IResolvable),
      create: on('create'),
      preconditions: PRECONDITIONS,
    });
    // Outputs and variables share the stack's namespace (cognito_user_pool_id is both): distinct ids, clean names.
    // With create = false every output is null (nothing exists to read from).
    const create = planTime(v.create.value);
    for (const [name, o] of Object.entries(serverOutputs(server.result))) {
      new TerraformOutput(this, `output-${name}`, { ...o, value: choose(create, o.value, undefined) }).overrideLogicalId(name);
    }
  }
}
