import type { HttpResponse } from '../http/types.ts';

/**
 * CORS for browser-based clients. Only reached for origins the Origin check allowed (or no Origin at all,
 * where there is nothing to add). The preflight names what MCP requests send; the answer exposes what a
 * client must read (the auth challenge, the negotiated version).
 */
const ALLOW_HEADERS = 'authorization, content-type, accept, mcp-protocol-version, mcp-session-id, mcp-method, mcp-name, last-event-id';
const EXPOSE_HEADERS = 'www-authenticate, mcp-protocol-version, mcp-session-id';

export function withCors(response: HttpResponse, origin: string | undefined): HttpResponse {
  if (origin === undefined) return response;
  response.headers['access-control-allow-origin'] = origin;
  response.headers['access-control-expose-headers'] = EXPOSE_HEADERS;
  response.headers.vary = 'Origin';
  return response;
}

/** Tool arguments marked `x-mcp-header` travel as Mcp-Param-* headers: the requested ones are allowed too. */
export const preflight = (requested: string | undefined): HttpResponse => {
  const params = (requested ?? '').toLowerCase().split(',').map((h) => h.trim()).filter((h) => h.startsWith('mcp-param-'));
  return {
    status: 204,
    headers: {
      'access-control-allow-methods': 'POST, OPTIONS',
      'access-control-allow-headers': params.length ? `${ALLOW_HEADERS}, ${params.join(', ')}` : ALLOW_HEADERS,
      'access-control-max-age': '600',
    },
    body: '',
  };
};
