import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FrontDoor } from '../core/front-door.ts';
import type { FrontDoorRequest, FrontDoorResponse } from '../core/http.ts';

/** Requests to the front door are small forms and JSON documents; anything larger is refused unread. */
export const MAX_BODY_BYTES = 64 * 1024;

class TooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        reject(new TooLarge());
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A Node request as the front door's plain request. */
export async function fromNodeRequest(req: IncomingMessage): Promise<FrontDoorRequest> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  const body = req.method === 'POST' ? await readBody(req) : '';
  return { method: req.method ?? 'GET', url: req.url ?? '/', headers, body };
}

export function sendNodeResponse(res: ServerResponse, answer: FrontDoorResponse): void {
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
}

/**
 * A Node listener for the front door alone (`http.createServer(toNodeListener(frontDoor))`), or Express-style
 * middleware that passes other paths to `next`. To serve it beside an MCP endpoint on one origin, give
 * the front door to the kit's `serve(handler, { mounts: [frontDoor] })` instead.
 */
export function toNodeListener(frontDoor: FrontDoor) {
  return async (req: IncomingMessage, res: ServerResponse, next?: (err?: unknown) => void): Promise<void> => {
    const path = (req.url ?? '/').split('?', 1)[0]!;
    if (!frontDoor.matches(path)) {
      if (next) return next();
      sendNodeResponse(res, { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found' });
      return;
    }
    try {
      sendNodeResponse(res, await frontDoor.handle(await fromNodeRequest(req)));
    } catch (err) {
      const status = err instanceof TooLarge ? 413 : 500;
      sendNodeResponse(res, { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: status === 413 ? 'invalid_request' : 'server_error' }) });
    }
  };
}
