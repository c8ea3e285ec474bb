export { toNodeListener, type NodeListenerOptions } from './listener.ts';
export { serve, type RunningServer, type ServeOptions } from './serve.ts';
export type { MountedHandler, MountedRequest } from '../../core/http/mount.ts';
export { bearerAuth, createJwtVerifier, InvalidTokenError, KeySetUnavailableError, type BearerAuthOptions, type JwtVerifierOptions, type TokenVerifier } from '../../auth/index.ts';
