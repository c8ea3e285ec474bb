import { ApiGatewayIntegration } from '@cdktf/provider-aws/lib/api-gateway-integration/index.js';
import { ApiGatewayIntegrationResponse } from '@cdktf/provider-aws/lib/api-gateway-integration-response/index.js';
import { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method/index.js';
import { ApiGatewayMethodResponse } from '@cdktf/provider-aws/lib/api-gateway-method-response/index.js';
import { ApiGatewayResource } from '@cdktf/provider-aws/lib/api-gateway-resource/index.js';
import { Fn, Lazy, TerraformIterator, TerraformLocal, Token, ref, type TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { named } from '../address.ts';
import { and, conditionsFor, forExpression, mayExist, tfNull, type Toggle } from '../conditions.ts';

/**
 * How a method is protected, as API Gateway's fields (each may be a Terraform expression when the auth
 * mode is only known at plan time): NONE | COGNITO_USER_POOLS | CUSTOM, and whether an API key is needed.
 */
export interface MethodAuth {
  authorization: string;
  /** Undefined, or left out, when the method has none. */
  authorizerId?: string | undefined;
  scopes?: string[] | undefined;
  apiKeyRequired?: boolean;
}

export const OPEN: MethodAuth = { authorization: 'NONE' };

/**
 * A path part under `parentId` at a chosen address (`aws_api_gateway_resource.<address>`), added to the
 * API's `parts` (which the deployment watches).
 */
export function pathPart(scope: Construct, address: string, restApiId: string, parentId: string, part: string, parts: TerraformResource[]): ApiGatewayResource {
  const resource = named(new ApiGatewayResource(scope, address, { restApiId, parentId, pathPart: part }), address);
  parts.push(resource);
  return resource;
}

export interface MockAnswer {
  status: number;
  /** Response headers as static values (quoted for API Gateway by this helper). */
  headers?: Record<string, string>;
  /** The body: a JSON value (serialized here) or text. */
  body?: unknown;
  contentType?: string;
  /**
   * Conditional GET: a request whose If-None-Match names `etag` (or `*`) gets 304 with `headers` and no
   * body. The mock's request template picks the status; a second method and integration response (the
   * route's `<key>_not_modified` entry, a response only) answers it.
   */
  revalidate?: { etag: string; headers: Record<string, string> };
}

/** One method on one path: a Lambda proxy integration, or an answer API Gateway gives itself (MOCK). */
export interface Route {
  resourceId: string;
  httpMethod: string;
  auth?: MethodAuth;
  /** Whether the route exists (a plan-time condition in the plain module). Default: always. */
  enabled?: Toggle;
  /** A Lambda proxy integration; `transferMode` STREAM for response streaming (default BUFFERED). */
  lambda?: { invokeArn: string; timeoutMs: number; transferMode?: string };
  mock?: MockAnswer;
  /** A second response of another route's method (its 304), selected by this pattern on the mock's status. */
  responseOnly?: { selectionPattern: string };
}

/**
 * Every method of the API as one `aws_api_gateway_method.this` (and `_integration`, `_method_response`,
 * `_integration_response`) with `for_each` over named routes (`mcp_post`, `prm_root_get`, ...), so a plan
 * lists `aws_api_gateway_method.this["mcp_post"]` and a route added or dropped never renames another.
 *
 * The routes are one local map. A route that exists only under a plan-time condition (cognito mode,
 * `create`) is `cond ? {...} : null` there, and the for_each drops the nulls: Terraform evaluates only the
 * branch taken, so references to resources that do not exist are never read.
 */
export class ApiRoutes extends Construct {
  private readonly routes = new Map<string, Route>();
  private built: TerraformResource[] | undefined;

  add(key: string, route: Route): void {
    if (this.built) throw new Error(`route ${key} added after the routes were built`);
    if (!mayExist(route.enabled ?? true)) return;
    if (this.routes.has(key)) throw new Error(`route ${key} defined twice`);
    this.routes.set(key, route);
    const revalidate = route.mock?.revalidate;
    if (revalidate) {
      this.add(`${key}_not_modified`, { ...route, mock: { status: 304, headers: revalidate.headers }, responseOnly: { selectionPattern: '304' } });
    }
  }

  /** Creates the four for_each resources; returns them (the deployment watches them). */
  build(restApiId: string): TerraformResource[] {
    if (this.built) return this.built;
    let method: ApiGatewayMethod | undefined;
    // Read at synth time, after onlyWhen has put every enclosing condition (create, ...) on the method.
    const entries = Lazy.anyValue({
      produce: () => Object.fromEntries([...this.routes].map(([key, route]) => {
        const on = and(route.enabled ?? true, conditionsFor(method!));
        const value = routeValue(route);
        return [key, typeof on === 'boolean' ? value : Fn.conditional(on.tf, forExpression(value), tfNull())];
      })),
    });
    named(new TerraformLocal(this, 'api_routes', entries), 'api_routes');
    // Methods and integrations: every route but the extra responses of another route's method.
    const all = TerraformIterator.fromMap(Token.asAnyMap(ref('{for k, r in local.api_routes : k => r if r != null && !try(r.response_only, false)}')));
    const mocks = TerraformIterator.fromMap(Token.asAnyMap(ref('{for k, r in local.api_routes : k => r if try(r.mock, false)}')));
    // Each resource is one instance per route of its map, on that route's path and verb.
    const per = (each: TerraformIterator) => ({ forEach: each, restApiId, resourceId: each.getString('resource_id'), httpMethod: each.getString('http_method') });

    method = named(new ApiGatewayMethod(this, 'method', {
      ...per(all),
      authorization: all.getString('authorization'),
      authorizerId: all.getString('authorizer_id'),
      authorizationScopes: all.getList('authorization_scopes'),
      apiKeyRequired: all.getBoolean('api_key_required'),
    }), 'this');
    const integration = named(new ApiGatewayIntegration(this, 'integration', {
      ...per(all),
      type: all.getString('type'),
      integrationHttpMethod: all.getString('integration_http_method'),
      uri: all.getString('uri'),
      timeoutMilliseconds: all.getNumber('timeout_milliseconds'),
      // Set on every Lambda route (BUFFERED explicitly: the attribute is computed, so leaving it unset would
      // keep a STREAM once set); null on MOCK routes. The binding has it (hashicorp/aws 6.25).
      responseTransferMode: all.getString('response_transfer_mode'),
      requestTemplates: all.getStringMap('request_templates'),
      passthroughBehavior: all.getString('passthrough_behavior'),
      dependsOn: [method],
    }), 'this');
    const methodResponse = named(new ApiGatewayMethodResponse(this, 'method-response', {
      ...per(mocks),
      statusCode: mocks.getString('status_code'),
      responseParameters: mocks.getAny('method_response_parameters') as unknown as Record<string, boolean>,
      dependsOn: [method],
    }), 'this');
    const integrationResponse = named(new ApiGatewayIntegrationResponse(this, 'integration-response', {
      ...per(mocks),
      statusCode: mocks.getString('status_code'),
      responseParameters: mocks.getStringMap('integration_response_parameters'),
      responseTemplates: mocks.getStringMap('response_templates'),
      selectionPattern: mocks.getString('selection_pattern'),
      dependsOn: [integration, methodResponse],
    }), 'this');
    this.built = [method, integration, methodResponse, integrationResponse];
    return this.built;
  }
}

/** A route as the attributes the four resources read; absent ones are null, so the provider sees them unset. */
function routeValue(route: Route): Record<string, unknown> {
  const auth = route.auth ?? OPEN;
  const nul = tfNull();
  const common = {
    resource_id: route.resourceId,
    http_method: route.httpMethod,
    authorization: auth.authorization,
    authorizer_id: auth.authorizerId ?? nul,
    authorization_scopes: auth.scopes ?? nul,
    api_key_required: auth.apiKeyRequired ?? false,
  };
  if (route.lambda) {
    return {
      ...common, mock: false, type: 'AWS_PROXY', integration_http_method: 'POST', uri: route.lambda.invokeArn, timeout_milliseconds: route.lambda.timeoutMs,
      response_transfer_mode: route.lambda.transferMode ?? 'BUFFERED', request_templates: nul, passthrough_behavior: nul, status_code: nul, method_response_parameters: nul, integration_response_parameters: nul, response_templates: nul,
    };
  }
  const answer = route.mock!;
  const headerNames = Object.keys(answer.headers ?? {});
  const body = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : jsonBody(answer.body);
  return {
    ...common, mock: true, type: 'MOCK', integration_http_method: nul, uri: nul, timeout_milliseconds: nul, response_transfer_mode: nul,
    request_templates: { 'application/json': answer.revalidate ? revalidatingTemplate(answer.revalidate.etag, answer.status) : `{"statusCode": ${answer.status}}` },
    // Another Content-Type than JSON passes through instead of a 415: the integration response below has
    // no selection pattern, so it is the default and answers whatever the mock computes.
    passthrough_behavior: 'WHEN_NO_MATCH',
    status_code: String(answer.status),
    ...(route.responseOnly ? { response_only: true } : {}),
    selection_pattern: route.responseOnly?.selectionPattern ?? nul,
    method_response_parameters: Object.fromEntries(headerNames.map((h) => [`method.response.header.${h}`, true])),
    integration_response_parameters: Object.fromEntries(headerNames.map((h) => [`method.response.header.${h}`, `'${answer.headers![h]}'`])),
    response_templates: { [answer.contentType ?? 'application/json']: velocityLiteral(body) },
  };
}

/**
 * A mock's request template that answers 304 when If-None-Match names the current entity tag (strong, or
 * the same tag marked weak, or `*`: RFC 9110's weak comparison), else `status`. Velocity, run by API Gateway.
 */
export function revalidatingTemplate(etag: string, status: number): string {
  return [
    "#set($tag = $input.params('If-None-Match'))",
    `#if($tag == '${etag}' || $tag == 'W/${etag}' || $tag == '*')`,
    '{"statusCode": 304}',
    '#else',
    `{"statusCode": ${status}}`,
    '#end',
  ].join('\n');
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
