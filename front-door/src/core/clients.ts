import type { Store } from '../ports/store.ts';
import type { CimdResolver } from './cimd.ts';
import type { ResolvedConfig } from './config.ts';

/** A client as the front door knows it, however it arrived (registration or metadata document). */
export interface Client {
  clientId: string;
  clientName?: string;
  redirectUris: string[];
  /** `dcr`: the name is the client's own claim; `cimd`: fetched from the https URL that is its id. */
  kind: 'dcr' | 'cimd';
  /** Scopes the client registered (a hint; authorization requests decide). */
  scope?: string;
}

/** A registration as stored (item `client#<id>`). */
export interface RegisteredClient {
  client_id: string;
  client_id_issued_at: number;
  client_name?: string;
  redirect_uris: string[];
  grant_types: string[];
  scope?: string;
  client_uri?: string;
  logo_uri?: string;
  software_id?: string;
  software_version?: string;
  application_type?: string;
}

export const clientKey = (clientId: string): string => `client#${clientId}`;

/** How often an idle registration's expiry is pushed back (one write per client per day at most). */
const TOUCH_INTERVAL_MS = 86_400_000;

export interface ClientDirectory {
  /** The client, or a reason it is unknown (a message for the error page; never internals). */
  find(clientId: string): Promise<Client | { error: string }>;
  /** Pushes back an active registration's idle expiry. */
  touch(clientId: string): Promise<void>;
}

/** A registration with its idle expiry, as the store holds it. */
export interface StoredClient extends RegisteredClient {
  expires_at: number;
}

export function clientDirectory(store: Store, cimd: CimdResolver, config: ResolvedConfig, now: () => number): ClientDirectory {
  return {
    async find(clientId) {
      if (clientId.startsWith('https://') || clientId.startsWith('http://')) {
        if (!config.cimdEnabled) return { error: 'This server does not accept client metadata documents.' };
        return cimd.resolve(clientId);
      }
      const stored = await store.get<StoredClient>(clientKey(clientId));
      if (!stored) return { error: 'The application is not registered with this server (or its registration expired).' };
      return {
        clientId,
        kind: 'dcr',
        redirectUris: stored.redirect_uris,
        ...(stored.client_name ? { clientName: stored.client_name } : {}),
        ...(stored.scope ? { scope: stored.scope } : {}),
      };
    },
    async touch(clientId) {
      if (clientId.includes('://')) return;
      const stored = await store.get<StoredClient>(clientKey(clientId));
      if (!stored) return;
      const expiresAt = now() + config.registrationTtlMs;
      if (expiresAt - stored.expires_at < TOUCH_INTERVAL_MS) return;
      await store.put(clientKey(clientId), { ...stored, expires_at: expiresAt }, expiresAt);
    },
  };
}
