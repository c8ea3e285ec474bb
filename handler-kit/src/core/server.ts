import type { Call, Method, MethodResult, ServerState } from './call.ts';
import type { Maybe } from './methods/invoke.ts';
import { ProtocolError } from './errors.ts';
import { unauthenticated } from './http/auth-gate.ts';
import { acceptsEventStream, checkCaller, checkPost, type TransportPolicy } from './http/checks.ts';
import { SseChannel } from './http/sse.ts';
import { accepted, errorResponse, json, responseTooLarge } from './http/responses.ts';
import type { HttpHandler, HttpRequest, HttpResponse } from './http/types.ts';
import {
  INTERNAL_ERROR,
  INVALID_REQUEST,
  METHOD_NOT_FOUND,
  PARSE_ERROR,
  UNSUPPORTED_PROTOCOL_VERSION,
  classifyMessage,
  isPlainObject,
  rpcError,
  type JsonRpcId,
  type JsonRpcResponse,
  type Message,
} from './jsonrpc.ts';
import { CLIENT_INFO_KEY, SERVER_INFO_KEY, hasModernClaim, validateModernMessage } from './protocol/modern-envelope.ts';
import { DEFAULT_LEGACY_VERSION, LEGACY_VERSIONS, SUPPORTED_VERSIONS, allowsBatches, isLegacyVersion, negotiateLegacyVersion } from './protocol/versions.ts';
import { methodTables, type MethodTable } from './dispatch.ts';
import { DEFAULT_LIMITS, forLog, nestsDeeperThan, utf8Length, type Limits } from './limits.ts';
import { Notifier, wishesOf, type ClientLogLevel } from './notifications.ts';
import { settled } from './settled.ts';
import { withCors } from './security/cors.ts';

/** An answer to one JSON-RPC message: the payload plus the HTTP status and headers it travels with. */
interface Answer {
  status: number;
  payload: JsonRpcResponse | undefined;
  headers?: Record<string, string>;
}

const now = (): number => performance.now();
const LEGACY_HEADER_VALUES = new Set<string>([...LEGACY_VERSIONS, '2024-11-05']);

export interface CoreOptions {
  state: ServerState;
  transport: TransportPolicy;
  /** Answer 401 to requests that arrive without `auth`, whatever their method. */
  authRequired: boolean;
  limits?: Limits;
  /** See EnvelopeOptions.tolerateLegacyHeader. */
  tolerateLegacyVersionHeader?: boolean;
  /** Answering with SSE when the client wants notifications (default on); `false`: always buffered JSON. */
  streaming?: StreamingPolicy | false;
}

export interface StreamingPolicy {
  /** Longest silence on an open stream before a keep-alive comment, in ms. */
  keepAliveMs: number;
  /** The level a 2025 request that carries none is held to (logging/setLevel cannot be remembered); undefined: no logs. */
  legacyLogLevel: ClientLogLevel | undefined;
}

export const DEFAULT_STREAMING: Readonly<StreamingPolicy> = Object.freeze({ keepAliveMs: 15_000, legacyLogLevel: 'info' });

/**
 * The transport-neutral MCP server: an HTTP request as plain data in, an HTTP response as plain data
 * out. Serves both eras from one endpoint: a request is 2026-07-28 when its `_meta` claims a protocol
 * version or its MCP-Protocol-Version header names a version that is not a 2025 one.
 */
