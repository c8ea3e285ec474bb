import type { FrontDoor } from '../core/front-door.ts';
import type { FrontDoorRequest, FrontDoorResponse } from '../core/http.ts';

/**
 * The front door as a Lambda behind API Gateway (REST, payload 1.0; HTTP API and Function URLs, payload
 * 2.0). It converts the event and delegates; the OAuth logic lives in the core.
 */
interface ProxyEvent {
  httpMethod?: string;
  path?: string;
  rawPath?: string;
  rawQueryString?: string;
  multiValueQueryStringParameters?: Record<string, string[] | undefined> | null;
  queryStringParameters?: Record<string, string | undefined> | null;
  headers?: Record<string, string | undefined> | null;
  cookies?: string[];
  body?: string | null;
  isBase64Encoded?: boolean;
  requestContext?: { http?: { method?: string } };
}

interface ProxyResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

function queryOf(event: ProxyEvent): string {
  if (event.rawQueryString !== undefined) return event.rawQueryString;
  const params = new URLSearchParams();
  const multi = event.multiValueQueryStringParameters;
  if (multi) for (const [name, values] of Object.entries(multi)) for (const v of values ?? []) params.append(name, v);
  else for (const [name, v] of Object.entries(event.queryStringParameters ?? {})) if (v !== undefined) params.append(name, v);
  return params.toString();
}

export function fromProxyEvent(event: ProxyEvent): FrontDoorRequest {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) headers[name.toLowerCase()] = value;
  if (event.cookies?.length) headers.cookie = event.cookies.join('; ');
  const query = queryOf(event);
  const path = event.rawPath ?? event.path ?? '/';
  const raw = event.body ?? '';
  return {
    method: event.httpMethod ?? event.requestContext?.http?.method ?? 'GET',
    url: query ? `${path}?${query}` : path,
    headers,
    body: event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw,
  };
}

export const toProxyResult = (answer: FrontDoorResponse): ProxyResult => ({ statusCode: answer.status, headers: answer.headers, body: answer.body });

/** `export const handler = toLambdaHandler(frontDoor)`. */
export function toLambdaHandler(frontDoor: FrontDoor) {
  return async (event: ProxyEvent): Promise<ProxyResult> => toProxyResult(await frontDoor.handle(fromProxyEvent(event)));
}
