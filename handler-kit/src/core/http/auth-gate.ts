import { UNAUTHORIZED, idOf, type JsonRpcId } from '../jsonrpc.ts';
import { nestsDeeperThan } from '../limits.ts';
import { scopeChallenge, type ChallengeSettings } from './answers.ts';
import { errorResponse } from './responses.ts';
import type { HttpRequest, HttpResponse } from './types.ts';

export interface GateSettings extends ChallengeSettings {
  /** Every scope the server's definitions declare: the challenge names them. */
  scopes: readonly string[];
  maxBodyBytes: number;
  maxJsonDepth: number;
}

/**
 * The auth gate's answer to a request without credentials, whatever its method: 401 with the challenge a
 * client starts its sign-in from. The JSON-RPC id is echoed when the body is a readable request; HEAD gets
 * the headers only.
 */
export function unauthenticated(req: HttpRequest, gate: GateSettings): HttpResponse {
  const challenge = scopeChallenge(gate, gate.scopes);
  const response = errorResponse(401, UNAUTHORIZED, 'Unauthorized: a bearer token is required', readableId(req, gate), { 'www-authenticate': challenge });
  if (req.method === 'HEAD') response.body = '';
  return response;
}

/** The id of a POSTed request whose body is within every limit; null otherwise (nothing is guessed). */
function readableId(req: HttpRequest, gate: GateSettings): JsonRpcId | null {
  const text = req.body;
  if (req.method !== 'POST' || !text || text.length > gate.maxBodyBytes || nestsDeeperThan(text, gate.maxJsonDepth)) return null;
  try {
    return idOf(JSON.parse(text));
  } catch {
    return null;
  }
}
