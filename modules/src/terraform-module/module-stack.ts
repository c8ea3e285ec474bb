import { Fn, Op, TerraformLocal, TerraformOutput, TerraformStack, Token } from 'cdktf';
import type { Construct } from 'constructs';
import { choose, given, planTime, tfNull } from '../conditions.ts';
import type { PolicyStatement } from '../function.ts';
import { McpServer, type AuthConfig } from '../mcp-server.ts';
import { serverOutputs } from '../outputs.ts';
import { declareVariables } from './variables.ts';

/** Where the module keeps the registration function's zip, relative to `path.module`. */
export const REGISTRATION_ZIP = 'functions/registration.zip';

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
    const isNull = (name: keyof typeof v) => Op.eq(v[name].value, tfNull());

    const manifest = new TerraformLocal(this, 'manifest', Fn.jsondecode(Fn.file(str('manifest_path'))));
    const registrationZip = new TerraformLocal(this, 'registration_zip', `\${path.module}/${REGISTRATION_ZIP}`);
    const functionName = Fn.element(Fn.split(':', str('existing_function_arn')), 6);

    const server = new McpServer(this, 'server', {
      name: str('name'),
      manifest: {
        manifestVersion: 1,
        name: Token.asString(Fn.lookup(manifest.expression, 'name', str('name'))),
        version: Token.asString(Fn.lookup(manifest.expression, 'version', '0.0.0')),
        scopes: Token.asList(Fn.lookup(manifest.expression, 'scopes', [])),
        tools: [],
      },
      code: {
        zipPath: str('lambda_zip_path'),
        existingFunction: { arn: str('existing_function_arn'), name: functionName },
        create: planTime(isNull('existing_function_arn')),
      },
      registrationZipPath: registrationZip.asString,
      function: {
        memoryMb: num('lambda_memory_size'),
        timeoutSeconds: num('lambda_timeout'),
        architecture: str('lambda_architecture') as 'arm64',
        logLevel: str('lambda_log_level'),
        logRetentionDays: num('lambda_log_retention_days'),
        reservedConcurrency: num('lambda_reserved_concurrency'),
        provisionedConcurrency: num('lambda_provisioned_concurrency'),
        environment: Token.asStringMap(v.lambda_environment.value),
        policyStatements: v.lambda_policy_statements.value as PolicyStatement[],
      },
      auth: {
        mode: str('auth_mode'),
        existingUserPool: { id: str('cognito_user_pool_id'), arn: str('cognito_user_pool_arn'), domainPrefix: str('cognito_domain_prefix') },
        createPool: planTime(isNull('cognito_user_pool_id')),
        domainPrefix: str('cognito_domain_prefix'),
        serverScope: str('cognito_server_scope'),
        cliCallbackUrls: v.cognito_cli_callback_urls.listValue,
        accessTokenMinutes: num('cognito_access_token_minutes'),
        refreshTokenDays: num('cognito_refresh_token_days'),
        redirectHosts: v.registration_redirect_hosts.listValue,
        maxRegistrations: num('registration_max_clients'),
        registrationRetentionDays: num('registration_retention_days'),
        authorizerArn: str('authorizer_arn'),
        identitySource: str('authorizer_identity_source'),
        resultTtlSeconds: num('authorizer_result_ttl_seconds'),
        quotaPerDay: num('api_key_quota_per_day'),
      } as unknown as AuthConfig,
      domain: {
        name: str('domain_name'),
        hostedZoneId: str('hosted_zone_id'),
        certificateArn: str('certificate_arn'),
        enabled: given(str('domain_name')),
        createCertificate: planTime(isNull('certificate_arn')),
      },
      throttling: {
        rateLimit: num('throttle_rate_limit'),
        burstLimit: num('throttle_burst_limit'),
        registerRateLimit: num('register_rate_limit'),
        registerBurstLimit: num('register_burst_limit'),
      },
      stageName: str('stage_name'),
      allowOrigin: str('cors_allow_origin'),
      accessLogRetentionDays: num('access_log_retention_days'),
      manageAccountLogRole: planTime(v.manage_account_log_role.value),
      requestStateSecret: str('request_state_secret'),
      tags: Token.asStringMap(v.tags.value),
      create: planTime(v.create.value),
      preconditions: [
        { condition: '${var.auth_mode != "cognito" || (var.domain_name != null && var.hosted_zone_id != null)}', errorMessage: 'auth_mode "cognito" needs domain_name and hosted_zone_id: OAuth clients fetch /.well-known/* from the domain root.' },
        { condition: '${var.domain_name == null || var.hosted_zone_id != null}', errorMessage: 'domain_name needs hosted_zone_id (its Route53 zone).' },
        { condition: '${(var.lambda_zip_path == null) != (var.existing_function_arn == null)}', errorMessage: 'Set exactly one of lambda_zip_path and existing_function_arn.' },
        { condition: '${var.auth_mode != "authorizer_arn" || var.authorizer_arn != null}', errorMessage: 'auth_mode "authorizer_arn" needs authorizer_arn.' },
        { condition: '${var.cognito_user_pool_id == null || (var.cognito_user_pool_arn != null && var.cognito_domain_prefix != null)}', errorMessage: 'cognito_user_pool_id needs cognito_user_pool_arn and cognito_domain_prefix (the shared pool\'s hosted-UI domain).' },
        { condition: '${var.request_state_secret == null ? true : length(var.request_state_secret) >= 32}', errorMessage: 'request_state_secret must be at least 32 characters.' },
      ],
    });
    // Outputs and variables share the stack's namespace (cognito_user_pool_id is both): distinct ids, clean names.
    // With create = false every output is null (nothing exists to read from).
    const create = planTime(v.create.value);
    for (const [name, o] of Object.entries(serverOutputs(server.result))) {
      new TerraformOutput(this, `output-${name}`, { ...o, value: choose(create, o.value, undefined) }).overrideLogicalId(name);
    }
  }
}
