import { toFetchHandler } from './adapters/fetch/to-fetch-handler.ts';
import type { SettledEvent } from './core/http/types.ts';
import type { AuthInfo, ClientLogLevel, Logger } from './core/context.ts';
import type { Prompt } from './core/definitions/prompt.ts';
import type { Resource, ResourceTemplate } from './core/definitions/resource.ts';
import type { Tool } from './core/definitions/tool.ts';
import { BUILD_TIME_SCHEMAS, BUILT_WITHOUT } from './core/build-time-schemas.ts';
import { DEFINITIONS, serverCardTemplate, type Definitions } from './core/describe.ts';
import { createCardEndpoint } from './core/http/server-card.ts';
import { assertCardName, completeCard, type CardSettings, type ServerCardTemplate } from './core/server-card.ts';
import type { HttpHandler, HttpRequest, HttpResponse } from './core/http/types.ts';
import { Registry } from './core/registry.ts';
import { DEFAULT_LIMITS } from './core/limits.ts';
import { createStateCodec } from './core/request-state.ts';
import { DEFAULT_STREAMING, createCore, type StreamingPolicy } from './core/server.ts';
import { isClientLogLevel } from './core/notifications.ts';
import { leftOut } from './core/features.ts';
import { booleanEnv, env } from './config/env.ts';
import { createConsoleLogger, parseLogLevel } from './logging/console-logger.ts';

export interface AuthOptions {
  /** The RFC 9728 metadata URL named in 401 and 403 challenges, e.g. https://mcp.example.com/.well-known/oauth-protected-resource/mcp */
  resourceMetadataUrl?: string | undefined;
  /**
   * Answer 401 with the challenge to every request that arrives without `auth`, whatever its method (GET,
   * HEAD and DELETE included, before their 405). Default: on when a `resourceMetadataUrl` is configured,
   * else off; the MCP_AUTH_REQUIRED environment variable (`true`/`false`) sets it without code.
   */
  required?: boolean | undefined;
  /** Stripped from granted scopes before matching, e.g. a Cognito resource-server identifier plus "/". */
  scopePrefix?: string | undefined;
  /** Granted scopes that allow every tool, resource and prompt. */
  fullAccessScopes?: readonly string[] | undefined;
}

export interface HandlerOptions {
  name: string;
  version: string;
  title?: string;
  description?: string;
  websiteUrl?: string;
  /**
   * The public URL of the MCP endpoint, e.g. https://mcp.example.com/mcp: the server card's remote.
   * Default: the MCP_ENDPOINT_URL environment variable, else the origin and path a card request came to.
   */
  endpointUrl?: string;
  /**
   * The server card (MCP Server Cards draft), served at `<endpoint>/server-card` and
   * `/.well-known/mcp/server-card.json` without auth. `false` serves none (404 there).
   */
  card?: false | (CardSettings & { /** Cache-Control max-age of the card, in seconds (default 3600). */ maxAgeSeconds?: number });
  /** Told to the client at connection: how to use this server's tools together. */
  instructions?: string;
  tools?: readonly Tool[];
  resources?: readonly (Resource | ResourceTemplate)[];
  prompts?: readonly Prompt[];
  /**
   * Origins allowed to call from a browser (`https://app.example.com`, or `*`). Requests without an Origin
   * (every non-browser client) always pass. Default: loopback origins only.
   */
  allowedOrigins?: readonly string[];
  /** Host names the server answers for (DNS-rebinding defence for local servers). Default: any. */
  allowedHosts?: readonly string[];
  /** Largest request body in bytes (default 1 MiB); larger ones get 413. */
  maxBodyBytes?: number;
  /** Deepest JSON nesting a request body may have (default 64); deeper bodies get 400 / -32600. */
  maxJsonDepth?: number;
  /** Most messages in one 2025-03-26 batch (default 50); a longer batch gets one 400 / -32600. */
  maxBatchMessages?: number;
  /** Largest answer body in bytes (default 4 MiB); a larger result becomes one -32603 saying it is too large. */
  maxResponseBytes?: number;
  auth?: AuthOptions;
  /** Where the kit logs. Default: JSON lines on stdout/stderr at LOG_LEVEL (info), secrets redacted. */
  logger?: Logger;
  /** Cache hints on 2026-07-28 list and read results. Default: lists 5 minutes, reads not cached. */
  cache?: { listTtlMs?: number; readTtlMs?: number; readScope?: 'public' | 'private' };
  /**
   * Key that seals `requestState` for multi-round input. Every instance serving the endpoint needs the
   * same one (a retry may land elsewhere); default: the MCP_STATE_SECRET environment variable, else a
   * random per-process key.
   */
  requestStateSecret?: string;
  /** Called once per JSON-RPC request with its outcome (metrics, access logs). */
  onSettled?: (event: SettledEvent) => void;
  /**
   * Serve a request whose MCP-Protocol-Version header names a 2025 revision while its `_meta` carries a
   * complete 2026-07-28 envelope as 2026-07-28, with one warning per client (claude.ai, Claude Desktop and
   * Claude Code have been reported to send this pair). Default true; `false` (or the environment variable
   * MCP_TOLERATE_LEGACY_VERSION_HEADER=false) answers it 400 / -32020 as every other mismatch is.
   */
  tolerateLegacyVersionHeader?: boolean;
  /**
   * Progress and log notifications while a call runs, sent as an SSE answer to a client that asked for
   * them (a progress token; a log level) and takes `text/event-stream`, through an adapter that streams.
   * Every other answer is one JSON body. `false` answers everything as JSON.
   */
  streaming?: StreamingOptions | false;
}

