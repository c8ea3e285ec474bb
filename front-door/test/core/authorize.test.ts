import { describe, expect, it } from 'vitest';
import type { FrontDoorResponse } from '../../src/index.ts';
import { authorizeParams, harness, ISSUER, pkce, RESOURCE, type Harness } from '../helpers/harness.ts';

const LOOPBACK = 'http://127.0.0.1:50000/callback';

async function registered(h: Harness, redirect = LOOPBACK) {
  const { body } = await h.register({ client_name: 'Test app', redirect_uris: [redirect] });
  return String(body.client_id);
}

const locationOf = (res: { headers: Record<string, string> }) => new URL(res.headers.location!);

describe('GET /authorize → upstream → consent → the client', () => {
  it('sends the user to the upstream with its own PKCE and state, then shows the consent page, then redirects with code, state and iss', async () => {
    const h = harness();
    const clientId = await registered(h);
    const { challenge } = pkce();
    const first = await h.call('GET', h.authorizeUrl(authorizeParams(clientId, LOOPBACK, challenge)));
    expect(first.status).toBe(302);
    const upstream = locationOf(first);
    expect(upstream.origin).toBe('https://idp.test');
    // The client's state and challenge never go upstream: the front door has its own.
    expect(upstream.searchParams.get('state')).not.toBe('xyz');
    expect([...h.upstream.asked.values()][0]).toEqual(['openid', 'tasks:read', 'tasks:write']);

    const consent = await h.call('GET', `/callback?code=c&state=${upstream.searchParams.get('state')}`);
    expect(consent.status).toBe(200);
    expect(consent.body).toContain('<strong>Test app</strong> wants to use <strong>Tasks</strong> as ana');
    expect(consent.body).toContain('a program on this computer');
    expect(consent.body).toContain('This name was given by the application itself');
    expect(consent.body).toContain('value="tasks:read"');
    expect(consent.headers['x-frame-options']).toBe('DENY');
    expect(consent.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(consent.headers['set-cookie']).toMatch(/^__Host-fd_csrf_[\w-]{12}=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=600; Secure$/);

    const done = await h.answerConsent(consent, {});
    expect(done.status).toBe(302);
    const back = locationOf(done);
    expect(back.origin + back.pathname).toBe(LOOPBACK);
    expect(back.searchParams.get('code')).toMatch(/^[\w-]{43}$/);
    expect(back.searchParams.get('state')).toBe('xyz');
    expect(back.searchParams.get('iss')).toBe(ISSUER);
  });

  it('puts iss on every authorization response: success, denial, upstream failure, and request errors', async () => {
    // Nothing remembered, so the second sign-in shows the page again and can be denied.
    const h = harness({ consentTtlSeconds: 0 });
    const clientId = await registered(h);
    const { challenge } = pkce();
    const params = authorizeParams(clientId, LOOPBACK, challenge);
    const answers = [
      await h.authorizeThrough(params),
      await h.authorizeThrough(params, { action: 'deny' }),
      await h.call('GET', h.authorizeUrl({ ...params, response_type: 'token' })),
      await h.call('GET', h.authorizeUrl({ ...params, code_challenge_method: 'plain' })),
      await h.call('GET', h.authorizeUrl({ ...params, resource: 'https://other.example/mcp' })),
      await h.call('GET', h.authorizeUrl({ ...params, scope: 'admin' })),
    ];
    h.upstream.failNext = 'access_denied';
    answers.push(await h.authorizeThrough(params));
    const errors = answers.map((a) => {
      const url = locationOf(a);
      expect(url.searchParams.get('iss')).toBe(ISSUER);
      expect(url.searchParams.get('state')).toBe('xyz');
      return url.searchParams.get('error');
    });
    expect(errors).toEqual([null, 'access_denied', 'unsupported_response_type', 'invalid_request', 'invalid_target', 'invalid_scope', 'access_denied']);
  });

  it('puts iss and state on the error redirects the list above leaves out: other upstream failures, PKCE and state errors, the second trip', async () => {
    const h = harness({ consentTtlSeconds: 0 });
    const clientId = await registered(h);
    const params = authorizeParams(clientId, LOOPBACK, pkce().challenge);
    const { code_challenge: _c, ...noChallenge } = params;
    const answers: { res: FrontDoorResponse; state: string }[] = [];
    const push = (res: FrontDoorResponse, state = 'xyz') => answers.push({ res, state });
    // The upstream refuses with something other than access_denied, then fails outright (unreachable, bad answer).
    h.upstream.failNext = 'invalid_scope';
    push(await h.authorizeThrough(params));
    const exchange = h.upstream.exchangeCode.bind(h.upstream);
    h.upstream.exchangeCode = async () => { throw new Error('connect ECONNREFUSED'); };
    push(await h.authorizeThrough(params));
    h.upstream.exchangeCode = exchange;
    push(await h.call('GET', h.authorizeUrl(noChallenge)));
    push(await h.call('GET', h.authorizeUrl({ ...params, code_challenge: 'short' })));
    const long = 'x'.repeat(1025);
    push(await h.call('GET', h.authorizeUrl({ ...params, state: long })), long);
    // The second, silent trip after the user unticked a scope: another user signs in there.
    const start = await h.call('GET', h.authorizeUrl(params));
    const page = await h.call('GET', `/callback?code=c&state=${locationOf(start).searchParams.get('state')}`);
    const again = await h.answerConsent(page, { scopes: ['tasks:read'] });
    h.upstream.user = { subject: 'user-2', username: 'bo' };
    push(await h.call('GET', `/callback?code=c&state=${locationOf(again).searchParams.get('state')}`));
    // The second trip again, and the upstream still grants the scope the user unticked.
    h.upstream.user = { subject: 'user-1', username: 'ana' };
    const start2 = await h.call('GET', h.authorizeUrl(params));
    const page2 = await h.call('GET', `/callback?code=c&state=${locationOf(start2).searchParams.get('state')}`);
    const again2 = await h.answerConsent(page2, { scopes: ['tasks:read'] });
    const tokens = h.upstream.tokens.bind(h.upstream);
    h.upstream.tokens = () => tokens(['tasks:read', 'tasks:write']);
    push(await h.call('GET', `/callback?code=c&state=${locationOf(again2).searchParams.get('state')}`));
    const errors = answers.map(({ res, state }) => {
      expect(res.status).toBe(302);
      const url = locationOf(res);
      expect(url.origin + url.pathname).toBe(LOOPBACK);
      expect(url.searchParams.get('iss')).toBe(ISSUER);
      expect(url.searchParams.get('state')).toBe(state);
      return url.searchParams.get('error');
    });
    expect(errors).toEqual(['server_error', 'server_error', 'invalid_request', 'invalid_request', 'invalid_request', 'access_denied', 'access_denied']);
  });

  it('a client that sent no state gets none back, and still gets iss, on success and on error', async () => {
    const h = harness();
    const clientId = await registered(h);
    const { state: _s, ...params } = authorizeParams(clientId, LOOPBACK, pkce().challenge);
    for (const res of [await h.authorizeThrough(params), await h.call('GET', h.authorizeUrl({ ...params, response_type: 'token' }))]) {
      const url = locationOf(res);
      expect(url.searchParams.get('iss')).toBe(ISSUER);
      expect(url.searchParams.has('state')).toBe(false);
      expect(url.searchParams.get('code') ?? url.searchParams.get('error')).toBeTruthy();
    }
  });

  it('requires PKCE: no challenge, the plain method, or a malformed challenge are refused', async () => {
    const h = harness();
    const clientId = await registered(h);
    const { challenge, verifier } = pkce();
    const base = authorizeParams(clientId, LOOPBACK, challenge);
    const { code_challenge: _c, ...noChallenge } = base;
    for (const params of [noChallenge, { ...base, code_challenge_method: 'plain', code_challenge: verifier }, { ...base, code_challenge: 'short' }]) {
      const res = await h.call('GET', h.authorizeUrl(params));
      expect(locationOf(res).searchParams.get('error')).toBe('invalid_request');
    }
    expect(h.upstream.asked.size).toBe(0);
  });

  it('shows a page, never redirects, for an unknown client or an unregistered redirect URI', async () => {
    const h = harness();
    const clientId = await registered(h, 'https://claude.ai/api/mcp/auth_callback');
    const { challenge } = pkce();
    const cases = [
      authorizeParams('mcp-unknown', 'https://claude.ai/api/mcp/auth_callback', challenge),
      authorizeParams(clientId, 'https://evil.example/cb', challenge),
      authorizeParams(clientId, 'https://claude.ai/api/mcp/auth_callback/../../evil', challenge),
      authorizeParams(clientId, 'https://claude.ai:8443/api/mcp/auth_callback', challenge),
    ];
    for (const params of cases) {
      const res = await h.call('GET', h.authorizeUrl(params));
      expect(res.status).toBe(400);
      expect(res.headers.location).toBeUndefined();
      expect(res.headers['content-type']).toContain('text/html');
    }
  });

  it('accepts a loopback redirect on another port than the registered one (RFC 8252 §7.3), nothing else of it changed', async () => {
    const h = harness();
    const clientId = await registered(h, 'http://127.0.0.1:50000/callback');
    const { challenge } = pkce();
    const otherPort = await h.authorizeThrough(authorizeParams(clientId, 'http://127.0.0.1:61111/callback', challenge));
    expect(locationOf(otherPort).port).toBe('61111');
    expect(locationOf(otherPort).searchParams.get('code')).toBeTruthy();
    for (const wrong of ['http://127.0.0.1:61111/other', 'http://localhost:61111/callback', 'http://127.0.0.1:61111/callback?x=1']) {
      expect((await h.call('GET', h.authorizeUrl(authorizeParams(clientId, wrong, challenge)))).status).toBe(400);
    }
  });

  it('consent denied: access_denied to the client, and the upstream tokens obtained for it are revoked', async () => {
    const h = harness();
    const clientId = await registered(h);
    const denied = await h.authorizeThrough(authorizeParams(clientId, LOOPBACK, pkce().challenge), { action: 'deny' });
    expect(locationOf(denied).searchParams.get('error')).toBe('access_denied');
    expect(locationOf(denied).searchParams.get('code')).toBeNull();
    expect(h.upstream.revoked).toHaveLength(1);
  });

  it('refuses a consent answer without its CSRF token, without the cookie, or from another origin; the page stays answerable', async () => {
    const h = harness();
    const clientId = await registered(h);
    const start = await h.call('GET', h.authorizeUrl(authorizeParams(clientId, LOOPBACK, pkce().challenge)));
    const page = await h.call('GET', `/callback?code=c&state=${locationOf(start).searchParams.get('state')}`);
    const noToken = await h.answerConsent(page, { omitCsrf: true });
    expect(noToken.status).toBe(403);
    expect(noToken.headers.location).toBeUndefined();
    const otherCookie = await h.answerConsent(page, { cookie: `${page.headers['set-cookie']!.split('=')[0]}=forged` });
    expect(otherCookie.status).toBe(403);
    const consentId = /name="consent_id" value="([^"]+)"/.exec(page.body)![1]!;
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const crossOrigin = await h.form('/consent', { consent_id: consentId, csrf, action: 'allow', scope: 'tasks:read' }, { cookie: `${page.headers['set-cookie']!.split('=')[0]}=${csrf}`, origin: 'https://evil.example' });
    expect(crossOrigin.status).toBe(403);
    expect(h.logs.filter((l) => l.step === 'consent').map((l) => l.fields.reason)).toEqual(['csrf token missing', 'csrf cookie missing or different', 'cross-origin post']);
    // None of those used the page up: the real answer still works, once.
    expect((await h.answerConsent(page, {})).status).toBe(302);
    expect((await h.answerConsent(page, {})).status).toBe(400);
  });

  it('two consent pages open in one browser do not clash: each answer is checked against its own cookie', async () => {
    const h = harness({ consentTtlSeconds: 0 });
    const clientId = await registered(h);
    const pages = [];
    for (let i = 0; i < 2; i++) {
      const start = await h.call('GET', h.authorizeUrl(authorizeParams(clientId, LOOPBACK, pkce().challenge)));
      pages.push(await h.call('GET', `/callback?code=c&state=${locationOf(start).searchParams.get('state')}`));
    }
    const jar = pages.map((p) => p.headers['set-cookie']!.split(';')[0]).join('; ');
    expect(locationOf(await h.answerConsent(pages[0]!, { cookie: jar })).searchParams.get('code')).toBeTruthy();
    expect(locationOf(await h.answerConsent(pages[1]!, { cookie: jar })).searchParams.get('code')).toBeTruthy();
  });

  it('remembers an Allow per user and client: the next sign-in skips the page; unticked scopes are not granted', async () => {
    const h = harness();
    const clientId = await registered(h);
    const params = authorizeParams(clientId, LOOPBACK, pkce().challenge);
    const narrowed = await h.authorizeThrough(params, { scopes: ['tasks:read'] });
    expect(locationOf(narrowed).searchParams.get('code')).toBeTruthy();
    // The user unticked tasks:write, so the upstream was asked again for tasks:read only.
    expect([...h.upstream.asked.values()].at(-1)).toEqual(['openid', 'tasks:read']);
    const again = await h.call('GET', h.authorizeUrl({ ...params, scope: 'tasks:read' }));
    const back = await h.call('GET', `/callback?code=c&state=${locationOf(again).searchParams.get('state')}`);
    expect(back.status).toBe(302);
    expect(locationOf(back).searchParams.get('code')).toBeTruthy();
    expect(h.logs.some((l) => l.fields.outcome === 'consent_remembered')).toBe(true);
  });

  it('an expired or replayed upstream return shows a page', async () => {
    const h = harness();
    const res = await h.call('GET', '/callback?code=c&state=never-issued');
    expect(res.status).toBe(400);
    expect(res.body).toContain('expired');
  });

  it('logs one line per step with the client id and outcome, and never a code, token or verifier', async () => {
    const h = harness();
    const clientId = await registered(h);
    const { challenge, verifier } = pkce();
    const done = await h.authorizeThrough(authorizeParams(clientId, LOOPBACK, challenge));
    const code = locationOf(done).searchParams.get('code')!;
    const token = await h.form('/token', { grant_type: 'authorization_code', code, code_verifier: verifier, client_id: clientId, redirect_uri: LOOPBACK, resource: RESOURCE });
    const tokens = JSON.parse(token.body) as Record<string, string>;
    const text = JSON.stringify(h.logs);
    for (const secret of [code, verifier, tokens.access_token!, tokens.refresh_token!, challenge]) expect(text).not.toContain(secret);
    expect(h.logs.map((l) => `${l.step}:${l.fields.outcome}`)).toEqual([
      'register:created', 'authorize:to_upstream', 'callback:signed_in', 'callback:consent_shown', 'consent:allowed', 'authorize:code_issued', 'token:issued',
    ]);
    expect(h.logs.slice(1).every((l) => l.fields.clientId === clientId)).toBe(true);
  });
});

describe('a server whose tools need no scope', () => {
  it('offers none, and Allow still signs the user in', async () => {
    const h = harness({ scopes: [] });
    const { body } = await h.register({ client_name: 'Plain', redirect_uris: [LOOPBACK] });
    const done = await h.authorizeThrough(authorizeParams(String(body.client_id), LOOPBACK, pkce().challenge, { scope: '' }));
    expect(new URL(done.headers.location!).searchParams.get('code')).toBeTruthy();
  });
});
