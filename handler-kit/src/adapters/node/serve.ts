import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkHost } from '../../core/http/checks.ts';
import type { MountedHandler } from '../../core/http/mount.ts';
import type { HttpHandler } from '../../core/http/types.ts';
import { LOOPBACK_HOSTNAMES, isLoopbackHost } from '../../core/security/origin.ts';
import { toNodeListener, type NodeListenerOptions } from './listener.ts';

export interface ServeOptions extends NodeListenerOptions {
  /** Default 3000; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1: a local server is reachable from this machine only. */
  host?: string;
  /** Time a client has to send the request headers, in ms (default 10 s); a slower one is cut off. */
  headersTimeoutMs?: number;
  /** Time a client has to send the whole request, headers and body, in ms (default 30 s). Answers may take longer. */
  requestTimeoutMs?: number;
  /** How long an idle keep-alive connection stays open, in ms (default 5 s). */
  keepAliveTimeoutMs?: number;
}

/** Seconds, not Node's minutes: a client trickling bytes must not hold a connection (and its memory) open. */
export const SERVE_TIMEOUTS = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000 } as const;

export interface RunningServer {
  /** The MCP endpoint, e.g. http://127.0.0.1:3000/mcp */
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/**
 * Starts an HTTP server for `handler` and resolves once it listens. It cuts off slow senders (header and
 * request timeouts of seconds); per-address connection limits belong to whatever fronts a public server
 * (a load balancer, a reverse proxy), which can see every address.
 */
export function serve(handler: HttpHandler, options: ServeOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const path = options.path ?? '/mcp';
  // Bound to loopback, the server is for this machine only: a request naming any other Host is a DNS
  // rebinding attempt from a browser page, whatever the handler's own settings.
  const guarded: HttpHandler = isLoopbackHost(host)
    ? { maxBodyBytes: handler.maxBodyBytes, handle: async (req) => checkHost(req.headers, LOOPBACK_HOSTNAMES) ?? handler.handle(req) }
    : handler;
  const mounts = isLoopbackHost(host) ? options.mounts?.map((m) => guardMount(m)) : options.mounts;
  const headersTimeout = options.headersTimeoutMs ?? SERVE_TIMEOUTS.headersTimeoutMs;
  const requestTimeout = options.requestTimeoutMs ?? SERVE_TIMEOUTS.requestTimeoutMs;
  for (const [name, value] of Object.entries({ headersTimeout, requestTimeout })) {
    if (!(value > 0) || !Number.isFinite(value)) throw new TypeError(`${name}Ms must be a positive number of milliseconds`);
  }
  const server = createServer(
    {
      headersTimeout,
      // Node's request timeout must be at least the headers timeout, and is checked on this interval.
      requestTimeout: Math.max(requestTimeout, headersTimeout),
      connectionsCheckingInterval: Math.min(1_000, headersTimeout),
    },
    toNodeListener(guarded, { ...options, ...(mounts ? { mounts } : {}) }),
  );
  // Keep-alive lets a client reuse its connection between calls; it bounds idle connections only, never
  // an answer in progress (a streamed one may run for minutes), as requestTimeout bounds receiving a request.
  server.keepAliveTimeout = options.keepAliveTimeoutMs ?? SERVE_TIMEOUTS.keepAliveTimeoutMs;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3000, host, () => {
      const { port } = server.address() as AddressInfo;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shownHost}:${port}${path}`,
        port,
        server,
        close: () =>
          new Promise<void>((done, fail) => {
            server.closeAllConnections();
            server.close((err) => (err ? fail(err) : done()));
          }),
      });
    });
  });
}

/** The same DNS-rebinding defence for what is mounted beside the endpoint (the front door's pages). */
const guardMount = (mounted: MountedHandler): MountedHandler => ({
  matches: (path) => mounted.matches(path),
  handle: async (req) => checkHost(req.headers, LOOPBACK_HOSTNAMES) ?? mounted.handle(req),
});
