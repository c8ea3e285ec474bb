import { isRegistrationError, readClientMetadata, type RegistrationPolicy } from './client-metadata.ts';
import { RegistryRejected, RegistryUnavailable, registeredName, registrationDay, type ClientRegistry } from './client-registry.ts';

export interface HttpAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

const answer = (statusCode: number, body: unknown): HttpAnswer => ({
  statusCode,
  // Never cached (the body carries a client id, RFC 7591 §3.2.1); readable by browser-based clients.
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store', 'access-control-allow-origin': '*' },
  body: JSON.stringify(body),
});

/** RFC 7591 dynamic client registration over a ClientRegistry: 201 with the client, or 400 with the error. */
/**
 * A ceiling on dynamic registrations, so an open endpoint cannot fill the pool's app-client quota (1,000,
 * shared with every other client of the pool) and lock out everyone else.
 */
async function countRegistrations(registry: ClientRegistry): Promise<number> {
  let n = 0;
  for await (const client of registry.list()) if (registrationDay(client.clientName)) n++;
  return n;
}

export async function register(
  rawBody: string | null,
  registry: ClientRegistry,
  policy: RegistrationPolicy & { maxRegistrations?: number },
  now: Date,
): Promise<HttpAnswer> {
  let body: unknown;
  try {
    body = JSON.parse(rawBody ?? '');
  } catch {
    return answer(400, { error: 'invalid_client_metadata', error_description: 'the body must be JSON' });
  }
  const request = readClientMetadata(body, policy);
  if (isRegistrationError(request)) return answer(400, request);
  try {
    if (policy.maxRegistrations !== undefined && (await countRegistrations(registry)) >= policy.maxRegistrations) {
      return answer(503, { error: 'temporarily_unavailable', error_description: 'this server has reached its limit of registered clients; ask its operator' });
    }
    const client = await registry.create({
      clientName: registeredName(request.clientName, now),
      redirectUris: request.redirectUris,
      scopes: request.scopes,
      allowRefresh: request.grantTypes.includes('refresh_token'),
    });
    return answer(201, {
      client_id: client.clientId,
      client_id_issued_at: Math.floor(now.getTime() / 1000),
      client_name: request.clientName,
      redirect_uris: request.redirectUris,
      grant_types: request.grantTypes,
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      scope: request.scopes.join(' '),
    });
  } catch (err) {
    if (err instanceof RegistryRejected) return answer(400, { error: 'invalid_client_metadata', error_description: err.message });
    if (err instanceof RegistryUnavailable) return answer(503, { error: 'temporarily_unavailable', error_description: 'registration is busy; retry shortly' });
    throw err;
  }
}

/** Deletes dynamically registered clients older than `retentionDays`; returns how many went. */
export async function removeExpired(registry: ClientRegistry, retentionDays: number, now: Date): Promise<number> {
  const cutoff = now.getTime() - retentionDays * 86_400_000;
  const expired: string[] = [];
  for await (const client of registry.list()) {
    const day = registrationDay(client.clientName);
    if (day && day.getTime() < cutoff) expired.push(client.clientId);
  }
  for (const clientId of expired) await registry.remove(clientId);
  return expired.length;
}
