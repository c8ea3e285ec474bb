/**
 * RFC 7591 registration with each client's real body (its redirect URIs intact in the answer), and one
 * hostile redirect the server must refuse. The doctor's registrations carry its own client_name; where
 * the server gives RFC 7592 management URLs they are deleted afterwards, otherwise they expire as the
 * server's policy for idle registrations says.
 */
import { CLIENT_NAMES, hostileRegistration, registrationProfiles } from '../clients.ts';
import type { Cleanup, DoctorContext } from '../context.ts';
import { answerSummary, jsonObject, send, type Answer, type HttpOptions } from '../http.ts';
import { Findings } from '../result.ts';

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };
/** A throttled registration (429: API Gateway's REGISTER_RATE_LIMIT) is tried again this often, waiting as told. */
const THROTTLE_RETRIES = 3;
const MAX_WAIT_MS = 10_000;

async function register(endpoint: string, body: Record<string, unknown>, http: HttpOptions): Promise<Answer> {
  for (let attempt = 0; ; attempt++) {
    const answer = await send(endpoint, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(body) }, http);
    if (answer.status !== 429 || attempt === THROTTLE_RETRIES) return answer;
    const seconds = Number(answer.headers.get('retry-after'));
    await new Promise((resolve) => setTimeout(resolve, Math.min(MAX_WAIT_MS, Math.max(200, Number.isFinite(seconds) ? seconds * 1000 : 1000))));
  }
}

const THROTTLED = 'Run the doctor again in a minute, or with NO_REGISTER=1; clients register one at a time, so the limit rarely stops them.';

/** A registration the server lets its maker delete (RFC 7592 management URL and token), kept for deleteRegistrations. */
function keepManagement(doc: Record<string, unknown> | undefined, cleanup: Cleanup[]): void {
  if (typeof doc?.client_id === 'string' && typeof doc.registration_client_uri === 'string' && typeof doc.registration_access_token === 'string') {
    cleanup.push({ clientId: doc.client_id, uri: doc.registration_client_uri, token: doc.registration_access_token });
  }
}

function refusal(answer: Answer): string {
  const said = answerSummary(answer);
  return `${answer.status}${said ? ` ${said}` : ''}`;
}

export async function checkRegistration(ctx: DoctorContext): Promise<Findings> {
  const f = new Findings('registration');
  const endpoint = ctx.authorizationServer?.registration_endpoint;
  if (ctx.options.register === false) {
    f.skip('registration', 'skipped: --no-register');
    return f;
  }
  if (typeof endpoint !== 'string') {
    f.skip('registration', ctx.mode === 'oauth' ? 'skipped: no registration_endpoint' : 'skipped: not an OAuth server');
    return f;
  }
  const cleanup: Cleanup[] = [];
  for (const profile of registrationProfiles()) {
    const name = CLIENT_NAMES[profile.client];
    const sent = profile.body.redirect_uris as string[];
    const answer = await register(endpoint, profile.body, ctx.http);
    const doc = jsonObject(answer.text);
    const clients = [profile.client];
    if (answer.status === 429) {
      f.warn(name, `throttled: 429 after ${THROTTLE_RETRIES} retries (the registration rate limit), so not checked`, THROTTLED);
      continue;
    }
    if (answer.status !== 201 && answer.status !== 200) {
      f.fail(name, `refused ${sent.join(' ')}: ${refusal(answer)}`, `${name} registers exactly these redirect URIs in one request; a redirect policy must accept all of them (loopback on any port, RFC 8252; the https hosts listed, e.g. REDIRECT_HOSTS).`, { clients });
      continue;
    }
    if (typeof doc?.client_id !== 'string') {
      f.fail(name, `answered ${answer.status} without a client_id`, 'RFC 7591: the answer carries the client_id.', { clients });
      continue;
    }
    keepManagement(doc, cleanup);
    const kept = Array.isArray(doc.redirect_uris) ? (doc.redirect_uris as unknown[]) : [];
    const changed = sent.filter((u) => !kept.includes(u)).concat(kept.filter((u): u is string => typeof u === 'string' && !sent.includes(u)));
    if (changed.length) {
      f.fail(name, `registered, but the redirect URIs came back changed (${changed.join(' ')})`, 'Register the redirect URIs as sent: clients compare them at authorize.', { clients });
      continue;
    }
    ctx.registered.push({ profile, clientId: doc.client_id });
    f.pass(name, `${answer.status}, ${sent.length} redirect URI${sent.length > 1 ? 's' : ''} kept`, clients);
  }
  await checkHostile(f, endpoint, ctx.http, cleanup);
  ctx.cleanup.push(...cleanup);
  return f;
}

/** After authorize has used them: delete the doctor's registrations where the server lets it (RFC 7592). */
export async function deleteRegistrations(ctx: DoctorContext): Promise<Findings> {
  const f = new Findings('registration');
  const made = ctx.cleanup.length + ctx.registered.filter((r) => !ctx.cleanup.some((c) => c.clientId === r.clientId)).length;
  if (made === 0) return f;
  const deleted = await Promise.all(ctx.cleanup.map((c) => send(c.uri, { method: 'DELETE', headers: { authorization: `Bearer ${c.token}` } }, ctx.http).then((a) => a.status === 204 || a.status === 200, () => false)));
  const left = made - deleted.filter(Boolean).length;
  if (left === 0) f.pass('cleanup', `the ${made} registrations deleted (RFC 7592)`, []);
  else f.skip('cleanup', `${left} of the ${made} registrations (client_name "serverless-mcp doctor (as …)") left to expire with the server's policy for idle registrations: no RFC 7592 management to delete them`);
  return f;
}

async function checkHostile(f: Findings, endpoint: string, http: HttpOptions, cleanup: Cleanup[]): Promise<void> {
  const body = hostileRegistration();
  const answer = await register(endpoint, body, http);
  const redirect = (body.redirect_uris as string[])[0];
  if (answer.status === 429) {
    f.warn('hostile redirect', `throttled: 429 after ${THROTTLE_RETRIES} retries, so not checked`, THROTTLED);
    return;
  }
  if (answer.status >= 400 && answer.status < 500) {
    f.pass('hostile redirect', `refused ${redirect}: ${refusal(answer)}`, []);
    return;
  }
  keepManagement(jsonObject(answer.text), cleanup);
  f.fail('hostile redirect', `answered ${answer.status} to a registration redirecting to ${redirect}: anyone can register a client that receives your users' codes`, 'Accept loopback redirects and the https hosts you list (REDIRECT_HOSTS / registration_redirect_hosts) only.', { clients: [], security: true });
}
