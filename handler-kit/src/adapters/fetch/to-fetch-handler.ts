import type { AuthInfo } from '../../core/context.ts';
import { payloadTooLarge } from '../../core/http/responses.ts';
import { sseStreaming } from '../../core/http/sse.ts';
import type { HttpHandler, HttpResponse } from '../../core/http/types.ts';
import { readBody } from './read-body.ts';

export interface FetchContext {
  /** Who made the request, when something in front of the handler authenticated it. */
  auth?: AuthInfo;
}

/** The request's headers as the core's plain record (Headers already gives lower-case names). */
export function headersOf(request: Request): Record<string, string> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return headers;
}

/** The core's (or a mounted handler's) answer as a Response. */
export function toResponse(answer: Pick<HttpResponse, 'status' | 'headers' | 'body' | 'stream'>, onCancel?: () => void): Response {
  if (answer.stream) return new Response(toReadable(answer.stream, onCancel), { status: answer.status, headers: answer.headers });
  // 202, 204 and 304 must not carry a body.
  const noBody = answer.body === '' || answer.status === 204 || answer.status === 304;
  return new Response(noBody ? null : answer.body, { status: answer.status, headers: answer.headers });
}

/** A streamed answer as a byte stream, pulled as the runtime sends; cancelled when the client goes away. */
function toReadable(stream: AsyncIterable<string>, onCancel?: () => void): ReadableStream<Uint8Array> {
  const chunks = stream[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      onCancel?.();
      await chunks.return?.();
    },
  });
}

/** The runtime writes as it goes (no platform limit on a streamed answer): one stateless value for every request. */
const STREAMING = /* @__PURE__ */ sseStreaming();

/**
 * A Fetch API handler (`(Request) => Promise<Response>`) for Workers, Deno, Bun, Next.js route handlers
 * or anything else speaking Request/Response. It converts and delegates; the protocol lives in the core.
 */
export function toFetchHandler(handler: HttpHandler) {
  return async (request: Request, context: FetchContext = {}): Promise<Response> => {
    const limit = handler.maxBodyBytes;
    const declared = Number(request.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > limit) return toResponse(payloadTooLarge(limit));
    const headers = headersOf(request);
    const body = request.method === 'POST' ? await readBody(request, limit) : '';
    if (body === undefined) return toResponse(payloadTooLarge(limit));
    // The request's own signal (the runtime aborts it when the client goes away), or a streamed answer's
    // reader cancelling: either stops the work.
    const controller = new AbortController();
    const gone = () => controller.abort(request.signal.reason ?? new Error('client disconnected'));
    if (request.signal.aborted) gone();
    else request.signal.addEventListener('abort', gone, { once: true });
    const url = new URL(request.url);
    const answer = await handler.handle({
      method: request.method,
      path: url.pathname,
      origin: url.origin,
      headers,
      body,
      signal: controller.signal,
      streaming: STREAMING,
      ...(context.auth ? { auth: context.auth } : {}),
    });
    if (!answer.stream) request.signal.removeEventListener('abort', gone);
    return toResponse(answer, () => controller.abort(new Error('client disconnected')));
  };
}
