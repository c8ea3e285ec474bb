import { consoleLogger, type FrontDoorLogger } from '../ports/logger.ts';
import type { CimdFetcher } from '../ports/cimd-fetcher.ts';
import type { Store } from '../ports/store.ts';
import type { UpstreamIdentityProvider } from '../ports/upstream.ts';
import { authorize } from './authorize.ts';
import { cimdResolver } from './cimd.ts';
import { clientDirectory } from './clients.ts';
import { resolveConfig, type FrontDoorConfig, type ResolvedConfig } from './config.ts';
import { answerConsent, callback } from './consent.ts';
import type { Deps } from './context.ts';
import { errorPage } from './error-page.ts';
import { oauthError, preflight, publicJson, type FrontDoorRequest, type FrontDoorResponse } from './http.ts';
import { authorizationServerMetadata, protectedResourceMetadata } from './metadata.ts';
import { register } from './register.ts';
import { revoke, token } from './token.ts';

export interface FrontDoorDeps {
  store: Store;
  upstream: UpstreamIdentityProvider;
  /** Needed for CIMD client ids; without it such clients are refused. */
  cimdFetcher?: CimdFetcher;
  logger?: FrontDoorLogger;
  now?: () => number;
}

export interface FrontDoor {
  /** Whether `path` is one of the front door's (the rest of the origin belongs to the MCP server). */
  matches(path: string): boolean;
  handle(request: FrontDoorRequest): Promise<FrontDoorResponse>;
  readonly config: ResolvedConfig;
}

type Route = (req: FrontDoorRequest, query: URLSearchParams, deps: Deps) => Promise<FrontDoorResponse> | FrontDoorResponse;

/** The OAuth front door: the transport-neutral core. Plain request in, plain response out. */
export function createFrontDoor(options: FrontDoorConfig, ports: FrontDoorDeps): FrontDoor {
  const config = resolveConfig(options);
  const now = ports.now ?? Date.now;
  const logger = ports.logger ?? consoleLogger();
  const deps: Deps = {
    config,
    store: ports.store,
    upstream: ports.upstream,
    logger,
    now,
    clients: clientDirectory(ports.store, cimdResolver(ports.cimdFetcher, config, logger, now), config, now),
  };
  // Both documents depend on the configuration only: serialized once, not on every discovery request.
  const asDocument = JSON.stringify(authorizationServerMetadata(config));
  const prDocument = JSON.stringify(protectedResourceMetadata(config));
  const b = config.base;
  const wellKnownAs = new Set([`/.well-known/oauth-authorization-server${b}`, ...(b ? [`${b}/.well-known/oauth-authorization-server`] : [])]);
  const wellKnownPr = new Set([`/.well-known/oauth-protected-resource${config.resourcePath}`, '/.well-known/oauth-protected-resource']);

  const get = new Map<string, Route>([
    [`${b}/authorize`, (_r, q) => authorize(q, deps)],
    [`${b}/callback`, (_r, q) => callback(q, deps)],
  ]);
  const post = new Map<string, Route>([
    [`${b}/register`, (r) => register(r, deps)],
    [`${b}/token`, (r) => token(r, deps)],
    [`${b}/revoke`, (r) => revoke(r, deps)],
    [`${b}/consent`, (r) => answerConsent(r, deps)],
  ]);
  const isMetadata = (path: string) => wellKnownAs.has(path) || wellKnownPr.has(path);

  return {
    config,
    matches: (path) => isMetadata(path) || get.has(path) || post.has(path),
    async handle(req) {
      const at = req.url.indexOf('?');
      const path = at < 0 ? req.url : req.url.slice(0, at);
      const query = new URLSearchParams(at < 0 ? '' : req.url.slice(at + 1));
      const method = req.method.toUpperCase();
      try {
        if (method === 'OPTIONS') return preflight();
        if (isMetadata(path)) {
          if (method !== 'GET' && method !== 'HEAD') return oauthError(405, 'invalid_request', 'Use GET.', { allow: 'GET, HEAD' });
          return publicJson(wellKnownAs.has(path) ? asDocument : prDocument);
        }
        const route = method === 'GET' ? get.get(path) : method === 'POST' ? post.get(path) : undefined;
        if (route) return await route(req, query, deps);
        if (get.has(path) || post.has(path)) return oauthError(405, 'invalid_request', 'Method not allowed.', { allow: get.has(path) ? 'GET' : 'POST' });
        return oauthError(404, 'not_found', 'No such endpoint.');
      } catch (err) {
        logger.error('request', { path, outcome: 'internal_error', error: err instanceof Error ? err.message : String(err) });
        return path.endsWith('/authorize') || path.endsWith('/callback') || path.endsWith('/consent')
          ? errorPage(500, 'Something went wrong', 'The sign-in could not be completed. Try again in a moment.')
          : oauthError(500, 'server_error', 'Internal error.');
      }
    },
  };
}
