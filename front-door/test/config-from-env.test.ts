import { describe, expect, it } from 'vitest';
import { ENV_VARIABLES, settingsFromEnv } from '../src/config-from-env.ts';
import { buildFrontDoor } from '../src/entries/lambda-handler.ts';

const ENV = {
  FRONT_DOOR_ISSUER: 'https://mcp.example.com',
  FRONT_DOOR_RESOURCE: 'https://mcp.example.com/mcp',
  FRONT_DOOR_SCOPES: 'https://mcp.example.com/tasks:read https://mcp.example.com/tasks:write',
  FRONT_DOOR_TABLE: 'mcp-front-door',
  UPSTREAM_ISSUER: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC',
  UPSTREAM_CLIENT_ID: 'abc',
  UPSTREAM_CLIENT_SECRET: 'shh',
};

describe('settings from the environment (what the module sets)', () => {
  it('reads the required and optional variables', () => {
    const s = settingsFromEnv({ ...ENV, FRONT_DOOR_REDIRECT_HOSTS: 'app.example.org  other.example.org', FRONT_DOOR_CONSENT_TTL_SECONDS: '0', FRONT_DOOR_CIMD: 'false', FRONT_DOOR_SCOPE_DESCRIPTIONS: '{"x":"y"}' });
    expect(s.tableName).toBe('mcp-front-door');
    expect(s.frontDoor.scopes).toHaveLength(2);
    expect(s.frontDoor.redirects?.httpsHosts).toEqual(['app.example.org', 'other.example.org']);
    expect(s.frontDoor.consentTtlSeconds).toBe(0);
    expect(s.frontDoor.cimd?.enabled).toBe(false);
    expect(s.upstream).toEqual({ issuer: ENV.UPSTREAM_ISSUER, clientId: 'abc', clientSecret: 'shh' });
  });

  it('names every missing variable, and refuses malformed numbers', () => {
    expect(() => settingsFromEnv({})).toThrow(/FRONT_DOOR_ISSUER, FRONT_DOOR_RESOURCE, FRONT_DOOR_SCOPES, FRONT_DOOR_TABLE, UPSTREAM_ISSUER, UPSTREAM_CLIENT_ID, UPSTREAM_CLIENT_SECRET/);
    expect(() => settingsFromEnv({ ...ENV, FRONT_DOOR_MAX_REGISTRATIONS: 'lots' })).toThrow(/whole number/);
  });

  it('documents every variable it reads', () => {
    const source = settingsFromEnv.toString();
    for (const name of source.match(/[A-Z_]{6,}/g) ?? []) if (name.startsWith('FRONT_DOOR') || name.startsWith('UPSTREAM')) expect(ENV_VARIABLES).toHaveProperty(name);
  });

  it('builds the deployable front door from them (no network until a request needs the upstream)', async () => {
    const frontDoor = buildFrontDoor(ENV);
    const meta = await frontDoor.handle({ method: 'GET', url: '/.well-known/oauth-protected-resource/mcp', headers: {}, body: '' });
    expect(JSON.parse(meta.body).resource).toBe('https://mcp.example.com/mcp');
  });
});

describe('front-door/README.md', () => {
  it('documents every environment variable the deployed front door reads', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const name of Object.keys(ENV_VARIABLES)) expect(readme).toContain(`\`${name}\``);
  });
});
