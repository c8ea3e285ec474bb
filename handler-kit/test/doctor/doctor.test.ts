import { createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runDoctor, type CheckResult, type ClientId, type DoctorReport } from '../../src/doctor/index.ts';
import { renderReport } from '../../src/doctor/render.ts';
import { API_KEY, CIMD_CLIENT, startApiKeyFixture, startFixture, TOKEN, type Defect, type Fixture } from './fixtures.ts';

let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

async function doctor(defect?: Defect, options: { token?: string; register?: boolean } = { token: TOKEN }): Promise<DoctorReport> {
  fixture = await startFixture(defect);
  return runDoctor({ url: fixture.url, ...options, timeoutMs: 5_000, cimdClientId: CIMD_CLIENT.clientId, cimdRedirect: CIMD_CLIENT.redirect });
}

/** A loopback port nothing listens on (just released). */
const closedPort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
const failures = (report: DoctorReport): CheckResult[] => report.results.filter((r) => r.status === 'fail');
const row = (report: DoctorReport, group: string, name: string) => report.results.find((r) => r.group === group && r.name === name);

describe('doctor against a healthy kit server and authorization server', () => {
  it('passes every check, with the token calling a read-only tool, and prints every reachable client\'s configuration', async () => {
    const report = await doctor();
    expect(failures(report)).toEqual([]);
    expect(report.failed).toBe(false);
    expect(report.mode).toBe('oauth');
    expect(row(report, 'tls', 'certificate')).toMatchObject({ status: 'skip', detail: 'skipped: not https (a loopback URL)' });
    expect(row(report, 'endpoint', 'POST without credentials: challenge')?.detail).toContain(`resource_metadata="${fixture!.origin}/.well-known/oauth-protected-resource/mcp"`);
    expect(row(report, 'endpoint', 'POST without credentials: scope')?.detail).toBe('scope="status:read status:write"');
    expect(row(report, 'resource-metadata', 'root: resource')?.status).toBe('pass');
    expect(row(report, 'authorization-server', 'PKCE')?.status).toBe('pass');
    // Seven registrations, each with its client's redirect URIs, all named as the doctor's; the hostile one refused.
    const names = [...fixture!.registrations.values()].map((r) => r.client_name);
    expect(names).toHaveLength(7);
    expect(names.every((n) => typeof n === 'string' && n.startsWith('serverless-mcp doctor (as '))).toBe(true);
    expect([...fixture!.registrations.values()].find((r) => String(r.client_name).includes('Cursor'))?.redirect_uris).toEqual([
      'cursor://anysphere.cursor-mcp/oauth/callback',
      'https://www.cursor.com/agents/mcp/oauth/callback',
      'http://localhost:8787/callback',
    ]);
    expect(row(report, 'registration', 'hostile redirect')).toMatchObject({ status: 'pass' });
    expect(row(report, 'registration', 'hostile redirect')?.detail).toContain('invalid_redirect_uri');
    for (const client of ['Claude Code', 'claude.ai', 'ChatGPT', 'Cursor', 'VS Code', 'Codex CLI', 'Gemini CLI']) {
      expect(row(report, 'authorize', client)?.detail).toMatch(/^reached the sign-in page \(http:\/\/127\.0\.0\.1:\d+\/login, after 1 redirect\)$/);
    }
    expect(row(report, 'authorize', 'CIMD (VS Code\'s document)')?.detail).toMatch(/^reached the sign-in page/);
    expect(row(report, 'mcp', 'tools/call get_status')?.detail).toBe('answered: service doctor is up');
    expect(row(report, 'mcp', 'tools/list (2026-07-28)')?.detail).toBe('2 tools');
    expect(row(report, 'server-card', 'at the endpoint')?.detail).toBe(`${fixture!.url}/server-card: com.example/doctor-fixture 1.0.0, remote ${fixture!.url}`);
    expect(row(report, 'server-card', 'well-known')).toMatchObject({ status: 'pass', detail: expect.stringMatching(/\/\.well-known\/mcp\/server-card\.json: /) });
    // Loopback: the hosted clients cannot reach it; every other client gets its line.
    expect(report.outOfReach).toEqual(['claude-ai', 'chatgpt']);
    expect(report.passing).toEqual(['claude-code', 'cursor', 'vscode', 'codex', 'gemini-cli']);
    const text = renderReport(report);
    expect(text).toContain(`claude mcp add --transport http doctor-fixture ${fixture!.url}`);
    expect(text).toContain(JSON.stringify({ servers: { 'doctor-fixture': { type: 'http', url: fixture!.url } } }));
    expect(text).toContain('doctor: no check that matters failed');
  });

  it('without a token skips the MCP calls and says how to run them; --no-register skips registration and authorize', async () => {
    const report = await doctor(undefined, { register: false });
    expect(failures(report)).toEqual([]);
    expect(row(report, 'mcp', 'calls')?.detail).toMatch(/give TOKEN=/);
    expect(row(report, 'registration', 'registration')?.detail).toBe('skipped: --no-register');
    expect(row(report, 'authorize', 'authorize')?.detail).toBe('skipped: --no-register (no client registered to authorize)');
    expect(fixture!.registrations.size).toBe(0);
    expect(renderReport(report)).toContain('(MCP calls were not checked: give TOKEN=');
  });

  it('reports a refused token as the reason every MCP call fails', async () => {
    const report = await doctor(undefined, { token: 'expired', register: false });
    expect(row(report, 'mcp', 'server/discover (2026-07-28)')).toMatchObject({ status: 'fail', detail: '401: the credentials were refused' });
    expect(report.failed).toBe(true);
  });
});

