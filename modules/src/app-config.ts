import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FrontDoorSettings } from './auth/front-door.ts';
import type { DeployConfig } from './deploy-config.ts';
import { ACCESS_LOGGING_MODES, type AccessLoggingMode, type AuthConfig, type McpServerProps } from './mcp-server.ts';

export interface AppConfig {
  /** cdktf.out/stacks/<stackName>: mcp-<server>. */
  stackName: string;
  region: string;
  zipPath: string;
  manifestPath: string;
  /** dist/functions/front-door.zip in cognito mode. */
  frontDoorZipPath: string | undefined;
  stateBucket: string | undefined;
  props: Omit<McpServerProps, 'manifest'>;
  /** The example's own resources (deploy.ts), made in the stack before the server. */
  resources: DeployConfig['resources'];
}

/** examples/<server>/deploy.ts's `deploy`, or nothing when the example has none. */
export async function loadDeployConfig(root: string, server: string): Promise<DeployConfig> {
  const file = join(root, 'examples', server, 'deploy.ts');
  if (!existsSync(file)) return {};
  const mod = (await import(pathToFileURL(file).href)) as { deploy?: DeployConfig };
  if (!mod.deploy) throw new Error(`${file} must export \`deploy\` (a DeployConfig)`);
  return mod.deploy;
}

/** The deployer's variables an example asks for; a required one that is missing stops synth. */
function passedEnvironment(deploy: DeployConfig, env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of deploy.passEnvironment ?? []) {
    const value = env[v.name];
    if (value) out[v.name] = value;
    else if (v.required) throw new Error(`${v.name} is required to deploy this server: ${v.description}`);
  }
  return out;
}

/** ACCESS_LOGGING (off | account_role_set | manage_account_role); MANAGE_APIGW_ACCOUNT=true still means the last. */
function accessLoggingFromEnv(env: Record<string, string | undefined>): AccessLoggingMode {
  const mode = env.ACCESS_LOGGING || (env.MANAGE_APIGW_ACCOUNT === 'true' ? 'manage_account_role' : 'off');
  if (!ACCESS_LOGGING_MODES.includes(mode as AccessLoggingMode)) throw new Error(`ACCESS_LOGGING must be ${ACCESS_LOGGING_MODES.join(', ')} (got ${mode})`);
  return mode as AccessLoggingMode;
}

const num = (v: string | undefined): number | undefined => (v === undefined || v === '' ? undefined : Number(v));
const words = (v: string | undefined): string[] | undefined => (v ? v.split(/[\s,]+/).filter(Boolean) : undefined);

/** The front door's settings from the deployer's variables (unset ones keep the front door's defaults). */
function frontDoorFromEnv(env: Record<string, string | undefined>): FrontDoorSettings {
  const entries: [keyof FrontDoorSettings, unknown][] = [
    ['redirectHosts', words(env.REDIRECT_HOSTS)],
    ['privateRedirectUris', words(env.PRIVATE_REDIRECT_URIS)],
    ['allowAnyRedirect', env.ALLOW_ANY_REDIRECT === 'true' ? true : undefined],
    ['registrationTtlSeconds', num(env.REGISTRATION_TTL_SECONDS)],
    ['maxRegistrations', num(env.MAX_REGISTRATIONS)],
    ['consentTtlSeconds', num(env.CONSENT_TTL_SECONDS)],
    ['cimd', env.CIMD === 'false' ? false : undefined],
    ['tableKmsKeyArn', env.TABLE_KMS_KEY_ARN || undefined],
    ['tablePointInTimeRecovery', env.TABLE_PITR === 'true' ? true : undefined],
    ['tableDeletionProtection', env.TABLE_DELETION_PROTECTION === 'true' ? true : undefined],
  ];
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined)) as FrontDoorSettings;
}

/** STREAMING=true/false, else the example's choice, else on. */
function streamingFromEnv(env: Record<string, string | undefined>, deploy: DeployConfig): boolean {
  const raw = env.STREAMING?.trim().toLowerCase();
  if (raw === undefined || raw === '') return deploy.streaming ?? true;
  if (raw !== 'true' && raw !== 'false') throw new Error(`STREAMING must be true or false (got ${env.STREAMING})`);
  return raw === 'true';
}

