import type { Registry } from './registry.ts';

/**
 * What a server offers, as plain JSON: the build writes it to `manifest.json`, and the infrastructure
 * module reads it (scopes become Cognito resource-server scopes). Derived from the same definitions the
 * server serves, so the two cannot drift.
 */
export interface ServerDescription {
  manifestVersion: 1;
  name: string;
  version: string;
  title?: string;
  instructions?: string;
  scopes: string[];
  tools: Record<string, unknown>[];
  resources: Record<string, unknown>[];
  resourceTemplates: Record<string, unknown>[];
  prompts: Record<string, unknown>[];
}

/**
 * Where a handler keeps its definitions for build-time tools. A symbol rather than a method, so code
 * that only serves requests (a Lambda bundle) does not carry the describing code.
 */
export const DEFINITIONS = Symbol.for('serverless-mcp.definitions');
export interface Definitions {
  registry: Registry;
  info: { name: string; version: string; title?: string; instructions?: string };
}

const withScopes = (d: Record<string, unknown>, scopes: readonly string[]) => ({ ...d, scopes: [...scopes] });

export function describeServer(handler: { readonly [DEFINITIONS]: Definitions }): ServerDescription {
  const { registry, info } = handler[DEFINITIONS];
  return {
    manifestVersion: 1,
    name: info.name,
    version: info.version,
    ...(info.title ? { title: info.title } : {}),
    ...(info.instructions ? { instructions: info.instructions } : {}),
    scopes: [...registry.scopes],
    tools: [...registry.tools.values()].map((t) => withScopes(registry.toolDescriptor(t), t.scopes)),
    resources: [...registry.resources.values()].map((r) => withScopes(registry.resourceDescriptor(r), r.scopes)),
    resourceTemplates: registry.templates.map((t) => withScopes(registry.templateDescriptor(t), t.scopes)),
    prompts: [...registry.prompts.values()].map((p) => withScopes(registry.promptDescriptor(p), p.scopes)),
  };
}
