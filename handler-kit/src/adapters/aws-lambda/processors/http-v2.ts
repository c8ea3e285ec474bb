import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { authFromV2Authorizer } from '../authorizer.ts';
import { decodeBody, mergeHeaders } from '../headers.ts';
import type { EventProcessor } from './types.ts';

/** The path without the stage prefix HTTP API puts in `rawPath` for stages other than `$default`. */
export function pathWithoutStage(rawPath: string, stage: string | undefined): string {
  if (!stage || stage === '$default') return rawPath;
  const prefix = `/${stage}`;
  return rawPath === prefix ? '/' : rawPath.startsWith(`${prefix}/`) ? rawPath.slice(prefix.length) : rawPath;
}

const toRequest = (event: APIGatewayProxyEventV2) => {
  const request = {
    method: event.requestContext.http.method,
    path: pathWithoutStage(event.rawPath, event.requestContext.stage),
    headers: mergeHeaders(event.headers),
    body: decodeBody(event.body, event.isBase64Encoded),
  };
  const auth = authFromV2Authorizer((event.requestContext as { authorizer?: unknown }).authorizer);
  return auth ? { ...request, auth } : request;
};
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
  toRequest,
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
