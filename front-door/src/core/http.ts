/** The front door's transport-neutral request and response: entries convert to and from these. */
export interface FrontDoorRequest {
  method: string;
  /** Path and query as received, e.g. `/authorize?client_id=...`. */
  url: string;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Readonly<Record<string, string | undefined>>;
  body: string;
}

export interface FrontDoorResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Nothing the front door answers may be cached by a shared cache: codes, tokens, per-user pages. */
const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };
/** Every JSON endpoint here is callable from browsers (web-based clients). */
const CORS = { 'access-control-allow-origin': '*' };

/** A JSON answer, never cached, readable from any origin (as every JSON endpoint here is). */
export function json(status: number, value: unknown, headers: Record<string, string> = {}): FrontDoorResponse {
  return { status, headers: { 'content-type': 'application/json', ...NO_STORE, ...CORS, ...headers }, body: JSON.stringify(value) };
}

/** An empty 200 for a browser-callable endpoint (revocation), never cached. */
export function emptyOk(): FrontDoorResponse {
  return { status: 200, headers: { ...NO_STORE, ...CORS }, body: '' };
}

/** Public, cacheable JSON readable from any origin: a discovery document, serialized once by the caller. */
export function publicJson(body: string): FrontDoorResponse {
  return { status: 200, headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=300', ...CORS }, body };
}

/** An OAuth error body (RFC 6749 §5.2, RFC 7591 §3.2.2). */
export function oauthError(status: number, error: string, description: string, headers: Record<string, string> = {}): FrontDoorResponse {
  return json(status, { error, error_description: description }, headers);
}

export function redirect(location: string, headers: Record<string, string> = {}): FrontDoorResponse {
  return { status: 302, headers: { location, ...NO_STORE, ...headers }, body: '' };
}

/**
 * Pages are never framed (clickjacking), load nothing from elsewhere and run no script. `form-action` is
 * left out on purpose: the consent answer redirects to the client, which a form-action list would block.
 */
const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  ...NO_STORE,
};

export function page(status: number, html: string, headers: Record<string, string> = {}): FrontDoorResponse {
  return { status, headers: { ...PAGE_HEADERS, ...headers }, body: html };
}

export const preflight = (): FrontDoorResponse => ({
  status: 204,
  headers: { ...CORS, 'access-control-allow-methods': 'GET, POST, OPTIONS', 'access-control-allow-headers': 'authorization, content-type, mcp-protocol-version', 'access-control-max-age': '86400' },
  body: '',
});

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** `application/x-www-form-urlencoded` bodies (token, revoke, consent). */
export const formOf = (request: FrontDoorRequest): URLSearchParams => new URLSearchParams(request.body);

export function cookiesOf(request: FrontDoorRequest): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) jar.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return jar;
}
