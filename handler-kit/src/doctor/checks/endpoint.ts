/**
 * The MCP endpoint as an unauthenticated client first meets it: POST answers 401 with a challenge under
 * the header's real name, GET and HEAD answer 401 or 405, and a browser's preflight is allowed the MCP
 * headers. The POST also tells what kind of server this is (OAuth, API key, open).
 */
import { MODERN_META, MODERN_VERSION, type ClientId } from '../clients.ts';
import type { DoctorContext } from '../context.ts';
import { isLoopback, parseChallenge, send, type Answer } from '../http.ts';
import { Findings } from '../result.ts';

const DISCOVER_BODY = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'server/discover', params: { _meta: MODERN_META } });
const MODERN_HEADERS = {
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
  'mcp-protocol-version': MODERN_VERSION,
  'mcp-method': 'server/discover',
};
const PREFLIGHT_HEADERS = 'authorization, content-type, mcp-protocol-version, mcp-method, mcp-name';

export async function checkEndpoint(ctx: DoctorContext): Promise<Findings> {
  const f = new Findings('endpoint');
  const post = await send(ctx.url, { method: 'POST', headers: MODERN_HEADERS, body: DISCOVER_BODY }, ctx.http);
  decideMode(ctx, post);
  if (post.status === 401) checkChallenge(ctx, f, post, 'POST without credentials');
  else if (post.status >= 200 && post.status < 300) {
    if (ctx.options.apiKey) f.fail('POST without credentials', `answered ${post.status} without the API key`, 'An api_key server must refuse requests without X-Api-Key (API Gateway: api_key_required on the method).', { security: true, clients: [] });
    else if (isLoopback(ctx.target)) f.pass('POST without credentials', `${post.status}: a local server that needs no credentials (the OAuth checks do not apply)`);
    else f.warn('POST without credentials', `answered ${post.status}: anyone who has the URL can call every tool`, 'Deploy with OAuth (cognito mode) or an API key unless the tools are meant to be public.');
  } else if (post.status === 403 && ctx.mode === 'api_key') {
    f.pass('POST without credentials', '403 without the API key');
  } else {
    f.fail('POST without credentials', `answered ${post.status}${post.status === 403 ? ' with no challenge' : ''}, not 401 with WWW-Authenticate`, post.status === 403 ? 'For an api_key server give API_KEY=...; for OAuth, unauthenticated requests must get 401 with a Bearer challenge so clients start signing in.' : 'Answer requests without credentials 401 with a Bearer challenge (the kit does when auth.resourceMetadataUrl is set).');
  }
  await checkProbe(ctx, f, 'GET', ['codex', 'gemini-cli']);
  await checkProbe(ctx, f, 'HEAD', ['gemini-cli']);
  await checkPreflight(ctx, f);
  return f;
}

function decideMode(ctx: DoctorContext, post: Answer): void {
  if (ctx.options.apiKey) {
    ctx.mode = 'api_key';
    ctx.credentials = { 'x-api-key': ctx.options.apiKey };
  } else if (post.status >= 200 && post.status < 300) {
    ctx.mode = 'none';
    ctx.credentials = {};
  } else {
    ctx.mode = 'oauth';
    if (ctx.options.token) ctx.credentials = { authorization: `Bearer ${ctx.options.token}` };
  }
}

