import { describe, expect, it } from 'vitest';
import { createFrontDoor, MemoryStore } from '../../src/index.ts';
import { FakeUpstream, harness, ISSUER, RESOURCE } from '../helpers/harness.ts';

const json = (res: { body: string }) => JSON.parse(res.body) as Record<string, unknown>;

describe('discovery documents', () => {
  it('RFC 8414 metadata: issuer is the configured origin, every endpoint and capability clients check', async () => {
    const { call } = harness();
    const res = await call('GET', '/.well-known/oauth-authorization-server', '', { host: 'attacker.example' });
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(json(res)).toEqual({
      issuer: ISSUER,
      authorization_endpoint: `${ISSUER}/authorize`,
      token_endpoint: `${ISSUER}/token`,
      registration_endpoint: `${ISSUER}/register`,
      revocation_endpoint: `${ISSUER}/revoke`,
      scopes_supported: ['tasks:read', 'tasks:write'],
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['none'],
      revocation_endpoint_auth_methods_supported: ['none'],
      authorization_response_iss_parameter_supported: true,
      client_id_metadata_document_supported: true,
    });
  });

  it('RFC 9728 metadata at the path-suffixed and root URLs: resource is exactly the MCP URL', async () => {
    const { call } = harness();
    for (const path of ['/.well-known/oauth-protected-resource/mcp', '/.well-known/oauth-protected-resource']) {
      const body = json(await call('GET', path));
      expect(body.resource).toBe(RESOURCE);
      expect(body.authorization_servers).toEqual([ISSUER]);
      expect(body.scopes_supported).toEqual(['tasks:read', 'tasks:write']);
    }
  });

  it('serves no OpenID Connect document (its issuer could not match the ID tokens\')', async () => {
    const { call, frontDoor } = harness();
    expect(frontDoor.matches('/.well-known/openid-configuration')).toBe(false);
    expect((await call('GET', '/.well-known/openid-configuration')).status).toBe(404);
  });

  it('an issuer with a path (a staged gateway URL) gets the path-inserted form, endpoints under the path', async () => {
    const frontDoor = createFrontDoor(
      { issuer: 'https://abc.execute-api.eu-west-1.amazonaws.com/prod', resource: 'https://abc.execute-api.eu-west-1.amazonaws.com/prod/mcp', scopes: ['s'] },
      { store: new MemoryStore(), upstream: new FakeUpstream() },
    );
    const res = await frontDoor.handle({ method: 'GET', url: '/.well-known/oauth-authorization-server/prod', headers: {}, body: '' });
    expect(json(res).issuer).toBe('https://abc.execute-api.eu-west-1.amazonaws.com/prod');
    expect(json(res).token_endpoint).toBe('https://abc.execute-api.eu-west-1.amazonaws.com/prod/token');
    expect(frontDoor.matches('/prod/token')).toBe(true);
    expect(frontDoor.matches('/.well-known/oauth-protected-resource/prod/mcp')).toBe(true);
  });

  it('refuses an insecure configuration: an http issuer off loopback', () => {
    expect(() => createFrontDoor({ issuer: 'http://mcp.example.com', resource: 'http://mcp.example.com/mcp', scopes: ['s'] }, { store: new MemoryStore(), upstream: new FakeUpstream() })).toThrow(/https/);
  });

  it('answers preflights and wrong methods', async () => {
    const { call } = harness();
    expect((await call('OPTIONS', '/token')).status).toBe(204);
    expect((await call('GET', '/token')).status).toBe(405);
    expect((await call('POST', '/.well-known/oauth-authorization-server')).status).toBe(405);
  });
});
