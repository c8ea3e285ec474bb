import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthInfo } from '../../core/context.ts';
import { internalError, payloadTooLarge, unreadableBody } from '../../core/http/responses.ts';
import { cardPaths } from '../../core/http/server-card.ts';
import { MOUNT_MAX_BODY_BYTES, type MountedHandler } from '../../core/http/mount.ts';
import { sseStreaming } from '../../core/http/sse.ts';
import type { HttpHandler, HttpRequest, HttpResponse } from '../../core/http/types.ts';
import { BodyTooLargeError, readBody } from './read-body.ts';

export interface NodeListenerOptions {
  /** Only this path is served; others get 404 (or go to `next` in Express-style hosts). Default `/mcp`. */
  path?: string;
  /** Establishes who is calling (verify a bearer token, an API key...). Undefined: unauthenticated. */
  authenticate?: (req: IncomingMessage) => AuthInfo | undefined | Promise<AuthInfo | undefined>;
  /** Handlers served beside the MCP path on the same origin (the OAuth front door). */
  mounts?: readonly MountedHandler[];
}

type Next = (err?: unknown) => void;

/** Node writes as it goes: no platform limit on a streamed answer or its duration. One stateless value for every request. */
const STREAMING = /* @__PURE__ */ sseStreaming();

/** Lower-cased headers, repeated ones joined with ", " (Node already does this for most). */
function headersOf(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function send(res: ServerResponse, answer: HttpResponse): void | Promise<void> {
  res.writeHead(answer.status, answer.headers);
  if (!answer.stream) {
    res.end(answer.body);
    return;
  }
  return pipeStream(res, answer.stream);
}

/** Writes a streamed answer as it comes, waiting when the socket is full; stops when the client has gone. */
async function pipeStream(res: ServerResponse, stream: AsyncIterable<string>): Promise<void> {
  res.flushHeaders();
  for await (const chunk of stream) {
    if (res.destroyed || res.writableEnded) break;
    if (!res.write(chunk)) await new Promise<void>((go) => {
      res.once('drain', go);
      res.once('close', go);
    });
  }
  if (!res.destroyed && !res.writableEnded) res.end();
}

/**
 * An already-parsed body from Express-style middleware (`express.json()`), turned back into text; null
 * when it cannot be (nested too deep for JSON.stringify, a cycle, a BigInt).
 */
function preParsedBody(req: IncomingMessage): string | null | undefined {
  const body = (req as { body?: unknown }).body;
  if (body === undefined) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  try {
    return JSON.stringify(body);
  } catch {
    return null;
  }
}

/**
 * A listener for `http.createServer(listener)` or an Express-style app (`app.use(listener)`): converts
 * the request, calls the handler, writes the answer. It holds no protocol logic.
 */
export function toNodeListener(handler: HttpHandler, options: NodeListenerOptions = {}) {
  const path = options.path ?? '/mcp';
  // The handler also answers the server card's locations for this endpoint.
  const served = new Set([path, ...cardPaths(path)]);
  return async (req: IncomingMessage, res: ServerResponse, next?: Next): Promise<void> => {
    const url = req.url ?? '/';
    const pathname = url.split('?', 1)[0];
    if (!served.has(pathname!)) {
      const mounted = options.mounts?.find((m) => m.matches(pathname ?? '/'));
      if (mounted) return serveMounted(mounted, req, res, next);
      if (next) return next();
      send(res, { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found' });
      return;
    }
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) controller.abort(new Error('client disconnected'));
    });
    try {
      let body = preParsedBody(req);
      if (body === null) {
        send(res, unreadableBody());
        return;
      }
      if (body === undefined) {
        body = req.method === 'POST' ? await readBody(req, handler.maxBodyBytes) : '';
      }
      const request: HttpRequest = {
        method: req.method ?? 'GET',
        headers: headersOf(req),
        body,
        signal: controller.signal,
        streaming: STREAMING,
        path: pathname,
        origin: `${(req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`,
        endpointPath: path,
      };
      const auth = await options.authenticate?.(req);
      if (auth) request.auth = auth;
      await send(res, await handler.handle(request));
    } catch (err) {
      if (err instanceof BodyTooLargeError) {
        send(res, payloadTooLarge(handler.maxBodyBytes));
        return;
      }
      // A stream that failed after its headers went out can only be cut off.
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (next) return next(err);
      send(res, internalError());
    }
  };
}

/** A request for a mounted handler: converted and delegated, like the MCP one. */
async function serveMounted(mounted: MountedHandler, req: IncomingMessage, res: ServerResponse, next?: Next): Promise<void> {
  try {
    const pre = req.method === 'POST' ? preParsedBody(req) : '';
    if (pre === null) return send(res, unreadableBody());
    const body = pre ?? (await readBody(req, MOUNT_MAX_BODY_BYTES));
    send(res, await mounted.handle({ method: req.method ?? 'GET', url: req.url ?? '/', headers: headersOf(req), body }));
  } catch (err) {
    if (err instanceof BodyTooLargeError) return send(res, payloadTooLarge(MOUNT_MAX_BODY_BYTES));
    if (next) return next(err);
    send(res, internalError());
  }
}
