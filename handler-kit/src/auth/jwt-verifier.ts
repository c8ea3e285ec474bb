import { createRemoteJWKSet, customFetch, errors, jwtVerify, type JWTPayload } from 'jose';
import type { AuthInfo } from '../core/context.ts';

/**
 * Verifies a JWT access token the way API Gateway's Cognito authorizer does, for servers outside AWS
 * (Node, any Fetch runtime): signature by a key of the issuer's JWKS, `iss`, expiry, `token_use: access`,
 * `client_id` in an allowed set and, when configured, the scopes. Returns who is calling as the kit's AuthInfo.
 */
export interface JwtVerifierOptions {
  /** The token issuer, e.g. `https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC`. */
  issuer: string;
  /** Where its keys are; default `<issuer>/.well-known/jwks.json` (Cognito's). */
  jwksUri?: string;
  /** App client ids whose tokens are accepted (`client_id` claim); `null` accepts any, explicitly. */
  clientIds: readonly string[] | null;
  /** Required `token_use` claim; default `access` (Cognito ID tokens are refused). `null` skips the check. */
  tokenUse?: 'access' | 'id' | null;
  /** Accept only tokens holding at least one of these scopes (the Cognito authorizer's rule). */
  anyScope?: readonly string[];
  /** Require `aud` to be one of these (RFC 8707 resource binding); unchecked when absent, like Cognito's authorizer. */
  audience?: string | readonly string[];
  /** Allowed signature algorithms; default RS256 (Cognito). */
  algorithms?: readonly string[];
  clockToleranceSeconds?: number;
}

/** The token was presented but is not acceptable; `message` is safe to show the caller. */
export class InvalidTokenError extends Error {}

/**
 * The token could not be checked because the issuer's key set could not be had (unreachable, timed out,
 * not a 200, not JSON). Not the caller's fault: answering invalid_token would send clients to sign in
 * again for nothing, so bearerAuth answers 503 and the client retries.
 */
export class KeySetUnavailableError extends Error {}

/** Fetches the key set for jose, turning the issuer's failures into KeySetUnavailableError (jose's own are generic). */
async function fetchKeySet(url: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (err) {
    const late = (err as Error).name === 'TimeoutError';
    throw new KeySetUnavailableError(late ? "the issuer's key set did not answer in time" : "the issuer's key set is unreachable", { cause: err });
  }
  if (response.status !== 200) throw new KeySetUnavailableError(`the issuer's key set answered HTTP ${response.status}`);
  const body = await response.text();
  try {
    JSON.parse(body);
  } catch {
    throw new KeySetUnavailableError("the issuer's key set is not JSON");
  }
  return new Response(body, { status: 200, headers: response.headers });
}

export type TokenVerifier = (token: string) => Promise<AuthInfo>;

const scopesOf = (payload: JWTPayload): string[] =>
  typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : Array.isArray(payload.scp) ? payload.scp.filter((s): s is string => typeof s === 'string') : [];

export function createJwtVerifier(options: JwtVerifierOptions): TokenVerifier {
  const jwks = createRemoteJWKSet(new URL(options.jwksUri ?? `${options.issuer.replace(/\/$/, '')}/.well-known/jwks.json`), {
    [customFetch]: fetchKeySet,
  });
  const tokenUse = options.tokenUse === undefined ? 'access' : options.tokenUse;
  const allowedClients = options.clientIds === null ? null : new Set(options.clientIds);
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, {
        issuer: options.issuer,
        algorithms: [...(options.algorithms ?? ['RS256'])],
        requiredClaims: ['exp', 'sub'],
        clockTolerance: options.clockToleranceSeconds ?? 5,
        ...(options.audience ? { audience: typeof options.audience === 'string' ? options.audience : [...options.audience] } : {}),
      }));
    } catch (err) {
      if (err instanceof KeySetUnavailableError) throw err;
      if (err instanceof errors.JWTExpired) throw new InvalidTokenError('The access token has expired');
      if (err instanceof errors.JOSEError) throw new InvalidTokenError('The access token is invalid');
      throw err;
    }
    if (tokenUse !== null && payload.token_use !== tokenUse) throw new InvalidTokenError(`The token is not an ${tokenUse} token`);
    const clientId = typeof payload.client_id === 'string' ? payload.client_id : undefined;
    if (allowedClients && (!clientId || !allowedClients.has(clientId))) throw new InvalidTokenError('The token was issued to a client this server does not accept');
    const scopes = scopesOf(payload);
    if (options.anyScope?.length && !options.anyScope.some((s) => scopes.includes(s))) throw new InvalidTokenError('The token holds none of the scopes this server accepts');
    return { subject: payload.sub!, ...(clientId ? { clientId } : {}), scopes, claims: payload };
  };
}
