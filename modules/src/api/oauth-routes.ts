import type { ApiGatewayResource } from '@cdktf/provider-aws/lib/api-gateway-resource/index.js';
import type { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api/index.js';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission/index.js';
import type { TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import type { InvocableFunction } from '../function.ts';
import { preflightHeaders, responseCorsHeaders } from './cors.ts';
import { lambdaMethod, mockMethod, OPEN, pathPart, type MethodTarget } from './methods.ts';

export interface OAuthRoutesProps {
  api: ApiGatewayRestApi;
  /** The API's parts, which the deployment watches. */
  parts: TerraformResource[];
  allowOrigin: string;
  protectedResource: object;
  authorizationServer: object;
  registration: InvocableFunction;
}

/**
 * What OAuth clients fetch before they have a token: RFC 9728 protected-resource metadata and RFC 8414 /
 * OIDC authorization-server metadata (mock integrations, no Lambda), and RFC 7591 POST /register (the
 * registration function). All open: a client reads them to learn how to get a token.
 */
export class OAuthRoutes extends Construct {
  constructor(scope: Construct, id: string, props: OAuthRoutesProps) {
    super(scope, id);
    const { api, allowOrigin } = props;
    const target = { restApiId: api.id, parts: props.parts };
    const at = (resourceId: string): MethodTarget => ({ ...target, resourceId });
    const child = (cid: string, parentId: string, part: string) => pathPart(this, cid, target, parentId, part);
    const cors = responseCorsHeaders(allowOrigin);
    const serve = (sid: string, resource: ApiGatewayResource, body: object) => {
      mockMethod(this, `${sid}-get`, at(resource.id), 'GET', { status: 200, body, headers: { ...cors, 'Cache-Control': 'max-age=300' } });
      mockMethod(this, `${sid}-options`, at(resource.id), 'OPTIONS', { status: 204, headers: preflightHeaders(allowOrigin, 'GET,OPTIONS') });
    };
    const wellKnown = child('well-known', api.rootResourceId, '.well-known');
    const prm = child('prm', wellKnown.id, 'oauth-protected-resource');
    serve('prm-root', prm, props.protectedResource);
    serve('prm-mcp', child('prm-mcp', prm.id, 'mcp'), props.protectedResource);
    serve('asm', child('asm', wellKnown.id, 'oauth-authorization-server'), props.authorizationServer);
    serve('oidc', child('oidc', wellKnown.id, 'openid-configuration'), props.authorizationServer);

    const register = child('register', api.rootResourceId, 'register');
    lambdaMethod(this, 'register-post', at(register.id), 'POST', props.registration.invokeArn, OPEN);
    mockMethod(this, 'register-options', at(register.id), 'OPTIONS', { status: 204, headers: preflightHeaders(allowOrigin, 'POST,OPTIONS') });
    new LambdaPermission(this, 'register-invoke', {
      functionName: props.registration.functionName,
      action: 'lambda:InvokeFunction',
      principal: 'apigateway.amazonaws.com',
      sourceArn: `${api.executionArn}/*/POST/register`,
    });
  }
}
