import { ok, type Call, type Method } from '../call.ts';
import { toBase64, type ResourceContents } from '../content.ts';
import type { ReadReturn } from '../definitions/resource.ts';
import { ProtocolError, invalidParams } from '../errors.ts';
import { INVALID_PARAMS, RESOURCE_NOT_FOUND } from '../jsonrpc.ts';
import { mayUse, requireScopes } from './access.ts';
import { withCache } from './cache.ts';
import { invoke, outcomeAsError } from './invoke.ts';
import { forLog } from '../limits.ts';

export const listResources: Method = (call, server) => {
  const { registry } = server;
  const resources = [...registry.resources.values()]
    .filter((r) => mayUse(call, server, r.scopes))
    .map((r) => registry.resourceDescriptor(r));
  return ok(withCache(call, { resources }, server.listCache));
};

export const listResourceTemplates: Method = (call, server) => {
  const { registry } = server;
  const resourceTemplates = registry.templates
    .filter((t) => mayUse(call, server, t.scopes))
    .map((t) => registry.templateDescriptor(t));
  return ok(withCache(call, { resourceTemplates }, server.listCache));
};

/** 2025 revisions: -32002; 2026-07-28: -32602. Both carry the URI. */
const notFound = (call: Call, uri: string): ProtocolError =>
  new ProtocolError(call.era === 'modern' ? INVALID_PARAMS : RESOURCE_NOT_FOUND, `Resource not found: ${uri}`, { uri });

export function toContents(uri: string, mimeType: string | undefined, value: ReadReturn): ResourceContents[] {
  const mime = (fallback: string, own?: string) => own ?? mimeType ?? fallback;
  if (typeof value === 'string') return [{ uri, mimeType: mime('text/plain'), text: value }];
  if (value instanceof Uint8Array) return [{ uri, mimeType: mime('application/octet-stream'), blob: toBase64(value) }];
  if (Array.isArray(value)) return value;
  if ('text' in value) return [{ uri, mimeType: mime('text/plain', value.mimeType), text: value.text }];
  const blob = typeof value.blob === 'string' ? value.blob : toBase64(value.blob);
  return [{ uri, mimeType: mime('application/octet-stream', value.mimeType), blob }];
}

export const readResource: Method = async (call, server) => {
  const uri = call.params.uri;
  if (typeof uri !== 'string') throw invalidParams('resources/read needs params.uri');
  const found = server.registry.findResource(uri);
  if (!found) throw notFound(call, uri);
  const { def, variables } = found;
  requireScopes(call, server, `resource "${uri}"`, def.scopes);
  const outcome = await invoke(call, server, uri, (ctx) =>
    def.kind === 'resource' ? def.read(ctx) : def.read(uri, variables, ctx),
  );
  if (outcome.kind === 'input_required') return { result: outcome.result, outcome: 'input_required' };
  if (outcome.kind !== 'done') throw outcomeAsError(outcome, `Reading ${uri}`, call);
  try {
    return ok(withCache(call, { contents: toContents(uri, def.mimeType, outcome.value) }, server.readCache));
  } catch (err) {
    call.logger.error('resource read returned something that is not contents', { uri: forLog(uri), requestId: forLog(call.id), error: err });
    throw outcomeAsError({ kind: 'crashed' }, `Reading ${uri}`, call);
  }
};
