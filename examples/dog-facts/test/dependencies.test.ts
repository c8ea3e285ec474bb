import { describe, expect, it } from 'vitest';
import { deploy } from '../deploy.ts';
import { createDependencies, DEFAULT_DOG_FACTS_API_URL, DEFAULT_TIMEOUT_MS } from '../src/dependencies.ts';
import { factsUrl } from '../src/dog-facts-client.ts';

describe('dog facts configuration', () => {
  it('uses the public API and a 5 s timeout when nothing is set', () => {
    const deps = createDependencies({});
    expect([deps.baseUrl, deps.timeoutMs]).toEqual([DEFAULT_DOG_FACTS_API_URL, DEFAULT_TIMEOUT_MS]);
    expect(factsUrl(deps.baseUrl, 5).href).toBe('https://dogapi.dog/api/v2/facts?limit=5');
  });

  it('takes the base URL and timeout from DOG_FACTS_API_URL and DOG_FACTS_TIMEOUT_MS', () => {
    const deps = createDependencies({ DOG_FACTS_API_URL: 'http://localhost:8080/mirror/', DOG_FACTS_TIMEOUT_MS: '2500' });
    expect(factsUrl(deps.baseUrl, 3).href).toBe('http://localhost:8080/mirror/facts?limit=3');
    expect(deps.timeoutMs).toBe(2500);
  });

  it('refuses a bad URL or timeout at start-up, naming the variable', () => {
    expect(() => createDependencies({ DOG_FACTS_API_URL: 'dogapi.dog' })).toThrow(/DOG_FACTS_API_URL/);
    expect(() => createDependencies({ DOG_FACTS_API_URL: 'ftp://dogapi.dog' })).toThrow(/DOG_FACTS_API_URL/);
    expect(() => createDependencies({ DOG_FACTS_TIMEOUT_MS: 'soon' })).toThrow(/DOG_FACTS_TIMEOUT_MS/);
    expect(() => createDependencies({ DOG_FACTS_TIMEOUT_MS: '60000' })).toThrow(/DOG_FACTS_TIMEOUT_MS/);
  });

  it('deploys behind Cognito, passing the optional API settings through', () => {
    expect(deploy.authMode).toBe('cognito');
    expect(deploy.passEnvironment?.map((v) => [v.name, v.required ?? false])).toEqual([
      ['DOG_FACTS_API_URL', false],
      ['DOG_FACTS_TIMEOUT_MS', false],
    ]);
  });
});
