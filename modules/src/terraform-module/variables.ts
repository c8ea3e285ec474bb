import { TerraformVariable, type TerraformStack, type TerraformVariableValidationConfig } from 'cdktf';

/**
 * The plain module's inputs: one table, so names, types, defaults and descriptions are written once and
 * the README's table is generated from the same JSON Terraform reads. Names follow terraform-aws-modules:
 * `create` first, snake_case, prefixed by what they configure.
 */
interface Spec {
  type: string;
  description: string;
  /** `null` = optional without a value; absent = required. */
  default?: unknown;
  sensitive?: boolean;
  validation?: TerraformVariableValidationConfig[];
}

const PREFIX = '^[a-z0-9](?:[a-z0-9-]{0,40}[a-z0-9])?$';

export const VARIABLES = {
  create: { type: 'bool', default: true, description: 'Create anything at all (false: the module creates nothing).' },
  name: {
    type: 'string',
    description: 'Prefix of every resource name, e.g. "mcp-tasks" (also the Lambda function name).',
    validation: [{ condition: '${can(regex("^[A-Za-z0-9-_]{1,48}$", var.name))}', errorMessage: 'name: 1 to 48 letters, digits, - or _.' }],
  },
  manifest_path: { type: 'string', description: 'The server\'s manifest.json from `make build` (dist/<server>/manifest.json): its name and scopes.' },
  lambda_zip_path: { type: 'string', default: null, description: 'The server\'s bundle zip from `make build` (dist/<server>.zip). Leave null when existing_function_arn is set.' },
  existing_function_arn: { type: 'string', default: null, description: 'A Lambda function that already imports the kit: the module then creates only the invoke permission and what sits in front of it.' },
  lambda_memory_size: { type: 'number', default: 2048, description: 'Memory of the server\'s function in MB (CPU grows with it).' },
  lambda_timeout: { type: 'number', default: 29, description: 'Timeout of the server\'s function in seconds (API Gateway answers 504 after 29 s).' },
  lambda_architecture: {
    type: 'string', default: 'arm64', description: 'arm64 or x86_64.',
    validation: [{ condition: '${contains(["arm64", "x86_64"], var.lambda_architecture)}', errorMessage: 'lambda_architecture must be arm64 or x86_64.' }],
  },
  lambda_log_level: { type: 'string', default: 'INFO', description: 'LOG_LEVEL of the function (DEBUG, INFO, WARN, ERROR).' },
  lambda_log_retention_days: { type: 'number', default: 30, description: 'Retention of the function\'s log group in days.' },
  lambda_reserved_concurrency: { type: 'number', default: -1, description: 'Reserved concurrency of the function (-1: none reserved).' },
  lambda_provisioned_concurrency: { type: 'number', default: 0, description: 'Provisioned concurrency (0: none; more than 0 publishes a version behind a "live" alias).' },
  lambda_environment: { type: 'map(string)', default: {}, description: 'Extra environment variables of the function (plain text in state: no secrets).' },
  lambda_policy_statements: {
    type: 'list(object({ actions = list(string), resources = list(string), effect = optional(string, "Allow") }))',
    default: [],
    description: 'What the tools may do beyond writing their own logs, e.g. [{ actions = ["ce:GetCostAndUsage"], resources = ["*"] }].',
  },
  auth_mode: {
    type: 'string', default: 'cognito', description: 'cognito (OAuth with discovery and registration; needs domain_name), api_key, authorizer_arn or none.',
    validation: [{ condition: '${contains(["cognito", "api_key", "authorizer_arn", "none"], var.auth_mode)}', errorMessage: 'auth_mode must be cognito, api_key, authorizer_arn or none.' }],
  },
  cognito_user_pool_id: { type: 'string', default: null, description: 'Share an existing user pool (with cognito_user_pool_arn and cognito_domain_prefix, its hosted-UI domain). Null: a new pool.' },
  cognito_user_pool_arn: { type: 'string', default: null, description: 'ARN of the shared user pool.' },
  cognito_domain_prefix: {
    type: 'string', default: null, description: 'Hosted-UI domain prefix: the shared pool\'s existing one, or a new pool\'s (default: <name>-<hash of the account>).',
    validation: [{ condition: `\${var.cognito_domain_prefix == null || (can(regex("${PREFIX}", var.cognito_domain_prefix)) && !can(regex("aws|amazon|cognito", var.cognito_domain_prefix)))}`, errorMessage: 'cognito_domain_prefix: lower-case a-z, 0-9 and -, without aws, amazon or cognito.' }],
  },
  cognito_server_scope: { type: 'string', default: 'mcp', description: 'The scope that grants every tool of the server.' },
  cognito_cli_callback_urls: { type: 'list(string)', default: ['http://localhost:8080/callback', 'http://localhost:6274/oauth/callback'], description: 'Callback URLs of the pre-registered public client for command-line use.' },
  cognito_access_token_minutes: { type: 'number', default: 60, description: 'Access-token lifetime in minutes.' },
  cognito_refresh_token_days: { type: 'number', default: 30, description: 'Refresh-token lifetime in days.' },
  registration_redirect_hosts: { type: 'list(string)', default: [], description: 'https redirect hosts dynamic clients may register, e.g. ["claude.ai", "chatgpt.com"] (loopback always allowed). Empty: any https host.' },
  registration_max_clients: { type: 'number', default: 500, description: 'Most dynamically registered clients kept at once (the pool\'s quota is 1,000).' },
  registration_retention_days: { type: 'number', default: 90, description: 'Registered clients are deleted this many days after registering.' },
  authorizer_arn: { type: 'string', default: null, description: 'ARN of an existing Lambda authorizer function (auth_mode = authorizer_arn).' },
  authorizer_identity_source: { type: 'string', default: 'method.request.header.Authorization', description: 'Identity source of the Lambda authorizer.' },
  authorizer_result_ttl_seconds: { type: 'number', default: 300, description: 'How long API Gateway caches the authorizer\'s answer.' },
  api_key_quota_per_day: { type: 'number', default: 0, description: 'Requests per day per API key (0: no quota; auth_mode = api_key).' },
  domain_name: { type: 'string', default: null, description: 'Custom domain, e.g. mcp.example.com (required for cognito: clients fetch /.well-known/* at its root).' },
  hosted_zone_id: { type: 'string', default: null, description: 'Route53 zone of domain_name (validation and alias records).' },
  certificate_arn: { type: 'string', default: null, description: 'An existing ACM certificate for domain_name in the same Region. Null: one is created and validated by DNS.' },
  throttle_rate_limit: { type: 'number', default: 50, description: 'Steady requests per second for the whole stage.' },
  throttle_burst_limit: { type: 'number', default: 100, description: 'Burst for the whole stage.' },
  register_rate_limit: { type: 'number', default: 1, description: 'Requests per second for POST /register.' },
  register_burst_limit: { type: 'number', default: 5, description: 'Burst for POST /register.' },
  stage_name: { type: 'string', default: 'live', description: 'API Gateway stage name.' },
  cors_allow_origin: { type: 'string', default: '*', description: 'Access-Control-Allow-Origin for browser clients.' },
  access_log_retention_days: { type: 'number', default: 30, description: 'Retention of the API access logs in days.' },
  manage_account_log_role: { type: 'bool', default: false, description: 'Set the account\'s API Gateway logging role (one setting per account and Region: only where nothing else sets it).' },
  request_state_secret: { type: 'string', default: null, sensitive: true, description: 'Secret (32+ characters) sealing multi-round tool input; set it for tools that ask the user. Stored in the function environment.' },
  tags: { type: 'map(string)', default: {}, description: 'Tags for every resource.' },
} satisfies Record<string, Spec>;

export type VariableName = keyof typeof VARIABLES;

/** Declares every variable on the stack (stack-level ids keep the names clean: no hash suffix). */
export function declareVariables(stack: TerraformStack): Record<VariableName, TerraformVariable> {
  const out = {} as Record<VariableName, TerraformVariable>;
  for (const [name, spec] of Object.entries(VARIABLES) as [VariableName, Spec][]) {
    const v = new TerraformVariable(stack, name, {
      type: spec.type,
      description: spec.description,
      ...(spec.sensitive ? { sensitive: true } : {}),
      ...(spec.default !== undefined && spec.default !== null ? { default: spec.default } : {}),
      ...(spec.validation ? { validation: spec.validation } : {}),
    });
    // cdktf cannot write `default = null`; an optional variable without a value needs exactly that.
    if (spec.default === null) v.addOverride('default', null);
    out[name] = v;
  }
  return out;
}
