import { ApiGatewayIntegration } from '@cdktf/provider-aws/lib/api-gateway-integration/index.js';
import { ApiGatewayIntegrationResponse } from '@cdktf/provider-aws/lib/api-gateway-integration-response/index.js';
import { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method/index.js';
import { ApiGatewayMethodResponse } from '@cdktf/provider-aws/lib/api-gateway-method-response/index.js';
import { ApiGatewayResource } from '@cdktf/provider-aws/lib/api-gateway-resource/index.js';
import { Fn, type TerraformResource } from 'cdktf';
import { Construct } from 'constructs';

/**
 * How a method is protected, as API Gateway's fields (each may be a Terraform expression when the auth
 * mode is only known at plan time): NONE | COGNITO_USER_POOLS | CUSTOM, and whether an API key is needed.
 */
export interface MethodAuth {
  authorization: string;
  authorizerId?: string;
  scopes?: string[];
  apiKeyRequired?: boolean;
}

export const OPEN: MethodAuth = { authorization: 'NONE' };

export interface MethodTarget {
  restApiId: string;
  resourceId: string;
  /** Everything created, so the deployment can be replaced whenever any of it changes. */
  parts: TerraformResource[];
}

/** A path part under `parentId`, counted among the parts the deployment watches. */
export function pathPart(scope: Construct, id: string, target: Omit<MethodTarget, 'resourceId'>, parentId: string, part: string): ApiGatewayResource {
  const r = new ApiGatewayResource(scope, id, { restApiId: target.restApiId, parentId, pathPart: part });
  target.parts.push(r);
  return r;
}

function method(scope: Construct, id: string, target: MethodTarget, httpMethod: string, auth: MethodAuth): ApiGatewayMethod {
  const m = new ApiGatewayMethod(scope, id, {
    restApiId: target.restApiId,
    resourceId: target.resourceId,
    httpMethod,
    authorization: auth.authorization,
    ...(auth.authorizerId !== undefined ? { authorizerId: auth.authorizerId } : {}),
    ...(auth.scopes !== undefined ? { authorizationScopes: auth.scopes } : {}),
    apiKeyRequired: auth.apiKeyRequired ?? false,
  });
  target.parts.push(m);
  return m;
}

/** A Lambda proxy integration (the function sees the whole request as a REST v1 event). */
export function lambdaMethod(scope: Construct, id: string, target: MethodTarget, httpMethod: string, invokeArn: string, auth: MethodAuth): ApiGatewayMethod {
  const m = method(scope, `${id}-method`, target, httpMethod, auth);
  target.parts.push(
    new ApiGatewayIntegration(scope, `${id}-integration`, {
      restApiId: target.restApiId,
      resourceId: target.resourceId,
      httpMethod: m.httpMethod,
      type: 'AWS_PROXY',
      integrationHttpMethod: 'POST',
      uri: invokeArn,
      timeoutMilliseconds: 29_000,
    }),
  );
  return m;
}

export interface MockAnswer {
  status: number;
  /** Response headers as static values (quoted for API Gateway by this helper). */
  headers?: Record<string, string>;
  /** The body: a JSON value (serialized here) or text. */
  body?: unknown;
  contentType?: string;
}

/**
 * A method answered by API Gateway itself (MOCK integration): discovery documents, 405s, CORS preflight,
 * health. No Lambda is invoked, so these cost nothing and never cold-start.
 */
export function mockMethod(scope: Construct, id: string, target: MethodTarget, httpMethod: string, answer: MockAnswer, auth: MethodAuth = OPEN): ApiGatewayMethod {
  const m = method(scope, `${id}-method`, target, httpMethod, auth);
  const status = String(answer.status);
  const headerNames = Object.keys(answer.headers ?? {});
  const integration = new ApiGatewayIntegration(scope, `${id}-integration`, {
    restApiId: target.restApiId,
    resourceId: target.resourceId,
    httpMethod: m.httpMethod,
    type: 'MOCK',
    requestTemplates: { 'application/json': `{"statusCode": ${answer.status}}` },
    passthroughBehavior: 'WHEN_NO_TEMPLATES',
  });
  const methodResponse = new ApiGatewayMethodResponse(scope, `${id}-response`, {
    restApiId: target.restApiId,
    resourceId: target.resourceId,
    httpMethod: m.httpMethod,
    statusCode: status,
    responseParameters: Object.fromEntries(headerNames.map((h) => [`method.response.header.${h}`, true])),
  });
  const contentType = answer.contentType ?? 'application/json';
  const body = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : jsonBody(answer.body);
  target.parts.push(
    integration,
    methodResponse,
    new ApiGatewayIntegrationResponse(scope, `${id}-integration-response`, {
      restApiId: target.restApiId,
      resourceId: target.resourceId,
      httpMethod: m.httpMethod,
      statusCode: methodResponse.statusCode,
      responseParameters: Object.fromEntries(headerNames.map((h) => [`method.response.header.${h}`, `'${answer.headers![h]}'`])),
      responseTemplates: { [contentType]: velocityLiteral(body) },
      dependsOn: [integration],
    }),
  );
  return m;
}

/**
 * A JSON body. One holding a Terraform list (the plain module's scopes) is written by Terraform's
 * jsonencode at plan time; anything else is serialized now.
 */
function jsonBody(value: unknown): string {
  const json = JSON.stringify(value);
  return json.includes('#{TfToken[') ? Fn.jsonencode(value) : json;
}

/**
 * Mapping templates are Velocity: `$` and `#` start references and directives. A literal body is made
 * safe by escaping both, except the `$` opening a CDKTF token: that becomes a Terraform interpolation,
 * replaced by its value before API Gateway ever sees the template (an escape there would leave a
 * backslash in the output). Tests render every template as Terraform and then Velocity would.
 */
export function velocityLiteral(text: string): string {
  return text.replace(/\$(?!\{TfToken\[)/g, '\\$').replace(/#/g, '\\#');
}
