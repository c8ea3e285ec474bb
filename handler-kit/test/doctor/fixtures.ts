/**
 * Servers for the doctor's tests, on loopback: the kit's own handler (createHandler + its Node listener,
 * auth configured) behind a small authorization server that does what clients.md says clients need
 * (RFC 9728 + 8414 metadata, S256, iss, CIMD flag, registration with a redirect policy, authorize that
 * leads to a sign-in page). Each defect breaks exactly one thing, the way deployed servers have.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as z from 'zod';
import { toNodeListener } from '../../src/adapters/node/index.ts';
import { createHandler, defineTool } from '../../src/index.ts';
import { memoryLogger } from '../helpers.ts';

export type Defect =
  | 'remapped-header' // API Gateway renamed the function's WWW-Authenticate (anthropics/claude-ai-mcp#748)
  | 'wrong-resource' // PRM resource names another URL
  | 'resource-prefix' // PRM resource is the origin: a prefix the SDKs accept, Gemini CLI does not
  | 'issuer-mismatch' // AS metadata issuer is Cognito's, not the URL it is served for
  | 'no-s256' // code_challenge_methods_supported absent (Cognito's own discovery)
  | 'refuses-cursor' // registration refuses custom schemes, so Cursor's three-URI body
  | 'no-resource-metadata' // 401 challenge without resource_metadata
  | 'accepts-hostile' // registration accepts any https redirect
  | 'staged-endpoints' // AS endpoints carry the API Gateway stage
  | 'no-iss' // no RFC 9207 iss
  | 'card-wrong-remote' // the server card names the execute-api URL, not the public one
  | 'cimd-unfetchable' // advertises CIMD but cannot fetch client documents (a function without internet access)
  | 'manages-registrations' // not a defect: RFC 7592 management, so the doctor deletes what it registered
  | 'throttled-register'; // every other registration gets 429 with Retry-After: 0 (a registration rate limit)

export const TOKEN = 'doctor-test-token';
/** The CIMD client id the tests give the doctor, and the document the fixture's "fetch" finds for it. */
export const CIMD_CLIENT = { clientId: 'https://client.example/oauth/client-metadata.json', redirect: 'http://127.0.0.1:33418/' };
const CIMD_DOCUMENTS: Record<string, Record<string, unknown>> = {
  [CIMD_CLIENT.clientId]: { client_id: CIMD_CLIENT.clientId, client_name: 'Example', redirect_uris: [CIMD_CLIENT.redirect], token_endpoint_auth_method: 'none' },
};
const HTTPS_REDIRECT_HOSTS = new Set(['claude.ai', 'claude.com', 'chatgpt.com', 'www.cursor.com', 'vscode.dev', 'insiders.vscode.dev']);
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The fixture's redirect policy: loopback on any port, listed https hosts, private-use schemes (cursor://). */
function redirectAllowed(uri: string, defect: Defect | undefined): boolean {
  if (!URL.canParse(uri)) return false;
  const url = new URL(uri);
  if (url.hash) return false;
  if (url.protocol === 'http:') return LOOPBACK.has(url.hostname);
  if (url.protocol === 'https:') return defect === 'accepts-hostile' || HTTPS_REDIRECT_HOSTS.has(url.hostname);
  return defect !== 'refuses-cursor' && /^[a-z][a-z0-9+.-]*:$/.test(url.protocol) && !['javascript:', 'data:', 'file:'].includes(url.protocol);
}

/** RFC 8252 §7.3: a loopback redirect matches a registered one whatever its port. */
function redirectRegistered(uri: string, registered: string[]): boolean {
  if (registered.includes(uri)) return true;
  if (!URL.canParse(uri)) return false;
  const url = new URL(uri);
  if (url.protocol !== 'http:' || !LOOPBACK.has(url.hostname)) return false;
  return registered.some((r) => URL.canParse(r) && new URL(r).hostname === url.hostname && new URL(r).pathname === url.pathname);
}

