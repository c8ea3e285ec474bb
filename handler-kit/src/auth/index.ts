/** Bearer tokens outside AWS: verify JWT access tokens (JWKS) and gate a handler with them. Pulls in `jose`. */
export { bearerAuth, type BearerAuthOptions } from './bearer-auth.ts';
export { createJwtVerifier, InvalidTokenError, KeySetUnavailableError, type JwtVerifierOptions, type TokenVerifier } from './jwt-verifier.ts';