describe('doctor against servers broken on purpose, one defect each', () => {
  const cases: { defect: Defect; group: string; name: string; detail: RegExp; stops: ClientId[] | 'all' | 'none' }[] = [
    { defect: 'remapped-header', group: 'endpoint', name: 'POST without credentials: challenge', detail: /x-amzn-Remapped-WWW-Authenticate, not WWW-Authenticate/, stops: 'all' },
    { defect: 'no-resource-metadata', group: 'endpoint', name: 'POST without credentials: resource_metadata', detail: /names no resource_metadata \(Bearer scope="status:read status:write"\)/, stops: 'all' },
    { defect: 'wrong-resource', group: 'resource-metadata', name: 'path-inserted: resource', detail: /"https:\/\/mcp\.example\.com\/mcp" is not the URL given/, stops: 'all' },
    { defect: 'resource-prefix', group: 'resource-metadata', name: 'path-inserted: resource', detail: /is not the URL given, ".*\/mcp" \(a prefix: the SDK clients accept it, Gemini CLI compares exactly\)/, stops: ['gemini-cli'] },
    { defect: 'issuer-mismatch', group: 'authorization-server', name: 'issuer', detail: /issuer is "https:\/\/cognito-idp\.eu-west-1\.amazonaws\.com\/eu-west-1_Example", but the metadata was found for "http:\/\/127\.0\.0\.1:\d+"/, stops: 'all' },
    { defect: 'no-s256', group: 'authorization-server', name: 'PKCE', detail: /code_challenge_methods_supported is absent/, stops: 'all' },
    { defect: 'refuses-cursor', group: 'registration', name: 'Cursor', detail: /refused cursor:\/\/anysphere\.cursor-mcp\/oauth\/callback .*: 400 invalid_redirect_uri: redirect_uri cursor:\/\/anysphere\.cursor-mcp\/oauth\/callback is not allowed/, stops: ['cursor'] },
    { defect: 'accepts-hostile', group: 'registration', name: 'hostile redirect', detail: /answered 201 to a registration redirecting to https:\/\/attacker\.example\/callback/, stops: 'none' },
    { defect: 'staged-endpoints', group: 'authorization-server', name: 'stage path', detail: /authorization_endpoint http:\/\/127\.0\.0\.1:\d+\/prod\/authorize, token_endpoint .* carries an API Gateway stage path/, stops: 'all' },
    { defect: 'cimd-unfetchable', group: 'authorize', name: 'CIMD (VS Code\'s document)', detail: /^answered 400: invalid_client: the client metadata document could not be fetched$/, stops: ['claude-ai', 'vscode', 'codex', 'claude-code'] },
    { defect: 'no-iss', group: 'authorization-server', name: 'iss parameter', detail: /Gemini CLI refuses every authorization response without iss/, stops: ['gemini-cli'] },
  ];
  for (const c of cases) {
    it(`${c.defect}: ${c.group}: ${c.name} fails with its reason and a hint, and the run fails`, async () => {
      const report = await doctor(c.defect);
      const failed = row(report, c.group, c.name);
      expect(failed?.status).toBe('fail');
      expect(failed?.detail).toMatch(c.detail);
      expect(failed?.hint).toBeTruthy();
      expect(report.failed).toBe(true);
      if (c.stops === 'all') expect(report.passing).toEqual([]);
      else if (c.stops === 'none') expect(failed?.security).toBe(true);
      else for (const client of c.stops) expect(report.passing).not.toContain(client);
      if (Array.isArray(c.stops)) expect(report.passing.length).toBe(5 - c.stops.filter((s) => !report.outOfReach.includes(s)).length);
      // Nothing else broke: the defect is the only failure of its kind.
      expect(failures(report).map((r) => `${r.group}: ${r.name}`)).toContain(`${c.group}: ${c.name}`);
      expect(renderReport(report)).toContain('doctor: FAILED');
    });
  }
});

