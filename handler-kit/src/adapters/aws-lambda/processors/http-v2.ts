import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { authFromV2Authorizer } from '../authorizer.ts';
import { decodeBody, mergeHeaders } from '../headers.ts';
import { InvocationRequest, type InvocationClock } from '../invocation-request.ts';
import type { EventProcessor } from './types.ts';

function requestOf(event: APIGatewayProxyEventV2, gatewayLimitMs: number | undefined, clock: InvocationClock): InvocationRequest {
  const request = new InvocationRequest(
    event.requestContext.http.method,
    mergeHeaders(event.headers),
    decodeBody(event.body, event.isBase64Encoded),
    authFromV2Authorizer((event.requestContext as { authorizer?: unknown }).authorizer),
    gatewayLimitMs,
    clock,
  );
  request.path = event.rawPath;
  const host = request.headers.host ?? event.requestContext.domainName;
  if (host) request.origin = `https://${host}`;
  return request;
}
const toResult = (response: { status: number; headers: Record<string, string>; body: string }): APIGatewayProxyStructuredResultV2 => ({
  statusCode: response.status,
  headers: response.headers,
  body: response.body,
});

/** API Gateway HTTP API (payload 2.0). */
export const httpV2Processor: EventProcessor<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> = {
  kind: 'http-v2',
  // HTTP API integrations time out at 30 s.
  gatewayLimitMs: 30_000,
  toRequest(event, clock) {
    return requestOf(event, this.gatewayLimitMs, clock);
  },
  toResult,
  requestIdOf: (event) => event.requestContext.requestId,
};

/** Lambda function URLs: the same payload 2.0 shape, no gateway in front (only the function's timeout). */
export const functionUrlProcessor: EventProcessor<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> = {
  ...httpV2Processor,
  kind: 'function-url',
  gatewayLimitMs: undefined,
  // RESPONSE_STREAM invoke mode: only the function's own timeout (at most 15 minutes) applies.
  streamingLimits: { bufferedMs: undefined, streamedMs: undefined },
};

export const isV2Event = (event: unknown): event is APIGatewayProxyEventV2 =>
  typeof event === 'object' && event !== null && (event as APIGatewayProxyEventV2).version === '2.0' &&
  typeof (event as APIGatewayProxyEventV2).requestContext?.http?.method === 'string';

export const isFunctionUrlEvent = (event: APIGatewayProxyEventV2): boolean =>
  /\.lambda-url\.[a-z0-9-]+\.on\.aws$/.test(event.requestContext.domainName ?? '');
