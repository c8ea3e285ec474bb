import type { AuthMode, RegistrationProfile } from './clients.ts';
import type { Challenge, HttpOptions } from './http.ts';

export interface DoctorOptions {
  /** The MCP endpoint exactly as clients will be given it, e.g. https://mcp.example.com/mcp */
  url: string;
  /** A bearer token for the authenticated checks (server/discover, initialize, tools/list, a read-only call). */
  token?: string | undefined;
  /** The API key of an `api_key` server, sent as X-Api-Key. */
  apiKey?: string | undefined;
  /** Make test registrations (default true); false skips registration and authorize. */
  register?: boolean | undefined;
  /** Per request, in ms (default 10 s). */
  timeoutMs?: number | undefined;
  /** Extra trusted certificates for the TLS check (PEM); Node's NODE_EXTRA_CA_CERTS works too. */
  ca?: string | undefined;
  /** The https client_id the CIMD authorize uses (default VS Code's document), and its redirect URI. */
  cimdClientId?: string | undefined;
  cimdRedirect?: string | undefined;
  /** The Origin sent in the CORS preflight (default http://localhost:6274, MCP Inspector's page). */
  origin?: string | undefined;
}

export interface Registered {
  profile: RegistrationProfile;
  clientId: string;
}

/** A registration the server lets its maker delete (RFC 7592). */
export interface Cleanup {
  clientId: string;
  uri: string;
  token: string;
}

/** What one check learns and a later one needs: the challenge, the metadata, the clients registered. */
export interface DoctorContext {
  url: string;
  target: URL;
  options: DoctorOptions;
  http: HttpOptions;
  mode: AuthMode;
  /** Credentials that reach the MCP endpoint, when the doctor has any (or none are needed). */
  credentials?: Record<string, string> | undefined;
  challenge?: Challenge | undefined;
  resourceMetadata?: Record<string, unknown> | undefined;
  authorizationServer?: Record<string, unknown> | undefined;
  registered: Registered[];
  /** Registrations to delete once authorize has used them. */
  cleanup: Cleanup[];
  serverName?: string | undefined;
}
