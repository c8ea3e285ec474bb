import type { AuthInfo } from '../core/context.ts';
import { errorResponse } from '../core/http/responses.ts';
import type { HttpHandler, HttpRequest, HttpResponse } from '../core/http/types.ts';
import { UNAUTHORIZED } from '../core/jsonrpc.ts';
import { bearerChallenge } from '../core/scopes.ts';
import { withCors } from '../core/security/cors.ts';
import { isOriginAllowed } from '../core/security/origin.ts';
import { InvalidTokenError } from './jwt-verifier.ts';

export interface BearerAuthOptions {
  /** Checks a presented token (see createJwtVerifier); throws InvalidTokenError to refuse it. */
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
}

const BEARER = /^Bearer[ ]+([A-Za-z0-9\-._~+/]+=*)[ ]*$/i;

/**
 * Puts a bearer-token check in front of a handler: a valid token becomes `ctx.auth`, an invalid one gets
 * 401 `invalid_token`, a missing one 401 with the `resource_metadata` challenge (unless not required).
 * Preflights pass untouched. Transport-neutral: used by the Node and Fetch adapters alike.
 */
export function bearerAuth(handler: HttpHandler, options: BearerAuthOptions): HttpHandler {
  const required = options.required ?? true;
  const challenge = (error?: 'invalid_token', description?: string): HttpResponse['headers'] => ({
    'www-authenticate': bearerChallenge({
      ...(error ? { error } : {}),
      ...(description ? { description } : {}),
      ...(options.resourceMetadataUrl ? { resourceMetadataUrl: options.resourceMetadataUrl } : {}),
    }),
  });
  const refuse = (req: HttpRequest, message: string, headers: HttpResponse['headers']): HttpResponse => {
    const answer = errorResponse(401, UNAUTHORIZED, message, null, headers);
    return isOriginAllowed(req.headers.origin, options.allowedOrigins) ? withCors(answer, req.headers.origin) : answer;
  };
  return {
    maxBodyBytes: handler.maxBodyBytes,
    async handle(req) {
      if (req.method === 'OPTIONS') return handler.handle(req);
      const header = req.headers.authorization;
      if (!header) {
        if (!required) return handler.handle(req);
        return refuse(req, 'Unauthorized: a bearer token is required', challenge());
      }
      const token = BEARER.exec(header)?.[1];
      if (!token) return refuse(req, 'Unauthorized: use Authorization: Bearer <token>', challenge('invalid_token', 'Malformed Authorization header'));
      let auth: AuthInfo;
      try {
        auth = await options.verify(token);
      } catch (err) {
        if (!(err instanceof InvalidTokenError)) throw err;
        return refuse(req, `Unauthorized: ${err.message}`, challenge('invalid_token', err.message));
      }
      return handler.handle({ ...req, auth });
    },
  };
}
