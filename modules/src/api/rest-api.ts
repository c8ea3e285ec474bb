import { ApiGatewayAccount } from '@cdktf/provider-aws/lib/api-gateway-account/index.js';
import { ApiGatewayAuthorizer } from '@cdktf/provider-aws/lib/api-gateway-authorizer/index.js';
import { ApiGatewayDeployment } from '@cdktf/provider-aws/lib/api-gateway-deployment/index.js';
import { ApiGatewayGatewayResponse } from '@cdktf/provider-aws/lib/api-gateway-gateway-response/index.js';
import { ApiGatewayMethodSettings } from '@cdktf/provider-aws/lib/api-gateway-method-settings/index.js';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api/index.js';
import { ApiGatewayStage } from '@cdktf/provider-aws/lib/api-gateway-stage/index.js';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission/index.js';
import type { TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { asBoolean, choose, mayExist, onlyWhen, type Toggle } from '../conditions.ts';
import type { InvocableFunction } from '../function.ts';
import { preflightHeaders, responseCorsHeaders } from './cors.ts';
import { lambdaMethod, mockMethod, pathPart, type MethodAuth, type MethodTarget } from './methods.ts';
import { OAuthRoutes } from './oauth-routes.ts';

/**
 * How POST /mcp is protected. Each mode is a toggle (known now in the CDKTF app, a plan-time condition in
 * the plain module); the details of a mode are given whenever it may be on.
 */
export interface ApiAuth {
  cognito: Toggle;
  cognitoDetails?: {
    userPoolArn: string;
    scopes: string[];
    challenge: string;
    protectedResource: object;
    authorizationServer: object;
    registration: InvocableFunction;
  };
  lambdaAuthorizer: Toggle;
  lambdaAuthorizerDetails?: { authorizerArn: string; region: string; identitySource: string; resultTtlSeconds: number };
  apiKey: Toggle;
}

export interface Throttling {
  /** Steady requests per second for the whole stage. */
  rateLimit: number;
  burstLimit: number;
  /** For POST /register (client registration), far below the stage's. */
  registerRateLimit: number;
  registerBurstLimit: number;
}

export interface McpApiProps {
  name: string;
  fn: InvocableFunction;
  auth: ApiAuth;
  throttling: Throttling;
  stageName: string;
  /** Access-Control-Allow-Origin for browser clients. */
  allowOrigin: string;
  accessLogRetentionDays: number;
  /** Set the account-wide CloudWatch role API Gateway needs for access logs (once per account and Region). */
  manageAccountLogRole: Toggle;
  disableExecuteApiEndpoint: boolean;
  /** Checked at plan time before anything is created (the plain module's cross-variable rules). */
  preconditions?: { condition: string; errorMessage: string }[];
  region: string;
  accountId: string;
  tags: Record<string, string>;
}

/** JSON access-log line per request. No headers, so never an Authorization value. */
const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  method: '$context.httpMethod',
  path: '$context.resourcePath',
  status: '$context.status',
  responseLength: '$context.responseLength',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integration.latency',
  integrationError: '$context.integration.error',
  authorizerError: '$context.authorizer.error',
  principal: '$context.authorizer.principalId',
  time: '$context.requestTime',
});

/**
 * API Gateway REST (regional) in front of the server: POST /mcp to the function behind the chosen
 * authorizer; GET/DELETE /mcp answer 405; GET /health; OAuth discovery and client registration in
 * `cognito` mode; CORS preflight everywhere; a deployment replaced whenever any part changes.
 */
export class McpApi extends Construct {
  readonly api: ApiGatewayRestApi;
  readonly stage: ApiGatewayStage;
  readonly parts: TerraformResource[] = [];

