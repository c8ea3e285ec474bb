import { ok, type Method, type ServerState } from '../call.ts';
import { invalidParams } from '../errors.ts';
import { SUPPORTED_VERSIONS, negotiateLegacyVersion } from '../protocol/versions.ts';

const LOG_LEVELS = new Set(['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency']);

export function serverInfo(server: ServerState): Record<string, unknown> {
  return { ...server.info };
}

/** 2025 era. No session is created: every later request stands on its own, as on a fresh Lambda. */
export const initialize: Method = (call, server) => {
  const result: Record<string, unknown> = {
    protocolVersion: negotiateLegacyVersion(call.params.protocolVersion),
    capabilities: server.registry.capabilities('legacy'),
    serverInfo: serverInfo(server),
  };
  if (server.instructions) result.instructions = server.instructions;
  return ok(result);
};

export const ping: Method = () => ok({});

/** Accepted for the 2025 clients that send it; this server emits no log notifications to filter. */
export const setLogLevel: Method = (call) => {
  if (typeof call.params.level !== 'string' || !LOG_LEVELS.has(call.params.level)) {
    throw invalidParams(`logging/setLevel needs params.level, one of ${[...LOG_LEVELS].join(', ')}`);
  }
  return ok({});
};

/** 2026-07-28: what `initialize` used to tell, per request and cacheable. */
export const discover: Method = (_call, server) => {
  const result: Record<string, unknown> = {
    supportedVersions: [...SUPPORTED_VERSIONS],
    capabilities: server.registry.capabilities('modern'),
  };
  if (server.instructions) result.instructions = server.instructions;
  result.ttlMs = server.listCache.ttlMs;
  result.cacheScope = 'public';
  return ok(result);
};
