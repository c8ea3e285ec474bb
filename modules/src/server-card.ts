import { Fn, TerraformLocal, Token, ref } from 'cdktf';
import type { Construct } from 'constructs';
import { named } from './address.ts';
import { asBoolean, tfNull, type Toggle } from './conditions.ts';

/**
 * The MCP Server Card the API serves from a mock integration (no Lambda invocation), computed by Terraform
 * at plan time from the manifest's `serverCard` (the part the server's definitions decide; the kit writes it
 * into manifest.json) and what only the deployment knows: the endpoint URL, whether a token or an API key
 * is needed, where the protected-resource metadata is. The completion is the kit's `completeCard`
 * (handler-kit/src/core/server-card.ts) in Terraform: the module depends on the kit only through its build
 * output, and a test compares the two for every auth mode.
 */

export interface ServerCardInput {
  /** manifest.json's `serverCard` (an object in the CDKTF app, a Terraform value in the plain module). */
  template: unknown;
  /** The manifest's `name` (the card's name after the namespace, unless the template names it). */
  serverName: string;
  /** The custom domain (the namespace is its labels reversed: mcp.example.com → com.example.mcp). */
  domain: string;
  /** The public MCP endpoint, https://<domain>/mcp */
  url: string;
  authRequired: Toggle;
  /** RFC 9728 metadata URL, when auth is Cognito's (null otherwise). */
  resourceMetadataUrl?: string | undefined;
  /** Clients send an API key in `x-api-key` (api_key mode): the card names the header (API_KEY_HEADER). */
  apiKey: Toggle;
}

const LISTING = 'serverless-mcp/server';
/** The draft's way to say a header is needed (a KeyValueInput): the same in the expression below. */
export const API_KEY_HEADER = { name: 'x-api-key', description: "This server's API key", isRequired: true, isSecret: true } as const;
const I = 'local.server_card_input';

/**
 * `template` minus what the deployment decides, then the deployment's parts. Objects are filtered with `for`
 * (never `cond ? {...} : {}`, whose branches Terraform requires to have one type).
 */
const CARD_JSON = `jsonencode(merge(
  { for k, v in ${I}.template : k => v if !contains(["name", "remotes", "_meta"], k) },
  {
    name = try(${I}.template.name, "\${join(".", reverse(split(".", lower(${I}.domain))))}/\${substr(replace(${I}.server_name, "/[^a-zA-Z0-9._-]/", "-"), 0, 128)}")
    remotes = [merge(
      { type = "streamable-http", url = ${I}.url, supportedProtocolVersions = ${I}.template.remotes[0].supportedProtocolVersions },
      { for k, v in { headers = [{ name = "x-api-key", description = "This server's API key", isRequired = true, isSecret = true }] } : k => v if ${I}.api_key },
    )]
    _meta = { "${LISTING}" = merge(
      { for k, v in ${I}.template._meta["${LISTING}"] : k => v if k != "listWhenAuthRequired" && (k == "capabilities" || !${I}.auth_required || ${I}.template._meta["${LISTING}"].listWhenAuthRequired) },
      { for k, v in { authorization = merge({ required = true }, { for k2, v2 in { protectedResourceMetadata = ${I}.resource_metadata_url } : k2 => v2 if v2 != null }) } : k => v if ${I}.auth_required },
    ) }
  },
))`;

/**
 * API Gateway renders a mock's response template as Velocity, where `$` and `#` start references and
 * directives (the card's `$schema`, a `#` in a description). JSON's own escapes spell them without either
 * character, so the text Velocity passes through unchanged is the same JSON value.
 */
// The characters are written as HCL escapes too: a literal `$` here would end cdktf's reading of the expression.
const CARD_EXPRESSION = `replace(replace(${CARD_JSON}, "\\u0024", "\\\\u0024"), "\\u0023", "\\\\u0023")`;

/** Strings Terraform would read as templates in a JSON configuration (`${`, `%{`) escaped, keys too. */
export function terraformLiteral(value: unknown): unknown {
  if (typeof value === 'string') return Token.isUnresolved(value) ? value : value.replace(/([$%])\{/g, (_m, sigil: string) => `${sigil}${sigil}{`);
  if (Array.isArray(value)) return value.map(terraformLiteral);
  if (value && typeof value === 'object' && !Token.isUnresolved(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [terraformLiteral(k) as string, terraformLiteral(v)]));
  }
  return value;
}

export const SERVER_CARD_MEDIA_TYPE = 'application/mcp-server-card+json';
/** The draft's recommendation; the ETag lets a client revalidate after it. */
export const SERVER_CARD_CACHE_CONTROL = 'public, max-age=3600';

/** The card's JSON text (Velocity-safe) and its strong ETag (SHA-256 of that text), both Terraform values. */
export function serverCard(scope: Construct, input: ServerCardInput): { body: string; etag: string } {
  named(new TerraformLocal(scope, 'server_card_input', {
    template: Token.isUnresolved(input.template) ? input.template : terraformLiteral(input.template),
    server_name: input.serverName,
    domain: input.domain,
    url: input.url,
    auth_required: asBoolean(input.authRequired),
    resource_metadata_url: input.resourceMetadataUrl ?? tfNull(),
    api_key: asBoolean(input.apiKey),
  }), 'server_card_input');
  const card = named(new TerraformLocal(scope, 'server_card', ref(CARD_EXPRESSION)), 'server_card');
  return { body: card.asString, etag: `"${Fn.sha256(card.asString)}"` };
}
