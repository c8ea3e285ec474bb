import type { AuthInfo } from '../core/context.ts';
import { DEFINITIONS, type Definitions } from '../core/describe.ts';
import { unauthenticated } from '../core/http/auth-gate.ts';
import { errorResponse } from '../core/http/responses.ts';
import { isCardRequest } from '../core/http/server-card.ts';
import type { HttpHandler, HttpRequest, HttpResponse } from '../core/http/types.ts';
import { INTERNAL_ERROR, UNAUTHORIZED } from '../core/jsonrpc.ts';
import { DEFAULT_LIMITS } from '../core/limits.ts';
import { bearerChallenge } from '../core/scopes.ts';
import { withCors } from '../core/security/cors.ts';
import { isOriginAllowed } from '../core/security/origin.ts';
import { InvalidTokenError, KeySetUnavailableError } from './jwt-verifier.ts';

export interface BearerAuthOptions {
  /**
   * Checks a presented token (see createJwtVerifier); throws InvalidTokenError to refuse it, or
   * KeySetUnavailableError when it cannot be checked now (answered 503, so the client retries).
   */
  verify: (token: string) => Promise<AuthInfo>;
  /** Named in every 401 challenge, so clients find the authorization server (RFC 9728). */
  resourceMetadataUrl?: string;
  /** Answer 401 to requests without a token (default true). False lets them through anonymous. */
  required?: boolean;
  /**
   * Origins whose browser requests may read the 401 (CORS), as the handler's own allowedOrigins. Default:
   * loopback. Requests from other origins still get the 401, unreadable to the page: never let through.
   */
  allowedOrigins?: readonly string[];
  /**
   * Scopes the 401 challenge names (`scope="..."`, so a client asks for them at sign-in). Default: every
   * scope the wrapped server's definitions declare, when it is a createHandler server.
   */
  scopes?: readonly string[];
}

/** The scopes a createHandler server declares; none for any other handler. */
const declaredScopes = (handler: HttpHandler): readonly string[] =>
  (handler as { readonly [DEFINITIONS]?: Definitions })[DEFINITIONS]?.registry.scopes ?? [];

const BEARER = /^Bearer[ ]+([A-Za-z0-9\-._~+/]+=*)[ ]*$/i;

/**
 * Puts a bearer-token check in front of a handler: a valid token becomes `ctx.auth`, an invalid one gets
 * 401 `invalid_token`, one that cannot be checked because the issuer's keys are unreachable 503, a missing one 401 with the `resource_metadata` challenge (unless not required).
 * Preflights and the server card (public metadata, never behind auth) pass untouched. Transport-neutral:
 * used by the Node and Fetch adapters alike.
 */
export function bearerAuth(handler: HttpHandler, options: BearerAuthOptions): HttpHandler {
  const required = options.required ?? true;
  const readable = (req: HttpRequest, answer: HttpResponse): HttpResponse =>
    isOriginAllowed(req.headers.origin, options.allowedOrigins) ? withCors(answer, req.headers.origin) : answer;
  // A token was presented but cannot be used: 401 with an invalid_token challenge saying why.
  const refuse = (req: HttpRequest, message: string, description: string): HttpResponse =>
    readable(req, errorResponse(401, UNAUTHORIZED, message, null, {
      'www-authenticate': bearerChallenge({ error: 'invalid_token', description, resourceMetadataUrl: options.resourceMetadataUrl }),
    }));
  // No credentials: the core's own gate answers, so the 401 is the same as a server configured for auth
  // gives (the request's id, the scopes to ask for, the metadata URL; HEAD without a body).
  const gate = {
    scopes: options.scopes ?? [...declaredScopes(handler)],
    scopePrefix: undefined,
    resourceMetadataUrl: options.resourceMetadataUrl,
    maxBodyBytes: handler.maxBodyBytes,
    maxJsonDepth: DEFAULT_LIMITS.maxJsonDepth,
  };
  return {
    maxBodyBytes: handler.maxBodyBytes,
    async handle(req) {
      if (req.method === 'OPTIONS' || isCardRequest(req)) return handler.handle(req);
      const header = req.headers.authorization;
      if (!header) {
        if (!required) return handler.handle(req);
        return readable(req, unauthenticated(req, gate));
      }
      const token = BEARER.exec(header)?.[1];
      if (!token) return refuse(req, 'Unauthorized: use Authorization: Bearer <token>', 'Malformed Authorization header');
      let auth: AuthInfo;
      try {
        auth = await options.verify(token);
      } catch (err) {
        if (err instanceof KeySetUnavailableError) {
          // The issuer's fault, not the token's: no invalid_token, which would send the client to sign in again.
          return readable(req, errorResponse(503, INTERNAL_ERROR, 'Service unavailable: the access token cannot be checked right now; try again', null, { 'retry-after': '5' }));
        }
        if (!(err instanceof InvalidTokenError)) throw err;
        return refuse(req, `Unauthorized: ${err.message}`, err.message);
      }
      return handler.handle({ ...req, auth });
    },
  };
}
