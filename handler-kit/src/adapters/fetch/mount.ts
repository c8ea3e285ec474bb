import { MOUNT_MAX_BODY_BYTES, type MountedHandler } from '../../core/http/mount.ts';
import { payloadTooLarge } from '../../core/http/responses.ts';
import { WELL_KNOWN_CARD_PATH, cardPaths } from '../../core/http/server-card.ts';
import { readBody } from './read-body.ts';
import { headersOf, toResponse } from './to-fetch-handler.ts';

type FetchHandler = (request: Request) => Promise<Response>;

/**
 * One origin for a Fetch runtime: requests a mounted handler matches (the OAuth front door) go to it, the
 * MCP path and the server card's locations to `mcp` (before the mounts: the card is this server's, whatever a
 * mount claims under /.well-known), anything else gets 404. `mcp` is what toFetchHandler (or `handler.fetch`) returns.
 */
export function withMounts(mcp: FetchHandler, mounts: readonly MountedHandler[], options: { path?: string } = {}): FetchHandler {
  const mcpPath = options.path ?? '/mcp';
  const [reservedCardPath] = cardPaths(mcpPath);
  return async (request) => {
    const url = new URL(request.url);
    if (url.pathname === reservedCardPath) return mcp(request);
    // The well-known card is this endpoint's card: asked at its reserved location, it names this endpoint.
    if (url.pathname === WELL_KNOWN_CARD_PATH) return mcp(new Request(new URL(`${reservedCardPath}${url.search}`, url), request));
    const mounted = mounts.find((m) => m.matches(url.pathname));
    if (mounted) {
      const body = request.method === 'POST' ? await readBody(request, MOUNT_MAX_BODY_BYTES) : '';
      if (body === undefined) return toResponse(payloadTooLarge(MOUNT_MAX_BODY_BYTES));
      return toResponse(await mounted.handle({ method: request.method, url: url.pathname + url.search, headers: headersOf(request), body }));
    }
    if (url.pathname === mcpPath) return mcp(request);
    return new Response('Not Found', { status: 404, headers: { 'content-type': 'text/plain' } });
  };
}