export interface StreamingOptions {
  /** Longest silence on an open stream before a keep-alive comment, in ms (default 15 s: under API Gateway's 30 s edge and 5 min regional idle limits). */
  keepAliveMs?: number;
  /**
   * The least severe log level sent to a 2025 client whose request carries none (default "info"; "off"
   * sends none). A stateless server cannot remember `logging/setLevel` from an earlier request; a level in
   * the request's `_meta` (io.modelcontextprotocol/logLevel, as 2026-07-28 sends it) always wins.
   */
  legacyLogLevel?: ClientLogLevel | 'off';
}

function streamingPolicy(options: StreamingOptions | false | undefined): StreamingPolicy | false {
  if (options === false) return false;
  const legacy = options?.legacyLogLevel ?? DEFAULT_STREAMING.legacyLogLevel;
  if (legacy !== 'off' && !isClientLogLevel(legacy)) throw new TypeError(`streaming.legacyLogLevel must be a log level or "off", not "${String(legacy)}"`);
  return {
    keepAliveMs: positive('streaming.keepAliveMs', options?.keepAliveMs, DEFAULT_STREAMING.keepAliveMs),
    legacyLogLevel: legacy === 'off' ? undefined : legacy,
  };
}

export interface McpHandler extends HttpHandler {
  /** The transport-neutral core: plain request in, plain response out. Adapters call this. */
  handle(request: HttpRequest): Promise<HttpResponse>;
  /** The same server as a Fetch API handler. */
  fetch(request: Request, context?: { auth?: AuthInfo }): Promise<Response>;
  /** The definitions, for build-time tools (manifest.json): `describeServer(handler)`. */
  readonly [DEFINITIONS]: Definitions;
  readonly name: string;
  readonly version: string;
}

const DEFAULT_MAX_BODY = 1024 * 1024;
const AUTH_ENV = ['MCP_AUTH_REQUIRED', 'MCP_RESOURCE_METADATA_URL', 'MCP_SCOPE_PREFIX', 'MCP_FULL_ACCESS_SCOPES'] as const;

/**
 * Auth settings the infrastructure module passes through the function's environment; options win.
 * MCP_AUTH_REQUIRED (true/false), MCP_RESOURCE_METADATA_URL, MCP_SCOPE_PREFIX, MCP_FULL_ACCESS_SCOPES
 * (space-separated). Blank scope entries are dropped: they never grant anything.
 */
function authFromEnv(options: AuthOptions | undefined): AuthOptions & { required: boolean; configured: boolean } {
  const merged: AuthOptions = {
    resourceMetadataUrl: env('MCP_RESOURCE_METADATA_URL') || undefined,
    scopePrefix: env('MCP_SCOPE_PREFIX') || undefined,
    fullAccessScopes: env('MCP_FULL_ACCESS_SCOPES')?.split(/\s+/),
    required: booleanEnv('MCP_AUTH_REQUIRED'),
    ...definedOnly(options ?? {}),
  };
  const fullAccessScopes = merged.fullAccessScopes?.map((s) => s.trim()).filter(Boolean);
  return {
    ...merged,
    fullAccessScopes,
    required: merged.required ?? merged.resourceMetadataUrl !== undefined,
    // Configured for auth: options given, or any of the infrastructure's settings present.
    configured: options !== undefined || AUTH_ENV.some((name) => Boolean(env(name)?.trim())),
  };
}

const definedOnly = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

const positive = (name: string, value: number | undefined, fallback: number): number => {
  const v = value ?? fallback;
  if (!(v > 0) || !Number.isFinite(v)) throw new TypeError(`${name} must be a positive number`);
  return v;
};

