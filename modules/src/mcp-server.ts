import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity/index.js';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region/index.js';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { named } from './address.ts';
import { McpApi } from './api/rest-api.ts';
import { and, asBoolean, choose, equals, mayExist, mergeMaps, not, onlyWhen, or, type Toggle } from './conditions.ts';
import { ApiKeyAuth } from './auth/api-key.ts';
import { CognitoAuth, DEFAULT_SERVER_SCOPE } from './auth/cognito-auth.ts';
import { FrontDoor } from './auth/front-door.ts';
import { clientConfiguration } from './client-config.ts';
import { assertScopeNames, resourceMetadataUrl, resourceUrl, unauthorizedChallenge } from './discovery.ts';
import { CustomDomain } from './domain.ts';
import { McpFunction, defaultTimeoutSeconds, existingFunction, integrationTimeoutMs, type InvocableFunction } from './function.ts';
import { MovedBlocks, movedBlocks } from './migrations.ts';
import { requestStateSecret } from './state-secret.ts';
import { serverCard } from './server-card.ts';
import { DEFAULT_THROTTLING, DEFAULT_WAF_LIMITS, MAX_NAME_LENGTH, NAME_PATTERN, type AuthConfig, type McpServerProps, type McpServerResult } from './mcp-server-config.ts';

export { ACCESS_LOGGING_MODES, DEFAULT_THROTTLING, DEFAULT_WAF_LIMITS } from './mcp-server-config.ts';
export type { AccessLoggingMode, AuthConfig, McpServerProps, McpServerResult } from './mcp-server-config.ts';

/** What the kit reads in cognito mode (set by the module on a function it creates). */
const COGNITO_ENVIRONMENT_NAMES = { MCP_AUTH_REQUIRED: 1, MCP_RESOURCE_METADATA_URL: 1, MCP_SCOPE_PREFIX: 1, MCP_FULL_ACCESS_SCOPES: 1 };

/** Every mode's fields, for reading an auth config whose mode is only known at plan time. */
type AnyAuth = Partial<Omit<Extract<AuthConfig, { mode: 'cognito' }>, 'mode'> & Omit<Extract<AuthConfig, { mode: 'api_key' }>, 'mode'> & Omit<Extract<AuthConfig, { mode: 'authorizer_arn' }>, 'mode'>> & { mode: string };


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
    const serverScope = auth.serverScope ?? DEFAULT_SERVER_SCOPE;
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
    if (!Token.isUnresolved(props.name) && !new RegExp(NAME_PATTERN).test(props.name)) {
      throw new Error(`name "${props.name}": 1 to ${MAX_NAME_LENGTH} letters, digits, - or _ (it prefixes every resource name; <name>-front-door must fit AWS's 64)`);
    }
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
        MCP_FULL_ACCESS_SCOPES: serverScope,
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
        serverScope,
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
      ...(auth.waf ? { waf: { ...DEFAULT_WAF_LIMITS, ...pick(auth.waf, ['registerLimit', 'tokenLimit']), enabled: auth.waf.enabled } } : {}),
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

/** The given keys of `source` that are set (an unset one keeps the callee's default). */
function pick<T extends object, K extends keyof T>(source: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (source[k] !== undefined) out[k] = source[k];
  return out;
}
