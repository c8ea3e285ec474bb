import type { ApiGatewayResource } from '@cdktf/provider-aws/lib/api-gateway-resource/index.js';
import type { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api/index.js';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission/index.js';
import type { TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { named } from '../address.ts';
import type { Toggle } from '../conditions.ts';
import type { InvocableFunction } from '../function.ts';
import { preflightHeaders, responseCorsHeaders } from './cors.ts';
import { pathPart, type ApiRoutes } from './methods.ts';

export interface OAuthRoutesProps {
  api: ApiGatewayRestApi;
  routes: ApiRoutes;
  /** The API's parts, which the deployment watches. */
  parts: TerraformResource[];
  /** Whether these routes exist (cognito mode). */
  enabled: Toggle;
  allowOrigin: string;
  /** `/.well-known`, which the API always has (the server card lives under it too). */
  wellKnown: ApiGatewayResource;
  protectedResource: object;
  authorizationServer: object;
  registration: Omit<InvocableFunction, 'streamingInvokeArn'> & { integrationTimeoutMs: number };
}

/**
 * What OAuth clients fetch before they have a token: RFC 9728 protected-resource metadata and RFC 8414 /
 * OIDC authorization-server metadata (mock integrations, no Lambda), and RFC 7591 POST /register (the
 * registration function). All open: a client reads them to learn how to get a token.
 */
export class OAuthRoutes extends Construct {
  constructor(scope: Construct, id: string, props: OAuthRoutesProps) {
    super(scope, id);
    const { api, allowOrigin, routes, enabled } = props;
    const child = (address: string, parentId: string, part: string) => {
      const r = pathPart(this, address, api.id, parentId, part);
      props.parts.push(r);
      return r;
    };
    const cors = responseCorsHeaders(allowOrigin);
    const serve = (key: string, resource: ApiGatewayResource, body: object) => {
      routes.add(`${key}_get`, { enabled, resourceId: resource.id, httpMethod: 'GET', mock: { status: 200, body, headers: { ...cors, 'Cache-Control': 'max-age=300' } } });
      routes.add(`${key}_options`, { enabled, resourceId: resource.id, httpMethod: 'OPTIONS', mock: { status: 204, headers: preflightHeaders(allowOrigin, 'GET,OPTIONS') } });
    };
    const { wellKnown } = props;
    const prm = child('oauth_protected_resource', wellKnown.id, 'oauth-protected-resource');
    serve('prm_root', prm, props.protectedResource);
    serve('prm_mcp', child('oauth_protected_resource_mcp', prm.id, 'mcp'), props.protectedResource);
    serve('asm', child('oauth_authorization_server', wellKnown.id, 'oauth-authorization-server'), props.authorizationServer);
    serve('oidc', child('openid_configuration', wellKnown.id, 'openid-configuration'), props.authorizationServer);

    const register = child('register', api.rootResourceId, 'register');
    routes.add('register_post', { enabled, resourceId: register.id, httpMethod: 'POST', lambda: { invokeArn: props.registration.invokeArn, timeoutMs: props.registration.integrationTimeoutMs } });
    routes.add('register_options', { enabled, resourceId: register.id, httpMethod: 'OPTIONS', mock: { status: 204, headers: preflightHeaders(allowOrigin, 'POST,OPTIONS') } });
    named(new LambdaPermission(this, 'register-invoke', {
      functionName: props.registration.functionName,
      action: 'lambda:InvokeFunction',
      principal: 'apigateway.amazonaws.com',
      sourceArn: `${api.executionArn}/*/POST/register`,
    }), 'registration_api_gateway');
  }
}
