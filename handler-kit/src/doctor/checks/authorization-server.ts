/**
 * RFC 8414 metadata of the authorization server the resource names, found as clients find it, and what
 * each client needs from it: the issuer it was fetched for, S256, `iss` in the response, registration,
 * public clients (`none`), CIMD, https endpoints and no stage path.
 */
import { ALL_CLIENTS, DCR_ONLY, type ClientId } from '../clients.ts';
import type { DoctorContext } from '../context.ts';
import { isSecureOrLocal, jsonObject, send, stageIn, wellKnown } from '../http.ts';
import { Findings } from '../result.ts';

/** MCP 2026-07-28 order: RFC 8414 then OIDC, path-inserted, then OIDC path-appended for an issuer with a path. */
export function metadataUrls(issuer: string): string[] {
  const inserted = [wellKnown(issuer, 'oauth-authorization-server'), wellKnown(issuer, 'openid-configuration')];
  const url = new URL(issuer);
  return url.pathname === '/' ? inserted : [...inserted, `${url.origin}${url.pathname.replace(/\/$/, '')}/.well-known/openid-configuration`];
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export async function checkAuthorizationServer(ctx: DoctorContext): Promise<Findings> {
  const f = new Findings('authorization-server');
  const issuer = list(ctx.resourceMetadata?.authorization_servers)[0];
  if (typeof issuer !== 'string' || !URL.canParse(issuer)) {
    f.skip('metadata', ctx.mode === 'oauth' ? 'skipped: no authorization server named in the resource metadata' : 'skipped: not an OAuth server');
    return f;
  }
  let found: { url: string; doc: Record<string, unknown> } | undefined;
  const tried: string[] = [];
  for (const url of metadataUrls(issuer)) {
    const answer = await send(url, { headers: { accept: 'application/json' } }, ctx.http);
    const doc = answer.status === 200 ? jsonObject(answer.text) : undefined;
    tried.push(`${url} (${answer.status})`);
    if (doc) {
      found = { url, doc };
      break;
    }
  }
  if (!found) {
    f.fail('metadata', `none of ${tried.join(', ')}`, `Serve RFC 8414 metadata at ${metadataUrls(issuer)[0]}.`);
    return f;
  }
  const { doc, url } = found;
  ctx.authorizationServer = doc;
  f.pass('metadata', url);

  if (doc.issuer === issuer) f.pass('issuer', `"${issuer}", where it was fetched`);
  else f.fail('issuer', `issuer is ${JSON.stringify(doc.issuer)}, but the metadata was found for "${issuer}" (authorization_servers[0])`, 'The issuer must be byte-identical to the authorization_servers entry and to the URL the metadata is fetched for (MCP 2026-07-28: clients MUST NOT use metadata whose issuer differs).');

  const missing = ['authorization_endpoint', 'token_endpoint'].filter((k) => typeof doc[k] !== 'string');
  if (missing.length || !list(doc.response_types_supported).includes('code')) {
    f.fail('endpoints', `missing: ${[...missing, ...(list(doc.response_types_supported).includes('code') ? [] : ['"code" in response_types_supported'])].join(', ')}`, 'RFC 8414 requires authorization_endpoint, token_endpoint and response_types_supported with "code".');
  }
  const methods = list(doc.code_challenge_methods_supported);
  if (methods.includes('S256')) f.pass('PKCE', 'S256');
  else f.fail('PKCE', doc.code_challenge_methods_supported === undefined ? 'code_challenge_methods_supported is absent: spec-following clients refuse to proceed' : `code_challenge_methods_supported is ${JSON.stringify(methods)}, without S256`, 'Advertise code_challenge_methods_supported: ["S256"] (Cognito\'s own discovery lacks it, so clients need the server\'s own metadata).');

  if (doc.authorization_response_iss_parameter_supported === true) f.pass('iss parameter', 'authorization_response_iss_parameter_supported: true', ['gemini-cli']);
  else f.fail('iss parameter', 'authorization_response_iss_parameter_supported is not true: Gemini CLI refuses every authorization response without iss (RFC 9207)', 'Return iss=<issuer> on the redirect to the client and advertise authorization_response_iss_parameter_supported: true.', { clients: ['gemini-cli'] });

  const publicClients = list(doc.token_endpoint_auth_methods_supported).includes('none');
  if (publicClients) f.pass('public clients', '"none" in token_endpoint_auth_methods_supported');
  else f.fail('public clients', `token_endpoint_auth_methods_supported is ${JSON.stringify(doc.token_endpoint_auth_methods_supported ?? 'absent (default client_secret_basic)')}, without "none"`, 'Every MCP client is a public client sending token_endpoint_auth_method "none": list it.');

  const cimd = doc.client_id_metadata_document_supported === true;
  if (cimd && publicClients) f.pass('CIMD', 'client_id_metadata_document_supported: true (claude.ai, VS Code, Codex, Claude Code use it)', []);
  else f.warn('CIMD', 'client_id_metadata_document_supported is not true: every client registers by DCR instead', 'Support Client ID Metadata Documents (MCP 2026-07-28 prefers them to DCR).');

  const registration = doc.registration_endpoint;
  const needRegistration: readonly ClientId[] = cimd ? DCR_ONLY : ALL_CLIENTS;
  if (typeof registration === 'string') f.pass('registration_endpoint', registration, needRegistration);
  else f.fail('registration_endpoint', `absent: ${cimd ? 'Cursor and Gemini CLI register only by DCR' : 'no client can register'}`, 'Advertise registration_endpoint (RFC 7591) with a redirect policy that accepts the clients\' URIs.', { clients: needRegistration });

  if (typeof doc.revocation_endpoint !== 'string') f.warn('revocation_endpoint', 'absent', 'Claude Code revokes its tokens at re-login: advertise revocation_endpoint (RFC 7009).');

  const urls = Object.entries(doc).filter((e): e is [string, string] => typeof e[1] === 'string' && (e[0] === 'issuer' || e[0].endsWith('_endpoint') || e[0] === 'jwks_uri'));
  const insecure = urls.filter(([, v]) => !isSecureOrLocal(v));
  if (insecure.length) f.fail('https', `${insecure.map(([k, v]) => `${k} ${v}`).join(', ')} not https`, 'Every authorization-server endpoint must be served over https (MCP spec).');
  const staged = urls.filter(([, v]) => stageIn(v) !== undefined);
  if (staged.length) f.fail('stage path', `${staged.map(([k, v]) => `${k} ${v}`).join(', ')} carries an API Gateway stage path`, 'Build every URL from the custom domain (one configured public URL), never from the execute-api host or its stage.');
  else f.pass('stage path', `none in ${urls.length} URLs`);
  return f;
}
