import { INVALID_REQUEST } from '../jsonrpc.ts';
import { preflight } from '../security/cors.ts';
import { isHostAllowed, isOriginAllowed } from '../security/origin.ts';
import { errorResponse, methodNotAllowed, payloadTooLarge } from './responses.ts';
import type { HttpRequest, HttpResponse } from './types.ts';

/**
 * The transport-level checks every request passes before its body is read as JSON-RPC, in the order a
 * client's mistake is best reported: who may ask (Host, Origin), then (after the auth gate) how (method)
 * and what (Content-Type, Accept, size). Each returns an answer to send, or undefined to go on.
 */

export interface TransportPolicy {
  allowedOrigins: readonly string[] | undefined;
  allowedHosts: readonly string[] | undefined;
  maxBodyBytes: number;
}

const forbidden = (message: string): HttpResponse => errorResponse(403, INVALID_REQUEST, message);

/** 403 unless the Host header names one of `allowed` (DNS-rebinding defence); undefined allows any. */
export function checkHost(headers: HttpRequest['headers'], allowed: readonly string[] | undefined): HttpResponse | undefined {
  return isHostAllowed(headers.host, allowed) ? undefined : forbidden('Forbidden: Host header not allowed');
}

/** Who may ask: Host, Origin, and the CORS preflight (answered before any credential is asked for). */
export function checkCaller(req: HttpRequest, policy: TransportPolicy): HttpResponse | undefined {
  const { headers } = req;
  const foreignHost = checkHost(headers, policy.allowedHosts);
  if (foreignHost) return foreignHost;
  if (!isOriginAllowed(headers.origin, policy.allowedOrigins)) return forbidden('Forbidden: Origin not allowed');
  if (req.method === 'OPTIONS') return preflight(headers['access-control-request-headers']);
  return undefined;
}

/** How and what: POST, Content-Type, Accept, size. Runs after the auth gate, so 401 comes before 405. */
export function checkPost(req: HttpRequest, policy: TransportPolicy): HttpResponse | undefined {
  const { headers } = req;
  if (req.method !== 'POST') return methodNotAllowed();
  if (!isJsonMediaType(headers['content-type'])) {
    return errorResponse(415, INVALID_REQUEST, 'Unsupported Media Type: Content-Type must be application/json');
  }
  if (!acceptsJson(headers.accept)) {
    return errorResponse(406, INVALID_REQUEST, 'Not Acceptable: this server answers with application/json');
  }
  if (exceeds(req.body, policy.maxBodyBytes)) return payloadTooLarge(policy.maxBodyBytes);
  return undefined;
}

/** `application/json`, with parameters (`; charset=utf-8`) and any case. */
export function isJsonMediaType(contentType: string | undefined): boolean {
  return contentType ? withoutParameters(contentType) === 'application/json' : false;
}

/** A media type or range without its parameters, lower-case: `Application/JSON; charset=utf-8` is `application/json`. */
function withoutParameters(value: string): string {
  const semicolon = value.indexOf(';');
  return (semicolon === -1 ? value : value.slice(0, semicolon)).trim().toLowerCase();
}

const Q_ZERO = /;\s*q\s*=\s*0(?:\.0{0,3})?\s*(?:;|$)/;

/**
 * Whether an Accept header takes one of `ranges`: the first of its entries that names one decides (taken
 * unless its q is 0); false when none does. Wildcards count only when `ranges` lists them.
 */
export function acceptsRange(accept: string, ranges: readonly string[]): boolean {
  for (const part of accept.split(',')) {
    if (ranges.includes(withoutParameters(part))) return !Q_ZERO.test(part);
  }
  return false;
}

const JSON_RANGES = ['application/json', '*/*', 'application/*'];

/**
 * Lenient on purpose: no Accept, `*\/*`, `application/*` and `application/json` alone all work (proxies,
 * curl and several clients send these). Only an Accept that rules JSON out is refused.
 */
export function acceptsJson(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return true;
  // Fast path for what clients send on every request: JSON (or anything) accepted, no q-values.
  if (!accept.includes('q=') && (accept.includes('application/json') || accept.includes('*/*'))) return true;
  return acceptsRange(accept, JSON_RANGES);
}

/** UTF-8 length of `body` above `limit`; encodes only when the cheap bounds cannot tell (rare). */
export function exceeds(body: string | null | undefined, limit: number): boolean {
  if (!body) return false;
  if (body.length > limit) return true;
  if (body.length * 3 <= limit) return false;
  return new TextEncoder().encode(body).length > limit;
}