  constructor(scope: Construct, id: string, props: McpApiProps) {
    super(scope, id);
    const { auth, tags } = props;
    this.api = new ApiGatewayRestApi(this, 'api', {
      name: props.name,
      description: `MCP server ${props.name}`,
      endpointConfiguration: { types: ['REGIONAL'] },
      disableExecuteApiEndpoint: props.disableExecuteApiEndpoint,
      tags,
      ...(props.preconditions?.length ? { lifecycle: { precondition: props.preconditions } } : {}),
    });
    const at = (resourceId: string): MethodTarget => ({ restApiId: this.api.id, resourceId, parts: this.parts });
    const child = (cid: string, parentId: string, part: string) => pathPart(this, cid, { restApiId: this.api.id, parts: this.parts }, parentId, part);

    const mcp = child('mcp', this.api.rootResourceId, 'mcp');
    const methodAuth = this.authorizer(props);
    lambdaMethod(this, 'mcp-post', at(mcp.id), 'POST', props.fn.invokeArn, methodAuth);
    const notAllowed = { status: 405, headers: { Allow: 'POST', ...responseCorsHeaders(props.allowOrigin) }, body: { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'Method not allowed: this endpoint accepts POST only' } } };
    mockMethod(this, 'mcp-get', at(mcp.id), 'GET', notAllowed);
    mockMethod(this, 'mcp-delete', at(mcp.id), 'DELETE', notAllowed);
    mockMethod(this, 'mcp-options', at(mcp.id), 'OPTIONS', { status: 204, headers: preflightHeaders(props.allowOrigin, 'POST,OPTIONS') });
    new LambdaPermission(this, 'invoke', {
      functionName: props.fn.functionName,
      ...(props.fn.qualifier ? { qualifier: props.fn.qualifier } : {}),
      action: 'lambda:InvokeFunction',
      principal: 'apigateway.amazonaws.com',
      sourceArn: `${this.api.executionArn}/*/POST/mcp`,
    });

    const health = child('health', this.api.rootResourceId, 'health');
    mockMethod(this, 'health-get', at(health.id), 'GET', { status: 200, body: { status: 'ok', server: props.name }, headers: responseCorsHeaders(props.allowOrigin) });

    if (mayExist(auth.cognito)) {
      const d = auth.cognitoDetails!;
      const oauth = new OAuthRoutes(this, 'oauth', {
        api: this.api, parts: this.parts, allowOrigin: props.allowOrigin,
        protectedResource: d.protectedResource, authorizationServer: d.authorizationServer, registration: d.registration,
      });
      onlyWhen(auth.cognito, oauth);
    }
    this.gatewayResponses(props);

