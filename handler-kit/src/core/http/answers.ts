import type { Answer } from '../answer.ts';
import {
  FORBIDDEN,
  HEADER_MISMATCH,
  INVALID_PARAMS,
  METHOD_NOT_FOUND,
  MISSING_REQUIRED_CLIENT_CAPABILITY,
  UNAUTHORIZED,
  UNSUPPORTED_PROTOCOL_VERSION,
  isPlainObject,
  type JsonRpcErrorObject,
} from '../jsonrpc.ts';
import { bearerChallenge } from '../scopes.ts';

/**
 * Where protocol answers meet HTTP: the status and headers each one travels with when it is the whole
 * response (a batch answers 200 with all its payloads). The 2025 revisions answer errors with 200; the
 * 2026-07-28 revision prescribes 400 for a request it cannot take as sent, 404 for an unknown method, and
 * both eras answer a scope failure with the RFC 6750 challenge.
 */

/** What the challenge on 401 and 403 names, besides the scopes the error carries. */
export interface ChallengeSettings {
  /** Prepended to each scope, as the authorization server knows them (Cognito: `<resource server>/`). */
  scopePrefix: string | undefined;
  resourceMetadataUrl: string | undefined;
}

/** An invalid 2026-07-28 `_meta` envelope (protocol/modern-envelope.ts): its data names the envelope. */
const isEnvelopeError = (error: JsonRpcErrorObject): boolean => isPlainObject(error.data) && 'envelope' in error.data;

export function statusOf(answer: Answer): number {
  switch (answer.kind) {
    case 'none':
      return 202;
    case 'rejected':
      return 400;
    case 'result':
      return 200;
    case 'error':
      return answer.unexpected ? 500 : errorStatus(answer.error, answer.era);
  }
}

function errorStatus(error: JsonRpcErrorObject, era: 'legacy' | 'modern'): number {
  switch (error.code) {
    case UNAUTHORIZED:
      return 401;
    case FORBIDDEN:
      return 403;
    case HEADER_MISMATCH:
    case MISSING_REQUIRED_CLIENT_CAPABILITY:
    case UNSUPPORTED_PROTOCOL_VERSION:
      return 400;
    case METHOD_NOT_FOUND:
      return era === 'modern' ? 404 : 200;
    case INVALID_PARAMS:
      return isEnvelopeError(error) ? 400 : 200;
    default:
      return 200;
  }
}

/** Extra headers: the bearer challenge on a scope failure, naming the scopes the definition declares. */
export function headersOf(answer: Answer, settings: ChallengeSettings): Record<string, string> | undefined {
  if (answer.kind !== 'error' || answer.unexpected) return undefined;
  const { code, data } = answer.error;
  if (code !== UNAUTHORIZED && code !== FORBIDDEN) return undefined;
  const required = isPlainObject(data) && Array.isArray(data.requiredScopes) ? (data.requiredScopes as string[]) : [];
  return { 'www-authenticate': scopeChallenge(settings, required, code === FORBIDDEN ? 'insufficient_scope' : undefined) };
}

/** The RFC 6750 challenge naming `scopes` as the authorization server knows them (prefixed). */
export function scopeChallenge(settings: ChallengeSettings, scopes: readonly string[], error?: 'insufficient_scope'): string {
  const prefix = settings.scopePrefix ?? '';
  return bearerChallenge({ error, scopes: scopes.map((s) => prefix + s), resourceMetadataUrl: settings.resourceMetadataUrl });
}
