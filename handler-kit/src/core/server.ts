import { payloadOf, type Answer } from './answer.ts';
import type { ServerState } from './call.ts';
import { methodTables } from './dispatch.ts';
import { createExecutor } from './execute.ts';
import { headersOf, statusOf, type ChallengeSettings } from './http/answers.ts';
import { unauthenticated, type GateSettings } from './http/auth-gate.ts';
import { checkCaller, checkPost, type TransportPolicy } from './http/checks.ts';
import { accepted, errorResponse, json, responseTooLarge } from './http/responses.ts';
import type { HttpHandler, HttpRequest, HttpResponse, StreamChannel } from './http/types.ts';
import { INTERNAL_ERROR, INVALID_REQUEST, PARSE_ERROR, isPlainObject, type JsonRpcId, type JsonRpcResponse } from './jsonrpc.ts';
import { DEFAULT_LIMITS, nestsDeeperThan, utf8Length, type Limits } from './limits.ts';
import type { ClientLogLevel } from './notifications.ts';
import { hasModernClaim } from './protocol/modern-envelope.ts';
import { DEFAULT_LEGACY_VERSION, allowsBatches } from './protocol/versions.ts';
import { createRouter } from './route.ts';
import { withCors } from './security/cors.ts';
import type { CardEndpoint } from './http/server-card.ts';

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
  /** The server card's locations (http/server-card.ts): answered before any check, auth included. */
  card?: CardEndpoint;
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
 * out. A pipeline: the caller and transport checks (http/checks.ts, the auth gate), the body's limits,
 * then the body as one message or a batch; each message is routed to its era (route.ts) and run
 * (execute.ts) into a protocol answer (answer.ts), which the HTTP layer maps to a status and headers
 * (http/answers.ts). A call that notifies while it runs is answered as an SSE stream (http/sse.ts).
 */
export function createCore({ state, transport, authRequired, limits = DEFAULT_LIMITS, tolerateLegacyVersionHeader = true, card, streaming = DEFAULT_STREAMING }: CoreOptions): HttpHandler {
  const route = createRouter(state, methodTables(state.registry), createExecutor(state), {
    tolerateLegacyVersionHeader,
    legacyLogLevel: streaming ? streaming.legacyLogLevel : undefined,
  });
  const challenge: ChallengeSettings = { scopePrefix: state.scopePolicy.scopePrefix, resourceMetadataUrl: state.resourceMetadataUrl };
  const gate: GateSettings = { ...challenge, scopes: state.registry.scopes, maxBodyBytes: transport.maxBodyBytes, maxJsonDepth: limits.maxJsonDepth };
  let warnedUnenforced = false;

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
    const answers = await Promise.all(items.map((item) => route(item, req, true)));
    const payloads = answers.flatMap((a) => payloadOf(a) ?? []);
    return payloads.length ? payloads : accepted();
  }

  /** One message's answer as the whole response: 202 with no body, or its payload with its status and headers. */
  function toResponse(answer: Answer, req: HttpRequest): HttpResponse {
    const payload = payloadOf(answer);
    return payload ? sized(statusOf(answer), payload, payload.id, req, headersOf(answer, challenge)) : accepted();
  }

  /** A channel for a request whose answer may stream: the adapter can, the client takes it, the server allows it. */
  function channelFor(req: HttpRequest): StreamChannel | undefined {
    // A bundle with no adapter that streams leaves streaming out (core/features.ts): no request has a channel.
    if (!(typeof __MCP_STREAMING__ === 'undefined' || __MCP_STREAMING__) || !streaming || !req.streaming) return undefined;
    const platform = req.streaming.maxBytes ?? Number.POSITIVE_INFINITY;
    // Notifications may use what the platform carries less room kept for the result (at most half of it).
    const reserved = Math.min(limits.maxResponseBytes, platform / 2);
    return req.streaming.channel(req.headers, {
      keepAliveMs: streaming.keepAliveMs,
      maxEventBytes: Math.min(limits.maxResponseBytes, platform),
      maxNotificationBytes: platform - reserved,
      logger: req.logger ?? state.logger,
    });
  }

  /**
   * A single message whose call may notify: plain JSON if it ends before the first notification, else an
   * SSE stream whose last event is the answer. Streamed, the answer is held to the platform's streamed
   * limit (req.streaming.maxBytes) less what the notifications took, and to the kit's maxResponseBytes;
   * the platform's buffered cap (Lambda's 6 MB) does not apply.
   */
  function streamed(pending: Promise<Answer>, channel: StreamChannel, req: HttpRequest): Promise<HttpResponse> {
    const platform = req.streaming?.maxBytes ?? Number.POSITIVE_INFINITY;
    const final = (answer: Answer): string => {
      const payload = payloadOf(answer);
      return payload ? sized(200, payload, payload.id, req, undefined, platform - channel.notificationBytes).body : '';
    };
    return channel.respond(pending, (answer) => toResponse(answer, req), final);
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
      // Public by design (the draft's CORS and auth rules): before the Origin check and the auth gate.
      const cardAnswer = card?.answer(req);
      if (cardAnswer) return cardAnswer;
      const rejected = checkCaller(req, transport);
      if (rejected) return rejected.status === 403 ? rejected : withCors(rejected, req.headers.origin);
      return withCors(await answer(req), req.headers.origin);
    },
  };

  async function answer(req: HttpRequest): Promise<HttpResponse> {
    try {
      if (authRequired && !req.auth) return unauthenticated(req, gate);
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
      const pending = route(payload, req, false, channel);
      if (channel?.armed && pending instanceof Promise) return await streamed(pending, channel, req);
      return toResponse(pending instanceof Promise ? await pending : pending, req);
    } catch (err) {
      (req.logger ?? state.logger).error('unexpected failure handling a request', { error: err });
      return errorResponse(500, INTERNAL_ERROR, 'Internal error');
    }
  }
}