    const deployment = new ApiGatewayDeployment(this, 'deployment', {
      restApiId: this.api.id,
      // Any change to a method, integration or response (not only its id) replaces the deployment.
      triggers: { redeployment: `\${sha1(jsonencode([${this.parts.map((p) => p.fqn).join(', ')}]))}` },
      lifecycle: { createBeforeDestroy: true },
    });
    const accessLogs = new CloudwatchLogGroup(this, 'access-logs', {
      name: `/aws/apigateway/${props.name}`,
      retentionInDays: props.accessLogRetentionDays,
      tags,
    });
    const account = mayExist(props.manageAccountLogRole) ? this.accountLogRole(props, tags) : undefined;
    this.stage = new ApiGatewayStage(this, 'stage', {
      restApiId: this.api.id,
      deploymentId: deployment.id,
      stageName: props.stageName,
      accessLogSettings: { destinationArn: accessLogs.arn, format: ACCESS_LOG_FORMAT },
      tags,
      ...(account ? { dependsOn: [account] } : {}),
    });
    new ApiGatewayMethodSettings(this, 'throttle-all', {
      restApiId: this.api.id,
      stageName: this.stage.stageName,
      methodPath: '*/*',
      settings: {
        throttlingRateLimit: props.throttling.rateLimit,
        throttlingBurstLimit: props.throttling.burstLimit,
        metricsEnabled: true,
        // Execution logs could carry request bodies and headers: off. Access logs above have no headers.
        loggingLevel: 'OFF',
        dataTraceEnabled: false,
      },
    });
    if (mayExist(auth.cognito)) {
      const registerThrottle = new ApiGatewayMethodSettings(this, 'throttle-register', {
        restApiId: this.api.id,
        stageName: this.stage.stageName,
        methodPath: 'register/POST',
        settings: {
          throttlingRateLimit: props.throttling.registerRateLimit,
          throttlingBurstLimit: props.throttling.registerBurstLimit,
          metricsEnabled: true,
          loggingLevel: 'OFF',
          dataTraceEnabled: false,
        },
      });
      onlyWhen(auth.cognito, registerThrottle);
    }
  }

  /** The authorizers the modes need, and POST /mcp's protection picked among them. */
  private authorizer(props: McpApiProps): MethodAuth {
    const { auth } = props;
    let cognitoId: string | undefined;
    let customId: string | undefined;
    if (mayExist(auth.cognito)) {
      const a = new ApiGatewayAuthorizer(this, 'authorizer', {
        restApiId: this.api.id,
        name: `${props.name}-cognito`,
        type: 'COGNITO_USER_POOLS',
        providerArns: [auth.cognitoDetails!.userPoolArn],
        identitySource: 'method.request.header.Authorization',
      });
      onlyWhen(auth.cognito, a);
      this.parts.push(a);
      cognitoId = a.id;
    }
    if (mayExist(auth.lambdaAuthorizer)) {
      const details = auth.lambdaAuthorizerDetails!;
      const group = new Construct(this, 'lambda-authorizer');
      const a = new ApiGatewayAuthorizer(group, 'authorizer', {
        restApiId: this.api.id,
        name: `${props.name}-lambda`,
        type: 'REQUEST',
        authorizerUri: `arn:aws:apigateway:${details.region}:lambda:path/2015-03-31/functions/${details.authorizerArn}/invocations`,
        identitySource: details.identitySource,
        authorizerResultTtlInSeconds: details.resultTtlSeconds,
      });
      this.parts.push(a);
      new LambdaPermission(group, 'invoke', {
        functionName: details.authorizerArn,
        action: 'lambda:InvokeFunction',
        principal: 'apigateway.amazonaws.com',
        sourceArn: `${this.api.executionArn}/authorizers/${a.id}`,
      });
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

  /** Errors API Gateway answers itself, with CORS, and in `cognito` mode the RFC 9728 challenge. */
  private gatewayResponses(props: McpApiProps) {
    const cors = Object.fromEntries(Object.entries(responseCorsHeaders(props.allowOrigin)).map(([k, v]) => [`gatewayresponse.header.${k}`, `'${v}'`]));
    const respond = (id: string, responseType: string, statusCode: string | undefined, extra: Record<string, string> = {}, body?: object) => {
      const r = new ApiGatewayGatewayResponse(this, id, {
          restApiId: this.api.id,
          responseType,
          ...(statusCode ? { statusCode } : {}),
          responseParameters: { ...cors, ...extra },
          ...(body ? { responseTemplates: { 'application/json': JSON.stringify(body) } } : {}),
      });
      this.parts.push(r);
      return r;
    };
    const { cognito, cognitoDetails } = props.auth;
    if (mayExist(cognito)) {
      // The challenge is `Bearer resource_metadata="…", scope="…"`; the 403 adds error="insufficient_scope".
      const challenge = cognitoDetails!.challenge;
      const unauthorized = respond('unauthorized', 'UNAUTHORIZED', '401', { 'gatewayresponse.header.WWW-Authenticate': `'${challenge}'` }, {
        jsonrpc: '2.0', id: null, error: { code: -32001, message: 'Unauthorized: a valid bearer token is required' },
      });
      const denied = respond('access-denied', 'ACCESS_DENIED', '403', {
        'gatewayresponse.header.WWW-Authenticate': `'Bearer error="insufficient_scope", ${challenge.replace(/^Bearer /, '')}'`,
      }, { jsonrpc: '2.0', id: null, error: { code: -32003, message: 'Forbidden: insufficient scope' } });
      onlyWhen(cognito, unauthorized, denied);
    }
    respond('default-4xx', 'DEFAULT_4XX', undefined);
    respond('default-5xx', 'DEFAULT_5XX', undefined);
  }

  /**
   * The account-level role API Gateway uses to write logs. It is one setting per account and Region, shared
   * by every REST API there, so it gets AWS's managed policy for the job (all API Gateway log groups),
   * not one scoped to this API. Off by default: turn it on once per account, where nothing else sets it.
   */
  private accountLogRole(props: McpApiProps, tags: Record<string, string>): ApiGatewayAccount {
    const group = new Construct(this, 'account-logging');
    const role = new IamRole(group, 'role', {
      name: `${props.name}-apigw-logs`,
      assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
      tags,
    });
    new IamRolePolicyAttachment(group, 'policy', {
      role: role.name,
      policyArn: 'arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs',
    });
    const account = new ApiGatewayAccount(group, 'account', { cloudwatchRoleArn: role.arn });
    onlyWhen(props.manageAccountLogRole, group);
    return account;
  }
}
