import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity/index.js';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region/index.js';
import { Construct } from 'constructs';
import { McpApi, type ApiAuth, type Throttling } from './api/rest-api.ts';
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
  /** The server's bundle zip, or a function that already imports the kit. */
  code: { zipPath: string } | { existingFunction: { arn: string; name: string } };
  /** dist/functions/registration.zip (cognito mode). */
  registrationZipPath?: string;
  function?: Omit<McpFunctionProps, 'name' | 'zipPath' | 'tags'>;
  /** Default: cognito. */
  auth?: AuthConfig;
  /** Required in cognito mode: OAuth clients fetch /.well-known/* from the domain root. */
  domain?: { name: string; hostedZoneId: string; certificateArn?: string };
  throttling?: Partial<Throttling>;
  stageName?: string;
  allowOrigin?: string;
  accessLogRetentionDays?: number;
  manageAccountLogRole?: boolean;
  /** Seals multi-round input state; shared by every instance (set it for tools that ask the user). */
  requestStateSecret?: string;
  tags?: Record<string, string>;
}

export interface McpServerResult {
  mcpUrl: string;
  healthUrl: string;
  metadataUrls: { protectedResource: string; authorizationServer: string } | undefined;
  userPoolId: string | undefined;
  cliClientId: string | undefined;
  apiKeyId: string | undefined;
  apiKeyValue: string | undefined;
  region: string;
  clients: ClientConfiguration;
  warnings: string[];
}

export const DEFAULT_THROTTLING: Throttling = { rateLimit: 50, burstLimit: 100, registerRateLimit: 1, registerBurstLimit: 5 };

/**
 * A remote MCP server on AWS: the function (or an existing one), API Gateway REST with throttling,
 * authentication (Cognito OAuth with discovery and registration, API keys, an existing Lambda authorizer,
 * or none), and an optional custom domain.
 */
export class McpServer extends Construct {
  readonly result: McpServerResult;
  readonly api: McpApi;
  readonly fn: InvocableFunction;

