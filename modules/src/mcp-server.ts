import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity/index.js';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region/index.js';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { named } from './address.ts';
import { McpApi, type Throttling } from './api/rest-api.ts';
import { and, asBoolean, choose, equals, mayExist, mergeMaps, not, onlyWhen, or, type Toggle } from './conditions.ts';
import { ApiKeyAuth } from './auth/api-key.ts';
import { CognitoAuth } from './auth/cognito-auth.ts';
import { FrontDoor, type FrontDoorSettings } from './auth/front-door.ts';
import { clientConfiguration, type ClientConfiguration } from './client-config.ts';
import { assertScopeNames, resourceMetadataUrl, resourceUrl, unauthorizedChallenge } from './discovery.ts';
import { CustomDomain } from './domain.ts';
import { McpFunction, defaultTimeoutSeconds, existingFunction, integrationTimeoutMs, type InvocableFunction, type McpFunctionProps } from './function.ts';
import { MovedBlocks, movedBlocks } from './migrations.ts';
import { requestStateSecret } from './state-secret.ts';
import { serverCard } from './server-card.ts';
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

/** What the kit reads in cognito mode (set by the module on a function it creates). */
const COGNITO_ENVIRONMENT_NAMES = { MCP_AUTH_REQUIRED: 1, MCP_RESOURCE_METADATA_URL: 1, MCP_SCOPE_PREFIX: 1, MCP_FULL_ACCESS_SCOPES: 1 };

/** Every mode's fields, for reading an auth config whose mode is only known at plan time. */
type AnyAuth = Partial<Omit<Extract<AuthConfig, { mode: 'cognito' }>, 'mode'> & Omit<Extract<AuthConfig, { mode: 'api_key' }>, 'mode'> & Omit<Extract<AuthConfig, { mode: 'authorizer_arn' }>, 'mode'>> & { mode: string };

export interface McpServerResult {
  mcpUrl: string;
  healthUrl: string;
  /** The server card (also at /.well-known/mcp/server-card.json on the same origin). */
  serverCardUrl: string;
  /** Set in cognito mode (null in the plain module otherwise). */
  protectedResourceMetadataUrl: string | undefined;
  authorizationServerMetadataUrl: string | undefined;
  userPoolId: string | undefined;
  /** The front door's function, role, log group, table and Cognito app client (cognito mode). */
  frontDoor: { functionName?: string; functionArn?: string; roleName?: string; roleArn?: string; logGroupName?: string; tableName?: string; tableArn?: string; clientId?: string; webAclArn?: string };
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

export const DEFAULT_THROTTLING: Throttling = {
  rateLimit: 50, burstLimit: 100, registerRateLimit: 1, registerBurstLimit: 5, tokenRateLimit: 5, tokenBurstLimit: 10, frontDoorRateLimit: 10, frontDoorBurstLimit: 20,
};
/** AWS WAF rate limits per client address per 5 minutes, when the web ACL is on. */
export const DEFAULT_WAF_LIMITS = { registerLimit: 20, tokenLimit: 300 };

/**
 * A remote MCP server on AWS: the function (or an existing one), API Gateway REST with throttling,
 * authentication (Cognito OAuth with discovery and registration, API keys, an existing Lambda authorizer,
 * or none), and an optional custom domain. Structural choices are booleans for the CDKTF app and
 * plan-time conditions for the plain Terraform module (see conditions.ts); the code is the same.
 */
export class McpServer extends Construct {
  readonly result: McpServerResult;
  readonly api: McpApi;

