import type { FrontDoorConfig } from './core/config.ts';
import type { OidcUpstreamOptions } from './upstream/oidc-upstream.ts';

/**
 * The deployed front door's settings, from the function's environment (what the infrastructure module
 * sets). Required: FRONT_DOOR_ISSUER, FRONT_DOOR_RESOURCE, FRONT_DOOR_SCOPES, FRONT_DOOR_TABLE,
 * UPSTREAM_ISSUER, UPSTREAM_CLIENT_ID, UPSTREAM_CLIENT_SECRET. The rest are optional (see README).
 */
export interface DeployedSettings {
  frontDoor: FrontDoorConfig;
  upstream: Omit<OidcUpstreamOptions, 'redirectUri'>;
  tableName: string;
}

export const ENV_VARIABLES = {
  FRONT_DOOR_ISSUER: 'Public origin of the MCP server (the issuer), e.g. https://mcp.example.com',
  FRONT_DOOR_RESOURCE: 'The MCP URL exactly as clients are given it, e.g. https://mcp.example.com/mcp',
  FRONT_DOOR_SCOPES: 'Space-separated scopes offered, as the upstream names them',
  FRONT_DOOR_TABLE: 'DynamoDB table (pk string key, TTL on ttl)',
  UPSTREAM_ISSUER: 'The upstream issuer, e.g. https://cognito-idp.<region>.amazonaws.com/<pool id>',
  UPSTREAM_CLIENT_ID: "The front door's confidential app client at the upstream",
  UPSTREAM_CLIENT_SECRET: "That client's secret",
  UPSTREAM_REVOCATION_ENDPOINT: 'Optional; Cognito: https://<domain>/oauth2/revoke',
  FRONT_DOOR_SERVER_NAME: 'Optional; shown on the consent page',
  FRONT_DOOR_SCOPE_DESCRIPTIONS: 'Optional JSON object: scope -> description shown on the consent page',
  FRONT_DOOR_REDIRECT_HOSTS: 'Optional; extra https redirect hosts, space-separated',
  FRONT_DOOR_PRIVATE_REDIRECT_URIS: 'Optional; extra exact private-use redirect URIs, space-separated',
  FRONT_DOOR_ALLOW_ANY_REDIRECT: 'Optional; "true" accepts any https or private-use redirect URI (unsafe)',
  FRONT_DOOR_REGISTRATION_TTL_SECONDS: 'Optional; idle lifetime of a registration (default 2592000)',
  FRONT_DOOR_MAX_REGISTRATIONS: 'Optional; new registrations per such window (default 10000)',
  FRONT_DOOR_CONSENT_TTL_SECONDS: 'Optional; how long an Allow is remembered (default 2592000; 0: always ask)',
  FRONT_DOOR_REFRESH_TTL_SECONDS: "Optional; lifetime of the front door's refresh tokens (default 2592000)",
  FRONT_DOOR_CIMD: 'Optional; "false" turns Client ID Metadata Documents off',
} as const;

type Env = Readonly<Record<string, string | undefined>>;

const list = (value: string | undefined) => (value ?? '').split(/\s+/).filter(Boolean);

function seconds(env: Env, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new TypeError(`${name} must be a whole number of seconds, got "${raw}"`);
  return value;
}

export function settingsFromEnv(env: Env): DeployedSettings {
  const required = ['FRONT_DOOR_ISSUER', 'FRONT_DOOR_RESOURCE', 'FRONT_DOOR_SCOPES', 'FRONT_DOOR_TABLE', 'UPSTREAM_ISSUER', 'UPSTREAM_CLIENT_ID', 'UPSTREAM_CLIENT_SECRET'] as const;
  const missing = required.filter((name) => !env[name]);
  if (missing.length) throw new TypeError(`The front door needs ${missing.join(', ')} in its environment`);
  let scopeDescriptions: Record<string, string> | undefined;
  if (env.FRONT_DOOR_SCOPE_DESCRIPTIONS) {
    try {
      scopeDescriptions = JSON.parse(env.FRONT_DOOR_SCOPE_DESCRIPTIONS) as Record<string, string>;
    } catch {
      throw new TypeError('FRONT_DOOR_SCOPE_DESCRIPTIONS must be a JSON object');
    }
  }
  const registrationTtl = seconds(env, 'FRONT_DOOR_REGISTRATION_TTL_SECONDS');
  const maxRegistrations = seconds(env, 'FRONT_DOOR_MAX_REGISTRATIONS');
  const consentTtl = seconds(env, 'FRONT_DOOR_CONSENT_TTL_SECONDS');
  const refreshTtl = seconds(env, 'FRONT_DOOR_REFRESH_TTL_SECONDS');
  return {
    tableName: env.FRONT_DOOR_TABLE!,
    upstream: {
      issuer: env.UPSTREAM_ISSUER!,
      clientId: env.UPSTREAM_CLIENT_ID!,
      clientSecret: env.UPSTREAM_CLIENT_SECRET!,
      ...(env.UPSTREAM_REVOCATION_ENDPOINT ? { revocationEndpoint: env.UPSTREAM_REVOCATION_ENDPOINT } : {}),
    },
    frontDoor: {
      issuer: env.FRONT_DOOR_ISSUER!,
      resource: env.FRONT_DOOR_RESOURCE!,
      scopes: list(env.FRONT_DOOR_SCOPES),
      ...(env.FRONT_DOOR_SERVER_NAME ? { serverName: env.FRONT_DOOR_SERVER_NAME } : {}),
      ...(scopeDescriptions ? { scopeDescriptions } : {}),
      redirects: {
        httpsHosts: list(env.FRONT_DOOR_REDIRECT_HOSTS),
        privateUris: list(env.FRONT_DOOR_PRIVATE_REDIRECT_URIS),
        allowAny: env.FRONT_DOOR_ALLOW_ANY_REDIRECT === 'true',
      },
      registration: {
        ...(registrationTtl !== undefined ? { idleTtlSeconds: registrationTtl } : {}),
        ...(maxRegistrations !== undefined ? { maxPerWindow: maxRegistrations } : {}),
      },
      ...(consentTtl !== undefined ? { consentTtlSeconds: consentTtl } : {}),
      ...(refreshTtl !== undefined ? { refreshTtlSeconds: refreshTtl } : {}),
      cimd: { enabled: env.FRONT_DOOR_CIMD !== 'false' },
    },
  };
}
