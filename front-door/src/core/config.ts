/** What a deployer configures. Every URL the front door shows is built from `issuer` and `resource`, never from a Host header. */
export interface FrontDoorConfig {
  /** The public origin the clients see, e.g. `https://mcp.example.com` (a path is allowed: `https://x.example/prod`). */
  issuer: string;
  /** The MCP endpoint, exactly as clients are given it, e.g. `https://mcp.example.com/mcp`. */
  resource: string;
  /** Scopes offered, named as the upstream names them (Cognito: `<resource server>/<scope>`). May be empty: a server whose tools need none. */
  scopes: readonly string[];
  /** Shown on the consent page beside each scope. */
  scopeDescriptions?: Readonly<Record<string, string>>;
  /** Shown on the consent page ("… wants to use <serverName>"). Default: the resource URL's host. */
  serverName?: string;
  redirects?: {
    /** https hosts accepted besides the built-in list of known clients. */
    httpsHosts?: readonly string[];
    /** Exact private-use (custom scheme) redirect URIs accepted besides the built-in list. */
    privateUris?: readonly string[];
    /** Accept any https or private-use redirect URI: an explicit, unsafe opt-in (`*`). */
    allowAny?: boolean;
  };
  /** Registrations unused this long expire (default 30 days); at most `maxPerWindow` new ones per such window (default 10,000). */
  registration?: { idleTtlSeconds?: number; maxPerWindow?: number };
  /** How long a user's "Allow" is remembered per client (default 30 days; 0: always ask). */
  consentTtlSeconds?: number;
  /** Authorization code lifetime (default 60 s). */
  codeTtlSeconds?: number;
  /** Lifetime of the front door's refresh tokens (default 30 days; keep it within the upstream's). */
  refreshTtlSeconds?: number;
  /** Client ID Metadata Documents (default on). `allowLoopbackHttp` is for local tests only. */
  cimd?: { enabled?: boolean; allowLoopbackHttp?: boolean };
}

export interface ResolvedConfig {
  issuer: string;
  /** The issuer's path ('' for an origin), where the endpoints live. */
  base: string;
  resource: string;
  resourcePath: string;
  scopes: readonly string[];
  scopeDescriptions: Readonly<Record<string, string>>;
  serverName: string;
  httpsHosts: ReadonlySet<string>;
  privateUris: ReadonlySet<string>;
  allowAnyRedirect: boolean;
  registrationTtlMs: number;
  maxRegistrationsPerWindow: number;
  consentTtlMs: number;
  codeTtlMs: number;
  refreshTtlMs: number;
  /** A started authorization (the user is at the upstream or on the consent page). */
  pendingTtlMs: number;
  cimdEnabled: boolean;
  cimdAllowLoopbackHttp: boolean;
  secureCookies: boolean;
}

/** Hosts of the clients in ../shared/reference/clients.md that redirect to an https page of their own. */
export const KNOWN_CLIENT_HOSTS = ['claude.ai', 'claude.com', 'chatgpt.com', 'vscode.dev', 'insiders.vscode.dev', 'www.cursor.com'];
/** Exact private-use redirect URIs of known clients. */
export const KNOWN_PRIVATE_URIS = ['cursor://anysphere.cursor-mcp/oauth/callback'];

const DAY = 86_400_000;
const LOOPBACK = /^(localhost|127\.0\.0\.1|\[::1\])$/;

function publicUrl(name: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`${name} must be an absolute URL, got "${value}"`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.test(url.hostname))) {
    throw new TypeError(`${name} must be https (http only on loopback), got "${value}"`);
  }
  if (url.search || url.hash) throw new TypeError(`${name} must have no query or fragment`);
  return url;
}

const seconds = (value: number | undefined, fallback: number): number => (value === undefined ? fallback : value * 1000);

export function resolveConfig(config: FrontDoorConfig): ResolvedConfig {
  const issuer = publicUrl('issuer', config.issuer.replace(/\/$/, ''));
  const resource = publicUrl('resource', config.resource);
  const issuerText = issuer.href.replace(/\/$/, '');
  return {
    issuer: issuerText,
    base: issuer.pathname.replace(/\/$/, ''),
    resource: config.resource,
    resourcePath: resource.pathname,
    scopes: [...config.scopes],
    scopeDescriptions: config.scopeDescriptions ?? {},
    serverName: config.serverName ?? resource.host,
    httpsHosts: new Set([...KNOWN_CLIENT_HOSTS, ...(config.redirects?.httpsHosts ?? [])].map((h) => h.toLowerCase())),
    privateUris: new Set([...KNOWN_PRIVATE_URIS, ...(config.redirects?.privateUris ?? [])]),
    allowAnyRedirect: config.redirects?.allowAny === true,
    registrationTtlMs: seconds(config.registration?.idleTtlSeconds, 30 * DAY),
    maxRegistrationsPerWindow: config.registration?.maxPerWindow ?? 10_000,
    consentTtlMs: seconds(config.consentTtlSeconds, 30 * DAY),
    codeTtlMs: seconds(config.codeTtlSeconds, 60_000),
    refreshTtlMs: seconds(config.refreshTtlSeconds, 30 * DAY),
    pendingTtlMs: 10 * 60_000,
    cimdEnabled: config.cimd?.enabled !== false,
    cimdAllowLoopbackHttp: config.cimd?.allowLoopbackHttp === true,
    secureCookies: issuer.protocol === 'https:',
  };
}
