import { describe, expect, it } from 'vitest';
import { authorizeParams, harness, pkce, RESOURCE, type Harness } from '../helpers/harness.ts';

const REDIRECT = 'http://127.0.0.1:50000/callback';

/** A client registered and through sign-in and consent, holding a fresh code. */
async function withCode(h: Harness, name = 'Token test') {
  const { body } = await h.register({ client_name: name, redirect_uris: [REDIRECT] });
  const clientId = String(body.client_id);
  const { challenge, verifier } = pkce();
  const res = await h.authorizeThrough(authorizeParams(clientId, REDIRECT, challenge));
  const code = new URL(res.headers.location!).searchParams.get('code')!;
  return { clientId, code, verifier };
}

const redeem = (h: Harness, fields: Record<string, string>) => h.form('/token', { grant_type: 'authorization_code', redirect_uri: REDIRECT, resource: RESOURCE, ...fields });
const parse = (res: { body: string }) => JSON.parse(res.body) as Record<string, string>;

describe('POST /token', () => {
  it('redeems a code once with the right verifier: the upstream access token, granted scopes, a refresh token of the front door', async () => {
    const h = harness();
    const { clientId, code, verifier } = await withCode(h);
    const res = await redeem(h, { code, code_verifier: verifier, client_id: clientId });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = parse(res);
    expect(body).toMatchObject({ token_type: 'Bearer', scope: 'tasks:read tasks:write', expires_in: 3600 });
    expect(body.access_token).toMatch(/^at-/);
    // The client never sees the upstream's refresh token: it would work for any client holding it.
    expect(body.refresh_token).toMatch(/^[\w-]{43}\.[\w-]{43}$/);
  });

  it('requires PKCE at the token endpoint: a missing verifier, a wrong one', async () => {
    const h = harness();
    const a = await withCode(h);
    const missing = await redeem(h, { code: a.code, client_id: a.clientId });
    expect(missing.status).toBe(400);
    expect(parse(missing).error).toBe('invalid_request');
    const wrong = await redeem(h, { code: a.code, client_id: a.clientId, code_verifier: pkce().verifier });
    expect(parse(wrong).error).toBe('invalid_grant');
    // A failed attempt burns the code: the right verifier is now too late.
    expect(parse(await redeem(h, { code: a.code, client_id: a.clientId, code_verifier: a.verifier })).error).toBe('invalid_grant');
  });

  it('a replayed code is refused and revokes what its first redemption issued', async () => {
    const h = harness();
    const { clientId, code, verifier } = await withCode(h);
    const first = parse(await redeem(h, { code, code_verifier: verifier, client_id: clientId }));
    const replay = await redeem(h, { code, code_verifier: verifier, client_id: clientId });
    expect(replay.status).toBe(400);
    expect(parse(replay).error).toBe('invalid_grant');
    expect(h.upstream.revoked).toHaveLength(1);
    const refresh = await h.form('/token', { grant_type: 'refresh_token', refresh_token: first.refresh_token!, client_id: clientId });
    expect(parse(refresh).error).toBe('invalid_grant');
  });

  it('refuses a code presented by another client, and a redirect_uri or resource other than the authorization request\'s', async () => {
    const h = harness();
    const a = await withCode(h, 'Client A');
    const { body: other } = await h.register({ client_name: 'Client B', redirect_uris: [REDIRECT] });
    const stolen = await redeem(h, { code: a.code, code_verifier: a.verifier, client_id: String(other.client_id) });
    expect(parse(stolen)).toMatchObject({ error: 'invalid_grant', error_description: 'The authorization code was issued to another client.' });
    const b = await withCode(h, 'Client C');
    expect(parse(await redeem(h, { code: b.code, code_verifier: b.verifier, client_id: b.clientId, redirect_uri: 'http://127.0.0.1:50001/callback' })).error).toBe('invalid_grant');
    const c = await withCode(h, 'Client D');
    expect(parse(await redeem(h, { code: c.code, code_verifier: c.verifier, client_id: c.clientId, resource: 'https://other.example/mcp' })).error).toBe('invalid_grant');
  });

  it('refresh: bound to its client, rotated on every use, keeps the upstream refresh token when the upstream does not rotate', async () => {
    const h = harness();
    const { clientId, code, verifier } = await withCode(h);
    const first = parse(await redeem(h, { code, code_verifier: verifier, client_id: clientId }));
    const refresh = (token: string, client = clientId) => h.form('/token', { grant_type: 'refresh_token', refresh_token: token, client_id: client });
    const foreign = await refresh(first.refresh_token!, 'mcp-someone-else');
    expect(parse(foreign).error).toBe('invalid_grant');
    const second = parse(await refresh(first.refresh_token!));
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.scope).toBe('tasks:read tasks:write');
    const third = parse(await refresh(second.refresh_token!));
    expect(third.access_token).toMatch(/^at-/);
    // The upstream did not rotate: the same upstream refresh token served both refreshes.
    expect(new Set(h.upstream.refreshed).size).toBe(1);
    expect(parse(await h.form('/token', { grant_type: 'refresh_token', refresh_token: third.refresh_token!, client_id: clientId, scope: 'tasks:admin' })).error).toBe('invalid_scope');
    // A wrong secret for a live family is someone holding an old or forged token: the family ends.
    expect(parse(await refresh(third.refresh_token!.replace(/\..*/, '.' + 'x'.repeat(43)))).error).toBe('invalid_grant');
    expect(parse(await refresh(third.refresh_token!)).error).toBe('invalid_grant');
  });

  it('two concurrent refreshes with the same token: one wins, and its new token keeps working', async () => {
    const h = harness();
    const { clientId, code, verifier } = await withCode(h);
    const first = parse(await redeem(h, { code, code_verifier: verifier, client_id: clientId }));
    const refresh = (token: string) => h.form('/token', { grant_type: 'refresh_token', refresh_token: token, client_id: clientId });
    const answers = (await Promise.all([refresh(first.refresh_token!), refresh(first.refresh_token!), refresh(first.refresh_token!)])).map(parse);
    const winners = answers.filter((a) => a.refresh_token);
    expect(winners).toHaveLength(1);
    expect(parse(await refresh(winners[0]!.refresh_token!)).access_token).toMatch(/^at-/);
  });

  it('the token a refresh just replaced, presented again within a minute (parallel 401s), is refused without ending the family', async () => {
    const h = harness();
    const { clientId, code, verifier } = await withCode(h);
    const first = parse(await redeem(h, { code, code_verifier: verifier, client_id: clientId }));
    const refresh = (token: string) => h.form('/token', { grant_type: 'refresh_token', refresh_token: token, client_id: clientId });
    const second = parse(await refresh(first.refresh_token!));
    expect(parse(await refresh(first.refresh_token!)).error).toBe('invalid_grant');
    expect(h.upstream.revoked).toHaveLength(0);
    expect(parse(await refresh(second.refresh_token!)).access_token).toMatch(/^at-/);
  });

  it('a rotated refresh token presented again later (stolen and used after the client refreshed) revokes the whole family', async () => {
    let now = Date.UTC(2026, 11, 1);
    const h = harness({}, { now: () => now });
    const { clientId, code, verifier } = await withCode(h);
    const first = parse(await redeem(h, { code, code_verifier: verifier, client_id: clientId }));
    const refresh = (token: string) => h.form('/token', { grant_type: 'refresh_token', refresh_token: token, client_id: clientId });
    const second = parse(await refresh(first.refresh_token!));
    now += 5 * 60_000;
    expect(parse(await refresh(first.refresh_token!)).error).toBe('invalid_grant');
    expect(h.upstream.revoked).toHaveLength(1);
    expect(parse(await refresh(second.refresh_token!)).error).toBe('invalid_grant');
  });

  it('revoke (RFC 7009): deletes the refresh token and revokes the upstream one; unknown tokens still get 200', async () => {
    const h = harness();
    const { clientId, code, verifier } = await withCode(h);
    const tokens = parse(await redeem(h, { code, code_verifier: verifier, client_id: clientId }));
    expect((await h.form('/revoke', { token: tokens.refresh_token!, client_id: clientId })).status).toBe(200);
    expect(h.upstream.revoked).toHaveLength(1);
    expect(parse(await h.form('/token', { grant_type: 'refresh_token', refresh_token: tokens.refresh_token!, client_id: clientId })).error).toBe('invalid_grant');
    expect((await h.form('/revoke', { token: 'nothing-like-it' })).status).toBe(200);
  });

  it('takes the client id from an HTTP Basic header when the form has none', async () => {
    const h = harness();
    const { clientId, code, verifier } = await withCode(h);
    const basic = `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:`).toString('base64')}`;
    const res = await h.form('/token', { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT }, { authorization: basic });
    expect(res.status).toBe(200);
  });

  it('answers unsupported grants and missing client ids with OAuth errors', async () => {
    const h = harness();
    expect(parse(await h.form('/token', { grant_type: 'client_credentials', client_id: 'x' })).error).toBe('unsupported_grant_type');
    const noClient = await h.form('/token', { grant_type: 'authorization_code', code: 'x' });
    expect(noClient.status).toBe(401);
    expect(parse(noClient).error).toBe('invalid_client');
  });
});
