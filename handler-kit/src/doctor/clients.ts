/**
 * The clients the doctor speaks for, what each registers (from ../shared/reference/clients.md: the
 * redirect URIs, grant and auth method each really sends), and the configuration line a user pastes
 * into each once its checks pass. The registrations the doctor makes carry its own client_name.
 */
import { randomBytes, randomInt } from 'node:crypto';

export const ALL_CLIENTS = ['claude-code', 'claude-ai', 'chatgpt', 'cursor', 'vscode', 'codex', 'gemini-cli'] as const;
export type ClientId = (typeof ALL_CLIENTS)[number];

export const CLIENT_NAMES: Record<ClientId, string> = {
  'claude-code': 'Claude Code',
  'claude-ai': 'claude.ai',
  chatgpt: 'ChatGPT',
  cursor: 'Cursor',
  vscode: 'VS Code',
  codex: 'Codex CLI',
  'gemini-cli': 'Gemini CLI',
};

/** Clients that register only by RFC 7591 dynamic registration: no registration endpoint, no connection. */
export const DCR_ONLY: readonly ClientId[] = ['cursor', 'gemini-cli'];
/** Clients that reach the server from their vendor's servers: a loopback URL is out of their reach. */
export const HOSTED: readonly ClientId[] = ['claude-ai', 'chatgpt'];
/** Clients speaking 2026-07-28 (server/discover, `_meta`), and those starting with `initialize`. */
export const MODERN: readonly ClientId[] = ['claude-code', 'claude-ai'];
export const LEGACY: readonly ClientId[] = ['cursor', 'vscode', 'codex', 'gemini-cli', 'chatgpt'];
/** The protocol versions the doctor speaks as those clients do. */
export const MODERN_VERSION = '2026-07-28';
export const LEGACY_VERSION = '2025-06-18';
/** A 2026-07-28 request's `_meta`: the version and capabilities every request carries on that wire. */
export const MODERN_META = { 'io.modelcontextprotocol/protocolVersion': MODERN_VERSION, 'io.modelcontextprotocol/clientCapabilities': {} } as const;

/** Clients that use CIMD whenever the metadata advertises it (clients.md). */
export const CIMD_CLIENTS: readonly ClientId[] = ['claude-ai', 'vscode', 'codex', 'claude-code'];
/** VS Code's published client id document and the loopback redirect it lists. */
export const VSCODE_CIMD = { clientId: 'https://vscode.dev/oauth/client-metadata.json', redirect: 'http://127.0.0.1:33418/' } as const;

export interface RegistrationProfile {
  client: ClientId;
  body: Record<string, unknown>;
  /** The redirect URI the client then sends to /authorize (VS Code falls back to an unregistered port). */
  authorizeRedirect: string;
}

const loopbackPort = () => randomInt(49152, 65535);
const token = () => randomBytes(6).toString('hex');
const NAME = 'serverless-mcp doctor';

function profile(client: ClientId, redirects: string[], extra: Record<string, unknown> = {}, authorizeRedirect = redirects[0]!): RegistrationProfile {
  return {
    client,
    authorizeRedirect,
    body: {
      client_name: `${NAME} (as ${CLIENT_NAMES[client]})`,
      redirect_uris: redirects,
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      ...extra,
    },
  };
}

/** One registration body per client, with fresh random ports and paths where the real client picks them. */
export function registrationProfiles(): RegistrationProfile[] {
  const codexPort = loopbackPort();
  return [
    profile('claude-ai', ['https://claude.ai/api/mcp/auth_callback']),
    profile('claude-code', [`http://localhost:${loopbackPort()}/callback`]),
    profile('chatgpt', [`https://chatgpt.com/connector/oauth/${token()}`, 'https://chatgpt.com/connector_platform_oauth_redirect']),
    profile('cursor', ['cursor://anysphere.cursor-mcp/oauth/callback', 'https://www.cursor.com/agents/mcp/oauth/callback', 'http://localhost:8787/callback']),
    profile(
      'vscode',
      ['https://vscode.dev/redirect', 'https://insiders.vscode.dev/redirect', 'http://127.0.0.1/', 'http://127.0.0.1:33418/'],
      {},
      `http://127.0.0.1:${loopbackPort()}/`,
    ),
    profile('codex', [`http://127.0.0.1:${codexPort}/callback/${token()}`], { application_type: 'native' }),
    profile('gemini-cli', ['http://localhost:7777/oauth/callback']),
  ];
}

/** A registration an authorization server must refuse: an https redirect to a host nobody listed. */
export const hostileRegistration = (): Record<string, unknown> => ({
  client_name: `${NAME} (hostile redirect test)`,
  redirect_uris: ['https://attacker.example/callback'],
  grant_types: ['authorization_code'],
  response_types: ['code'],
  token_endpoint_auth_method: 'none',
});

export type AuthMode = 'oauth' | 'api_key' | 'none';

/** The line (or JSON) a user pastes into each client; undefined where the client cannot use this server. */
export function configurationFor(client: ClientId, name: string, url: string, mode: AuthMode): string | undefined {
  const key = mode === 'api_key';
  const headers = { 'X-Api-Key': '<api key>' };
  switch (client) {
    case 'claude-code':
      return `claude mcp add --transport http ${name} ${url}${key ? ' --header "X-Api-Key: <api key>"' : ''}`;
    case 'claude-ai':
      return key ? undefined : `Settings > Connectors > Add custom connector, URL ${url}`;
    case 'chatgpt':
      return key ? undefined : `Settings > Apps & Connectors > Create, connector URL ${url}`;
    case 'cursor':
      return JSON.stringify({ mcpServers: { [name]: { url, ...(key ? { headers } : {}) } } });
    case 'vscode':
      return JSON.stringify({ servers: { [name]: { type: 'http', url, ...(key ? { headers } : {}) } } });
    case 'codex':
      return key ? `[mcp_servers.${name}] url = "${url}", http_headers = { "X-Api-Key" = "<api key>" }  (~/.codex/config.toml)` : `codex mcp add ${name} --url ${url}`;
    case 'gemini-cli':
      return `gemini mcp add --transport http${key ? ' --header "X-Api-Key: <api key>"' : ''} ${name} ${url}`;
  }
}
