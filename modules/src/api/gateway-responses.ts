import { ApiGatewayGatewayResponse } from '@cdktf/provider-aws/lib/api-gateway-gateway-response/index.js';
import type { TerraformResource } from 'cdktf';
import type { Construct } from 'constructs';
import { named } from '../address.ts';
import { mayExist, onlyWhen, type Toggle } from '../conditions.ts';
import { responseCorsHeaders } from './cors.ts';

/**
 * Errors API Gateway answers itself, with CORS: `aws_api_gateway_gateway_response.default_4xx` and
 * `.default_5xx`, and in `cognito` mode `.unauthorized` (401 with the RFC 9728 challenge, which answers
 * every method behind the authorizer: POST, GET, HEAD and DELETE /mcp) and `.access_denied` (403).
 */
export function gatewayResponses(scope: Construct, restApiId: string, allowOrigin: string, cognito: Toggle, challenge: string | undefined): TerraformResource[] {
  const cors = Object.fromEntries(Object.entries(responseCorsHeaders(allowOrigin)).map(([k, v]) => [`gatewayresponse.header.${k}`, `'${v}'`]));
  const respond = (address: string, responseType: string, statusCode: string | undefined, extra: Record<string, string> = {}, body?: object) =>
    named(new ApiGatewayGatewayResponse(scope, address, {
      restApiId,
      responseType,
      ...(statusCode ? { statusCode } : {}),
      responseParameters: { ...cors, ...extra },
      ...(body ? { responseTemplates: { 'application/json': JSON.stringify(body) } } : {}),
    }), address);
  const parts: TerraformResource[] = [];
  if (mayExist(cognito)) {
    // The challenge is `Bearer resource_metadata="…", scope="…"`; the 403 adds error="insufficient_scope".
    const unauthorized = respond('unauthorized', 'UNAUTHORIZED', '401', { 'gatewayresponse.header.WWW-Authenticate': `'${challenge}'` }, {
      jsonrpc: '2.0', id: null, error: { code: -32001, message: 'Unauthorized: a valid bearer token is required' },
    });
    const denied = respond('access_denied', 'ACCESS_DENIED', '403', {
      'gatewayresponse.header.WWW-Authenticate': `'Bearer error="insufficient_scope", ${challenge!.replace(/^Bearer /, '')}'`,
    }, { jsonrpc: '2.0', id: null, error: { code: -32003, message: 'Forbidden: insufficient scope' } });
    onlyWhen(cognito, unauthorized, denied);
    parts.push(unauthorized, denied);
  }
  parts.push(respond('default_4xx', 'DEFAULT_4XX', undefined), respond('default_5xx', 'DEFAULT_5XX', undefined));
  return parts;
}
