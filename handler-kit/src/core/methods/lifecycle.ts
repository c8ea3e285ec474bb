import { ok, type Method, type ServerState } from '../call.ts';
import { invalidParams } from '../errors.ts';
import { CLIENT_LOG_LEVELS, isClientLogLevel } from '../notifications.ts';
import { SUPPORTED_VERSIONS, negotiateLegacyVersion } from '../protocol/versions.ts';


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

/**
 * Accepted and validated, but a stateless server cannot remember it for later requests: those are held to
 * a level carried on themselves (`_meta` io.modelcontextprotocol/logLevel), else to the server's 2025
 * default (`streaming.legacyLogLevel`, "info" unless configured).
 */
export const setLogLevel: Method = (call) => {
  if (!isClientLogLevel(call.params.level)) {
    throw invalidParams(`logging/setLevel needs params.level, one of ${CLIENT_LOG_LEVELS.join(', ')}`);
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
