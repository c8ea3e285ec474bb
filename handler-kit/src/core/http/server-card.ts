import { digestText } from '../request-state.ts';
import { SERVER_CARD_MEDIA_TYPE, type ServerCard } from '../server-card.ts';
import type { HttpRequest, HttpResponse } from './types.ts';

/**
 * Serving the server card over HTTP, at both of its locations: `<endpoint>/server-card` (the location
 * the draft reserves) and `/.well-known/mcp/server-card.json` (where SEP-1649-era crawlers look). Public
 * and read-only: no Origin check, no auth gate, CORS open, cacheable with a strong ETag (the draft's
 * "Caching" and "CORS Requirements").
 */

export const WELL_KNOWN_CARD_PATH = '/.well-known/mcp/server-card.json';
const CARD_SUFFIX = '/server-card';
export const DEFAULT_ENDPOINT_PATH = '/mcp';
/** The draft's recommendation (`Cache-Control: public, max-age=3600`); the ETag revalidates after it. */
export const CARD_MAX_AGE_SECONDS = 3600;
/** Distinct endpoint URLs whose card is kept (derived from the Host a client sends, so bounded). */
const CACHED_CARDS = 16;

/** Where an endpoint's card is served, as paths on its origin. */
export const cardPaths = (endpointPath: string = DEFAULT_ENDPOINT_PATH): string[] => [`${endpointPath.replace(/\/+$/, '')}${CARD_SUFFIX}`, WELL_KNOWN_CARD_PATH];

/** The card's URLs for a public MCP endpoint URL (what `make doctor` and deploy output check). */
export function serverCardUrls(endpointUrl: string): { card: string; wellKnown: string } {
  const url = new URL(endpointUrl);
  return { card: `${url.origin}${url.pathname.replace(/\/+$/, '')}${CARD_SUFFIX}`, wellKnown: `${url.origin}${WELL_KNOWN_CARD_PATH}` };
}

/** The endpoint path a card request is about, or undefined when `path` is no card location. */
export function cardEndpointPath(path: string | undefined, endpointPath: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  if (path === WELL_KNOWN_CARD_PATH) return endpointPath ?? DEFAULT_ENDPOINT_PATH;
  if (path.endsWith(CARD_SUFFIX) && path.length > CARD_SUFFIX.length) return path.slice(0, -CARD_SUFFIX.length);
  return undefined;
}

/** Whether `req` is at one of the card's locations: public, so authenticators in front let it through. */
export const isCardRequest = (req: Pick<HttpRequest, 'path' | 'endpointPath'>): boolean => cardEndpointPath(req.path, req.endpointPath) !== undefined;

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'ETag',
} as const;

/** RFC 9110 If-None-Match: `*`, or a list compared weakly (a W/ prefix ignored). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const tags = ifNoneMatch.split(',').map((t) => t.trim().replace(/^W\//, ''));
  return tags.includes('*') || tags.includes(etag);
}

interface Rendered {
  body: string;
  etag: string;
}

export interface CardEndpoint {
  /** The card's answer when `req` asks for it at one of its locations; undefined for every other path. */
  answer(req: HttpRequest): Promise<HttpResponse> | undefined;
}

export interface CardEndpointOptions {
  /** The card for an endpoint URL; `undefined` when the server serves none (404 at its locations). */
  card: ((endpointUrl: string) => ServerCard) | undefined;
  /** The configured public endpoint URL; wins over the one derived from the request. */
  endpointUrl?: string | undefined;
  maxAgeSeconds?: number | undefined;
}

export function createCardEndpoint({ card, endpointUrl, maxAgeSeconds = CARD_MAX_AGE_SECONDS }: CardEndpointOptions): CardEndpoint {
  const rendered = new Map<string, Promise<Rendered>>();
  const cacheControl = `public, max-age=${maxAgeSeconds}`;

  function render(url: string): Promise<Rendered> {
    let entry = rendered.get(url);
    if (!entry) {
      // Serialized once: the ETag is the hash of the very body sent.
      const body = JSON.stringify(card!(url));
      entry = digestText(body).then((hash) => ({ body, etag: `"${hash}"` }));
      if (rendered.size >= CACHED_CARDS) rendered.clear();
      rendered.set(url, entry);
    }
    return entry;
  }

  async function respond(req: HttpRequest, url: string): Promise<HttpResponse> {
    const method = req.method.toUpperCase();
    if (method === 'OPTIONS') {
      return {
        status: 204,
        headers: { ...CORS, 'access-control-allow-methods': 'GET, HEAD', 'access-control-allow-headers': 'Content-Type, If-None-Match', 'access-control-max-age': '600' },
        body: '',
      };
    }
    if (method !== 'GET' && method !== 'HEAD') {
      return { status: 405, headers: { ...CORS, allow: 'GET, HEAD, OPTIONS', 'content-type': 'text/plain' }, body: 'Method not allowed: the server card is read with GET' };
    }
    const { body, etag } = await render(url);
    const headers = { ...CORS, etag, 'cache-control': cacheControl };
    if (matches(req.headers['if-none-match'], etag)) return { status: 304, headers, body: '' };
    return { status: 200, headers: { ...headers, 'content-type': SERVER_CARD_MEDIA_TYPE }, body: method === 'HEAD' ? '' : body };
  }

  return {
    answer(req) {
      const path = cardEndpointPath(req.path, req.endpointPath);
      if (path === undefined) return undefined;
      if (!card) return Promise.resolve({ status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found' });
      const url = endpointUrl ?? `${req.origin ?? 'http://localhost'}${path}`;
      // The origin comes from the client's Host header: one that makes no URL is the client's mistake.
      if (!URL.canParse(url)) return Promise.resolve({ status: 400, headers: { 'content-type': 'text/plain' }, body: 'Bad Request: the Host header does not name a host' });
      return respond(req, url);
    },
  };
}
