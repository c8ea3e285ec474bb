import { CimdFetchError, type CimdFetcher } from '../ports/cimd-fetcher.ts';
import type { FrontDoorLogger } from '../ports/logger.ts';
import type { Client } from './clients.ts';
import type { ResolvedConfig } from './config.ts';
import { checkRedirectUri } from './redirect-policy.ts';

/**
 * Client ID Metadata Documents: a `client_id` that is an https URL names a JSON document describing the
 * client. The document must name itself (`client_id` equal to the URL) and lists the redirect URIs; those
 * still pass the redirect policy. Documents are cached per instance within their cache headers.
 */
export interface CimdResolver {
  resolve(url: string): Promise<Client | { error: string }>;
}

const DEFAULT_TTL_MS = 5 * 60_000;
const MAX_TTL_MS = 24 * 3_600_000;
const MAX_CACHED = 500;

/** The URL rules of a client id (draft-ietf-oauth-client-id-metadata-document §3). */
export function checkClientIdUrl(text: string, allowLoopbackHttp: boolean): URL | string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'not a URL';
  }
  const loopbackHttp = allowLoopbackHttp && url.protocol === 'http:' && url.hostname === '127.0.0.1';
  if (url.protocol !== 'https:' && !loopbackHttp) return 'must be https';
  if (text.includes('#') || url.username || url.password) return 'must have no fragment or user info';
  if (url.pathname === '/' || /\/\.\.?(\/|$)/.test(url.pathname)) return 'must have a path without dot segments';
  return url;
}

function ttlOf(cacheControl: string | undefined): number {
  if (!cacheControl) return DEFAULT_TTL_MS;
  if (/\b(no-store|no-cache|private)\b/i.test(cacheControl)) return 0;
  const maxAge = /\bmax-age=(\d+)/i.exec(cacheControl);
  return maxAge ? Math.min(Number(maxAge[1]) * 1000, MAX_TTL_MS) : DEFAULT_TTL_MS;
}

export function cimdResolver(fetcher: CimdFetcher | undefined, config: ResolvedConfig, logger: FrontDoorLogger, now: () => number): CimdResolver {
  const cache = new Map<string, { client: Client; until: number }>();
  const fail = (clientId: string, reason: string) => {
    logger.warn('cimd', { clientId, outcome: 'refused', reason });
    return { error: `The application's metadata document could not be used: ${reason}.` };
  };
  return {
    async resolve(clientId) {
      const hit = cache.get(clientId);
      if (hit && hit.until > now()) return hit.client;
      const url = checkClientIdUrl(clientId, config.cimdAllowLoopbackHttp);
      if (typeof url === 'string') return fail(clientId, `the client id ${url}`);
      if (!fetcher) return fail(clientId, 'no fetcher configured');
      let fetched;
      try {
        fetched = await fetcher(url);
      } catch (err) {
        return fail(clientId, err instanceof CimdFetchError ? err.message : 'the document could not be fetched');
      }
      if (fetched.status !== 200) return fail(clientId, `the document answered HTTP ${fetched.status}`);
      let doc: Record<string, unknown>;
      try {
        doc = JSON.parse(fetched.body) as Record<string, unknown>;
        if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new Error('not an object');
      } catch {
        return fail(clientId, 'the document is not a JSON object');
      }
      if (doc.client_id !== clientId) return fail(clientId, 'its client_id is not the URL it was fetched from');
      const method = doc.token_endpoint_auth_method;
      if (method !== undefined && method !== 'none') return fail(clientId, 'only public clients (token_endpoint_auth_method "none") are supported');
      if ('client_secret' in doc) return fail(clientId, 'a metadata document must not carry a client secret');
      const uris = Array.isArray(doc.redirect_uris) ? doc.redirect_uris.filter((u): u is string => typeof u === 'string') : [];
      const allowed = uris.filter((u) => checkRedirectUri(u, config).ok);
      if (allowed.length === 0) return fail(clientId, 'it lists no allowed redirect URI');
      const client: Client = {
        clientId,
        kind: 'cimd',
        redirectUris: allowed,
        ...(typeof doc.client_name === 'string' ? { clientName: doc.client_name.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 100) } : {}),
      };
      const ttl = ttlOf(fetched.headers['cache-control']);
      if (ttl > 0) {
        if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
        cache.set(clientId, { client, until: now() + ttl });
      }
      logger.info('cimd', { clientId, outcome: 'resolved', redirectUris: allowed });
      return client;
    },
  };
}
