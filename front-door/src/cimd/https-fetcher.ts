import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupAddress } from 'node:dns';
import { CimdFetchError, type CimdFetcher } from '../ports/cimd-fetcher.ts';
import { isPublicAddress } from './address-policy.ts';

export interface HttpsCimdFetcherOptions {
  timeoutMs?: number;
  maxBytes?: number;
  /** Local tests only: also fetch `http://127.0.0.1` documents. */
  allowLoopbackHttp?: boolean;
  /** Name resolution (tests): all addresses of a host. */
  resolve?: (host: string) => Promise<LookupAddress[]>;
}

/**
 * Fetches metadata documents over https from public addresses only. The host is resolved first and every
 * address checked; the connection then goes to the checked address (no second lookup a DNS rebinding
 * could change), with the name kept for TLS. Redirects are not followed; size and time are bounded.
 */
export function httpsCimdFetcher(options: HttpsCimdFetcherOptions = {}): CimdFetcher {
  const timeoutMs = options.timeoutMs ?? 3000;
  const maxBytes = options.maxBytes ?? 5 * 1024;
  const resolve = options.resolve ?? ((host: string) => dnsLookup(host, { all: true, verbatim: true }));
  return async (url) => {
    const loopbackHttp = options.allowLoopbackHttp === true && url.protocol === 'http:' && url.hostname === '127.0.0.1';
    if (url.protocol !== 'https:' && !loopbackHttp) throw new CimdFetchError('the document must be served over https');
    const host = url.hostname.replace(/^\[|\]$/g, '');
    let addresses: LookupAddress[];
    try {
      addresses = await resolve(host);
    } catch {
      throw new CimdFetchError('its host name does not resolve');
    }
    if (addresses.length === 0) throw new CimdFetchError('its host name does not resolve');
    if (!loopbackHttp && addresses.some((a) => !isPublicAddress(a.address))) {
      throw new CimdFetchError('its host resolves to a private, loopback or otherwise non-public address');
    }
    const pinned = addresses[0]!;
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((done, fail) => {
      const req = send(url, {
        method: 'GET',
        headers: { accept: 'application/json' },
        timeout: timeoutMs,
        lookup: (_h: string, _o: unknown, cb: (e: Error | null, a: string | LookupAddress[], f?: number) => void) =>
          (_o as { all?: boolean })?.all ? cb(null, [pinned]) : cb(null, pinned.address, pinned.family),
      }, (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            req.destroy();
            fail(new CimdFetchError(`the document is larger than ${maxBytes} bytes`));
          } else chunks.push(chunk);
        });
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
          done({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', () => fail(new CimdFetchError('the document could not be read')));
      });
      req.on('timeout', () => req.destroy(new CimdFetchError(`no answer within ${timeoutMs} ms`)));
      req.on('error', (err) => fail(err instanceof CimdFetchError ? err : new CimdFetchError('the document could not be fetched')));
      req.end();
    });
  };
}