/** The 401's challenge: under its own name, Bearer, naming resource_metadata and scope. */
function checkChallenge(ctx: DoctorContext, f: Findings, answer: Answer, what: string): void {
  const value = answer.headers.get('www-authenticate');
  const remapped = answer.headers.get('x-amzn-remapped-www-authenticate');
  if (!value) {
    if (remapped) {
      f.fail(`${what}: challenge`, `401 carries x-amzn-Remapped-WWW-Authenticate, not WWW-Authenticate: API Gateway renamed the header the function set, and clients never see the challenge`, 'Send the challenge from an API Gateway gateway response (UNAUTHORIZED), not from the Lambda proxy response (the module does this in cognito mode).');
    } else {
      f.fail(`${what}: challenge`, '401 without a WWW-Authenticate header', 'Add `WWW-Authenticate: Bearer resource_metadata="<metadata URL>", scope="..."` to every 401.');
    }
    return;
  }
  const challenge = parseChallenge(value);
  if (!challenge || challenge.scheme.toLowerCase() !== 'bearer') {
    f.fail(`${what}: challenge`, `WWW-Authenticate is "${value}", not a Bearer challenge`, 'MCP clients sign in from a `Bearer` challenge.');
    return;
  }
  ctx.challenge ??= challenge;
  const metadata = challenge.params.resource_metadata;
  if (!metadata) {
    f.fail(`${what}: resource_metadata`, `the Bearer challenge names no resource_metadata (${value})`, 'Name the RFC 9728 metadata URL in the challenge: `resource_metadata="https://<host>/.well-known/oauth-protected-resource/mcp"`; Claude Code starts from it, and metadata at any non-default path is found only this way.');
  } else {
    f.pass(`${what}: challenge`, `401, WWW-Authenticate: Bearer resource_metadata="${metadata}"`);
  }
  if (challenge.params.scope === undefined) f.warn(`${what}: scope`, 'the challenge names no scope: clients then ask for every scope in the metadata', 'Add scope="..." with the scopes the server\'s tools need (MCP spec: SHOULD).');
  else if (metadata) f.pass(`${what}: scope`, `scope="${challenge.params.scope}"`);
}

async function checkProbe(ctx: DoctorContext, f: Findings, method: 'GET' | 'HEAD', clients: readonly ClientId[]): Promise<void> {
  const answer = await send(ctx.url, { method, headers: { accept: 'text/event-stream' } }, ctx.http);
  const name = `${method} without credentials`;
  const stream = answer.status === 200 && (answer.headers.get('content-type') ?? '').includes('text/event-stream');
  if (answer.status === 405) f.pass(name, '405 (no GET stream: a stateless server)', clients);
  else if (answer.status === 401 && answer.headers.get('www-authenticate')) f.pass(name, '401 with the challenge', clients);
  else if (answer.status === 401) f.fail(name, '401 without WWW-Authenticate', 'Send the same Bearer challenge as POST gets.', { clients });
  else if (ctx.mode === 'api_key' && answer.status === 403) f.pass(name, '403 without the API key', clients);
  else if (ctx.mode === 'none' && stream) f.pass(name, '200, an event stream', clients);
  else f.fail(name, `answered ${answer.status}, not 401 or 405`, `${method} is a discovery probe (Codex sends GET, Gemini CLI HEAD): answer 405, or 401 with the challenge.`, { clients });
}

async function checkPreflight(ctx: DoctorContext, f: Findings): Promise<void> {
  const origin = ctx.options.origin ?? 'http://localhost:6274';
  const answer = await send(ctx.url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': PREFLIGHT_HEADERS } }, ctx.http);
  const allowOrigin = answer.headers.get('access-control-allow-origin');
  const allowHeaders = (answer.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(',').map((h) => h.trim());
  const missing = PREFLIGHT_HEADERS.split(', ').filter((h) => !allowHeaders.includes(h) && !(allowHeaders.includes('*') && h !== 'authorization'));
  const hint = `Browser-based clients (MCP Inspector's page) need the preflight answered 2xx with Access-Control-Allow-Origin and the MCP headers allowed; allow their origin (allowedOrigins) if they should connect.`;
  if (answer.status >= 300) f.warn('CORS preflight', `OPTIONS from ${origin} answered ${answer.status}`, hint);
  else if (allowOrigin !== origin && allowOrigin !== '*') f.warn('CORS preflight', `OPTIONS from ${origin}: Access-Control-Allow-Origin is ${allowOrigin ?? 'absent'}`, hint);
  else if (missing.length) f.warn('CORS preflight', `OPTIONS from ${origin}: headers not allowed: ${missing.join(', ')}`, hint);
  else f.pass('CORS preflight', `${answer.status}, ${origin} allowed ${PREFLIGHT_HEADERS}`, []);
}
