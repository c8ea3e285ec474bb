import { describeServer } from '@serverless-mcp/handler-kit/manifest';
import { describe, expect, it } from 'vitest';
import { createUtilitiesServer } from '../src/server.ts';
import { connect, errorText, structured, testDependencies, textOf } from './connect.ts';

describe('utilities example', () => {
  it('offers four read-only tools, each with an output schema; user lookup has its own scope', async () => {
    const client = await connect();
    const { tools } = await client.listTools();
    expect(tools.map((t) => [t.name, t.annotations?.readOnlyHint, t.outputSchema?.type])).toEqual([
      ['get_weather', true, 'object'],
      ['calculate', true, 'object'],
      ['get_server_status', true, 'object'],
      ['lookup_user', true, 'object'],
    ]);
    const scopes = describeServer(createUtilitiesServer(testDependencies())).tools.map((t) => t.scopes);
    expect(scopes).toEqual([['utilities:read'], ['utilities:read'], ['utilities:read'], ['users:read']]);
  });
});

describe('get_weather', () => {
  it('returns the mock weather for a known city, the same on every call', async () => {
    const client = await connect();
    const first = await client.callTool({ name: 'get_weather', arguments: { city: 'London' } });
    expect(structured(first)).toEqual({
      city: 'London', country: 'GB', condition: 'rain', temperatureC: 9.5, temperatureF: 49.1, humidityPercent: 90, windKph: 22,
    });
    const again = await client.callTool({ name: 'get_weather', arguments: { city: 'London' } });
    expect(structured(again)).toEqual(structured(first));
  });

  it('matches city names regardless of case and spacing', async () => {
    const client = await connect();
    const result = await client.callTool({ name: 'get_weather', arguments: { city: '  new   YORK ' } });
    expect(structured(result)).toMatchObject({ city: 'New York', temperatureC: 12, temperatureF: 53.6 });
  });

  it('names the cities it knows when asked about another', async () => {
    const client = await connect();
    const text = errorText(await client.callTool({ name: 'get_weather', arguments: { city: 'Atlantis' } }));
    expect(text).toBe('No weather data for "Atlantis". Cities with data: Berlin, Kyiv, London, New York, Sydney, Tokyo.');
  });

  it('rejects an empty city as invalid arguments', async () => {
    const client = await connect();
    expect(errorText(await client.callTool({ name: 'get_weather', arguments: { city: '   ' } }))).toMatch(/^Invalid arguments for tool "get_weather": city: /);
  });
});

describe('lookup_user', () => {
  it('returns the user with that id', async () => {
    const client = await connect();
    const result = await client.callTool({ name: 'lookup_user', arguments: { id: 'u-1002' } });
    expect(structured(result)).toEqual({ id: 'u-1002', name: 'Grace Hopper', email: 'grace@example.com', role: 'member', department: 'Engineering' });
  });

  it('names the unknown id in its error', async () => {
    const client = await connect();
    const text = errorText(await client.callTool({ name: 'lookup_user', arguments: { id: 'u-9999' } }));
    expect(text).toBe('No user has id "u-9999". Check the id with the user; ids look like u-1001.');
  });

  it('rejects a missing id as invalid arguments', async () => {
    const client = await connect();
    expect(errorText(await client.callTool({ name: 'lookup_user', arguments: {} }))).toMatch(/^Invalid arguments for tool "lookup_user": id: /);
  });
});

describe('get_server_status', () => {
  it('reports ok with the injected clock\'s time, the region, the version and whole seconds of uptime', async () => {
    const client = await connect();
    const result = await client.callTool({ name: 'get_server_status', arguments: {} });
    expect(structured(result)).toEqual({
      status: 'ok', server: 'utilities', version: '1.0.0', timestamp: '2026-11-21T10:01:30.500Z', region: 'eu-west-1', uptimeSeconds: 90,
    });
    expect(JSON.parse(textOf(result))).toEqual(structured(result));
  });

  it('reports "local" off AWS', async () => {
    const client = await connect({ region: 'local' });
    expect(structured(await client.callTool({ name: 'get_server_status', arguments: {} })).region).toBe('local');
  });
});