export function createHandler(options: HandlerOptions): McpHandler {
  const registry = new Registry(options, Object.hasOwn(BUILD_TIME_SCHEMAS, options.name) ? BUILD_TIME_SCHEMAS[options.name] : undefined);
  // A bundle whose build saw no prompts (say) has no prompts/* methods: it must not serve a server with some.
  for (const feature of BUILT_WITHOUT) {
    if (feature in registry.capabilities('modern')) throw new Error(`${options.name} has ${feature}, but this bundle was built without them (the build saw none): rebuild it`);
  }
  const auth = authFromEnv(options.auth);
  const logger = options.logger ?? createConsoleLogger({ level: parseLogLevel(env('LOG_LEVEL')), fields: { service: options.name } });
  const maxBodyBytes = positive('maxBodyBytes', options.maxBodyBytes, DEFAULT_MAX_BODY);
  const limits = {
    maxJsonDepth: positive('maxJsonDepth', options.maxJsonDepth, DEFAULT_LIMITS.maxJsonDepth),
    maxBatchMessages: positive('maxBatchMessages', options.maxBatchMessages, DEFAULT_LIMITS.maxBatchMessages),
    maxResponseBytes: positive('maxResponseBytes', options.maxResponseBytes, DEFAULT_LIMITS.maxResponseBytes),
  };
  const stateSecret = options.requestStateSecret ?? (env('MCP_STATE_SECRET') || undefined);
  if (stateSecret !== undefined && stateSecret.length < 32) throw new TypeError('requestStateSecret (MCP_STATE_SECRET) must be at least 32 characters');
  if (stateSecret === undefined && env('AWS_LAMBDA_FUNCTION_NAME')) {
    // Cold start on Lambda: each instance would seal with its own key, so a retry on another fails.
    logger.warn(
      'MCP_STATE_SECRET is not set: multi-round input (requestState) sealed by this instance cannot be opened by any other. ' +
        'Set MCP_STATE_SECRET (at least 32 characters, the same on every instance) or the requestStateSecret option.',
    );
  }
  const info = {
    name: options.name,
    version: options.version,
    ...(options.title ? { title: options.title } : {}),
    ...(options.description ? { description: options.description } : {}),
    ...(options.websiteUrl ? { websiteUrl: options.websiteUrl } : {}),
  };
  const definitions: Definitions = {
    registry,
    info: { ...info, ...(options.instructions ? { instructions: options.instructions } : {}) },
    ...(options.card ? { card: { name: options.card.name, listWhenAuthRequired: options.card.listWhenAuthRequired } } : {}),
  };
  if (options.card && options.card.name !== undefined) assertCardName(options.card.name);
  const cardMaxAge = options.card ? options.card.maxAgeSeconds : undefined;
  if (cardMaxAge !== undefined && !(Number.isInteger(cardMaxAge) && cardMaxAge >= 0)) throw new TypeError('card.maxAgeSeconds must be a whole number of seconds, 0 or more');
  const endpointUrl = options.endpointUrl ?? (env('MCP_ENDPOINT_URL') || undefined);
  if (endpointUrl !== undefined && !URL.canParse(endpointUrl)) throw new TypeError(`endpointUrl (MCP_ENDPOINT_URL) "${endpointUrl}" is not a URL`);
  // Built on the first card request: a server that is never asked for its card never describes itself.
  let template: ServerCardTemplate | undefined;
  const cardDeployment = (url: string) => ({ url, authRequired: auth.required, resourceMetadataUrl: auth.resourceMetadataUrl });
  const core = createCore({
    state: {
      registry,
      info,
      instructions: options.instructions,
      scopePolicy: {
        scopePrefix: auth.scopePrefix,
        fullAccessScopes: auth.fullAccessScopes,
        // Configured for auth (options, or the infrastructure's settings): scopes apply to every caller.
        // Not configured: to no one (a local server), and one warning if credentials arrive anyway.
        enforce: auth.configured,
      },
      resourceMetadataUrl: auth.resourceMetadataUrl,
      logger,
      listCache: { ttlMs: options.cache?.listTtlMs ?? 300_000, cacheScope: 'public' },
      readCache: { ttlMs: options.cache?.readTtlMs ?? 0, cacheScope: options.cache?.readScope ?? 'private' },
      stateCodec: createStateCodec(stateSecret),
      onSettled: options.onSettled,
    },
    transport: { allowedOrigins: options.allowedOrigins, allowedHosts: options.allowedHosts, maxBodyBytes },
    authRequired: auth.required,
    limits,
    tolerateLegacyVersionHeader: options.tolerateLegacyVersionHeader ?? booleanEnv('MCP_TOLERATE_LEGACY_VERSION_HEADER') ?? true,
    streaming: streamingPolicy(options.streaming),
    card: createCardEndpoint({
      card: options.card === false ? undefined : (url) => completeCard((template ??= serverCardTemplate(definitions)), options.name, cardDeployment(url)),
      endpointUrl,
      maxAgeSeconds: cardMaxAge,
    }),
  });
  let fetchHandler: ((r: Request, c?: { auth?: AuthInfo }) => Promise<Response>) | undefined;
  return {
    name: options.name,
    version: options.version,
    maxBodyBytes,
    handle: core.handle,
    // Built on first use: Request/Response are costly to touch at cold start and the Lambda path never does.
    // Left out of a bundle whose code never uses it (core/features.ts).
    fetch:
      typeof __MCP_FETCH__ === 'undefined' || __MCP_FETCH__
        ? (request, context) => (fetchHandler ??= toFetchHandler(core))(request, context)
        : () => Promise.reject(leftOut('McpHandler.fetch')),
    [DEFINITIONS]: definitions,
  };
}
