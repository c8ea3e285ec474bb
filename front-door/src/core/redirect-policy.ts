import type { ResolvedConfig } from './config.ts';

/**
 * Which redirect URIs a client may register, and whether an authorization request's redirect URI is one
 * it registered. The defaults let every known client in (clients.md) and nothing else:
 * - loopback `http` on any port (localhost, 127.0.0.1, [::1]): native apps (RFC 8252 §7.3);
 * - `https` on a known client host, or one the deployer adds;
 * - exact private-use URIs (Cursor's), or ones the deployer adds;
 * - anything else https or private-use only with the deployer's explicit `allowAny`.
 * Never: fragments, user info, schemes that run or read things (`javascript:`, `data:`, `file:`...), and
 * plain http off loopback.
 */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const NEVER_SCHEMES = new Set(['javascript:', 'data:', 'file:', 'vbscript:', 'blob:', 'about:', 'ws:', 'wss:', 'ftp:']);
const MAX_URI_LENGTH = 2048;

export type RedirectVerdict = { ok: true } | { ok: false; reason: string };

export const isLoopbackRedirect = (url: URL): boolean => (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname);

function parse(uri: string): URL | string {
  if (typeof uri !== 'string' || uri.length === 0) return 'not a string';
  if (uri.length > MAX_URI_LENGTH) return 'too long';
  // Checked on the text: the URL parser would quietly drop an empty fragment or fold odd spellings.
  if (uri.includes('#')) return 'has a fragment';
  if (/[\s\u0000-\u001f\u007f\\]/.test(uri)) return 'has whitespace, control characters or backslashes';
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return 'not an absolute URI';
  }
  if (url.username || url.password || /^[a-z][a-z0-9+.-]*:\/\/[^/?]*@/i.test(uri)) return 'has user info';
  if (NEVER_SCHEMES.has(url.protocol)) return `scheme ${url.protocol} is never allowed`;
  return url;
}

/** Whether `uri` may be registered (DCR) or listed by a metadata document (CIMD). */
export function checkRedirectUri(uri: string, policy: ResolvedConfig): RedirectVerdict {
  const url = parse(uri);
  if (typeof url === 'string') return { ok: false, reason: url };
  if (isLoopbackRedirect(url)) return { ok: true };
  if (url.protocol === 'http:') return { ok: false, reason: 'plain http is allowed on loopback only' };
  if (url.protocol === 'https:') {
    if (policy.httpsHosts.has(url.hostname) || policy.allowAnyRedirect) return { ok: true };
    return { ok: false, reason: `host ${url.hostname} is not an allowed redirect host` };
  }
  // A private-use scheme: only exact, listed URIs (a scheme can be claimed by any app on the machine).
  if (policy.privateUris.has(uri) || policy.allowAnyRedirect) return { ok: true };
  return { ok: false, reason: 'private-use redirect URI not on the allowed list' };
}

/**
 * Whether an authorization request's `redirect_uri` is one of the client's: exact string match, except that a
 * loopback URI matches on any port (RFC 8252 §7.3), scheme, host, path and query still equal.
 */
export function matchesRegistered(requested: string, registered: readonly string[]): boolean {
  if (registered.includes(requested)) return true;
  const url = parse(requested);
  if (typeof url === 'string' || !isLoopbackRedirect(url)) return false;
  const key = withoutPort(url);
  return registered.some((r) => {
    const candidate = parse(r);
    return typeof candidate !== 'string' && isLoopbackRedirect(candidate) && withoutPort(candidate) === key;
  });
}

/** A loopback URI with its port removed: the identity of "this program's callback", whatever port it got. */
export function withoutPort(url: URL): string {
  const copy = new URL(url.href);
  copy.port = '';
  return copy.href;
}

/** What the consent page says the code goes to. */
export function describeRedirect(uri: string): string {
  const url = parse(uri);
  if (typeof url === 'string') return uri;
  if (isLoopbackRedirect(url)) return 'a program on this computer';
  if (url.protocol === 'https:') return url.hostname;
  return `the app that handles ${url.protocol} links`;
}