  constructor(scope: Construct, id: string, props: McpServerProps) {
    super(scope, id);
    const auth = props.auth ?? { mode: 'cognito' };
    const tags = { 'mcp:server': props.manifest.name, ...props.tags };
    const stageName = props.stageName ?? 'live';
    const region = new DataAwsRegion(this, 'region').region;
    const accountId = new DataAwsCallerIdentity(this, 'account').accountId;
    if (auth.mode === 'cognito' && !props.domain) {
      throw new Error('cognito auth needs a custom domain: OAuth clients fetch /.well-known/* from the domain root, which a stage URL cannot serve');
    }
    const origin = props.domain ? `https://${props.domain.name}` : undefined;
    const mcpPath = '/mcp';
    const warnings: string[] = [];

    let cognito: CognitoAuth | undefined;
    const environment: Record<string, string> = { ...props.function?.environment };
    if (auth.mode === 'cognito') {
      cognito = new CognitoAuth(this, 'auth', {
        name: props.name,
        identifier: origin!,
        toolScopes: props.manifest.scopes,
        region,
        accountId,
        tags,
        ...pick(auth, ['existingUserPool', 'domainPrefix', 'cliCallbackUrls', 'serverScope', 'accessTokenMinutes', 'refreshTokenDays']),
      });
      // The kit reads these: 403 challenges name the metadata; Cognito's scope prefix is stripped; the
      // server-wide scope grants every tool.
      environment.MCP_RESOURCE_METADATA_URL = resourceMetadataUrl({ origin: origin!, mcpPath });
      environment.MCP_SCOPE_PREFIX = `${origin}/`;
      environment.MCP_FULL_ACCESS_SCOPES = auth.serverScope ?? 'mcp';
    }
    if (props.requestStateSecret) environment.MCP_STATE_SECRET = props.requestStateSecret;

    this.fn =
      'zipPath' in props.code
        ? new McpFunction(this, 'function', { ...props.function, name: props.name, zipPath: props.code.zipPath, environment, tags })
        : existingFunction(props.code.existingFunction.arn, props.code.existingFunction.name, region);
    if (!('zipPath' in props.code) && Object.keys(environment).length) {
      warnings.push(`set these variables on ${props.code.existingFunction.name}: ${Object.keys(environment).join(', ')}`);
    }

    let apiAuth: ApiAuth;
    if (auth.mode === 'cognito') {
      if (!props.registrationZipPath) throw new Error('cognito auth needs registrationZipPath (dist/functions/registration.zip)');
      const registration = new ClientRegistration(this, 'registration', {
        name: props.name,
        zipPath: props.registrationZipPath,
        userPoolId: cognito!.userPoolId,
        userPoolArn: cognito!.userPoolArn,
        allowedScopes: cognito!.scopes,
        tags,
        ...(auth.registrationRetentionDays ? { retentionDays: auth.registrationRetentionDays } : {}),
        ...pick(auth, ['accessTokenMinutes', 'refreshTokenDays', 'redirectHosts', 'maxRegistrations']),
      });
      const discovery = { origin: origin!, mcpPath, cognitoDomainUrl: cognito!.domainUrl, cognitoIssuer: cognito!.issuer, scopes: cognito!.scopes, serverName: props.manifest.name };
      apiAuth = {
        mode: 'cognito',
        userPoolArn: cognito!.userPoolArn,
        scopes: cognito!.scopes,
        challenge: unauthorizedChallenge(discovery, cognito!.scopes),
        protectedResource: protectedResourceMetadata(discovery),
        authorizationServer: authorizationServerMetadata(discovery),
        registration: registration.fn,
      };
    } else if (auth.mode === 'authorizer_arn') {
      apiAuth = { mode: 'authorizer_arn', authorizerArn: auth.authorizerArn, region, identitySource: auth.identitySource ?? 'method.request.header.Authorization', resultTtlSeconds: auth.resultTtlSeconds ?? 300 };
    } else {
      apiAuth = { mode: auth.mode };
    }
    if (auth.mode === 'none') warnings.push('auth mode "none": anyone who can reach the URL can call every tool. Use it only for private or development servers.');

    const throttling = { ...DEFAULT_THROTTLING, ...props.throttling };
    this.api = new McpApi(this, 'api', {
      name: props.name,
      fn: this.fn,
      auth: apiAuth,
      throttling,
      stageName,
      allowOrigin: props.allowOrigin ?? '*',
      accessLogRetentionDays: props.accessLogRetentionDays ?? 30,
      manageAccountLogRole: props.manageAccountLogRole ?? false,
      // Behind a custom domain, the execute-api address would be a second way in whose metadata does not match.
      disableExecuteApiEndpoint: props.domain !== undefined,
      region,
      accountId,
      tags,
    });

    let apiKey: ApiKeyAuth | undefined;
    if (auth.mode === 'api_key') {
      apiKey = new ApiKeyAuth(this, 'api-key', {
        name: props.name,
        restApiId: this.api.api.id,
        stageName: this.api.stage.stageName,
        rateLimit: auth.rateLimit ?? throttling.rateLimit,
        burstLimit: auth.burstLimit ?? throttling.burstLimit,
        quotaPerDay: auth.quotaPerDay ?? 0,
        tags,
      });
    }

    const base = props.domain
      ? new CustomDomain(this, 'domain', { domainName: props.domain.name, hostedZoneId: props.domain.hostedZoneId, restApiId: this.api.api.id, stageName: this.api.stage.stageName, tags, ...(props.domain.certificateArn ? { certificateArn: props.domain.certificateArn } : {}) }).origin
      : this.api.stage.invokeUrl;
    const mcpUrl = `${base}${mcpPath}`;
    this.result = {
      mcpUrl,
      healthUrl: `${base}/health`,
      metadataUrls: origin && cognito
        ? { protectedResource: resourceMetadataUrl({ origin, mcpPath }), authorizationServer: `${origin}/.well-known/oauth-authorization-server` }
        : undefined,
      userPoolId: cognito?.userPoolId,
      cliClientId: cognito?.cliClient.id,
      apiKeyId: apiKey?.key.id,
      apiKeyValue: apiKey?.key.value,
      region,
      clients: clientConfiguration(props.manifest.name, mcpUrl, auth.mode === 'api_key'),
      warnings,
    };
  }
}

function pick<T extends object, K extends keyof T>(source: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (source[k] !== undefined) out[k] = source[k];
  return out;
}
