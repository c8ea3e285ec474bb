import { TerraformVariable, type TerraformStack, type TerraformVariableValidationConfig } from 'cdktf';
import { DEFAULT_MFA, DEFAULT_SERVER_SCOPE, DEFAULT_USER_POOL_TIER, DOMAIN_PREFIX_PATTERN, DOMAIN_PREFIX_RESERVED } from '../auth/cognito-auth.ts';
import { ACCESS_LOGGING_MODES, DEFAULT_THROTTLING as THROTTLE, DEFAULT_WAF_LIMITS as WAF, MAX_NAME_LENGTH, NAME_PATTERN } from '../mcp-server-config.ts';

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

const oneOf = (name: string, values: string[]) => [{ condition: `\${contains(${JSON.stringify(values)}, var.${name})}`, errorMessage: `${name} must be one of ${values.join(', ')}.` }];

export const VARIABLES = {
  create: { type: 'bool', default: true, description: 'Create anything at all (false: the module creates nothing).' },
  name: {
    type: 'string',
    description: `Prefix of every resource name, e.g. "mcp-tasks" (also the Lambda function name): 1 to ${MAX_NAME_LENGTH} letters, digits, - or _. In cognito mode with a new pool and no cognito_domain_prefix it is also the hosted-UI domain prefix, so lower-case a-z, 0-9 and - only, without aws, amazon or cognito.`,
    validation: [{ condition: `\${can(regex("${NAME_PATTERN}", var.name))}`, errorMessage: `name: 1 to ${MAX_NAME_LENGTH} letters, digits, - or _.` }],
  },
  manifest_path: { type: 'string', description: 'The server\'s manifest.json from `make build` (dist/<server>/manifest.json): its name and scopes.' },

  create_function: { type: 'bool', default: true, description: 'Create the server\'s function from local_existing_package (false: front existing_function_arn, a function that already imports the kit).' },
  local_existing_package: { type: 'string', default: null, description: 'The server\'s bundle zip from `make build` (dist/<server>.zip), when create_function.' },
  existing_function_arn: { type: 'string', default: null, description: 'When create_function = false: the function to invoke (a qualified ARN, :alias or :version, is invoked and permitted as given). The module then creates only the invoke permission and what sits in front of it; set the variables the warnings output lists on that function, and timeout to its timeout.' },
  memory_size: { type: 'number', default: 2048, description: 'Memory of the server\'s function in MB (CPU grows with it).' },
  streaming: {
    type: 'bool', default: null,
    description: 'Answer through API Gateway response streaming (STREAM transfer mode on POST /mcp, the function invoked with InvokeWithResponseStream): progress and log notifications reach the client while a tool runs, and a call may take up to 15 minutes (5 minutes idle, which the kit\'s keep-alives cover). Small answers cost the same; JSON-only clients still get one buffered body. Default (null): on when create_function, off for an existing function, which must set MCP_RESPONSE_STREAMING=true itself to stream (see the warnings output). Sets MCP_RESPONSE_STREAMING on a created function.',
  },
  timeout: {
    type: 'number', default: null,
    description: 'Timeout of the server\'s function in seconds: 1 to 899 with streaming (default 899), 1 to 28 without (default 28). API Gateway waits a second longer (at most 15 minutes streamed, 29 s buffered), so the kit\'s own deadline answer reaches the client instead of a bare 504.',
    validation: [{ condition: '${var.timeout == null ? true : var.timeout >= 1 && var.timeout <= 899}', errorMessage: 'timeout: 1 to 899 seconds (API Gateway waits at most 15 minutes for a streamed answer, and a second longer than the function).' }],
  },
  architectures: {
    type: 'list(string)', default: ['arm64'], description: 'Instruction set of the function: ["arm64"] or ["x86_64"].',
    validation: [{ condition: '${length(var.architectures) == 1 && contains(["arm64", "x86_64"], var.architectures[0])}', errorMessage: 'architectures must be ["arm64"] or ["x86_64"].' }],
  },
  log_level: { type: 'string', default: 'INFO', description: 'LOG_LEVEL of the function (DEBUG, INFO, WARN, ERROR).' },
  cloudwatch_logs_retention_in_days: { type: 'number', default: 30, description: 'Retention of the function\'s log group (and the front door\'s) in days.' },
  reserved_concurrent_executions: { type: 'number', default: -1, description: 'Reserved concurrency of the function (-1: none reserved).' },
  provisioned_concurrent_executions: { type: 'number', default: 0, description: 'Provisioned concurrency (0: none; more than 0 publishes a version behind a "live" alias).' },
  environment_variables: { type: 'map(string)', default: {}, description: 'Extra environment variables of the function (plain text in state: no secrets).' },
  policy_statements: {
    type: 'map(object({ actions = list(string), resources = list(string), effect = optional(string, "Allow") }))',
    default: {},
    description: 'What the tools may do beyond writing their own logs, keyed by statement id (letters and digits), e.g. { CostExplorer = { actions = ["ce:GetCostAndUsage"], resources = ["*"] } }.',
    validation: [{ condition: '${alltrue([for sid in keys(var.policy_statements) : can(regex("^[A-Za-z0-9]+$", sid))])}', errorMessage: 'policy_statements keys are IAM statement ids: letters and digits only.' }],
  },

  auth_mode: {
    type: 'string', default: 'cognito', description: 'cognito (OAuth through the front door, Cognito behind it; needs a domain), api_key, authorizer_arn or none.',
    validation: oneOf('auth_mode', ['cognito', 'api_key', 'authorizer_arn', 'none']),
  },
  create_user_pool: { type: 'bool', default: true, description: 'cognito mode: create a user pool and its hosted-UI domain (false: share cognito_user_pool_id).' },
  cognito_user_pool_id: { type: 'string', default: null, description: 'When create_user_pool = false: the shared pool (with cognito_user_pool_arn and cognito_domain_prefix, its hosted-UI domain).' },
  cognito_user_pool_arn: { type: 'string', default: null, description: 'ARN of the shared user pool.' },
  cognito_domain_prefix: {
    type: 'string', default: null, description: 'Hosted-UI domain prefix: the shared pool\'s existing one, or a new pool\'s (default: <name>-<hash of the account>). Lower-case a-z, 0-9 and -, without aws, amazon or cognito.',
    validation: [{ condition: `\${var.cognito_domain_prefix == null || (can(regex("${DOMAIN_PREFIX_PATTERN}", var.cognito_domain_prefix)) && !can(regex("${DOMAIN_PREFIX_RESERVED}", var.cognito_domain_prefix)))}`, errorMessage: 'cognito_domain_prefix: 1 to 63 lower-case a-z, 0-9 and -, starting and ending with a letter or digit, without aws, amazon or cognito.' }],
  },
  cognito_server_scope: { type: 'string', default: DEFAULT_SERVER_SCOPE, description: 'The scope that grants every tool of the server.' },
  cognito_access_token_minutes: { type: 'number', default: 60, description: 'Access-token lifetime in minutes.' },
  cognito_refresh_token_days: { type: 'number', default: 30, description: 'Refresh-token lifetime in days (Cognito\'s, and the front door\'s refresh tokens that wrap them). Both rotate on every use.' },
  cognito_deletion_protection: { type: 'bool', default: true, description: 'A new pool refuses deletion while this is on: to destroy, set it to false and apply, then destroy (README).' },
  cognito_mfa_configuration: {
    type: 'string', default: DEFAULT_MFA, description: 'MFA of a new pool: OFF, OPTIONAL (users may add a TOTP app) or ON (every user must).',
    validation: oneOf('cognito_mfa_configuration', ['OFF', 'OPTIONAL', 'ON']),
  },
  cognito_user_pool_tier: {
    type: 'string', default: DEFAULT_USER_POOL_TIER, description: 'Feature plan of a new pool: LITE, ESSENTIALS or PLUS (refresh-token rotation needs ESSENTIALS or PLUS).',
    validation: oneOf('cognito_user_pool_tier', ['LITE', 'ESSENTIALS', 'PLUS']),
  },
  front_door_redirect_hosts: { type: 'list(string)', default: [], description: 'https redirect hosts clients may register beside the known clients\' (claude.ai, chatgpt.com, vscode.dev... see the README); loopback is always allowed.' },
  front_door_private_redirect_uris: { type: 'list(string)', default: [], description: 'Exact private-use redirect URIs (myapp://callback) clients may register beside the known clients\' (Cursor\'s).' },
  front_door_allow_any_redirect: { type: 'bool', default: false, description: 'Accept any https or private-use redirect URI at registration. Unsafe (a registration with an attacker\'s redirect can phish a signed-in user): an explicit opt-in.' },
  front_door_registration_ttl_seconds: { type: 'number', default: 2592000, description: 'A client registration unused this long is forgotten (the client registers again); default 30 days.' },
  front_door_max_registrations: { type: 'number', default: 10000, description: 'New client registrations accepted per such window; more are refused until it rolls over.' },
  front_door_consent_ttl_seconds: { type: 'number', default: 2592000, description: 'How long a user\'s Allow on the consent page is remembered for a client (0: ask every time).' },
  front_door_cimd_enabled: { type: 'bool', default: true, description: 'Accept Client ID Metadata Documents (an https client_id whose document the front door fetches) beside registration.' },
  front_door_table_kms_key_arn: { type: 'string', default: null, description: 'A customer-managed KMS key for the front door\'s table (null: the AWS-owned key, no charge).' },
  front_door_table_point_in_time_recovery: { type: 'bool', default: false, description: 'Point-in-time recovery of the front door\'s table (its items are short-lived; losing them means users sign in and clients register again).' },
  front_door_table_deletion_protection: { type: 'bool', default: false, description: 'The front door\'s table refuses deletion while this is on.' },
  create_waf_web_acl: { type: 'bool', default: false, description: 'cognito mode: an AWS WAF web ACL on the stage limiting POST /register and POST /token per client address (a monthly charge; README).' },
  waf_register_rate_limit: {
    type: 'number', default: WAF.registerLimit, description: 'With create_waf_web_acl: POST /register requests per client address per 5 minutes (at least 10).',
    validation: [{ condition: '${var.waf_register_rate_limit >= 10}', errorMessage: 'waf_register_rate_limit: at least 10 (AWS WAF\'s minimum).' }],
  },
  waf_token_rate_limit: {
    type: 'number', default: WAF.tokenLimit, description: 'With create_waf_web_acl: POST /token requests per client address per 5 minutes (at least 10).',
    validation: [{ condition: '${var.waf_token_rate_limit >= 10}', errorMessage: 'waf_token_rate_limit: at least 10 (AWS WAF\'s minimum).' }],
  },
  authorizer_arn: { type: 'string', default: null, description: 'ARN of an existing Lambda authorizer function (auth_mode = authorizer_arn).' },
  authorizer_identity_source: { type: 'string', default: 'method.request.header.Authorization', description: 'Identity source of the Lambda authorizer.' },
  authorizer_result_ttl_seconds: { type: 'number', default: 300, description: 'How long API Gateway caches the authorizer\'s answer.' },
  api_key_quota_per_day: { type: 'number', default: 0, description: 'Requests per day per API key (0: no quota; auth_mode = api_key).' },

  create_domain_name: { type: 'bool', default: true, description: 'Serve the API on domain_name (required for cognito: clients fetch /.well-known/* at its root). false: the stage\'s execute-api URL.' },
  domain_name: { type: 'string', default: null, description: 'Custom domain, e.g. mcp.example.com, when create_domain_name.' },
  hosted_zone_id: { type: 'string', default: null, description: 'Route53 zone of domain_name (validation and alias records).' },
  create_certificate: { type: 'bool', default: true, description: 'Create a DNS-validated ACM certificate for domain_name (false: use certificate_arn).' },
  certificate_arn: { type: 'string', default: null, description: 'When create_certificate = false: an ACM certificate for domain_name in the same Region.' },

  throttle_rate_limit: { type: 'number', default: THROTTLE.rateLimit, description: 'Steady requests per second, for each method of the stage (*/* method settings: POST /mcp gets this much, and so does each other method).' },
  throttle_burst_limit: { type: 'number', default: THROTTLE.burstLimit, description: 'Burst for each method of the stage.' },
  register_rate_limit: { type: 'number', default: THROTTLE.registerRateLimit, description: 'Requests per second for POST /register.' },
  register_burst_limit: { type: 'number', default: THROTTLE.registerBurstLimit, description: 'Burst for POST /register.' },
  token_rate_limit: { type: 'number', default: THROTTLE.tokenRateLimit, description: 'Requests per second for POST /token (sign-ins and refreshes).' },
  token_burst_limit: { type: 'number', default: THROTTLE.tokenBurstLimit, description: 'Burst for POST /token.' },
  front_door_rate_limit: { type: 'number', default: THROTTLE.frontDoorRateLimit, description: 'Requests per second for each other front-door route (the metadata documents, /authorize, /callback, /consent, /revoke).' },
  front_door_burst_limit: { type: 'number', default: THROTTLE.frontDoorBurstLimit, description: 'Burst for each of those routes.' },
  stage_name: { type: 'string', default: 'live', description: 'API Gateway stage name.' },
  cors_allow_origin: { type: 'string', default: '*', description: 'Access-Control-Allow-Origin for browser clients.' },
  access_logging: {
    type: 'string', default: 'off',
    description: 'Stage access logs. off: none, and a first apply works in any account. account_role_set: on; prerequisite: API Gateway\'s CloudWatch role ARN is already set in this account and Region (aws apigateway get-account shows cloudwatchRoleArn), or the stage fails to create. manage_account_role: on, and this module sets that Region-wide role (read the README before destroying).',
    validation: oneOf('access_logging', ACCESS_LOGGING_MODES),
  },
  access_log_retention_in_days: { type: 'number', default: 30, description: 'Retention of the API access logs in days.' },
  request_state_secret: { type: 'string', default: null, sensitive: true, description: 'Secret (32+ characters) sealing multi-round tool input across instances (MCP_STATE_SECRET). Null: the module generates one with random_password, kept in the Terraform state.' },
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
