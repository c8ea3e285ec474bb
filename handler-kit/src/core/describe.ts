import { SUPPORTED_VERSIONS } from './protocol/versions.ts';
import type { Registry } from './registry.ts';
import { cardTemplate, type CardSettings, type ServerCardTemplate } from './server-card.ts';

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
  description?: string;
  websiteUrl?: string;
  instructions?: string;
  scopes: string[];
  tools: Record<string, unknown>[];
  resources: Record<string, unknown>[];
  resourceTemplates: Record<string, unknown>[];
  prompts: Record<string, unknown>[];
  /** The server card's part the definitions decide; the deployment adds its URL and auth (completeCard). */
  serverCard: ServerCardTemplate;
}

/**
 * Where a handler keeps its definitions for build-time tools. A symbol rather than a method, so code
 * that only serves requests (a Lambda bundle) does not carry the describing code.
 */
export const DEFINITIONS = Symbol.for('serverless-mcp.definitions');
export interface Definitions {
  registry: Registry;
  info: { name: string; version: string; title?: string; description?: string; websiteUrl?: string; instructions?: string };
  card?: CardSettings | undefined;
}

const withScopes = (d: Record<string, unknown>, scopes: readonly string[]) => ({ ...d, scopes: [...scopes] });

/**
 * The card's listing is what `tools/list`, `resources/list`, `resources/templates/list` and `prompts/list`
 * return to a caller allowed everything: the same descriptors, without the kit's `scopes`.
 */
export function serverCardTemplate({ registry, info, card }: Definitions): ServerCardTemplate {
  return cardTemplate({
    ...info,
    versions: SUPPORTED_VERSIONS,
    settings: card,
    listing: {
      capabilities: registry.capabilities('modern'),
      tools: [...registry.tools.values()].map((t) => registry.toolDescriptor(t)),
      resources: [...registry.resources.values()].map((r) => registry.resourceDescriptor(r)),
      resourceTemplates: registry.templates.map((t) => registry.templateDescriptor(t)),
      prompts: [...registry.prompts.values()].map((p) => registry.promptDescriptor(p)),
    },
  });
}

export function describeServer(handler: { readonly [DEFINITIONS]: Definitions }): ServerDescription {
  const definitions = handler[DEFINITIONS];
  const { registry, info } = definitions;
  return {
    manifestVersion: 1,
    name: info.name,
    version: info.version,
    ...(info.title ? { title: info.title } : {}),
    ...(info.description ? { description: info.description } : {}),
    ...(info.websiteUrl ? { websiteUrl: info.websiteUrl } : {}),
    ...(info.instructions ? { instructions: info.instructions } : {}),
    scopes: [...registry.scopes],
    tools: [...registry.tools.values()].map((t) => withScopes(registry.toolDescriptor(t), t.scopes)),
    resources: [...registry.resources.values()].map((r) => withScopes(registry.resourceDescriptor(r), r.scopes)),
    resourceTemplates: registry.templates.map((t) => withScopes(registry.templateDescriptor(t), t.scopes)),
    prompts: [...registry.prompts.values()].map((p) => withScopes(registry.promptDescriptor(p), p.scopes)),
    serverCard: serverCardTemplate(definitions),
  };
}