  constructor(scope: Construct, id: string, props: McpServerProps) {
    super(scope, id);
    const auth = (props.auth ?? { mode: 'cognito' }) as AnyAuth;
    const tags = mergeMaps({ 'mcp:server': props.manifest.name }, props.tags ?? {});
    const stageName = props.stageName ?? 'live';
    const region = named(new DataAwsRegion(this, 'region'), 'current').region;
    const accountId = named(new DataAwsCallerIdentity(this, 'account'), 'current').accountId;
    const isCognito = equals(auth.mode, 'cognito');
    const isApiKey = equals(auth.mode, 'api_key');
    const isLambdaAuthorizer = equals(auth.mode, 'authorizer_arn');
    const hasDomain: Toggle = props.domain ? (props.domain.enabled ?? true) : false;
    if (isCognito === true && hasDomain !== true) {
      throw new Error('cognito auth needs a custom domain: OAuth clients fetch /.well-known/* from the domain root, which a stage URL cannot serve');
    }
    assertScopeNames(props.manifest.scopes);
    const origin = `https://${props.domain?.name}`;
    const mcpPath = '/mcp';

    let cognito: CognitoAuth | undefined;
    let cognitoEnvironment: Record<string, string> = {};
    if (mayExist(isCognito)) {
      cognito = new CognitoAuth(this, 'auth', {
        name: props.name,
        identifier: origin,
        toolScopes: props.manifest.scopes,
        region,
        accountId,
        tags,
        ...pick(auth, ['existingUserPool', 'createPool', 'domainPrefix', 'serverScope', 'accessTokenMinutes', 'refreshTokenDays', 'deletionProtection', 'mfa']),
        ...(auth.userPoolTier !== undefined ? { tier: auth.userPoolTier } : {}),
      });
      onlyWhen(isCognito, cognito);
      // The kit reads these: every request without a token gets the 401 challenge (MCP_AUTH_REQUIRED), 403
      // challenges name the metadata, Cognito's scope prefix is stripped, the server-wide scope grants all.
      const values: Record<keyof typeof COGNITO_ENVIRONMENT_NAMES, string> = {
        MCP_AUTH_REQUIRED: 'true',
        MCP_RESOURCE_METADATA_URL: resourceMetadataUrl({ origin, mcpPath }),
        MCP_SCOPE_PREFIX: `${origin}/`,
        MCP_FULL_ACCESS_SCOPES: auth.serverScope ?? 'mcp',
      };
      cognitoEnvironment = choose<Record<string, string>>(isCognito, values, {});
    }
    const secret = requestStateSecret(this, props.requestStateSecret);
    const code = props.code as { zipPath?: string; existingFunction?: { arn: string; name: string }; create?: Toggle };
    const createFunction: Toggle = code.create ?? code.zipPath !== undefined;
    // On for a function the module makes (it sets the entry's switch below); an existing one streams only when asked.
    const streaming = props.streaming ?? createFunction;
    // The kit's toLambdaHandler picks its streaming entry from this, so the entry always matches the integration.
    const environment = mergeMaps(props.function?.environment ?? {}, cognitoEnvironment, {
      MCP_STATE_SECRET: secret,
      MCP_RESPONSE_STREAMING: choose(streaming, 'true', 'false'),
    });
    const timeoutSeconds = props.function?.timeoutSeconds ?? defaultTimeoutSeconds(streaming);

    let created: McpFunction | undefined;
    if (mayExist(createFunction)) {
      created = new McpFunction(this, 'function', { ...props.function, timeoutSeconds, name: props.name, zipPath: code.zipPath!, environment, tags });
      onlyWhen(createFunction, created);
    }
    const existing = mayExist(not(createFunction)) ? existingFunction(code.existingFunction!.arn, code.existingFunction!.name, region) : undefined;
    const fromEither = (a: string | undefined, b: string | undefined) => choose(createFunction, a, b) as string;
    const fn: InvocableFunction = {
      functionName: fromEither(created?.functionName, existing?.functionName),
      invokeArn: fromEither(created?.invokeArn, existing?.invokeArn),
      streamingInvokeArn: fromEither(created?.streamingInvokeArn, existing?.streamingInvokeArn),
      ...(created?.qualifier || existing?.qualifier ? { qualifier: fromEither(created?.qualifier, existing?.qualifier) } : {}),
    };
    const warnings: string[] = [];
    if (mayExist(not(createFunction))) {
      // The names, not the values (the secret is among them); the plain module's extra variables are a Terraform map.
      const extra = Token.isUnresolved(props.function?.environment ?? {}) ? ['those of environment_variables'] : Object.keys(props.function?.environment ?? {});
      const kit = [
        'MCP_STATE_SECRET (the output request_state_secret)',
        ...(mayExist(isCognito) ? [choose(isCognito, Object.keys(COGNITO_ENVIRONMENT_NAMES).join(', '), '')] : []),
        ...(mayExist(streaming) ? [choose(streaming, 'MCP_RESPONSE_STREAMING=true (streaming is on: the kit must answer through its streaming entry)', '')] : []),
      ];
      warnings.push(choose(not(createFunction), `set these variables on ${code.existingFunction!.name}: ${[...kit, ...extra].join(', ')}`, ''));
    }

    let cognitoDetails;
    let frontDoor: FrontDoor | undefined;
    if (cognito) {
      if (!props.frontDoorZipPath) throw new Error('cognito auth needs frontDoorZipPath (dist/functions/front-door.zip)');
      frontDoor = new FrontDoor(this, 'front-door', {
        name: props.name,
        zipPath: props.frontDoorZipPath,
        origin,
        resource: resourceUrl({ origin, mcpPath }),
        serverName: props.manifest.name,
        userPoolId: cognito.userPoolId,
        upstreamIssuer: cognito.issuer,
        cognitoDomainUrl: cognito.domainUrl,
        scopes: cognito.scopes,
        shortScopes: cognito.shortScopes,
        serverScope: auth.serverScope ?? 'mcp',
        resourceServerDependency: cognito.resourceServer,
        ...pick(auth, ['accessTokenMinutes', 'refreshTokenDays']),
        ...(props.function?.logRetentionDays !== undefined ? { logRetentionDays: props.function.logRetentionDays } : {}),
        ...auth.frontDoor,
        tags,
      });
      onlyWhen(isCognito, frontDoor);
      cognitoDetails = {
        userPoolArn: cognito.userPoolArn,
        scopes: cognito.scopes,
        challenge: unauthorizedChallenge({ origin, mcpPath }, cognito.scopes),
        frontDoor: { functionName: frontDoor.fn.functionName, invokeArn: frontDoor.fn.invokeArn, integrationTimeoutMs: frontDoor.integrationTimeoutMs },
      };
    }
    const lambdaAuthorizerDetails = mayExist(isLambdaAuthorizer)
      ? { authorizerArn: auth.authorizerArn!, region, identitySource: auth.identitySource ?? 'method.request.header.Authorization', resultTtlSeconds: auth.resultTtlSeconds ?? 300 }
      : undefined;
    const isNone = equals(auth.mode, 'none');
    if (mayExist(isNone)) {
      warnings.push(choose(isNone, 'auth mode "none": anyone who can reach the URL can call every tool. Use it only for private or development servers.', ''));
    }

    const throttling = { ...DEFAULT_THROTTLING, ...props.throttling };
    const logging = props.accessLogging ?? 'off';
    this.api = new McpApi(this, 'api', {
      name: props.name,
      fn,
      integrationTimeoutMs: integrationTimeoutMs(timeoutSeconds, streaming),
      streaming,
      auth: { cognito: isCognito, cognitoDetails, lambdaAuthorizer: isLambdaAuthorizer, lambdaAuthorizerDetails, apiKey: isApiKey },
      throttling,
      stageName,
      allowOrigin: props.allowOrigin ?? '*',
      accessLogRetentionDays: props.accessLogRetentionDays ?? 30,
      accessLogs: not(equals(logging, 'off')),
      manageAccountLogRole: equals(logging, 'manage_account_role'),
      // Behind a custom domain, the execute-api address would be a second way in whose metadata does not match.
      disableExecuteApiEndpoint: asBoolean(hasDomain),
      ...(auth.waf ? { waf: { ...DEFAULT_WAF_LIMITS, ...definedOnly(auth.waf), enabled: auth.waf.enabled } } : {}),
      tags,
      ...(props.preconditions ? { preconditions: props.preconditions } : {}),
      serverCard: (restApiId) => {
        // Without a domain the card names the stage URL, spelled from its parts (the stage itself depends on the routes).
        const executeApiHost = `${restApiId}.execute-api.${region}.amazonaws.com`;
        const cardBase = choose(hasDomain, origin, `https://${executeApiHost}/${stageName}`) as string;
        return serverCard(this, {
          template: props.manifest.serverCard,
          serverName: props.manifest.name,
          domain: choose(hasDomain, props.domain?.name, executeApiHost) as string,
          url: `${cardBase}${mcpPath}`,
          authRequired: or(isCognito, isLambdaAuthorizer),
          resourceMetadataUrl: choose(isCognito, resourceMetadataUrl({ origin, mcpPath }), undefined),
          apiKey: isApiKey,
        });
      },
    });

    let apiKey: ApiKeyAuth | undefined;
    if (mayExist(isApiKey)) {
      apiKey = new ApiKeyAuth(this, 'api-key', {
        name: props.name,
        restApiId: this.api.api.id,
        stageName: this.api.stage.stageName,
        rateLimit: auth.rateLimit ?? throttling.rateLimit,
        burstLimit: auth.burstLimit ?? throttling.burstLimit,
        quotaPerDay: auth.quotaPerDay ?? 0,
        tags,
      });
      onlyWhen(isApiKey, apiKey);
    }

    let domain: CustomDomain | undefined;
    if (props.domain && mayExist(hasDomain)) {
      const d = props.domain;
      domain = new CustomDomain(this, 'domain', {
        domainName: d.name, hostedZoneId: d.hostedZoneId, restApiId: this.api.api.id, stageName: this.api.stage.stageName, tags,
        ...(d.certificateArn ? { certificateArn: d.certificateArn } : {}),
        ...(d.createCertificate !== undefined ? { createCertificate: d.createCertificate } : {}),
      });
      onlyWhen(hasDomain, domain);
    }
    const base = choose(hasDomain, domain?.origin, this.api.stage.invokeUrl) as string;
    const mcpUrl = `${base}${mcpPath}`;
    const ifCognito = (value: string | undefined) => choose(isCognito, value, undefined);
    this.result = {
      mcpUrl,
      healthUrl: `${base}/health`,
      serverCardUrl: `${mcpUrl}/server-card`,
      protectedResourceMetadataUrl: ifCognito(resourceMetadataUrl({ origin, mcpPath })),
      authorizationServerMetadataUrl: ifCognito(`${origin}/.well-known/oauth-authorization-server`),
      userPoolId: ifCognito(cognito?.userPoolId),
      userPoolArn: ifCognito(cognito?.userPoolArn),
      frontDoor: {
        functionName: ifCognito(frontDoor?.fn.functionName),
        functionArn: ifCognito(frontDoor?.fn.arn),
        roleName: ifCognito(frontDoor?.fn.role.name),
        roleArn: ifCognito(frontDoor?.fn.role.arn),
        logGroupName: ifCognito(frontDoor?.fn.logGroup.name),
        tableName: ifCognito(frontDoor?.table.name),
        tableArn: ifCognito(frontDoor?.table.arn),
        clientId: ifCognito(frontDoor?.client.id),
        webAclArn: auth.waf && mayExist(auth.waf.enabled) && this.api.waf ? choose(and(isCognito, auth.waf.enabled), this.api.waf.acl.arn, undefined) : undefined,
      },
      apiKeyId: choose(isApiKey, apiKey?.key.id, undefined),
      apiKeyValue: choose(isApiKey, apiKey?.key.value, undefined),
      functionName: fn.functionName,
      functionArn: fromEither(created?.arn, code.existingFunction?.arn),
      roleName: choose(createFunction, created?.role.name, undefined),
      roleArn: choose(createFunction, created?.role.arn, undefined),
      logGroupName: choose(createFunction, created?.logGroup.name, undefined),
      restApiId: this.api.api.id,
      executionArn: this.api.api.executionArn,
      stageName: this.api.stage.stageName,
      stageInvokeUrl: this.api.stage.invokeUrl,
      certificateArn: choose(hasDomain, domain?.certificateArn, undefined),
      requestStateSecret: secret,
      region,
      clients: clientConfiguration(props.manifest.name, mcpUrl, isApiKey),
      warnings,
    };
    if (props.create !== undefined) onlyWhen(props.create, this);
    // Existing deployments upgrade in place from the addresses cdktf generated before (migrations.ts).
    new MovedBlocks(this, 'moved', movedBlocks(props.create !== undefined));
  }
}

function definedOnly<T extends object>(source: T): Partial<T> {
  return Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function pick<T extends object, K extends keyof T>(source: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (source[k] !== undefined) out[k] = source[k];
  return out;
}