/** Reads the deploy configuration; fails with a message naming the missing variable. */
export function serverConfigFromEnv(env: Record<string, string | undefined>, root: string, deploy: DeployConfig = {}): AppConfig {
  const server = env.SERVER || 'tasks';
  const mode = (env.AUTH_MODE || deploy.authMode || 'cognito') as AuthConfig['mode'];
  const frontDoor = frontDoorFromEnv(env);
  let auth: AuthConfig;
  switch (mode) {
    case 'cognito':
      if (env.USER_POOL_ID && !(env.USER_POOL_ARN && env.COGNITO_DOMAIN_PREFIX)) {
        throw new Error('sharing USER_POOL_ID needs USER_POOL_ARN and COGNITO_DOMAIN_PREFIX (the pool\'s existing hosted-UI domain)');
      }
      auth = {
        mode,
        ...(env.USER_POOL_ID ? { existingUserPool: { id: env.USER_POOL_ID, arn: env.USER_POOL_ARN!, domainPrefix: env.COGNITO_DOMAIN_PREFIX! } } : {}),
        ...(!env.USER_POOL_ID && env.COGNITO_DOMAIN_PREFIX ? { domainPrefix: env.COGNITO_DOMAIN_PREFIX } : {}),
        ...(Object.keys(frontDoor).length ? { frontDoor } : {}),
        ...(env.WAF === 'true' ? { waf: { enabled: true, ...(num(env.WAF_REGISTER_LIMIT) ? { registerLimit: num(env.WAF_REGISTER_LIMIT)! } : {}), ...(num(env.WAF_TOKEN_LIMIT) ? { tokenLimit: num(env.WAF_TOKEN_LIMIT)! } : {}) } } : {}),
        // The first of the two destroy steps: deploy once with it off, then destroy.
        ...(env.COGNITO_DELETION_PROTECTION === 'false' ? { deletionProtection: false } : {}),
        ...(env.COGNITO_MFA ? { mfa: env.COGNITO_MFA } : {}),
      };
      break;
    case 'api_key':
      auth = { mode, ...(num(env.QUOTA_PER_DAY) ? { quotaPerDay: num(env.QUOTA_PER_DAY)! } : {}) };
      break;
    case 'authorizer_arn':
      if (!env.AUTHORIZER_ARN) throw new Error('AUTH_MODE=authorizer_arn needs AUTHORIZER_ARN');
      auth = { mode, authorizerArn: env.AUTHORIZER_ARN };
      break;
    case 'none':
      auth = { mode };
      break;
    default:
      throw new Error(`AUTH_MODE must be cognito, api_key, authorizer_arn or none (got ${mode})`);
  }
  if (mode === 'cognito' && (!env.DOMAIN || !env.HOSTED_ZONE_ID)) {
    throw new Error('AUTH_MODE=cognito needs DOMAIN and HOSTED_ZONE_ID (OAuth discovery lives at the domain root)');
  }
  const throttling = Object.fromEntries(
    Object.entries({
      rateLimit: num(env.RATE_LIMIT), burstLimit: num(env.BURST_LIMIT), registerRateLimit: num(env.REGISTER_RATE_LIMIT), registerBurstLimit: num(env.REGISTER_BURST_LIMIT),
      tokenRateLimit: num(env.TOKEN_RATE_LIMIT), tokenBurstLimit: num(env.TOKEN_BURST_LIMIT), frontDoorRateLimit: num(env.FRONT_DOOR_RATE_LIMIT), frontDoorBurstLimit: num(env.FRONT_DOOR_BURST_LIMIT),
    }).filter(([, v]) => v !== undefined),
  );
  const dist = env.DIST_DIR || join(root, 'dist');
  const zipPath = join(dist, `${server}.zip`);
  const frontDoorZipPath = mode === 'cognito' ? join(dist, 'functions', 'front-door.zip') : undefined;
  return {
    stackName: `mcp-${server}`,
    region: env.REGION || env.AWS_REGION || 'eu-west-1',
    zipPath,
    manifestPath: join(dist, server, 'manifest.json'),
    frontDoorZipPath,
    stateBucket: env.STATE_BUCKET || undefined,
    props: {
      name: env.NAME || `mcp-${server}`,
      code: { zipPath },
      ...(frontDoorZipPath ? { frontDoorZipPath } : {}),
      auth,
      ...(env.DOMAIN && env.HOSTED_ZONE_ID ? { domain: { name: env.DOMAIN, hostedZoneId: env.HOSTED_ZONE_ID, ...(env.CERTIFICATE_ARN ? { certificateArn: env.CERTIFICATE_ARN } : {}) } } : {}),
      // Unset: generated once (random_password) and kept in the state, so every instance seals alike.
      ...(env.MCP_STATE_SECRET ? { requestStateSecret: env.MCP_STATE_SECRET } : {}),
      throttling,
      accessLogging: accessLoggingFromEnv(env),
      streaming: streamingFromEnv(env, deploy),
      function: {
        ...(deploy.memoryMb ? { memoryMb: deploy.memoryMb } : {}),
        ...(deploy.timeoutSeconds ? { timeoutSeconds: deploy.timeoutSeconds } : {}),
        environment: { ...deploy.environment, ...passedEnvironment(deploy, env) },
        policyStatements: deploy.policyStatements ?? [],
      },
    },
    resources: deploy.resources,
  };
}
