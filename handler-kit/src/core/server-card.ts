/**
 * The MCP Server Card (SEP-2127, the experimental-ext-server-card draft): a static document describing a
 * server before anyone connects. Built from the server's description (the same one manifest.json holds),
 * so the card a server serves and the one the Terraform module serves from its manifest cannot drift.
 *
 * The draft's card carries identity, the remote endpoint and its protocol versions only; it deliberately
 * leaves out tools, resources and prompts. This kit lists them under the namespaced `_meta` key the draft
 * keeps for extensions (CARD_META_KEY), as `tools/list` and `prompts/list` return them, because registries
 * and crawlers read them there; a server whose endpoint requires auth leaves them out unless it opts in.
 * Plain objects in and out: no I/O.
 */

/** The draft revision this card follows; bump it with the shape when the draft moves. */
export const SERVER_CARD_DRAFT = {
  repository: 'https://github.com/modelcontextprotocol/experimental-ext-server-card',
  commit: '8924e08682b4a936e6464b57845ec2ff17dc8776',
  date: '2026-07-24',
} as const;

export const SERVER_CARD_SCHEMA = 'https://static.modelcontextprotocol.io/schemas/v1/server-card.schema.json';
export const SERVER_CARD_MEDIA_TYPE = 'application/mcp-server-card+json';
/** This kit's `_meta` namespace in the card: what the draft leaves out (primitives, capabilities, auth). */
export const CARD_META_KEY = 'serverless-mcp/server';

/** The draft's limits (schema.ts): description 1..100 characters, name `namespace/name`. */
const DESCRIPTION_MAX = 100;
const CARD_NAME = /^[a-zA-Z0-9.-]+\/[a-zA-Z0-9._-]+$/;

/** Card settings a server makes in code (HandlerOptions.card); they travel in manifest.json. */
export interface CardSettings {
  /** The card's reverse-DNS name, e.g. `com.example/tasks`. Default: the endpoint's host reversed, then the server's name. */
  name?: string | undefined;
  /** List tools, resources and prompts in the card even when the endpoint requires auth (default: only when it does not). */
  listWhenAuthRequired?: boolean | undefined;
}

/** Everything in a card that comes from the definitions; manifest.json's `serverCard`. */
export interface ServerCardTemplate {
  $schema: string;
  /** Present when the server set one; else completed from the endpoint's host. */
  name?: string;
  version: string;
  description: string;
  title?: string;
  websiteUrl?: string;
  remotes: [{ type: 'streamable-http'; supportedProtocolVersions: string[] }];
  _meta: { [CARD_META_KEY]: CardListing & { listWhenAuthRequired: boolean } };
}

export interface CardListing {
  capabilities: Record<string, unknown>;
  tools: Record<string, unknown>[];
  resources: Record<string, unknown>[];
  resourceTemplates: Record<string, unknown>[];
  prompts: Record<string, unknown>[];
}

/** What only the deployment knows: where the endpoint is and whether it needs a token. */
export interface CardDeployment {
  /** The public MCP endpoint, e.g. https://mcp.example.com/mcp */
  url: string;
  authRequired: boolean;
  /** RFC 9728 metadata URL, when auth is configured with one. */
  resourceMetadataUrl?: string | undefined;
  /** Headers a client must send (the draft's KeyValueInput), e.g. an API gateway's `x-api-key`. */
  headers?: readonly CardHeader[] | undefined;
}

export interface CardHeader {
  name: string;
  description?: string | undefined;
  isRequired?: boolean | undefined;
  isSecret?: boolean | undefined;
}

export interface ServerCard {
  $schema: string;
  name: string;
  version: string;
  description: string;
  title?: string;
  websiteUrl?: string;
  remotes: { type: 'streamable-http'; url: string; supportedProtocolVersions: string[]; headers?: CardHeader[] }[];
  _meta: Record<string, unknown>;
}

/** Cut to the draft's 100 characters at a word boundary, with an ellipsis, when longer. */
export function cardDescription(description: string | undefined, fallback: string): string {
  const text = (description ?? '').replace(/\s+/g, ' ').trim() || fallback;
  if (text.length <= DESCRIPTION_MAX) return text;
  const cut = text.slice(0, DESCRIPTION_MAX - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > DESCRIPTION_MAX / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export function assertCardName(name: string): void {
  if (!CARD_NAME.test(name) || name.length < 3 || name.length > 200) {
    throw new TypeError(`card name "${name}" must be reverse-DNS "namespace/name" (e.g. com.example/tasks), 3 to 200 characters`);
  }
}

export interface CardSource {
  name: string;
  version: string;
  title?: string | undefined;
  description?: string | undefined;
  websiteUrl?: string | undefined;
  versions: readonly string[];
  listing: CardListing;
  settings?: CardSettings | undefined;
}

/** The definitions' part of the card (what manifest.json carries as `serverCard`). */
export function cardTemplate(source: CardSource): ServerCardTemplate {
  if (source.settings?.name !== undefined) assertCardName(source.settings.name);
  return {
    $schema: SERVER_CARD_SCHEMA,
    ...(source.settings?.name ? { name: source.settings.name } : {}),
    version: source.version,
    description: cardDescription(source.description, `${source.title ?? source.name}: an MCP server`),
    ...(source.title ? { title: source.title.slice(0, DESCRIPTION_MAX) } : {}),
    ...(source.websiteUrl ? { websiteUrl: source.websiteUrl } : {}),
    remotes: [{ type: 'streamable-http', supportedProtocolVersions: [...source.versions] }],
    _meta: { [CARD_META_KEY]: { ...source.listing, listWhenAuthRequired: source.settings?.listWhenAuthRequired ?? false } },
  };
}

/** `mcp.example.com` → `com.example.mcp`; hosts that are not DNS names (an IP, localhost) → `local`. */
export function namespaceOf(host: string): string {
  const labels = host.toLowerCase().split('.');
  const dnsName = labels.length > 1 && labels.every((l) => /^[a-z0-9-]+$/.test(l)) && !/^\d+$/.test(labels.at(-1)!);
  return dnsName ? labels.reverse().join('.') : 'local';
}

/** The card as served: the template completed with the deployment. */
export function completeCard(template: ServerCardTemplate, serverName: string, deployment: CardDeployment): ServerCard {
  const { listWhenAuthRequired, ...listing } = template._meta[CARD_META_KEY];
  const listed = !deployment.authRequired || listWhenAuthRequired;
  const { $schema, name, version, description, title, websiteUrl } = template;
  const meta: Record<string, unknown> = listed ? { ...listing } : { capabilities: listing.capabilities };
  if (deployment.authRequired) {
    meta.authorization = { required: true, ...(deployment.resourceMetadataUrl ? { protectedResourceMetadata: deployment.resourceMetadataUrl } : {}) };
  }
  return {
    $schema,
    name: name ?? `${namespaceOf(new URL(deployment.url).hostname)}/${serverName.replace(/[^a-zA-Z0-9._-]/g, '-').slice(0, 128)}`,
    version,
    description,
    ...(title ? { title } : {}),
    ...(websiteUrl ? { websiteUrl } : {}),
    remotes: [
      {
        type: 'streamable-http',
        url: deployment.url,
        supportedProtocolVersions: [...template.remotes[0].supportedProtocolVersions],
        ...(deployment.headers?.length ? { headers: deployment.headers.map((h) => ({ ...h })) } : {}),
      },
    ],
    _meta: { [CARD_META_KEY]: meta },
  };
}
