export { toFetchHandler, type FetchContext } from './to-fetch-handler.ts';
export { withMounts } from './mount.ts';
export type { MountedHandler, MountedRequest } from '../../core/http/mount.ts';
export { bearerAuth, createJwtVerifier, InvalidTokenError, KeySetUnavailableError, type BearerAuthOptions, type JwtVerifierOptions, type TokenVerifier } from '../../auth/index.ts';
