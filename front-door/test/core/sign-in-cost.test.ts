import { describe, expect, it } from 'vitest';
import { MemoryStore, type Store } from '../../src/index.ts';
import { authorizeParams, harness, pkce } from '../helpers/harness.ts';

/** A store that counts what a DynamoDB table would bill: writes (put, create, take, increment) and reads (get). */
class CountingStore implements Store {
  readonly counts = { reads: 0, writes: 0 };
  private readonly inner = new MemoryStore();
  get<T>(key: string) { this.counts.reads++; return this.inner.get<T>(key); }
  put<T>(key: string, value: T, expiresAt: number) { this.counts.writes++; return this.inner.put(key, value, expiresAt); }
  create<T>(key: string, value: T, expiresAt: number) { this.counts.writes++; return this.inner.create(key, value, expiresAt); }
  take<T>(key: string) { this.counts.writes++; return this.inner.take<T>(key); }
  increment(key: string, limit: number, expiresAt: number) { this.counts.writes++; return this.inner.increment(key, limit, expiresAt); }
}

/**
 * What one sign-in costs in front-door invocations (each one API Gateway call and one Lambda run) and
 * table operations: the figures behind the README's cost table. A change here changes that table.
 */
describe('what a sign-in costs', () => {
  it('a first sign-in: 7 invocations (metadata twice, register, authorize, callback, consent, token); a refresh: 1', async () => {
    const store = new CountingStore();
    const h = harness({}, { store });
    let invocations = 0;
    const call = async (...args: Parameters<typeof h.call>) => { invocations++; return h.call(...args); };
    await call('GET', '/.well-known/oauth-protected-resource/mcp');
    await call('GET', '/.well-known/oauth-authorization-server');
    invocations++;
    const { body: client } = await h.register({ client_name: 'Claude Code', redirect_uris: ['http://127.0.0.1:33418/callback'] });
    const { verifier, challenge } = pkce();
    // authorize, callback and consent (the helper walks them: three invocations).
    const done = await h.authorizeThrough(authorizeParams(client.client_id as string, 'http://127.0.0.1:33418/callback', challenge));
    invocations += 3;
    const code = new URL(done.headers.location!).searchParams.get('code')!;
    invocations++;
    const token = await h.form('/token', { grant_type: 'authorization_code', code, code_verifier: verifier, client_id: client.client_id as string, redirect_uri: 'http://127.0.0.1:33418/callback', resource: 'https://mcp.example.com/mcp' });
    expect(token.status, token.body).toBe(200);
    expect(invocations).toBe(7);
    const signIn = { ...store.counts };
    const refreshToken = JSON.parse(token.body).refresh_token as string;
    const refreshed = await h.form('/token', { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: client.client_id as string });
    expect(refreshed.status, refreshed.body).toBe(200);
    const refresh = { reads: store.counts.reads - signIn.reads, writes: store.counts.writes - signIn.writes };
    console.log(`front door per first sign-in: ${invocations} invocations, ${signIn.writes} table writes, ${signIn.reads} reads; per refresh: 1 invocation, ${refresh.writes} writes, ${refresh.reads} reads`);
    // Pinned: the README's cost table uses them (small items: one write or read request unit each).
    expect(signIn).toEqual({ writes: 11, reads: 5 });
    expect(refresh).toEqual({ writes: 2, reads: 1 });
  });
});