export interface Fixture {
  url: string;
  origin: string;
  registrations: Map<string, Record<string, unknown>>;
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
};

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  let text = '';
  for await (const chunk of req) text += chunk;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

export async function startFixture(defect?: Defect): Promise<Fixture> {
  const registrations = new Map<string, Record<string, unknown>>();
  let registerCalls = 0;
  let origin = '';
  let mcp: ReturnType<typeof toNodeListener> | undefined;
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0];
    if (path === '/mcp') {
      if (defect === 'remapped-header') {
        const writeHead = res.writeHead.bind(res) as (status: number, headers: Record<string, string>) => ServerResponse;
        (res as { writeHead: unknown }).writeHead = (status: number, headers: Record<string, string>) => {
          const { 'www-authenticate': challenge, ...rest } = headers;
          return writeHead(status, challenge ? { ...rest, 'x-amzn-Remapped-WWW-Authenticate': challenge } : rest);
        };
      }
      return void mcp!(req, res);
    }
    void route(req, res, path ?? '/');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const url = `${origin}/mcp`;
  const stage = defect === 'staged-endpoints' ? '/prod' : '';

  const handler = createHandler({
    name: 'doctor-fixture',
    version: '1.0.0',
    tools: [
      defineTool({
        name: 'get_status',
        description: 'Reads the status of a service',
        input: z.object({ service: z.string().min(2), verbose: z.boolean().optional() }),
        annotations: { readOnlyHint: true },
        scopes: ['status:read'],
        handler: ({ service }) => `service ${service} is up`,
      }),
      defineTool({ name: 'restart', description: 'Restarts a service', scopes: ['status:write'], handler: () => 'restarted' }),
    ],
    auth: defect === 'no-resource-metadata' ? { required: true } : { resourceMetadataUrl: `${origin}/.well-known/oauth-protected-resource/mcp` },
    logger: memoryLogger(),
  });
  mcp = toNodeListener(handler, {
    authenticate: (req) => (req.headers.authorization === `Bearer ${TOKEN}` ? { subject: 'doctor-user', clientId: 'doctor', scopes: ['status:read', 'status:write'], claims: {} } : undefined),
  });

  const resourceMetadata = {
    resource: defect === 'wrong-resource' ? 'https://mcp.example.com/mcp' : defect === 'resource-prefix' ? origin : url,
    authorization_servers: [origin],
    scopes_supported: ['status:read', 'status:write'],
    bearer_methods_supported: ['header'],
    resource_name: 'Doctor fixture',
  };
  const asMetadata = {
    issuer: defect === 'issuer-mismatch' ? 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Example' : origin,
    authorization_endpoint: `${origin}${stage}/authorize`,
    token_endpoint: `${origin}${stage}/token`,
    registration_endpoint: `${origin}/register`,
    revocation_endpoint: `${origin}/revoke`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    ...(defect === 'no-s256' ? {} : { code_challenge_methods_supported: ['S256'] }),
    token_endpoint_auth_methods_supported: ['none'],
    ...(defect === 'no-iss' ? {} : { authorization_response_iss_parameter_supported: true }),
    client_id_metadata_document_supported: true,
    scopes_supported: ['status:read', 'status:write'],
  };

  async function route(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const query = new URL(req.url ?? '/', origin).searchParams;
    if (path === '/.well-known/oauth-protected-resource/mcp' || path === '/.well-known/oauth-protected-resource') return json(res, 200, resourceMetadata);
    if (path === '/.well-known/oauth-authorization-server') return json(res, 200, asMetadata);
    if (path === '/mcp/server-card' || path === '/.well-known/mcp/server-card.json') {
      res.writeHead(200, { 'content-type': 'application/mcp-server-card+json', 'access-control-allow-origin': '*' });
      const remote = defect === 'card-wrong-remote' ? 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/mcp' : url;
      return void res.end(JSON.stringify({ name: 'com.example/doctor-fixture', version: '1.0.0', description: 'Doctor fixture', remotes: [{ type: 'streamable-http', url: remote, supportedProtocolVersions: ['2026-07-28'] }] }));
    }
    if (path === '/register' && req.method === 'POST') {
      if (defect === 'throttled-register' && registerCalls++ % 2 === 0) {
        res.writeHead(429, { 'retry-after': '0', 'content-type': 'application/json' });
        return void res.end('{"message":"Too Many Requests"}');
      }
      const body = await readJson(req);
      const uris = Array.isArray(body?.redirect_uris) ? (body.redirect_uris as string[]) : [];
      const refused = uris.find((u) => !redirectAllowed(u, defect));
      if (!uris.length || refused) return json(res, 400, { error: 'invalid_redirect_uri', error_description: `redirect_uri ${refused ?? '(none)'} is not allowed` });
      const clientId = randomUUID();
      const registered = { ...body, client_id: clientId, client_id_issued_at: Math.floor(Date.now() / 1000), redirect_uris: uris };
      registrations.set(clientId, registered);
      const management = defect === 'manages-registrations' ? { registration_client_uri: `${origin}/register/${clientId}`, registration_access_token: `rat-${clientId}` } : {};
      return json(res, 201, { ...registered, ...management });
    }
    if (path.startsWith('/register/') && req.method === 'DELETE' && defect === 'manages-registrations') {
      const clientId = path.slice('/register/'.length);
      if (req.headers.authorization !== `Bearer rat-${clientId}` || !registrations.delete(clientId)) return json(res, 401, { error: 'invalid_token' });
      res.writeHead(204);
      return void res.end();
    }
    if (path === `${stage}/authorize`) {
      const clientId = query.get('client_id') ?? '';
      if (clientId.startsWith('https://') && defect === 'cimd-unfetchable') return json(res, 400, { error: 'invalid_client', error_description: 'the client metadata document could not be fetched' });
      const client = registrations.get(clientId) ?? CIMD_DOCUMENTS[clientId];
      const redirect = query.get('redirect_uri') ?? '';
      if (!client || !redirectRegistered(redirect, client.redirect_uris as string[])) return json(res, 400, { error: 'invalid_request', error_description: 'unknown client or redirect_uri' });
      const back = (error: string) => {
        res.writeHead(302, { location: `${redirect}?error=${error}&state=${query.get('state')}&iss=${encodeURIComponent(origin)}` });
        res.end();
      };
      if (query.get('response_type') !== 'code') return back('unsupported_response_type');
      if (query.get('code_challenge_method') !== 'S256' || !query.get('code_challenge')) return back('invalid_request');
      if (query.get('resource') !== url) return back('invalid_target');
      res.writeHead(302, { location: `${origin}/login?request=${randomUUID()}` });
      return void res.end();
    }
    if (path === '/login') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return void res.end('<!doctype html><title>Sign in</title><form method="post"><input name="username"><input name="password" type="password"></form>');
    }
    json(res, 404, { error: 'not_found' });
  }

  return {
    url,
    origin,
    registrations,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

export const API_KEY = 'doctor-test-api-key';

/** An api_key server as API Gateway fronts one: 403 {"message":"Forbidden"} without the right X-Api-Key. */
export async function startApiKeyFixture(): Promise<Fixture> {
  const handler = createHandler({
    name: 'utilities',
    version: '1.0.0',
    tools: [defineTool({ name: 'get_time', description: 'The time', annotations: { readOnlyHint: true }, handler: () => 'noon' })],
    logger: memoryLogger(),
  });
  const listener = toNodeListener(handler);
  const server = createServer((req, res) => {
    if (req.method !== 'OPTIONS' && req.headers['x-api-key'] !== API_KEY) return json(res, 403, { message: 'Forbidden' });
    void listener(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/mcp`,
    origin,
    registrations: new Map(),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
