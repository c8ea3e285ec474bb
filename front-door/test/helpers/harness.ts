import { createFrontDoor, MemoryStore, UpstreamError, type CimdFetcher, type FrontDoorConfig, type FrontDoorResponse, type Store, type UpstreamIdentityProvider, type UpstreamTokens } from '../../src/index.ts';
import { createHash, randomBytes } from 'node:crypto';

/**
 * The front door core with an in-memory upstream: the upstream is an external service behind a port,
 * so its fake stands in; everything under test (the core, the store) is real.
 */
export class FakeUpstream implements UpstreamIdentityProvider {
  /** What each upstream sign-in asked for, by state. */
  readonly asked = new Map<string, string[]>();
  readonly revoked: string[] = [];
  readonly refreshed: string[] = [];
  user = { subject: 'user-1', username: 'ana' };
  /** The next sign-in ends in this upstream error instead. */
  failNext: string | undefined;
  async authorizationUrl({ state, scopes }: { state: string; scopes: readonly string[] }) {
    this.asked.set(state, [...scopes]);
    return new URL(`https://idp.test/oauth2/authorize?state=${state}`);
  }
  async exchangeCode(callback: URLSearchParams, expected: { state: string; codeVerifier: string }): Promise<UpstreamTokens> {
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = undefined;
      throw new UpstreamError(error, 'upstream said no');
    }
    if (callback.get('state') !== expected.state || !expected.codeVerifier) throw new Error('state mismatch');
    const scopes = (this.asked.get(expected.state) ?? []).filter((s) => s !== 'openid');
    return this.tokens(scopes);
  }
  tokens(scopes: string[]): UpstreamTokens {
    return { accessToken: `at-${randomBytes(8).toString('hex')}`, refreshToken: `rt-${randomBytes(8).toString('hex')}`, expiresIn: 3600, scopes, ...this.user };
  }
  async refresh(refreshToken: string) {
    if (this.revoked.includes(refreshToken)) throw new UpstreamError('invalid_grant', 'revoked');
    this.refreshed.push(refreshToken);
    return { ...this.tokens(['tasks:read']), refreshToken: undefined } as unknown as UpstreamTokens;
  }
  async revoke(refreshToken: string) {
    this.revoked.push(refreshToken);
  }
}

export const ISSUER = 'https://mcp.example.com';
export const RESOURCE = 'https://mcp.example.com/mcp';
export const SCOPES = ['tasks:read', 'tasks:write'];

export interface LogLine {
  level: string;
  step: string;
  fields: Record<string, unknown>;
}

export function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function harness(config: Partial<FrontDoorConfig> = {}, ports: { store?: Store; cimdFetcher?: CimdFetcher; now?: () => number } = {}) {
  const store = ports.store ?? new MemoryStore(ports.now);
  const upstream = new FakeUpstream();
  const logs: LogLine[] = [];
  const record = (level: string) => (step: string, fields: Record<string, unknown>) => logs.push({ level, step, fields });
  const frontDoor = createFrontDoor(
    { issuer: ISSUER, resource: RESOURCE, scopes: SCOPES, serverName: 'Tasks', ...config },
    { store, upstream, logger: { info: record('info'), warn: record('warn'), error: record('error') }, ...(ports.cimdFetcher ? { cimdFetcher: ports.cimdFetcher } : {}), ...(ports.now ? { now: ports.now } : {}) },
  );
  const call = (method: string, url: string, body = '', headers: Record<string, string> = {}) =>
    frontDoor.handle({ method, url, headers: { host: 'mcp.example.com', ...headers }, body });
  const form = (url: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    call('POST', url, new URLSearchParams(fields).toString(), { 'content-type': 'application/x-www-form-urlencoded', ...headers });
  const register = async (body: unknown) => {
    const answer = await call('POST', '/register', JSON.stringify(body), { 'content-type': 'application/json' });
    return { status: answer.status, body: JSON.parse(answer.body) as Record<string, unknown> };
  };
  const authorizeUrl = (params: Record<string, string>) => `/authorize?${new URLSearchParams(params)}`;

  /**
   * One authorization through the user's eyes: /authorize, the upstream returns to /callback, the consent
   * page is answered. Returns the final response (a redirect to the client, or a page).
   */
  async function authorizeThrough(params: Record<string, string>, answer: { action?: 'allow' | 'deny'; scopes?: string[] } = {}): Promise<FrontDoorResponse> {
    let res = await call('GET', authorizeUrl(params));
    for (let trips = 0; trips < 3; trips++) {
      const location = res.headers.location;
      if (res.status !== 302 || !location?.startsWith('https://idp.test/')) break;
      const state = new URL(location).searchParams.get('state')!;
      res = await call('GET', `/callback?code=upstream-code&state=${state}`);
      if (res.status === 200 && res.body.includes('name="consent_id"')) res = await answerConsent(res, answer);
    }
    return res;
  }

  async function answerConsent(page: FrontDoorResponse, answer: { action?: 'allow' | 'deny'; scopes?: string[]; omitCsrf?: boolean; cookie?: string }) {
    const consentId = /name="consent_id" value="([^"]+)"/.exec(page.body)![1]!;
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const cookie = answer.cookie ?? page.headers['set-cookie']!.split(';')[0]!;
    const offered = [...page.body.matchAll(/name="scope" value="([^"]+)"/g)].map((m) => m[1]!);
    const body = new URLSearchParams({ consent_id: consentId, action: answer.action ?? 'allow' });
    if (!answer.omitCsrf) body.set('csrf', csrf);
    for (const s of answer.scopes ?? offered) body.append('scope', s);
    return call('POST', '/consent', body.toString(), { 'content-type': 'application/x-www-form-urlencoded', cookie, origin: ISSUER });
  }

  return { frontDoor, store, upstream, logs, call, form, register, authorizeUrl, authorizeThrough, answerConsent };
}

export type Harness = ReturnType<typeof harness>;

/** The parameters a well-behaved client sends to /authorize. */
export function authorizeParams(clientId: string, redirectUri: string, challenge: string, extra: Record<string, string> = {}) {
  return { response_type: 'code', client_id: clientId, redirect_uri: redirectUri, code_challenge: challenge, code_challenge_method: 'S256', state: 'xyz', resource: RESOURCE, scope: 'tasks:read tasks:write', ...extra };
}
