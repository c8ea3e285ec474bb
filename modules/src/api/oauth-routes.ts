import type { ApiGatewayResource } from '@cdktf/provider-aws/lib/api-gateway-resource/index.js';
import type { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api/index.js';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission/index.js';
import type { TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { named } from '../address.ts';
import type { Toggle } from '../conditions.ts';
import type { InvocableFunction } from '../function.ts';
import { preflightHeaders } from './cors.ts';
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
  frontDoor: Omit<InvocableFunction, 'streamingInvokeArn'> & { integrationTimeoutMs: number };
}

/**
 * A front-door route: its route key, the path below the root (the method settings' resource path), verb,
 * and whether browsers call it (then it gets a CORS preflight). Every one of them is the front door's.
 */
export interface FrontDoorRoute {
  key: string;
  path: string;
  method: 'GET' | 'POST';
  /** Browsers call it from another origin (claude.ai's token and registration calls, metadata fetches). */
  cors: boolean;
  /** Which throttle it gets: registration and token are tighter than the rest. */
  throttle: 'register' | 'token' | 'front_door';
}

export const FRONT_DOOR_ROUTES: readonly FrontDoorRoute[] = [
  { key: 'prm_root_get', path: '.well-known/oauth-protected-resource', method: 'GET', cors: true, throttle: 'front_door' },
  { key: 'prm_mcp_get', path: '.well-known/oauth-protected-resource/mcp', method: 'GET', cors: true, throttle: 'front_door' },
  { key: 'asm_get', path: '.well-known/oauth-authorization-server', method: 'GET', cors: true, throttle: 'front_door' },
  { key: 'register_post', path: 'register', method: 'POST', cors: true, throttle: 'register' },
  { key: 'authorize_get', path: 'authorize', method: 'GET', cors: false, throttle: 'front_door' },
  { key: 'callback_get', path: 'callback', method: 'GET', cors: false, throttle: 'front_door' },
  { key: 'consent_post', path: 'consent', method: 'POST', cors: false, throttle: 'front_door' },
  { key: 'token_post', path: 'token', method: 'POST', cors: true, throttle: 'token' },
  { key: 'revoke_post', path: 'revoke', method: 'POST', cors: true, throttle: 'front_door' },
];

/** API Gateway resource addresses of the paths (existing ones keep the names they had); also the method settings'. */
export const RESOURCE_ADDRESS: Record<string, string> = {
  '.well-known/oauth-protected-resource': 'oauth_protected_resource',
  '.well-known/oauth-protected-resource/mcp': 'oauth_protected_resource_mcp',
  '.well-known/oauth-authorization-server': 'oauth_authorization_server',
  register: 'register',
  authorize: 'authorize',
  callback: 'callback',
  consent: 'consent',
  token: 'token',
  revoke: 'revoke',
};

/**
 * Everything a client calls before it has a token goes to the front door, with no authorizer: the
 * RFC 9728 and RFC 8414 documents (served by the front door, from the same configuration it runs on: one
 * source of truth), RFC 7591 registration, authorize, Cognito's return to /callback, the consent answer,
 * token and revocation. Lambda proxy integrations pass the query string and every header (the consent
 * page's Cookie among them) as they came. Preflights are mock answers (no invocation).
 */
export class OAuthRoutes extends Construct {
  constructor(scope: Construct, id: string, props: OAuthRoutesProps) {
    super(scope, id);
    const { api, allowOrigin, routes, enabled } = props;
    const resources = new Map<string, ApiGatewayResource>([['.well-known', props.wellKnown]]);
    const resourceFor = (path: string): ApiGatewayResource => {
      const known = resources.get(path);
      if (known) return known;
      const at = path.lastIndexOf('/');
      const parentId = at < 0 ? api.rootResourceId : resourceFor(path.slice(0, at)).id;
      const r = pathPart(this, RESOURCE_ADDRESS[path]!, api.id, parentId, path.slice(at + 1), props.parts);
      resources.set(path, r);
      return r;
    };
    const lambda = { invokeArn: props.frontDoor.invokeArn, timeoutMs: props.frontDoor.integrationTimeoutMs };
    for (const route of FRONT_DOOR_ROUTES) {
      const resourceId = resourceFor(route.path).id;
      routes.add(route.key, { enabled, resourceId, httpMethod: route.method, lambda });
      if (route.cors) {
        routes.add(route.key.replace(/_(get|post)$/, '_options'), { enabled, resourceId, httpMethod: 'OPTIONS', mock: { status: 204, headers: preflightHeaders(allowOrigin, `${route.method},OPTIONS`) } });
      }
    }
    named(new LambdaPermission(this, 'invoke', {
      functionName: props.frontDoor.functionName,
      action: 'lambda:InvokeFunction',
      principal: 'apigateway.amazonaws.com',
      // Any stage, verb and path of this API: only the routes above integrate with the front door.
      sourceArn: `${api.executionArn}/*/*/*`,
    }), 'front_door_api_gateway');
  }
}
