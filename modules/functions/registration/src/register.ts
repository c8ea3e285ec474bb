import { isRegistrationError, readClientMetadata, type RegistrationPolicy } from './client-metadata.ts';
import { RegistryRejected, RegistryUnavailable, registeredName, registrationDay, type ClientRegistry } from './client-registry.ts';

export interface HttpAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

const answer = (statusCode: number, body: unknown): HttpAnswer => ({
  statusCode,
  // Registration responses carry a client id: never cache them (RFC 7591 §3.2.1).
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  body: JSON.stringify(body),
});

/** RFC 7591 dynamic client registration over a ClientRegistry: 201 with the client, or 400 with the error. */
export async function register(rawBody: string | null, registry: ClientRegistry, policy: RegistrationPolicy, now: Date): Promise<HttpAnswer> {
  let body: unknown;
  try {
    body = JSON.parse(rawBody ?? '');
  } catch {
    return answer(400, { error: 'invalid_client_metadata', error_description: 'the body must be JSON' });
  }
  const request = readClientMetadata(body, policy);
  if (isRegistrationError(request)) return answer(400, request);
  try {
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
