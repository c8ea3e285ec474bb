import { NO_ANSWER, type Answer } from './answer.ts';
import type { Call, ServerState } from './call.ts';
import type { MethodTable } from './dispatch.ts';
import { ProtocolError } from './errors.ts';
import { errorAnswer } from './execute.ts';
import type { HttpRequest } from './http/types.ts';
import { Notifier, wishesOf, type ClientLogLevel, type NotificationChannel } from './notifications.ts';
import { INVALID_REQUEST, UNSUPPORTED_PROTOCOL_VERSION, classifyMessage, isPlainObject, type JsonRpcId, type Message } from './jsonrpc.ts';
import type { Maybe } from './methods/invoke.ts';
import { forLog } from './limits.ts';
import { CLIENT_INFO_KEY, hasModernClaim, validateModernMessage } from './protocol/modern-envelope.ts';
import { DEFAULT_LEGACY_VERSION, LEGACY_VERSIONS, SUPPORTED_VERSIONS, isLegacyVersion, negotiateLegacyVersion } from './protocol/versions.ts';

const LEGACY_HEADER_VALUES = new Set<string>([...LEGACY_VERSIONS, '2024-11-05']);

type Execute = (call: Call, table: MethodTable, observe: HttpRequest['observe']) => Maybe<Answer>;
type Valid = Exclude<Message, { kind: 'invalid' }>;

export interface RouterOptions {
  /** See EnvelopeOptions.tolerateLegacyHeader. */
  tolerateLegacyVersionHeader: boolean;
  /** The client log level a 2025 request that carries none is held to (undefined: none). */
  legacyLogLevel: ClientLogLevel | undefined;
}

/**
 * One message (not a batch): classify it, pick its era, validate it for that era, and hand the call to
 * `execute`. A request is 2026-07-28 when its `_meta` claims a protocol version or its MCP-Protocol-Version
 * header names a version that is not a 2025 one; inside a batch (2025-03-26 only) it is always 2025.
 */
export function createRouter(
  state: ServerState,
  tables: { legacy: MethodTable; modern: MethodTable },
  execute: Execute,
  { tolerateLegacyVersionHeader, legacyLogLevel }: RouterOptions,
) {
  const toleratedClients = new Set<string>();

  function route(raw: unknown, req: HttpRequest, inBatch: boolean, channel?: NotificationChannel): Maybe<Answer> {
    const msg = classifyMessage(raw);
    if (msg.kind === 'invalid') {
      return { kind: 'rejected', id: msg.id, error: { code: INVALID_REQUEST, message: `Invalid Request: ${msg.reason}` } };
    }
    const header = req.headers['mcp-protocol-version']?.trim();
    const params = msg.kind === 'response' ? undefined : msg.message.params;
    // An `initialize` without a 2026 envelope is the 2025 handshake whatever the header says (a client
    // falling back after a server/discover probe may still send the 2026 header).
    const claimed = hasModernClaim(params);
    const handshake = !claimed && msg.kind === 'request' && msg.message.method === 'initialize';
    const modern = claimed || (!handshake && header !== undefined && !LEGACY_HEADER_VALUES.has(header));
    if (modern && !inBatch) return routeModern(msg, params, req, channel);
    return routeLegacy(msg, header, req, channel);
  }

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

  function routeModern(msg: Valid, params: Record<string, unknown> | undefined, req: HttpRequest, channel: NotificationChannel | undefined): Maybe<Answer> {
    if (msg.kind === 'response') {
      return { kind: 'rejected', id: null, error: { code: INVALID_REQUEST, message: 'Invalid Request: clients must not send JSON-RPC responses in protocol 2026-07-28' } };
    }
    // Notifications need no envelope (its _meta is optional); nothing is answered to them anyway.
    if (msg.kind === 'notification') return NO_ANSWER;
    const { message } = msg;
    let envelope;
    try {
      envelope = validateModernMessage(message.method, params, req.headers, true, { tolerateLegacyHeader: tolerateLegacyVersionHeader });
    } catch (err) {
      return errorAnswer({ id: message.id, era: 'modern', logger: req.logger ?? state.logger }, err);
    }
    if (envelope.toleratedHeader) warnToleratedHeader(envelope.toleratedHeader, params, req);
    return execute(callOf(req, 'modern', envelope.version, message, params ?? {}, envelope.clientCapabilities, channel), tables.modern, req.observe);
  }

  function routeLegacy(msg: Valid, header: string | undefined, req: HttpRequest, channel: NotificationChannel | undefined): Maybe<Answer> {
    if (msg.kind !== 'request') return NO_ANSWER;
    const { message } = msg;
    const isInitialize = message.method === 'initialize';
    if (header !== undefined && !isLegacyVersion(header) && !isInitialize) {
      const unsupported = new ProtocolError(UNSUPPORTED_PROTOCOL_VERSION, `Unsupported protocol version: ${header}`, {
        supported: [...SUPPORTED_VERSIONS],
        requested: header,
      });
      return errorAnswer({ id: message.id, era: 'legacy', logger: req.logger ?? state.logger }, unsupported);
    }
    const params = message.params ?? {};
    const version = isInitialize ? negotiateLegacyVersion(params.protocolVersion) : (header ?? DEFAULT_LEGACY_VERSION);
    const caps = isInitialize && isPlainObject(params.capabilities) ? params.capabilities : undefined;
    return execute(callOf(req, 'legacy', version, message, params, caps, channel), tables.legacy, req.observe);
  }

  function callOf(
    request: HttpRequest,
    era: Call['era'],
    version: string,
    message: { id: JsonRpcId; method: string },
    params: Record<string, unknown>,
    clientCapabilities: Record<string, unknown> | undefined,
    channel: NotificationChannel | undefined,
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
    // What the client asked to be told while this runs (a progress token, a log level), if it can be sent
    // (never, in a bundle built without streaming: core/features.ts).
    if ((typeof __MCP_STREAMING__ === 'undefined' || __MCP_STREAMING__) && channel) {
      const wishes = wishesOf(params, era, legacyLogLevel);
      if (Notifier.wanted(wishes)) {
        channel.arm(wishes.explicit);
        call.notifier = new Notifier(channel, wishes);
      }
    }
    return call;
  }

  return route;
}
