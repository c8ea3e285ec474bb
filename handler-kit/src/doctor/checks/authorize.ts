/**
 * Authorize: for each client just registered, the request that client sends (S256, its redirect URI,
 * `resource`, the challenge's scope) reaches a sign-in page. Redirects are followed while they lead away
 * from the client; one that comes back to the client with an error is the failure it reports. No sign-in
 * is attempted.
 */
import { createHash, randomBytes } from 'node:crypto';
import { CIMD_CLIENTS, CLIENT_NAMES, VSCODE_CIMD, type ClientId } from '../clients.ts';
import type { DoctorContext } from '../context.ts';
import { answerSummary, isLoopback, send } from '../http.ts';
import { Findings } from '../result.ts';

const MAX_HOPS = 8;

/**
 * The cookies a browser would carry between the hops of one sign-in (an identity provider's interaction
 * cookie, a CSRF cookie), kept per host for this one request; attributes other than the name are ignored.
 */
class CookieJar {
  private readonly byHost = new Map<string, Map<string, string>>();
  keep(url: string, setCookies: string[]): void {
    const host = new URL(url).host;
    const cookies = this.byHost.get(host) ?? new Map<string, string>();
    for (const line of setCookies) {
      const pair = line.split(';', 1)[0]!;
      const eq = pair.indexOf('=');
      if (eq > 0) cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    this.byHost.set(host, cookies);
  }
  header(url: string): string | undefined {
    const cookies = this.byHost.get(new URL(url).host);
    return cookies?.size ? [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') : undefined;
  }
}
/** A page's address without its query, and with long per-request segments (interaction ids) cut. */
const shown = (url: string): string => {
  const u = new URL(url);
  return u.origin + u.pathname.split('/').map((s) => (s.length > 16 ? `${s.slice(0, 6)}…` : s)).join('/');
};
const sameEndpoint = (a: URL, b: URL): boolean => a.protocol === b.protocol && a.host === b.host && a.pathname === b.pathname;

export async function checkAuthorize(ctx: DoctorContext): Promise<Findings> {
  const f = new Findings('authorize');
  const endpoint = ctx.authorizationServer?.authorization_endpoint;
  if (typeof endpoint !== 'string') {
    f.skip('authorize', ctx.mode !== 'oauth' ? 'skipped: not an OAuth server' : 'skipped: no authorization endpoint');
    return f;
  }
  if (ctx.registered.length === 0) f.skip('authorize', ctx.options.register === false ? 'skipped: --no-register (no client registered to authorize)' : 'skipped: no client was registered');
  for (const { profile, clientId } of ctx.registered) {
    await authorizeAs(ctx, f, endpoint, { name: CLIENT_NAMES[profile.client], clients: [profile.client], clientId, redirect: profile.authorizeRedirect });
  }
  await authorizeByCimd(ctx, f, endpoint);
  return f;
}

/**
 * Client ID Metadata Documents: the authorization server fetches the client's https document itself, so
 * an authorize with VS Code's real client id proves it can (a Lambda without internet access cannot).
 * No registration is made. On a loopback server the fetch from the internet is not tried.
 */
async function authorizeByCimd(ctx: DoctorContext, f: Findings, endpoint: string): Promise<void> {
  if (ctx.authorizationServer?.client_id_metadata_document_supported !== true) return;
  const clientId = ctx.options.cimdClientId ?? VSCODE_CIMD.clientId;
  if (!ctx.options.cimdClientId && isLoopback(ctx.target)) {
    f.skip('CIMD (VS Code\'s document)', `skipped on a loopback server: its authorization server would fetch ${clientId} from the internet`);
    return;
  }
  await authorizeAs(ctx, f, endpoint, { name: 'CIMD (VS Code\'s document)', clients: CIMD_CLIENTS, clientId, redirect: ctx.options.cimdRedirect ?? VSCODE_CIMD.redirect, cimd: true });
}

interface AuthorizeAs {
  name: string;
  clients: readonly ClientId[];
  clientId: string;
  redirect: string;
  cimd?: boolean;
}

async function authorizeAs(ctx: DoctorContext, f: Findings, endpoint: string, { name, clients, clientId, redirect, cimd }: AuthorizeAs): Promise<void> {
  const refusedHint = cimd
    ? `The metadata advertises CIMD, so claude.ai, VS Code, Codex and Claude Code send an https client_id (${clientId}): the authorization server must fetch and accept it (outbound https from its function), or stop advertising client_id_metadata_document_supported.`
    : 'The authorize request of a just-registered client must lead to the sign-in page.';
  const verifier = randomBytes(32).toString('base64url');
  const url = new URL(endpoint);
  const scope = ctx.challenge?.params.scope;
  Object.entries({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirect,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    state: randomBytes(8).toString('hex'),
    resource: ctx.url,
    ...(scope ? { scope } : {}),
  }).forEach(([k, v]) => url.searchParams.set(k, v));

  let next = url.href;
  const jar = new CookieJar();
  for (let hop = 0; hop <= MAX_HOPS; hop++) {
    const cookie = jar.header(next);
    const answer = await send(next, { headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) } }, ctx.http);
    jar.keep(next, answer.headers.getSetCookie());
    const location = answer.headers.get('location');
    if (answer.status >= 300 && answer.status < 400 && location) {
      const target = new URL(location, next);
      if (sameEndpoint(target, new URL(redirect))) {
        const error = target.searchParams.get('error');
        if (error) f.fail(name, `redirected back with error=${error}${target.searchParams.get('error_description') ? `: ${target.searchParams.get('error_description')}` : ''}`, cimd ? refusedHint : 'The authorize endpoint must accept a registered client\'s request with S256 and resource (and loopback redirects on any port).', { clients });
        else f.fail(name, 'redirected back to the client without a sign-in', 'Nobody signed in: the authorization server must show its sign-in and consent before issuing a code.', { clients, security: true });
        return;
      }
      next = target.href;
      continue;
    }
    if (answer.status === 200 && (answer.headers.get('content-type') ?? '').includes('text/html')) {
      f.pass(name, `reached the sign-in page (${shown(next)}${hop ? `, after ${hop} redirect${hop > 1 ? 's' : ''}` : ''})`, clients);
      return;
    }
    const said = answerSummary(answer);
    f.fail(name, `answered ${answer.status}${said ? `: ${said}` : ''}`, refusedHint, { clients });
    return;
  }
  f.fail(name, `more than ${MAX_HOPS} redirects`, 'A redirect loop between the authorization server and the identity provider.', { clients });
}
