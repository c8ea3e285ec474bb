/**
 * The identity provider behind the front door (Cognito in production, any OpenID provider locally). The
 * front door is one confidential client of it: it signs the user in there, and hands the client the
 * upstream's own access token, so whatever already validates the upstream's tokens keeps doing so.
 */
export interface UpstreamTokens {
  accessToken: string;
  refreshToken?: string;
  /** Seconds. */
  expiresIn?: number;
  /** The scopes the access token carries, as the upstream granted them. */
  scopes: string[];
  /** The signed-in user (`sub`) and a display name. */
  subject: string;
  username?: string;
}

export interface UpstreamAuthorization {
  state: string;
  codeChallenge: string;
  scopes: readonly string[];
}

export interface UpstreamIdentityProvider {
  /** Where to send the browser to sign in. */
  authorizationUrl(request: UpstreamAuthorization): Promise<URL>;
  /** Exchanges the code the upstream returned to the front door's callback. */
  exchangeCode(callback: URLSearchParams, expected: { state: string; codeVerifier: string }): Promise<UpstreamTokens>;
  refresh(refreshToken: string): Promise<UpstreamTokens>;
  /** Revokes a refresh token (and what was issued with it, where the upstream supports that). */
  revoke(refreshToken: string): Promise<void>;
}

/** The upstream said no (a refused grant, an error redirect): the client hears `error`. */
export class UpstreamError extends Error {
  readonly error: string;
  constructor(error: string, message: string) {
    super(message);
    this.error = error;
  }
}
