/**
 * What an McpServer is configured with and what it gives back: the props (auth modes, domain, code,
 * streaming, access logging), the result a stack turns into outputs, and the defaults the plain module's
 * variables show. The construct itself is in mcp-server.ts.
 */
import type { Throttling } from './api/rest-api.ts';
import type { FrontDoorSettings } from './auth/front-door.ts';
import type { ClientConfiguration } from './client-config.ts';
import type { Toggle } from './conditions.ts';
import type { McpFunctionProps } from './function.ts';
import type { ServerManifest } from './manifest.ts';

export type AccessLoggingMode = 'off' | 'account_role_set' | 'manage_account_role';
export const ACCESS_LOGGING_MODES: AccessLoggingMode[] = ['off', 'account_role_set', 'manage_account_role'];

export type AuthConfig =
  | {
      mode: 'cognito';
      /** Share one pool between servers: its id, ARN and existing hosted-UI domain prefix. */
      existingUserPool?: { id: string; arn: string; domainPrefix: string };
      /** Plan-time choice between a new pool and existingUserPool (the plain module). */
      createPool?: Toggle;
      /** The OAuth front door's settings: redirect policy, registration and consent lifetimes, CIMD, its table. */
      frontDoor?: FrontDoorSettings;
      /** An AWS WAF web ACL limiting /register and /token per client address (default off). */
      waf?: { enabled: Toggle; registerLimit?: number; tokenLimit?: number };
      domainPrefix?: string;
      /** The scope that grants the whole server (default "mcp"). */
      serverScope?: string;
      accessTokenMinutes?: number;
      refreshTokenDays?: number;
      /** A new pool refuses deletion until this is off (default on; see the README's two-step destroy). */
      deletionProtection?: Toggle;
      /** OFF, OPTIONAL (default: TOTP apps) or ON. */
      mfa?: string;
      /** LITE, ESSENTIALS (default) or PLUS. */
      userPoolTier?: string;
    }
  | { mode: 'api_key'; rateLimit?: number; burstLimit?: number; quotaPerDay?: number }
  | { mode: 'authorizer_arn'; authorizerArn: string; identitySource?: string; resultTtlSeconds?: number }
  | { mode: 'none' };

export interface McpServerProps {
  /** Prefix of every resource name. */
  name: string;
  manifest: ServerManifest;
  /**
   * The server's bundle zip, or a function that already imports the kit. The plain module gives both and
   * decides at plan time (`create`).
   */
  code:
    | { zipPath: string }
    | { existingFunction: { arn: string; name: string } }
    | { zipPath: string; existingFunction: { arn: string; name: string }; create: Toggle };
  /** dist/functions/front-door.zip (cognito mode): the OAuth front door's bundle. */
  frontDoorZipPath?: string;
  function?: Omit<McpFunctionProps, 'name' | 'zipPath' | 'tags'>;
  /** Default: cognito. */
  auth?: AuthConfig;
  /** Required in cognito mode: OAuth clients fetch /.well-known/* from the domain root. */
  domain?: {
    name: string;
    hostedZoneId: string;
    certificateArn?: string;
    /** Plan-time choices (the plain module): whether there is a domain, whether to make its certificate. */
    enabled?: Toggle;
    createCertificate?: Toggle;
  };
  throttling?: Partial<Throttling>;
  stageName?: string;
  allowOrigin?: string;
  accessLogRetentionDays?: number;
  /**
   * Stage access logs. `off` (default): a first apply succeeds in any account. `account_role_set`: the
   * account's API Gateway CloudWatch role is already set in this Region. `manage_account_role`: this stack
   * sets it (Region-wide, shared by every REST API there; see the README before destroying).
   */
  accessLogging?: AccessLoggingMode | string;
  /**
   * Seals multi-round input state; shared by every instance, so a retry on another instance still opens it.
   * Default: generated once (random_password) and kept in the Terraform state.
   */
  requestStateSecret?: string;
  tags?: Record<string, string>;
  /**
   * Answer through API Gateway response streaming (`STREAM` transfer mode on POST /mcp, the function invoked
   * with InvokeWithResponseStream): progress and log notifications reach the client while a tool runs, and
   * a call may take up to 15 minutes (the function's default timeout becomes 899 s). Default: on for a
   * function the module creates (small answers cost the same, and JSON-only clients still get one buffered
   * body), off for an existing one. The kit's toLambdaHandler follows MCP_RESPONSE_STREAMING, which the
   * module sets on a function it creates; an existing function that streams must set it itself.
   */
  streaming?: Toggle;
  /** Plan-time switch for the whole server (the plain module's `create`). */
  create?: Toggle;
  /** Rules checked at plan time before anything is created (the plain module's cross-variable rules). */
  preconditions?: { condition: string; errorMessage: string }[];
}

export interface McpServerResult {
  mcpUrl: string;
  healthUrl: string;
  /** The server card (also at /.well-known/mcp/server-card.json on the same origin). */
  serverCardUrl: string;
  /** Set in cognito mode (null in the plain module otherwise). */
  protectedResourceMetadataUrl: string | undefined;
  authorizationServerMetadataUrl: string | undefined;
  userPoolId: string | undefined;
  /** The front door's function, role, log group, table and Cognito app client (cognito mode; undefined otherwise). */
  frontDoor: {
    functionName: string | undefined; functionArn: string | undefined; roleName: string | undefined; roleArn: string | undefined;
    logGroupName: string | undefined; tableName: string | undefined; tableArn: string | undefined; clientId: string | undefined;
    /** The rate-limiting web ACL (cognito mode with the WAF on). */
    webAclArn: string | undefined;
  };
  apiKeyId: string | undefined;
  apiKeyValue: string | undefined;
  functionName: string;
  functionArn: string;
  /** The function's role and log group (undefined for an existing function). */
  roleName: string | undefined;
  roleArn: string | undefined;
  logGroupName: string | undefined;
  restApiId: string;
  executionArn: string;
  stageName: string;
  stageInvokeUrl: string;
  userPoolArn: string | undefined;
  certificateArn: string | undefined;
  requestStateSecret: string;
  region: string;
  clients: ClientConfiguration;
  /** Things to know; entries may be Terraform values that are empty when they do not apply. */
  warnings: string[];
}

/**
 * The longest name every derived name still fits: `<name>-front-door` (the front door's function and role,
 * 64) and the Cognito domain prefix `<name>-<8 hex>` (63) fit.
 */
export const MAX_NAME_LENGTH = 47;
/** A server's name, the prefix of every resource name: the construct and the plain module's variable check the same. */
export const NAME_PATTERN = `^[A-Za-z0-9_-]{1,${MAX_NAME_LENGTH}}$`;

export const DEFAULT_THROTTLING: Throttling = {
  rateLimit: 50, burstLimit: 100, registerRateLimit: 1, registerBurstLimit: 5, tokenRateLimit: 5, tokenBurstLimit: 10, frontDoorRateLimit: 10, frontDoorBurstLimit: 20,
};
/** AWS WAF rate limits per client address per 5 minutes, when the web ACL is on. */
export const DEFAULT_WAF_LIMITS = { registerLimit: 20, tokenLimit: 300 };
