/**
 * RFC 9728 protected-resource metadata, wherever clients look for it: the URL the challenge names, the
 * path-inserted location and the root. Each must name the URL the clients were given, exactly.
 */
import type { ClientId } from '../clients.ts';
import type { DoctorContext } from '../context.ts';
import { isSecureOrLocal, jsonObject, send, stageIn, wellKnown } from '../http.ts';
import { Findings } from '../result.ts';

interface Location {
  name: string;
  url: string;
  /** Who reads it: a failure here stops them. */
  clients?: readonly ClientId[];
  /** Why clients read it there. */
  why: string;
}

export async function checkProtectedResource(ctx: DoctorContext): Promise<Findings> {
  const f = new Findings('resource-metadata');
  if (ctx.mode !== 'oauth') {
    f.skip('metadata', `skipped: ${ctx.mode === 'api_key' ? 'an api_key server' : 'the server requires no credentials'}`);
    return f;
  }
  const pathInserted = wellKnown(ctx.url, 'oauth-protected-resource');
  const root = `${ctx.target.origin}/.well-known/oauth-protected-resource`;
  const fromChallenge = ctx.challenge?.params.resource_metadata;
  const locations: Location[] = [];
  if (fromChallenge && fromChallenge !== pathInserted) locations.push({ name: 'from the challenge', url: fromChallenge, why: 'clients use the challenge\'s URL as is, with no fallback' });
  locations.push({ name: 'path-inserted', url: pathInserted, why: 'claude.ai, mcp-remote and Codex look here first (RFC 9728 §3.1)' });
  if (root !== pathInserted) locations.push({ name: 'root', url: root, clients: ['claude-code'], why: 'Claude Code reads the root document when it signs in again; Codex falls back to it' });

  for (const location of locations) {
    const doc = await fetchDocument(ctx, f, location);
    if (!doc) continue;
    ctx.resourceMetadata ??= doc;
    checkResource(ctx, f, location, doc);
  }
  const doc = ctx.resourceMetadata;
  if (doc) checkContents(ctx, f, doc);
  return f;
}

async function fetchDocument(ctx: DoctorContext, f: Findings, location: Location): Promise<Record<string, unknown> | undefined> {
  const name = location.name;
  const answer = await send(location.url, { headers: { accept: 'application/json' } }, ctx.http);
  const doc = answer.status === 200 ? jsonObject(answer.text) : undefined;
  if (!doc) {
    f.fail(name, `${location.url} ${answer.status === 200 ? 'is not a JSON object' : `answered ${answer.status}`}`, `Serve the RFC 9728 document (resource, authorization_servers) at this URL with 200 and application/json: ${location.why}.`, location.clients ? { clients: location.clients } : {});
  }
  return doc;
}

function checkResource(ctx: DoctorContext, f: Findings, location: Location, doc: Record<string, unknown>): void {
  const name = `${location.name}: resource`;
  const resource = doc.resource;
  if (resource === ctx.url) {
    f.pass(name, `"${resource}" (${location.url})`, location.clients);
    return;
  }
  const hint = `Set resource to exactly "${ctx.url}", the URL clients are given (built from one configured public URL, never from the Host header).`;
  if (typeof resource !== 'string') {
    f.fail(name, `no resource in ${location.url}`, hint, location.clients ? { clients: location.clients } : {});
    return;
  }
  // The SDKs accept a same-origin path prefix; Gemini CLI compares the strings exactly (gemini-cli#20017).
  const prefix = URL.canParse(resource) && new URL(resource).origin === ctx.target.origin && ctx.target.pathname.startsWith(new URL(resource).pathname);
  const options = prefix ? { clients: ['gemini-cli'] as const } : location.clients ? { clients: location.clients } : {};
  f.fail(name, `"${resource}" is not the URL given, "${ctx.url}"${prefix ? ' (a prefix: the SDK clients accept it, Gemini CLI compares exactly)' : ''}`, hint, options);
}

function checkContents(ctx: DoctorContext, f: Findings, doc: Record<string, unknown>): void {
  const servers = doc.authorization_servers;
  if (!Array.isArray(servers) || typeof servers[0] !== 'string') {
    f.fail('authorization_servers', 'missing or empty', 'List the authorization server\'s issuer in authorization_servers (clients use the first).');
  } else if (!isSecureOrLocal(servers[0])) {
    f.fail('authorization_servers', `${servers[0]} is not https`, 'Every authorization-server URL must be https.');
  } else {
    f.pass('authorization_servers', servers.join(', '));
  }
  const scopes = Array.isArray(doc.scopes_supported) ? (doc.scopes_supported as unknown[]) : [];
  if (scopes.includes('offline_access')) f.warn('scopes_supported', 'lists offline_access', 'MCP 2026-07-28: SHOULD NOT list offline_access in the resource\'s scopes.');
  const staged = [ctx.url, doc.resource, ...(Array.isArray(servers) ? servers : [])].filter((u, i, all): u is string => typeof u === 'string' && stageIn(u) !== undefined && all.indexOf(u) === i);
  if (staged.length) f.fail('stage path', `${staged.join(', ')} carries an API Gateway stage path`, 'Publish the server on a custom domain with an empty base path; discovery URLs are built from that one public URL.');
}
