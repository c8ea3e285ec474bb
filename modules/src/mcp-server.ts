import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity/index.js';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region/index.js';
import { Construct } from 'constructs';
import { McpApi, type Throttling } from './api/rest-api.ts';
import { asBoolean, choose, equals, given, mayExist, mergeMaps, not, onlyWhen, type Toggle } from './conditions.ts';
import { ApiKeyAuth } from './auth/api-key.ts';
import { CognitoAuth } from './auth/cognito-auth.ts';
import { ClientRegistration } from './auth/registration.ts';
import { clientConfiguration, type ClientConfiguration } from './client-config.ts';
import { authorizationServerMetadata, protectedResourceMetadata, resourceMetadataUrl, unauthorizedChallenge } from './discovery.ts';
import { CustomDomain } from './domain.ts';
import { McpFunction, existingFunction, type InvocableFunction, type McpFunctionProps } from './function.ts';
import type { ServerManifest } from './manifest.ts';

export type AuthConfig =
  | {
      mode: 'cognito';
      /** Share one pool between servers: its id, ARN and existing hosted-UI domain prefix. */
      existingUserPool?: { id: string; arn: string; domainPrefix: string };
      /** Plan-time choice between a new pool and existingUserPool (the plain module). */
      createPool?: Toggle;
      /** https redirect hosts dynamic clients may register (loopback is always allowed). Unset: any https host. */
      redirectHosts?: string[];
      /** Most dynamically registered clients kept at once (default 500; the pool's quota is 1,000). */
      maxRegistrations?: number;
      domainPrefix?: string;
      cliCallbackUrls?: string[];
      /** The scope that grants the whole server (default "mcp"). */
      serverScope?: string;
      accessTokenMinutes?: number;
      refreshTokenDays?: number;
      registrationRetentionDays?: number;
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
  /** dist/functions/registration.zip (cognito mode). */
  registrationZipPath?: string;
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
  manageAccountLogRole?: Toggle;
  /** Seals multi-round input state; shared by every instance (set it for tools that ask the user). */
  requestStateSecret?: string;
  tags?: Record<string, string>;
  /** Plan-time switch for the whole server (the plain module's `create`). */
  create?: Toggle;
  /** Rules checked at plan time before anything is created (the plain module's cross-variable rules). */
  preconditions?: { condition: string; errorMessage: string }[];
}

/** Every mode's fields, for reading an auth config whose mode is only known at plan time. */
type AnyAuth = Partial<Omit<Extract<AuthConfig, { mode: 'cognito' }>, 'mode'> & Omit<Extract<AuthConfig, { mode: 'api_key' }>, 'mode'> & Omit<Extract<AuthConfig, { mode: 'authorizer_arn' }>, 'mode'>> & { mode: string };

export interface McpServerResult {
  mcpUrl: string;
  healthUrl: string;
  /** Set in cognito mode (null in the plain module otherwise). */
  protectedResourceMetadataUrl: string | undefined;
  authorizationServerMetadataUrl: string | undefined;
  userPoolId: string | undefined;
  cliClientId: string | undefined;
  apiKeyId: string | undefined;
  apiKeyValue: string | undefined;
  functionName: string;
  restApiId: string;
  stageName: string;
  region: string;
  clients: ClientConfiguration;
  /** Things to know; entries may be Terraform values that are empty when they do not apply. */
  warnings: string[];
}

