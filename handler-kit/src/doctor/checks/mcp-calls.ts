/**
 * MCP calls with credentials (a TOKEN, an API key, or none for an open server), as the clients make
 * them: `server/discover` on the 2026-07-28 wire (Claude Code; also with the 2025 version header
 * claude.ai has been seen to send), `initialize` on the 2025 wire (the others), `tools/list` on both, a
 * request without Accept, and one call of a tool annotated read-only.
 */
import { ALL_CLIENTS, LEGACY, LEGACY_VERSION, MODERN, MODERN_META, MODERN_VERSION, type ClientId } from '../clients.ts';
import type { DoctorContext } from '../context.ts';
import { jsonRpcAnswer, parseChallenge, send } from '../http.ts';
import { Findings } from '../result.ts';
import { requiredCount, sampleArguments } from '../sample-arguments.ts';

interface Call {
  method: string;
  params?: Record<string, unknown>;
  era: 'modern' | 'legacy';
  /** The MCP-Protocol-Version header; default the era's version. */
  versionHeader?: string;
  accept?: string | null;
  name?: string;
}

type Outcome = { result: Record<string, unknown> } | { problem: string; hint: string };

let nextId = 10;

async function call(ctx: DoctorContext, c: Call): Promise<Outcome> {
  const id = nextId++;
  const params = c.era === 'modern'
    ? { ...c.params, _meta: MODERN_META }
    : c.params;
  const headers: Record<string, string> = { 'content-type': 'application/json', ...ctx.credentials };
  if (c.accept !== null) headers.accept = c.accept ?? 'application/json, text/event-stream';
  headers['mcp-protocol-version'] = c.versionHeader ?? (c.era === 'modern' ? MODERN_VERSION : LEGACY_VERSION);
  headers['mcp-method'] = c.method;
  if (c.name) headers['mcp-name'] = c.name;
  const answer = await send(ctx.url, { method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', id, method: c.method, ...(params ? { params } : {}) }) }, ctx.http);
  if (answer.status === 401) {
    const said = parseChallenge(answer.headers.get('www-authenticate') ?? '')?.params;
    const why = said?.error ? ` (${said.error}${said.error_description ? `: ${said.error_description}` : ''})` : '';
    return { problem: `401: the credentials were refused${why}`, hint: 'The token expired, or was issued for another resource (its audience must be this URL); get a fresh one.' };
  }
  if (answer.status === 403) {
    const scope = parseChallenge(answer.headers.get('www-authenticate') ?? '')?.params.scope;
    return { problem: `403${scope ? `: insufficient scope, needs ${scope}` : ''}`, hint: 'Use a token granted the scopes the challenge names.' };
  }
  const message = jsonRpcAnswer(answer, id);
  const error = message?.error as { code?: number; message?: string } | undefined;
  if (error) return { problem: `${answer.status}, JSON-RPC error ${error.code}: ${error.message}`, hint: `The server must answer ${c.method} as MCP ${c.era === 'modern' ? MODERN_VERSION : LEGACY_VERSION} specifies.` };
  if (!message || typeof message.result !== 'object' || message.result === null) return { problem: `${answer.status}, no JSON-RPC result (${answer.headers.get('content-type') ?? 'no content type'})`, hint: 'Answer with application/json or text/event-stream carrying the JSON-RPC response.' };
  return { result: message.result as Record<string, unknown> };
}

export async function checkMcpCalls(ctx: DoctorContext): Promise<Findings> {
  const f = new Findings('mcp');
  if (!ctx.credentials) {
    f.skip('calls', ctx.mode === 'oauth' ? 'skipped: give TOKEN=... (an access token for this server) to check server/discover, initialize, tools/list and a tool call' : 'skipped: no credentials');
    return f;
  }
  const row = (name: string, outcome: Outcome, clients: readonly ClientId[], detail: (r: Record<string, unknown>) => string | { problem: string; hint: string }) => {
    if ('problem' in outcome) return void f.fail(name, outcome.problem, outcome.hint, { clients });
    const d = detail(outcome.result);
    if (typeof d === 'string') f.pass(name, d, clients);
    else f.fail(name, d.problem, d.hint, { clients });
  };

  const discover = await call(ctx, { method: 'server/discover', era: 'modern' });
  row('server/discover (2026-07-28)', discover, MODERN, (r) => {
    const info = (r._meta as Record<string, { name?: string }> | undefined)?.['io.modelcontextprotocol/serverInfo'];
    if (info?.name) ctx.serverName ??= info.name;
    return Array.isArray(r.supportedVersions) ? `versions ${r.supportedVersions.join(', ')}` : { problem: 'no supportedVersions in the result', hint: 'server/discover answers supportedVersions and capabilities.' };
  });
  const mixed = await call(ctx, { method: 'server/discover', era: 'modern', versionHeader: '2025-11-25' });
  row('2025 header with 2026 _meta', mixed, MODERN, () => 'served (claude.ai and Claude Code have been seen sending this pair, anthropics/claude-code#93290)');

  const init = await call(ctx, { method: 'initialize', era: 'legacy', versionHeader: LEGACY_VERSION, params: { protocolVersion: LEGACY_VERSION, capabilities: {}, clientInfo: { name: 'serverless-mcp doctor', version: '1' } } });
  row(`initialize (${LEGACY_VERSION})`, init, LEGACY, (r) => {
    const info = r.serverInfo as { name?: string; version?: string } | undefined;
    if (info?.name) ctx.serverName ??= info.name;
    return typeof r.protocolVersion === 'string' ? `protocol ${r.protocolVersion}, server ${info?.name ?? '?'} ${info?.version ?? ''}`.trim() : { problem: 'no protocolVersion in the result', hint: 'initialize answers protocolVersion, capabilities and serverInfo.' };
  });

  const modernList = await call(ctx, { method: 'tools/list', era: 'modern' });
  const legacyList = await call(ctx, { method: 'tools/list', era: 'legacy' });
  const countTools = (r: Record<string, unknown>) => (Array.isArray(r.tools) && r.tools.length ? `${r.tools.length} tools` : { problem: 'no tools listed', hint: 'Clients show nothing to use: define at least one tool (or check the token\'s scopes hide none).' });
  row('tools/list (2026-07-28)', modernList, MODERN, countTools);
  row(`tools/list (${LEGACY_VERSION})`, legacyList, LEGACY, countTools);
  const noAccept = await call(ctx, { method: 'tools/list', era: 'modern', accept: null });
  row('request without Accept', noAccept, ['claude-code'], () => 'served (Claude Code sometimes sends no Accept header)');

  const listed = 'result' in modernList ? modernList.result.tools : 'result' in legacyList ? legacyList.result.tools : undefined;
  await callReadOnlyTool(ctx, f, Array.isArray(listed) ? (listed as Tool[]) : [], 'result' in modernList ? 'modern' : 'legacy');
  return f;
}

interface Tool {
  name: string;
  inputSchema?: Record<string, unknown>;
  annotations?: { readOnlyHint?: boolean };
}

async function callReadOnlyTool(ctx: DoctorContext, f: Findings, tools: Tool[], era: Call['era']): Promise<void> {
  const readOnly = tools.filter((t) => t.annotations?.readOnlyHint === true).sort((a, b) => requiredCount(a.inputSchema) - requiredCount(b.inputSchema));
  const tool = readOnly[0];
  if (!tool) {
    f.skip('tools/call', tools.length ? 'skipped: no tool is annotated readOnlyHint, and the doctor calls only read-only tools' : 'skipped: no tools listed');
    return;
  }
  const args = sampleArguments(tool.inputSchema);
  const outcome = await call(ctx, { method: 'tools/call', era, name: tool.name, params: { name: tool.name, arguments: args } });
  if ('problem' in outcome) {
    f.fail(`tools/call ${tool.name}`, outcome.problem, outcome.hint, { clients: ALL_CLIENTS });
    return;
  }
  const text = Array.isArray(outcome.result.content) ? (outcome.result.content as { type?: string; text?: string }[]).find((c) => c.type === 'text')?.text : undefined;
  const shown = text ? `: ${text.slice(0, 80).replace(/\s+/g, ' ')}${text.length > 80 ? '…' : ''}` : '';
  f.pass(`tools/call ${tool.name}`, outcome.result.isError ? `answered with a tool error for the doctor's sample arguments ${JSON.stringify(args)}${shown} (the call path works)` : `answered${shown}`);
}
