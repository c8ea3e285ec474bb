import type { AuthInfo } from '../../core/context.ts';
import { payloadTooLarge } from '../../core/http/responses.ts';
import type { HttpHandler, HttpResponse } from '../../core/http/types.ts';
import { readBody } from './read-body.ts';

export interface FetchContext {
  /** Who made the request, when something in front of the handler authenticated it. */
  auth?: AuthInfo;
}

function toResponse(answer: HttpResponse): Response {
  // 202/204 must not carry a body.
  return new Response(answer.body === '' ? null : answer.body, { status: answer.status, headers: answer.headers });
}

/**
 * A Fetch API handler (`(Request) => Promise<Response>`) for Workers, Deno, Bun, Next.js route handlers
 * or anything else speaking Request/Response. It converts and delegates; the protocol lives in the core.
 */
export function toFetchHandler(handler: HttpHandler) {
  return async (request: Request, context: FetchContext = {}): Promise<Response> => {
    const limit = handler.maxBodyBytes;
    const declared = Number(request.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > limit) return toResponse(payloadTooLarge(limit));
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const body = request.method === 'POST' ? await readBody(request, limit) : '';
    if (body === undefined) return toResponse(payloadTooLarge(limit));
    const url = new URL(request.url);
    const answer = await handler.handle({
      method: request.method,
      path: url.pathname,
      origin: url.origin,
      headers,
      body,
      signal: request.signal,
      ...(context.auth ? { auth: context.auth } : {}),
    });
    return toResponse(answer);
  };
}
