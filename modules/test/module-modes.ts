/**
 * The plain module's configurations every Terraform check runs: the built-in harness (whose planned
 * addresses are the snapshot in addresses.json) and the real provider's plan use the same inputs.
 */
type Inputs = Record<string, unknown>;

export interface LateValues {
  /** Expressions known only after apply: a certificate, a pool and a secret made in the same root. */
  certificateArn: string;
  poolId: string;
  poolArn: string;
  secret: string;
}

export function moduleModes(manifestPath: string, zipPath: string, late: LateValues): Record<string, Inputs> {
  const base = { name: 'mcp-tasks', manifest_path: manifestPath, local_existing_package: zipPath };
  const cognito = { ...base, domain_name: 'mcp.example.com', hosted_zone_id: 'Z1' };
  const noDomain = { ...base, create_domain_name: false };
  return {
    cognito,
    cognito_shared: {
      ...cognito, create_user_pool: false, cognito_user_pool_id: 'eu-west-1_abc', cognito_user_pool_arn: 'arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_abc',
      cognito_domain_prefix: 'acme-auth', create_certificate: false, certificate_arn: 'arn:aws:acm:eu-west-1:123456789012:certificate/x',
    },
    api_key: { ...noDomain, auth_mode: 'api_key', api_key_quota_per_day: 1000 },
    authorizer_arn: { ...noDomain, auth_mode: 'authorizer_arn', authorizer_arn: 'arn:aws:lambda:eu-west-1:123456789012:function:auth' },
    none: { ...noDomain, auth_mode: 'none' },
    existing_function: { ...noDomain, auth_mode: 'none', local_existing_package: null, create_function: false, existing_function_arn: 'arn:aws:lambda:eu-west-1:123456789012:function:legacy:live' },
    access_logs: { ...noDomain, auth_mode: 'none', access_logging: 'account_role_set' },
    access_logs_managed: { ...noDomain, auth_mode: 'none', access_logging: 'manage_account_role', provisioned_concurrent_executions: 2 },
    disabled: { ...cognito, create: false },
    late_values: {
      ...cognito, create_certificate: false, certificate_arn: late.certificateArn,
      create_user_pool: false, cognito_user_pool_id: late.poolId, cognito_user_pool_arn: late.poolArn,
      cognito_domain_prefix: 'acme-auth', request_state_secret: late.secret,
    },
  };
}