export function createCore({ state, transport, authRequired, limits = DEFAULT_LIMITS, tolerateLegacyVersionHeader = true, streaming = DEFAULT_STREAMING }: CoreOptions): HttpHandler {
  const tables = methodTables(state.registry);
  const serverInfoMeta = { [SERVER_INFO_KEY]: { ...state.info } };
  let warnedUnenforced = false;
  const toleratedClients = new Set<string>();

  /** One warning per client (per process, for a bounded number of clients) that sends a 2025 header with a 2026 envelope. */
  function warnToleratedHeader(header: string, params: Record<string, unknown> | undefined, req: HttpRequest): void {
    const meta = params?._meta as Record<string, unknown>;
    const info = meta[CLIENT_INFO_KEY];
    const named = isPlainObject(info) && typeof info.name === 'string' ? `${info.name}${typeof info.version === 'string' ? ` ${info.version}` : ''}` : undefined;
    const client = String(forLog(named ?? req.headers['user-agent'] ?? 'an unnamed client'));
    if (toleratedClients.has(client) || toleratedClients.size >= 100) return;
    toleratedClients.add(client);
    (req.logger ?? state.logger).warn(
      `served as 2026-07-28: ${client} sent MCP-Protocol-Version ${forLog(header)} with a complete 2026-07-28 _meta envelope`,
      { client, header: forLog(header) },
    );
  }

  /** Runs one call. Synchronous all the way when the method is: a promise only where something waits. */
  function execute(call: Call, table: MethodTable, observe: HttpRequest['observe']): Maybe<Answer> {
    const started = state.onSettled !== undefined || observe !== undefined ? now() : -1;
    const method: Method | undefined = table.get(call.method);
    if (!method) {
      const err = new ProtocolError(METHOD_NOT_FOUND, `Method not found: ${call.method}`, undefined, call.era === 'modern' ? 404 : 200);
      return settle(call, errorAnswer(err, call.id, call.logger), started, observe);
    }
    let pending: Maybe<MethodResult>;
    try {
      pending = method(call, state);
    } catch (err) {
      return settle(call, errorAnswer(err, call.id, call.logger), started, observe);
    }
    if (!(pending instanceof Promise)) return settle(call, success(call, pending), started, observe);
    return pending.then(
      (result) => settle(call, success(call, result), started, observe),
      (err: unknown) => settle(call, errorAnswer(err, call.id, call.logger), started, observe),
    );
  }

  function success(call: Call, result: MethodResult): Answer {
    if (call.era === 'modern') {
      result.resultType ??= 'complete';
      result._meta = isPlainObject(result._meta) ? { ...result._meta, ...serverInfoMeta } : serverInfoMeta;
    }
    return { status: 200, payload: { jsonrpc: '2.0', id: call.id, result } };
  }

  /** Reports the outcome to whoever watches (server-wide hook, the adapter's observer). */
  function settle(call: Call, answer: Answer, started: number, observe: HttpRequest['observe']): Answer {
    if (started >= 0) {
      const event = settled(call, answer, now() - started, state.registry, call.era === 'modern' ? tables.modern : tables.legacy);
      try {
        state.onSettled?.(event);
        observe?.(event);
      } catch (err) {
        call.logger.error('an onSettled hook failed', { error: err });
      }
    }
    return answer;
  }

  function errorAnswer(err: unknown, id: JsonRpcId | null, logger = state.logger): Answer {
    if (err instanceof ProtocolError) {
      return { status: err.status ?? 200, payload: rpcError(id, err.toJsonRpc()), ...(err.headers ? { headers: err.headers } : {}) };
    }
    logger.error('request failed inside the server', { requestId: forLog(id), error: err });
    return { status: 500, payload: rpcError(id, { code: INTERNAL_ERROR, message: 'Internal error' }) };
  }

  function callOf(
    request: HttpRequest,
    era: Call['era'],
    version: string,
    message: { id: JsonRpcId; method: string },
    params: Record<string, unknown>,
    clientCapabilities: Record<string, unknown> | undefined,
    channel: SseChannel | undefined,
  ): Call {
    const call: Call = {
      era,
      version,
      id: message.id,
      method: message.method,
      params,
      auth: request.auth,
      clientCapabilities,
      request,
      logger: request.logger ?? state.logger,
    };
    if (channel && streaming) {
      const wishes = wishesOf(params, era, streaming.legacyLogLevel);
      if (Notifier.wanted(wishes)) {
        channel.arm(wishes.explicit);
        call.notifier = new Notifier(channel, wishes);
      }
    }
    return call;
  }

  /** A channel for a request whose answer may stream: the adapter can, the client takes SSE, the server allows it. */
  function channelFor(req: HttpRequest): SseChannel | undefined {
    if (!streaming || !req.streaming || !acceptsEventStream(req.headers.accept)) return undefined;
    const platform = req.streaming.maxBytes ?? Number.POSITIVE_INFINITY;
    // Notifications may use what the platform carries less room kept for the result (at most half of it).
    const reserved = Math.min(limits.maxResponseBytes, platform / 2);
    return new SseChannel({
      keepAliveMs: streaming.keepAliveMs,
      maxEventBytes: Math.min(limits.maxResponseBytes, platform),
      maxNotificationBytes: platform - reserved,
      logger: req.logger ?? state.logger,
      onOpen: () => req.streaming?.onOpen?.(),
    });
  }

  /** One message (not a batch): classify, pick the era, validate, run. */
  function one(raw: unknown, req: HttpRequest, inBatch: boolean, channel?: SseChannel): Maybe<Answer> {
    const msg = classifyMessage(raw);
    if (msg.kind === 'invalid') {
      return { status: 400, payload: rpcError(msg.id, { code: INVALID_REQUEST, message: `Invalid Request: ${msg.reason}` }) };
    }
    const header = req.headers['mcp-protocol-version']?.trim();
    const params = msg.kind === 'response' ? undefined : msg.message.params;
    // An `initialize` without a 2026 envelope is the 2025 handshake whatever the header says (a client
    // falling back after a server/discover probe may still send the 2026 header).
    const claimed = hasModernClaim(params);
    const handshake = !claimed && msg.kind === 'request' && msg.message.method === 'initialize';
    const modern = claimed || (!handshake && header !== undefined && !LEGACY_HEADER_VALUES.has(header));
    if (modern && !inBatch) return oneModern(msg, params, req, channel);
    return oneLegacy(msg, header, req, channel);
  }

  function oneModern(msg: Exclude<Message, { kind: 'invalid' }>, params: Record<string, unknown> | undefined, req: HttpRequest, channel: SseChannel | undefined): Maybe<Answer> {
    if (msg.kind === 'response') {
      return { status: 400, payload: rpcError(null, { code: INVALID_REQUEST, message: 'Invalid Request: clients must not send JSON-RPC responses in protocol 2026-07-28' }) };
    }
    const { message } = msg;
    // Notifications need no envelope (its _meta is optional); nothing is answered to them anyway.
    if (msg.kind === 'notification') return { status: 202, payload: undefined };
    const id = msg.message.id;
    let envelope;
    try {
      envelope = validateModernMessage(message.method, params, req.headers, true, { tolerateLegacyHeader: tolerateLegacyVersionHeader });
    } catch (err) {
      return errorAnswer(err, id, req.logger);
    }
    if (envelope.toleratedHeader) warnToleratedHeader(envelope.toleratedHeader, params, req);
    return execute(
      callOf(req, 'modern', envelope.version, msg.message, params ?? {}, envelope.clientCapabilities, channel),
      tables.modern,
      req.observe,
    );
  }

  function oneLegacy(msg: Exclude<Message, { kind: 'invalid' }>, header: string | undefined, req: HttpRequest, channel: SseChannel | undefined): Maybe<Answer> {
    if (msg.kind !== 'request') return { status: 202, payload: undefined };
    const { message } = msg;
    const isInitialize = message.method === 'initialize';
    if (header !== undefined && !isLegacyVersion(header) && !isInitialize) {
      return {
        status: 400,
        payload: rpcError(message.id, { code: UNSUPPORTED_PROTOCOL_VERSION, message: `Unsupported protocol version: ${header}`, data: { supported: [...SUPPORTED_VERSIONS], requested: header } }),
      };
    }
    const params = message.params ?? {};
    const version = isInitialize ? negotiateLegacyVersion(params.protocolVersion) : (header ?? DEFAULT_LEGACY_VERSION);
    const caps = isInitialize && isPlainObject(params.capabilities) ? params.capabilities : undefined;
    return execute(
      callOf(req, 'legacy', version, message, params, caps, channel),
      tables.legacy,
      req.observe,
    );
  }

  /** The batch's answers (sized by the caller), or one response refusing it whole. */
  async function batch(items: unknown[], req: HttpRequest): Promise<HttpResponse | JsonRpcResponse[]> {
    const version = req.headers['mcp-protocol-version']?.trim() ?? DEFAULT_LEGACY_VERSION;
    const invalid = (message: string) => errorResponse(400, INVALID_REQUEST, `Invalid Request: ${message}`);
    if (items.length === 0) return invalid('empty JSON-RPC batch');
    if (items.length > limits.maxBatchMessages) {
      return invalid(`a batch holds at most ${limits.maxBatchMessages} messages (this one has ${items.length}); send fewer per batch`);
    }
    if (!allowsBatches(version)) return invalid(`JSON-RPC batches are not part of protocol ${version} (only 2025-03-26)`);
    for (const item of items) {
      if (isPlainObject(item) && item.method === 'initialize') return invalid('initialize must not be part of a batch');
      if (isPlainObject(item) && isPlainObject(item.params) && hasModernClaim(item.params)) {
        return invalid('a batch must not contain 2026-07-28 requests');
      }
    }
    const answers = await Promise.all(items.map((item) => one(item, req, true)));
    const payloads = answers.flatMap((a) => (a.payload ? [a.payload] : []));
    return payloads.length ? payloads : accepted();
  }

  /** The answer as JSON, unless it is larger than this request may carry: then one -32603 saying so. */
  function sized(
    status: number,
    payload: JsonRpcResponse | JsonRpcResponse[],
    id: JsonRpcId | null,
    req: HttpRequest,
    headers?: Record<string, string>,
    platformLimit = req.maxResponseBytes,
  ): HttpResponse {
    const response = json(status, payload, headers);
    const limit = Math.min(limits.maxResponseBytes, platformLimit ?? Number.POSITIVE_INFINITY);
    if (response.body.length * 3 <= limit) return response;
    const bytes = utf8Length(response.body);
    return bytes <= limit ? response : responseTooLarge(id, bytes, limit);
  }

  return {
    maxBodyBytes: transport.maxBodyBytes,
    async handle(req: HttpRequest): Promise<HttpResponse> {
      const rejected = checkCaller(req, transport);
      if (rejected) return rejected.status === 403 ? rejected : withCors(rejected, req.headers.origin);
      return withCors(await answer(req), req.headers.origin);
    },
  };

  async function answer(req: HttpRequest): Promise<HttpResponse> {
    try {
      if (authRequired && !req.auth) {
        return unauthenticated(req, { scopes: state.registry.scopes, scopePrefix: state.scopePolicy.scopePrefix, resourceMetadataUrl: state.resourceMetadataUrl, maxBodyBytes: transport.maxBodyBytes, maxJsonDepth: limits.maxJsonDepth });
      }
      if (req.auth && !state.scopePolicy.enforce && !warnedUnenforced) {
        warnedUnenforced = true;
        state.logger.warn(
          'a request carries credentials but the server is not configured for auth, so scopes are not enforced for anyone; ' +
            'pass auth options or set MCP_AUTH_REQUIRED to enforce them',
        );
      }
      const refused = checkPost(req, transport);
      if (refused) return refused;
      const text = req.body ?? '';
      // Before anything parses, validates, hashes or stringifies it: every later step recurses on nesting.
      if (nestsDeeperThan(text, limits.maxJsonDepth)) {
        return errorResponse(400, INVALID_REQUEST, `Invalid Request: the body nests deeper than ${limits.maxJsonDepth} levels (the limit)`, null, undefined, {
          maxJsonDepth: limits.maxJsonDepth,
        });
      }
      let payload: unknown;
      try {
        payload = JSON.parse(text);
      } catch {
        return errorResponse(400, PARSE_ERROR, 'Parse error: the body is not valid JSON');
      }
      if (Array.isArray(payload)) {
        const answered = await batch(payload, req);
        return Array.isArray(answered) ? sized(200, answered, null, req) : answered;
      }
      const channel = channelFor(req);
      const pending = one(payload, req, false, channel);
      const buffered = (a: Answer): HttpResponse => (a.payload ? sized(a.status, a.payload, a.payload.id, req, a.headers) : accepted());
      if (channel?.armed && pending instanceof Promise) {
        // Streamed, the answer is an SSE event: the platform's buffered-payload cap (Lambda's 6 MB) does
        // not apply, its streamed one (req.streaming.maxBytes) and the kit's maxResponseBytes do.
        const platform = req.streaming?.maxBytes ?? Number.POSITIVE_INFINITY;
        const final = (a: Answer): string => (a.payload ? sized(200, a.payload, a.payload.id, req, undefined, platform - channel.notificationBytes).body : '');
        return await channel.respond(pending, buffered, final);
      }
      return buffered(pending instanceof Promise ? await pending : pending);
    } catch (err) {
      (req.logger ?? state.logger).error('unexpected failure handling a request', { error: err });
      return errorResponse(500, INTERNAL_ERROR, 'Internal error');
    }
  }
}
