import type { JsonSchema } from './json-schema.ts';

/** One server's tool schemas as `z.toJSONSchema` made them at build time, keyed by tool name. */
export interface ServerSchemas {
  tools: Record<string, { inputSchema: JsonSchema; outputSchema?: JsonSchema }>;
}

/**
 * The JSON Schemas `make build` computed, keyed by server name. Empty here: scripts/build.ts replaces this
 * module's text inside the bundle it writes (and leaves zod's converter out of it), so a Lambda serves
 * `tools/list` without converting anything. Without a build (tests, plain Node) the registry converts
 * on first use, from the same definitions.
 */
export const BUILD_TIME_SCHEMAS: Readonly<Record<string, ServerSchemas>> = {};

/**
 * The capabilities whose methods the bundle left out (core/features.ts), so that createHandler can refuse
 * a server that has one after all (definitions that differ at run time from what the build saw). Empty
 * here, written by the same build step.
 */
export const BUILT_WITHOUT: readonly string[] = [];