describe('doctor: its registrations', () => {
  it('are deleted where the server offers RFC 7592 management, and said to be left to expire where not', async () => {
    const managed = await doctor('manages-registrations', {});
    expect(failures(managed)).toEqual([]);
    expect(managed.results.filter((r) => r.group === 'authorize').every((r) => r.status === 'pass')).toBe(true);
    expect(row(managed, 'registration', 'cleanup')).toMatchObject({ status: 'pass', detail: 'the 7 registrations deleted (RFC 7592)' });
    expect(fixture!.registrations.size).toBe(0);
    await fixture!.close();
    const plain = await doctor(undefined, {});
    expect(row(plain, 'registration', 'cleanup')).toMatchObject({ status: 'skip', detail: expect.stringMatching(/^7 of the 7 registrations .* left to expire/) });
    expect(fixture!.registrations.size).toBe(7);
  });
});

describe('doctor: a registration rate limit', () => {
  it('a 429 is waited out as Retry-After says and tried again: every registration still checked', async () => {
    const report = await doctor('throttled-register');
    expect(failures(report)).toEqual([]);
    expect(report.results.filter((r) => r.group === 'registration' && r.name !== 'cleanup').map((r) => r.status)).toEqual(Array(8).fill('pass'));
    expect(fixture!.registrations.size).toBe(7);
  });
});

describe('doctor: the server card (registries read it; no client needs it, so it never fails the run)', () => {
  it('a card naming another URL is a warning with the URL it names', async () => {
    const report = await doctor('card-wrong-remote', { register: false });
    const card = report.results.filter((r) => r.group === 'server-card');
    expect(card.map((r) => r.status)).toEqual(['warn', 'warn']);
    expect(card[0]!.detail).toBe(`the card at ${fixture!.url}/server-card: remotes name https://abc123.execute-api.eu-west-1.amazonaws.com/prod/mcp, not "${fixture!.url}" (streamable-http)`);
    expect(report.failed).toBe(false);
  });

  it('a card behind the API key gate is a warning at both locations', async () => {
    fixture = await startApiKeyFixture();
    const report = await runDoctor({ url: fixture.url, apiKey: API_KEY });
    expect(report.results.filter((r) => r.group === 'server-card').map((r) => `${r.status} ${r.detail}`)).toEqual([
      `warn ${fixture.url}/server-card answered 403: the card is behind auth, so registries cannot read it`,
      `warn ${fixture.origin}/.well-known/mcp/server-card.json answered 403: the card is behind auth, so registries cannot read it`,
    ]);
    expect(report.failed).toBe(false);
  });
});

describe('doctor against an api_key server and an unreachable one', () => {
  it('with API_KEY: the OAuth checks do not apply, the MCP calls pass, and only clients that send headers get a line', async () => {
    fixture = await startApiKeyFixture();
    const report = await runDoctor({ url: fixture.url, apiKey: API_KEY });
    expect(failures(report)).toEqual([]);
    expect(report.mode).toBe('api_key');
    expect(row(report, 'endpoint', 'POST without credentials')?.detail).toBe('403 without the API key');
    expect(row(report, 'resource-metadata', 'metadata')?.detail).toBe('skipped: an api_key server');
    expect(row(report, 'mcp', 'tools/call get_time')?.detail).toBe('answered: noon');
    const text = renderReport(report);
    expect(text).toContain(`claude mcp add --transport http utilities ${fixture.url} --header "X-Api-Key: <api key>"`);
    expect(text).not.toContain(API_KEY);
  });

  it('without API_KEY: the 403 is a failure whose hint says to give it', async () => {
    fixture = await startApiKeyFixture();
    const report = await runDoctor({ url: fixture.url });
    expect(row(report, 'endpoint', 'POST without credentials')).toMatchObject({ status: 'fail', detail: 'answered 403 with no challenge, not 401 with WWW-Authenticate' });
    expect(row(report, 'endpoint', 'POST without credentials')?.hint).toMatch(/give API_KEY=/);
    expect(report.failed).toBe(true);
  });

  it('an endpoint nobody answers on: one failure saying so, nothing else tried', async () => {
    const port = await closedPort();
    const report = await runDoctor({ url: `http://127.0.0.1:${port}/mcp`, timeoutMs: 2_000 });
    expect(report.results.filter((r) => r.status !== 'skip')).toEqual([expect.objectContaining({ group: 'endpoint', name: 'reachable', status: 'fail', detail: `POST http://127.0.0.1:${port}/mcp: ECONNREFUSED` })]);
    expect(report.failed).toBe(true);
    expect(report.passing).toEqual([]);
  });
});
