import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { authFromRestAuthorizer } from '../authorizer.ts';
import { decodeBody, mergeHeaders } from '../headers.ts';
import { InvocationRequest } from '../invocation-request.ts';
import type { EventProcessor } from './types.ts';

/** API Gateway REST API, Lambda proxy integration (payload 1.0): the primary target. */
export const restV1Processor: EventProcessor<APIGatewayProxyEvent, APIGatewayProxyResult> = {
  kind: 'rest-v1',
  // REST integrations time out at 29 s unless the account's quota was raised.
  gatewayLimitMs: 29_000,
  // STREAM transfer mode: 15 minutes in all, 5 minutes idle (regional endpoints). A buffered answer sends
  // nothing until it is done, so the idle limit is its limit.
  streamingLimits: { bufferedMs: 300_000, streamedMs: 900_000 },
  toRequest(event, clock) {
    const request = new InvocationRequest(
      event.httpMethod,
      mergeHeaders(event.headers, event.multiValueHeaders),
      decodeBody(event.body, event.isBase64Encoded),
      authFromRestAuthorizer(event.requestContext?.authorizer),
      this.gatewayLimitMs,
      clock,
    );
    // requestContext.path is what the client called (the stage included on an execute-api URL).
    request.path = event.requestContext?.path ?? event.path;
    const host = request.headers.host ?? event.requestContext?.domainName;
    if (host) request.origin = `https://${host}`;
    return request;
  },
  toResult: (response) => ({ statusCode: response.status, headers: response.headers, body: response.body }),
  requestIdOf: (event) => event.requestContext?.requestId,
};

export const isRestV1Event = (event: unknown): event is APIGatewayProxyEvent =>
  typeof event === 'object' && event !== null && typeof (event as APIGatewayProxyEvent).httpMethod === 'string';
