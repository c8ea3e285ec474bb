/**
 * DNS-rebinding protection. A browser page on evil.example can resolve its own name to 127.0.0.1; the
 * request it then makes carries `Origin: https://evil.example` and `Host: evil.example`. Checking both
 * against allow-lists stops it. Requests without an Origin (every non-browser client) pass the origin check.
 */

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** `host[:port]` (or a URL's host) without the port, lower-cased; IPv6 keeps its brackets. */
export function hostnameOf(hostHeader: string): string {
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.indexOf(':');
  return colon === -1 ? h : h.slice(0, colon);
}

export const isLoopbackHost = (hostHeader: string): boolean => LOOPBACK_HOSTS.has(hostnameOf(hostHeader));

function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

/**
 * `allowed`: exact origins (`https://app.example.com`) or `*`. Undefined: only loopback origins, the safe
 * default for a server on a developer's machine.
 */
export function isOriginAllowed(origin: string | undefined, allowed: readonly string[] | undefined): boolean {
  if (origin === undefined) return true;
  if (allowed === undefined) {
    const host = originHost(origin);
    return host !== undefined && isLoopbackHost(host);
  }
  return allowed.includes('*') || allowed.includes(origin.replace(/\/$/, ''));
}

/** `allowed`: host names (no port). Undefined: any host (a deployed server behind its own domain). */
export function isHostAllowed(host: string | undefined, allowed: readonly string[] | undefined): boolean {
  if (allowed === undefined) return true;
  if (host === undefined) return false;
  return allowed.includes(hostnameOf(host));
}

export const LOOPBACK_HOSTNAMES: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];
