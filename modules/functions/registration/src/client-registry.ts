/**
 * The port to whatever stores OAuth clients. The Cognito implementation sits in cognito-client-registry.ts;
 * tests use InMemoryClientRegistry. Registered clients carry their registration date in their name, so
 * expired ones can be found by listing, without one describe call per client.
 */
export interface RegisteredClient {
  clientId: string;
  clientName: string;
}

export interface NewClient {
  clientName: string;
  redirectUris: string[];
  scopes: string[];
  allowRefresh: boolean;
}

export interface ClientRegistry {
  create(client: NewClient): Promise<RegisteredClient>;
  list(): AsyncIterable<RegisteredClient>;
  remove(clientId: string): Promise<void>;
}

/** Failure of the store, as the handler must answer it. */
export class RegistryUnavailable extends Error {
  override readonly name = 'RegistryUnavailable';
}
export class RegistryRejected extends Error {
  override readonly name = 'RegistryRejected';
}

const PREFIX = 'dcr-';

/** `dcr-20261121-Claude Code`: marks a dynamically registered client and when it was registered. */
export function registeredName(displayName: string, now: Date): string {
  const day = now.toISOString().slice(0, 10).replace(/-/g, '');
  return `${PREFIX}${day}-${displayName}`.slice(0, 128);
}

/** The registration day of a dynamically registered client, or undefined for any other client. */
export function registrationDay(clientName: string): Date | undefined {
  const m = /^dcr-(\d{4})(\d{2})(\d{2})-/.exec(clientName);
  return m ? new Date(`${m[1]}-${m[2]}-${m[3]}T00:00:00Z`) : undefined;
}

export class InMemoryClientRegistry implements ClientRegistry {
  readonly clients = new Map<string, NewClient>();
  #next = 1;
  failure: Error | undefined;

  async create(client: NewClient): Promise<RegisteredClient> {
    if (this.failure) throw this.failure;
    const clientId = `client${this.#next++}`;
    this.clients.set(clientId, client);
    return { clientId, clientName: client.clientName };
  }

  async *list(): AsyncIterable<RegisteredClient> {
    for (const [clientId, c] of this.clients) yield { clientId, clientName: c.clientName };
  }

  async remove(clientId: string): Promise<void> {
    this.clients.delete(clientId);
  }
}
