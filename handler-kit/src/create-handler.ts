import { toFetchHandler } from './adapters/fetch/to-fetch-handler.ts';
import type { SettledEvent } from './core/call.ts';
import type { AuthInfo, Logger } from './core/context.ts';
import type { Prompt } from './core/definitions/prompt.ts';
import type { Resource, ResourceTemplate } from './core/definitions/resource.ts';
import type { Tool } from './core/definitions/tool.ts';
import { BUILD_TIME_SCHEMAS } from './core/build-time-schemas.ts';
import { DEFINITIONS, type Definitions } from './core/describe.ts';
import type { HttpHandler, HttpRequest, HttpResponse } from './core/http/types.ts';
import { Registry } from './core/registry.ts';
import { createStateCodec } from './core/request-state.ts';
import { createCore } from './core/server.ts';
import { createConsoleLogger, parseLogLevel } from './logging/console-logger.ts';

export interface AuthOptions {
  /** The RFC 9728 metadata URL named in 401 and 403 challenges, e.g. https://mcp.example.com/.well-known/oauth-protected-resource/mcp */
  resourceMetadataUrl?: string | undefined;
  /** Answer 401 when a request arrives without `auth` (set it when the handler itself must be the gate). */
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
const env = (name: string): string | undefined =>
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];

/**
 * Auth settings the infrastructure module passes through the function's environment; options win.
 * MCP_RESOURCE_METADATA_URL, MCP_SCOPE_PREFIX, MCP_FULL_ACCESS_SCOPES (space-separated).
 */
const authFromEnv = (options: AuthOptions | undefined): AuthOptions => ({
  resourceMetadataUrl: env('MCP_RESOURCE_METADATA_URL'),
  scopePrefix: env('MCP_SCOPE_PREFIX'),
  fullAccessScopes: env('MCP_FULL_ACCESS_SCOPES')?.split(' '),
  ...options,
});

export function createHandler(options: HandlerOptions): McpHandler {
  const registry = new Registry(options, Object.hasOwn(BUILD_TIME_SCHEMAS, options.name) ? BUILD_TIME_SCHEMAS[options.name] : undefined);
  const auth = authFromEnv(options.auth);
  const logger = options.logger ?? createConsoleLogger({ level: parseLogLevel(env('LOG_LEVEL')), fields: { service: options.name } });
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  if (!(maxBodyBytes > 0)) throw new TypeError('maxBodyBytes must be a positive number');
  const stateSecret = options.requestStateSecret ?? env('MCP_STATE_SECRET');
  if (stateSecret !== undefined && stateSecret.length < 32) throw new TypeError('requestStateSecret (MCP_STATE_SECRET) must be at least 32 characters');
  const info = {
    name: options.name,
    version: options.version,
    ...(options.title ? { title: options.title } : {}),
    ...(options.description ? { description: options.description } : {}),
    ...(options.websiteUrl ? { websiteUrl: options.websiteUrl } : {}),
  };
  const core = createCore({
    state: {
      registry,
      info,
      instructions: options.instructions,
      scopePolicy: {
        scopePrefix: auth.scopePrefix,
        fullAccessScopes: auth.fullAccessScopes,
        // Configured for auth (options, or the infrastructure's settings): anonymous callers hold no scope.
        enforce: options.auth !== undefined || auth.resourceMetadataUrl !== undefined || auth.scopePrefix !== undefined,
      },
      resourceMetadataUrl: auth.resourceMetadataUrl,
      logger,
      listCache: { ttlMs: options.cache?.listTtlMs ?? 300_000, cacheScope: 'public' },
      readCache: { ttlMs: options.cache?.readTtlMs ?? 0, cacheScope: options.cache?.readScope ?? 'private' },
      stateCodec: createStateCodec(stateSecret),
      onSettled: options.onSettled,
    },
    transport: { allowedOrigins: options.allowedOrigins, allowedHosts: options.allowedHosts, maxBodyBytes },
    authRequired: auth.required ?? false,
  });
  let fetchHandler: ((r: Request, c?: { auth?: AuthInfo }) => Promise<Response>) | undefined;
  return {
    name: options.name,
    version: options.version,
    maxBodyBytes,
    handle: core.handle,
    // Built on first use: Request/Response are costly to touch at cold start and the Lambda path never does.
    fetch: (request, context) => (fetchHandler ??= toFetchHandler(core))(request, context),
    [DEFINITIONS]: { registry, info: { ...info, ...(options.instructions ? { instructions: options.instructions } : {}) } },
  };
}