export const DEFAULT_THROTTLING: Throttling = { rateLimit: 50, burstLimit: 100, registerRateLimit: 1, registerBurstLimit: 5 };

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
    const region = new DataAwsRegion(this, 'region').region;
    const accountId = new DataAwsCallerIdentity(this, 'account').accountId;
    const isCognito = equals(auth.mode, 'cognito');
    const isApiKey = equals(auth.mode, 'api_key');
    const isLambdaAuthorizer = equals(auth.mode, 'authorizer_arn');
    const hasDomain: Toggle = props.domain ? (props.domain.enabled ?? true) : false;
    if (isCognito === true && hasDomain !== true) {
      throw new Error('cognito auth needs a custom domain: OAuth clients fetch /.well-known/* from the domain root, which a stage URL cannot serve');
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
        ...pick(auth, ['existingUserPool', 'createPool', 'domainPrefix', 'cliCallbackUrls', 'serverScope', 'accessTokenMinutes', 'refreshTokenDays']),
      });
      onlyWhen(isCognito, cognito);
      // The kit reads these: 403 challenges name the metadata; Cognito's scope prefix is stripped; the
      // server-wide scope grants every tool.
      cognitoEnvironment = choose<Record<string, string>>(isCognito, {
        MCP_RESOURCE_METADATA_URL: resourceMetadataUrl({ origin, mcpPath }),
        MCP_SCOPE_PREFIX: `${origin}/`,
        MCP_FULL_ACCESS_SCOPES: auth.serverScope ?? 'mcp',
      }, {});
    }
    const secret = props.requestStateSecret;
    const environment = mergeMaps(
      props.function?.environment ?? {},
      cognitoEnvironment,
      choose<Record<string, string>>(given(secret), { MCP_STATE_SECRET: secret! }, {}),
    );

    const code = props.code as { zipPath?: string; existingFunction?: { arn: string; name: string }; create?: Toggle };
    const createFunction: Toggle = code.create ?? code.zipPath !== undefined;
    let created: McpFunction | undefined;
    if (mayExist(createFunction)) {
      created = new McpFunction(this, 'function', { ...props.function, name: props.name, zipPath: code.zipPath!, environment, tags });
      onlyWhen(createFunction, created);
    }
    const existing = mayExist(not(createFunction)) ? existingFunction(code.existingFunction!.arn, code.existingFunction!.name, region) : undefined;
    const fn: InvocableFunction = {
      functionName: choose(createFunction, created?.functionName, existing?.functionName) as string,
      invokeArn: choose(createFunction, created?.invokeArn, existing?.invokeArn) as string,
      ...(created?.qualifier ? { qualifier: choose(createFunction, created.qualifier, undefined) as string } : {}),
    };
    const warnings: string[] = [];
    if (createFunction === false && Object.keys(environment).length) {
      warnings.push(`set these variables on ${code.existingFunction!.name}: ${Object.keys(environment).join(', ')}`);
    }

    let cognitoDetails;
    if (cognito) {
      if (!props.registrationZipPath) throw new Error('cognito auth needs registrationZipPath (dist/functions/registration.zip)');
      const registration = new ClientRegistration(this, 'registration', {
        name: props.name,
        zipPath: props.registrationZipPath,
        userPoolId: cognito.userPoolId,
        userPoolArn: cognito.userPoolArn,
        allowedScopes: cognito.scopes,
        tags,
        ...(auth.registrationRetentionDays ? { retentionDays: auth.registrationRetentionDays } : {}),
        ...pick(auth, ['accessTokenMinutes', 'refreshTokenDays', 'redirectHosts', 'maxRegistrations']),
      });
      onlyWhen(isCognito, registration);
      const discovery = { origin, mcpPath, cognitoDomainUrl: cognito.domainUrl, cognitoIssuer: cognito.issuer, scopes: cognito.scopes, serverName: props.manifest.name };
      cognitoDetails = {
        userPoolArn: cognito.userPoolArn,
        scopes: cognito.scopes,
        challenge: unauthorizedChallenge(discovery, cognito.scopes),
        protectedResource: protectedResourceMetadata(discovery),
        authorizationServer: authorizationServerMetadata(discovery),
        registration: registration.fn,
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
    this.api = new McpApi(this, 'api', {
      name: props.name,
      fn,
      auth: { cognito: isCognito, cognitoDetails, lambdaAuthorizer: isLambdaAuthorizer, lambdaAuthorizerDetails, apiKey: isApiKey },
      throttling,
      stageName,
      allowOrigin: props.allowOrigin ?? '*',
      accessLogRetentionDays: props.accessLogRetentionDays ?? 30,
      manageAccountLogRole: props.manageAccountLogRole ?? false,
      // Behind a custom domain, the execute-api address would be a second way in whose metadata does not match.
      disableExecuteApiEndpoint: asBoolean(hasDomain),
      region,
      accountId,
      tags,
      ...(props.preconditions ? { preconditions: props.preconditions } : {}),
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

    let domainOrigin: string | undefined;
    if (props.domain && mayExist(hasDomain)) {
      const d = props.domain;
      const domain = new CustomDomain(this, 'domain', {
        domainName: d.name, hostedZoneId: d.hostedZoneId, restApiId: this.api.api.id, stageName: this.api.stage.stageName, tags,
        ...(d.certificateArn ? { certificateArn: d.certificateArn } : {}),
        ...(d.createCertificate !== undefined ? { createCertificate: d.createCertificate } : {}),
      });
      onlyWhen(hasDomain, domain);
      domainOrigin = domain.origin;
    }
    const base = choose(hasDomain, domainOrigin, this.api.stage.invokeUrl) as string;
    const mcpUrl = `${base}${mcpPath}`;
    const ifCognito = (value: string | undefined) => choose(isCognito, value, undefined);
    this.result = {
      mcpUrl,
      healthUrl: `${base}/health`,
      protectedResourceMetadataUrl: ifCognito(resourceMetadataUrl({ origin, mcpPath })),
      authorizationServerMetadataUrl: ifCognito(`${origin}/.well-known/oauth-authorization-server`),
      userPoolId: ifCognito(cognito?.userPoolId),
      cliClientId: ifCognito(cognito?.cliClient.id),
      apiKeyId: choose(isApiKey, apiKey?.key.id, undefined),
      apiKeyValue: choose(isApiKey, apiKey?.key.value, undefined),
      functionName: fn.functionName,
      restApiId: this.api.api.id,
      stageName: this.api.stage.stageName,
      region,
      clients: clientConfiguration(props.manifest.name, mcpUrl, isApiKey),
      warnings,
    };
    if (props.create !== undefined) onlyWhen(props.create, this);
  }
}

function pick<T extends object, K extends keyof T>(source: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (source[k] !== undefined) out[k] = source[k];
  return out;
}
