import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits, URL-safe: codes, refresh tokens, state, CSRF tokens, consent ids. */
export const randomToken = (): string => randomBytes(32).toString('base64url');

/** SHA-256, base64url. Secrets are stored under their hash, never as themselves: a leaked table holds no usable code or token. */
export const hashOf = (secret: string): string => createHash('sha256').update(secret).digest('base64url');

/** The S256 code challenge of a PKCE verifier (RFC 7636 §4.2): the same hash, named for this use. */
export const s256Challenge = hashOf;

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(hashOf(a));
  const y = Buffer.from(hashOf(b));
  return timingSafeEqual(x, y);
}

/** RFC 7636 §4.1 verifier syntax, and S256 against the stored challenge in constant time. */
export function verifiesPkce(verifier: string, challenge: string): boolean {
  if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) return false;
  const computed = Buffer.from(s256Challenge(verifier));
  const expected = Buffer.from(challenge);
  return computed.length === expected.length && timingSafeEqual(computed, expected);
}
