import { ApiGatewayAuthorizer } from '@cdktf/provider-aws/lib/api-gateway-authorizer/index.js';
import { ApiGatewayDeployment } from '@cdktf/provider-aws/lib/api-gateway-deployment/index.js';
import { ApiGatewayMethodSettings } from '@cdktf/provider-aws/lib/api-gateway-method-settings/index.js';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api/index.js';
import { ApiGatewayStage } from '@cdktf/provider-aws/lib/api-gateway-stage/index.js';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission/index.js';
import { Fn, Token, type TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { named } from '../address.ts';
import { and, asBoolean, choose, mayExist, onlyWhen, type Toggle } from '../conditions.ts';
import { lambdaInvokeUri, type InvocableFunction } from '../function.ts';
import { ACCESS_LOG_FORMAT, AccessLogging } from './access-logging.ts';
import { preflightHeaders, responseCorsHeaders } from './cors.ts';
import { gatewayResponses } from './gateway-responses.ts';
import { ApiRoutes, pathPart, type MethodAuth } from './methods.ts';
import { FRONT_DOOR_ROUTES, OAuthRoutes, RESOURCE_ADDRESS } from './oauth-routes.ts';
import { RateLimitAcl } from './waf.ts';
import { ServerCardRoutes } from './server-card-routes.ts';

/**
 * How the MCP endpoint is protected. Each mode is a toggle (known now in the CDKTF app, a plan-time
 * condition in the plain module); the details of a mode are given whenever it may be on (undefined, or left
 * out, when it is surely off).
 */
export interface ApiAuth {
  cognito: Toggle;
  cognitoDetails?: {
    userPoolArn: string;
    scopes: string[];
    challenge: string;
    frontDoor: Omit<InvocableFunction, 'streamingInvokeArn'> & { integrationTimeoutMs: number };
  } | undefined;
  lambdaAuthorizer: Toggle;
  lambdaAuthorizerDetails?: { authorizerArn: string; region: string; identitySource: string; resultTtlSeconds: number } | undefined;
  apiKey: Toggle;
}

export interface Throttling {
  /** Steady requests per second, applied to each method of the stage (method settings for all paths and verbs). */
  rateLimit: number;
  burstLimit: number;
  /** For POST /register (client registration), far below the others. */
  registerRateLimit: number;
  registerBurstLimit: number;
  /** For POST /token (sign-ins and refreshes). */
  tokenRateLimit: number;
  tokenBurstLimit: number;
  /** For each other front-door route (metadata, authorize, callback, consent, revoke). */
  frontDoorRateLimit: number;
  frontDoorBurstLimit: number;
}

export interface McpApiProps {
  name: string;
  fn: InvocableFunction;
  /** POST /mcp's integration timeout: the function's timeout plus a second, so the kit's deadline answers first. */
  integrationTimeoutMs: number;
  /** POST /mcp through response streaming (`STREAM`, the function's streaming invoke URI) rather than buffered. */
  streaming: Toggle;
  auth: ApiAuth;
  throttling: Throttling;
  stageName: string;
  /** Access-Control-Allow-Origin for browser clients. */
  allowOrigin: string;
  accessLogRetentionDays: number;
  /** Write access logs (the account's API Gateway CloudWatch role must exist: managed here or elsewhere). */
  accessLogs: Toggle;
  /** Set the account-wide CloudWatch role API Gateway needs for access logs (once per account and Region). */
  manageAccountLogRole: Toggle;
  disableExecuteApiEndpoint: boolean;
  /** An AWS WAF web ACL with per-address rate limits on /register and /token (cognito mode). */
  waf?: { enabled: Toggle; registerLimit: number; tokenLimit: number };
  /** Checked at plan time before anything is created (the plain module's cross-variable rules). */
  preconditions?: { condition: string; errorMessage: string }[];
  tags: Record<string, string>;
  /** The server card (server-card.ts) for this API, given its id (the card names the stage URL without a domain). */
  serverCard: (restApiId: string) => { body: string; etag: string };
}

/**
 * API Gateway REST (regional) in front of the server: /mcp to the function behind the chosen authorizer
 * (POST runs the server; GET, HEAD and DELETE answer 405 once authorized, so an anonymous probe gets the
 * 401 challenge first); GET /health; the server card at /mcp/server-card and /.well-known/mcp/server-card.json
 * (mock integrations, open in every mode); the OAuth front door's routes in `cognito` mode; CORS
 * preflight everywhere; a deployment replaced whenever any part changes.
 */
export class McpApi extends Construct {
  readonly api: ApiGatewayRestApi;
  readonly stage: ApiGatewayStage;
  readonly routes: ApiRoutes;
  readonly parts: TerraformResource[] = [];
  /** The optional rate-limiting web ACL (cognito mode). */
  waf?: RateLimitAcl;

  constructor(scope: Construct, id: string, props: McpApiProps) {
    super(scope, id);
    const { auth, tags } = props;
    this.api = named(new ApiGatewayRestApi(this, 'api', {
      name: props.name,
      description: `MCP server ${props.name}`,
      endpointConfiguration: { types: ['REGIONAL'] },
      disableExecuteApiEndpoint: props.disableExecuteApiEndpoint,
      tags,
      ...(props.preconditions?.length ? { lifecycle: { precondition: props.preconditions } } : {}),
    }), 'this');
    const restApiId = this.api.id;
    const child = (address: string, parentId: string, part: string) => pathPart(this, address, restApiId, parentId, part, this.parts);
    this.routes = new ApiRoutes(this, 'routes');

    const mcp = child('mcp', this.api.rootResourceId, 'mcp');
    const methodAuth = this.authorizer(props);
    const at = { resourceId: mcp.id };
    this.routes.add('mcp_post', {
      ...at,
      httpMethod: 'POST',
      auth: methodAuth,
      lambda: {
        invokeArn: choose(props.streaming, props.fn.streamingInvokeArn, props.fn.invokeArn),
        timeoutMs: props.integrationTimeoutMs,
        transferMode: choose(props.streaming, 'STREAM', 'BUFFERED'),
      },
    });
    const notAllowed = { status: 405, headers: { Allow: 'POST', ...responseCorsHeaders(props.allowOrigin) }, body: { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'Method not allowed: this endpoint accepts POST only' } } };
    for (const verb of ['GET', 'HEAD', 'DELETE']) this.routes.add(`mcp_${verb.toLowerCase()}`, { ...at, httpMethod: verb, auth: methodAuth, mock: notAllowed });
    this.routes.add('mcp_options', { ...at, httpMethod: 'OPTIONS', mock: { status: 204, headers: preflightHeaders(props.allowOrigin, 'POST,GET,HEAD,DELETE,OPTIONS') } });
    named(new LambdaPermission(this, 'invoke', {
      functionName: props.fn.functionName,
      ...(props.fn.qualifier ? { qualifier: props.fn.qualifier } : {}),
      action: 'lambda:InvokeFunction',
      principal: 'apigateway.amazonaws.com',
      sourceArn: `${this.api.executionArn}/*/POST/mcp`,
    }), 'api_gateway');

    const health = child('health', this.api.rootResourceId, 'health');
    this.routes.add('health_get', { resourceId: health.id, httpMethod: 'GET', mock: { status: 200, body: { status: 'ok', server: props.name }, headers: responseCorsHeaders(props.allowOrigin) } });

    const wellKnown = child('well_known', this.api.rootResourceId, '.well-known');
    new ServerCardRoutes(this, 'server-card', { api: this.api, routes: this.routes, parts: this.parts, mcp, wellKnown, card: props.serverCard(restApiId) });

    if (mayExist(auth.cognito)) {
      const d = auth.cognitoDetails!;
      const oauth = new OAuthRoutes(this, 'oauth', {
        api: this.api, routes: this.routes, parts: this.parts, allowOrigin: props.allowOrigin, enabled: auth.cognito, wellKnown, frontDoor: d.frontDoor,
      });
      onlyWhen(auth.cognito, oauth);
    }
    this.parts.push(...this.routes.build(restApiId));
    this.parts.push(...gatewayResponses(this, restApiId, props.allowOrigin, auth.cognito, auth.cognitoDetails?.challenge));

    const deployment = named(new ApiGatewayDeployment(this, 'deployment', {
      restApiId,
      // Any change to a method, integration or response (not only its id), or to the API's own settings
      // that need a redeployment (disable_execute_api_endpoint), replaces the deployment.
      triggers: { redeployment: `\${sha1(jsonencode([${[...this.parts.map((p) => p.fqn), Token.asString(this.api.disableExecuteApiEndpoint)].join(', ')}]))}` },
      lifecycle: { createBeforeDestroy: true },
    }), 'this');
    const logging = new AccessLogging(this, 'access-logging', {
      name: props.name, enabled: props.accessLogs, manageAccountRole: props.manageAccountLogRole, retentionDays: props.accessLogRetentionDays, tags,
    });
    this.stage = named(new ApiGatewayStage(this, 'stage', {
      restApiId,
      deploymentId: deployment.id,
      stageName: props.stageName,
      ...(props.accessLogs === true ? { accessLogSettings: { destinationArn: logging.logGroup!.arn, format: ACCESS_LOG_FORMAT } } : {}),
      tags,
      ...(logging.account ? { dependsOn: [logging.account] } : {}),
    }), 'this');
    if (typeof props.accessLogs !== 'boolean') {
      // Decided at plan time: the block is there only when logging is on (one item or none).
      this.stage.addOverride('dynamic.access_log_settings', {
        for_each: Fn.conditional(props.accessLogs.tf, [1], []),
        content: { destination_arn: logging.logGroup!.arn, format: ACCESS_LOG_FORMAT },
      });
    }
    const settings = (address: string, methodPath: string, rateLimit: number, burstLimit: number) => named(new ApiGatewayMethodSettings(this, address, {
      restApiId,
      stageName: this.stage.stageName,
      methodPath,
      settings: {
        throttlingRateLimit: rateLimit,
        throttlingBurstLimit: burstLimit,
        metricsEnabled: true,
        // Execution logs could carry request bodies and headers: off. Access logs have no headers.
        loggingLevel: 'OFF',
        dataTraceEnabled: false,
      },
    }), address);
    settings('all', '*/*', props.throttling.rateLimit, props.throttling.burstLimit);
    if (mayExist(auth.cognito)) {
      // Every front-door route its own limit: registration and token tighter than the rest.
      const t = props.throttling;
      const limits = { register: [t.registerRateLimit, t.registerBurstLimit], token: [t.tokenRateLimit, t.tokenBurstLimit], front_door: [t.frontDoorRateLimit, t.frontDoorBurstLimit] } as const;
      for (const route of FRONT_DOOR_ROUTES) {
        const [rate, burst] = limits[route.throttle];
        onlyWhen(auth.cognito, settings(RESOURCE_ADDRESS[route.path]!, `${route.path}/${route.method}`, rate, burst));
      }
      if (props.waf && mayExist(props.waf.enabled)) {
        const waf = this.waf = new RateLimitAcl(this, 'waf', { name: props.name, stageArn: this.stage.arn, registerLimit: props.waf.registerLimit, tokenLimit: props.waf.tokenLimit, tags });
        onlyWhen(and(auth.cognito, props.waf.enabled), waf);
      }
    }
  }

  /** The authorizers the modes need, and the MCP endpoint's protection picked among them. */
  private authorizer(props: McpApiProps): MethodAuth {
    const { auth } = props;
    let cognitoId: string | undefined;
    let customId: string | undefined;
    if (mayExist(auth.cognito)) {
      const a = named(new ApiGatewayAuthorizer(this, 'authorizer', {
        restApiId: this.api.id,
        name: `${props.name}-cognito`,
        type: 'COGNITO_USER_POOLS',
        providerArns: [auth.cognitoDetails!.userPoolArn],
        identitySource: 'method.request.header.Authorization',
      }), 'cognito');
      onlyWhen(auth.cognito, a);
      this.parts.push(a);
      cognitoId = a.id;
    }
    if (mayExist(auth.lambdaAuthorizer)) {
      const details = auth.lambdaAuthorizerDetails!;
      const group = new Construct(this, 'lambda-authorizer');
      const a = named(new ApiGatewayAuthorizer(group, 'authorizer', {
        restApiId: this.api.id,
        name: `${props.name}-lambda`,
        type: 'REQUEST',
        authorizerUri: lambdaInvokeUri(details.region, details.authorizerArn),
        identitySource: details.identitySource,
        authorizerResultTtlInSeconds: details.resultTtlSeconds,
      }), 'lambda');
      this.parts.push(a);
      named(new LambdaPermission(group, 'invoke', {
        functionName: details.authorizerArn,
        action: 'lambda:InvokeFunction',
        principal: 'apigateway.amazonaws.com',
        sourceArn: `${this.api.executionArn}/authorizers/${a.id}`,
      }), 'authorizer');
      onlyWhen(auth.lambdaAuthorizer, group);
      customId = a.id;
    }
    // An access token with any of the server's scopes passes; per-tool scopes are checked by the server.
    return {
      authorization: choose(auth.cognito, 'COGNITO_USER_POOLS', choose(auth.lambdaAuthorizer, 'CUSTOM', 'NONE')),
      authorizerId: choose(auth.cognito, cognitoId, choose(auth.lambdaAuthorizer, customId, undefined)),
      scopes: choose(auth.cognito, auth.cognitoDetails?.scopes, undefined),
      apiKeyRequired: asBoolean(auth.apiKey),
    };
  }
}
