import { ProtocolError } from '../errors.ts';
import { isPlainObject, HEADER_MISMATCH, INVALID_PARAMS, UNSUPPORTED_PROTOCOL_VERSION } from '../jsonrpc.ts';
import { decodeHeaderValue } from './header-values.ts';
import { SUPPORTED_VERSIONS, isLegacyVersion, isModernVersion } from './versions.ts';

/** Reserved `_meta` keys of the 2026-07-28 revision (constants, so the bundler inlines them). */
export const PROTOCOL_VERSION_KEY = 'io.modelcontextprotocol/protocolVersion';
export const CLIENT_CAPABILITIES_KEY = 'io.modelcontextprotocol/clientCapabilities';
export const SERVER_INFO_KEY = 'io.modelcontextprotocol/serverInfo';
export const CLIENT_INFO_KEY = 'io.modelcontextprotocol/clientInfo';

export interface ModernEnvelope {
  version: string;
  clientCapabilities: Record<string, unknown>;
  /** The 2025 revision the MCP-Protocol-Version header named, when that mismatch was tolerated. */
  toleratedHeader?: string;
}

export interface EnvelopeOptions {
  /**
   * Serve a request whose MCP-Protocol-Version header names a 2025 revision but whose `_meta` carries a
   * complete, valid 2026-07-28 envelope, as 2026-07-28 (shipped Anthropic clients send this pair:
   * anthropics/claude-code#93290). Every other mismatch stays an error.
   */
  tolerateLegacyHeader: boolean;
}

/** A request speaks 2026-07-28 exactly when its `_meta` names a protocol version (the SDK's rule too). */
export function hasModernClaim(params: Record<string, unknown> | undefined): boolean {
  const meta = params?._meta;
  return isPlainObject(meta) && PROTOCOL_VERSION_KEY in meta;
}

const mismatch = (message: string, header: string, value: string | undefined, body: string): ProtocolError =>
  new ProtocolError(HEADER_MISMATCH, message, { mismatch: { header, value: value ?? '(missing)', body } });

/** Methods whose target travels in `Mcp-Name`, and the params field it mirrors. */
const NAME_FIELD: Readonly<Record<string, string>> = {
  'tools/call': 'name',
  'prompts/get': 'name',
  'resources/read': 'uri',
};

/** An invalid `_meta` envelope: its data names the envelope, which is how the HTTP layer tells it apart. */
export const envelopeError = (data: unknown, message: string): ProtocolError =>
  new ProtocolError(INVALID_PARAMS, message, { envelope: data });

/**
 * Validates a 2026-07-28 message: the `_meta` envelope, then the headers that must mirror the body, in
 * the order the revision's reference server reports them. Throws the error to send.
 */
export function validateModernMessage(
  method: string,
  params: Record<string, unknown> | undefined,
  headers: Readonly<Record<string, string | undefined>>,
  isRequest: boolean,
  options: EnvelopeOptions = { tolerateLegacyHeader: false },
): ModernEnvelope {
  const meta = params?._meta;
  if (!isPlainObject(meta)) throw envelopeError({ missing: ['_meta'] }, 'Invalid request: _meta is required in protocol 2026-07-28');
  const version = meta[PROTOCOL_VERSION_KEY];
  if (typeof version !== 'string') {
    throw envelopeError({ key: PROTOCOL_VERSION_KEY, problem: 'missing' }, `Invalid _meta: ${PROTOCOL_VERSION_KEY} must be a string`);
  }
  const caps = meta[CLIENT_CAPABILITIES_KEY];
  if (!isPlainObject(caps)) {
    throw envelopeError(
      { key: CLIENT_CAPABILITIES_KEY, problem: caps === undefined ? 'missing' : 'not an object' },
      `Invalid _meta: ${CLIENT_CAPABILITIES_KEY} must be an object`,
    );
  }

  const headerVersion = decodeHeaderValue(headers['mcp-protocol-version']);
  const tolerated = options.tolerateLegacyHeader && typeof headerVersion === 'string' && isLegacyVersion(headerVersion) && isModernVersion(version);
  if (headerVersion !== undefined && headerVersion !== version && !tolerated) {
    throw mismatch('MCP-Protocol-Version header does not match _meta protocolVersion', 'MCP-Protocol-Version', headerVersion ?? undefined, version);
  }
  const headerMethod = decodeHeaderValue(headers['mcp-method']);
  if (headerMethod !== undefined && headerMethod !== method) {
    throw mismatch('Mcp-Method header does not match the request method', 'Mcp-Method', headerMethod ?? undefined, method);
  }
  // The envelope is the 2026-07-28 form: claiming a 2025 version in it is unsupported (those use initialize).
  if (!isModernVersion(version)) {
    throw new ProtocolError(
      UNSUPPORTED_PROTOCOL_VERSION,
      `Unsupported protocol version: ${version}`,
      { supported: [...SUPPORTED_VERSIONS], requested: version },
    );
  }
  if (isRequest) {
    if (headerVersion === undefined) throw mismatch('MCP-Protocol-Version header is required', 'MCP-Protocol-Version', undefined, version);
    if (headerMethod === undefined) throw mismatch('Mcp-Method header is required', 'Mcp-Method', undefined, method);
    const field = NAME_FIELD[method];
    if (field) {
      const expected = params?.[field];
      const headerName = decodeHeaderValue(headers['mcp-name']);
      if (headerName === null) throw mismatch('Mcp-Name header has an invalid base64 encoding', 'Mcp-Name', headers['mcp-name'], String(expected));
      if (typeof expected === 'string' && headerName !== expected) {
        throw mismatch(`Mcp-Name header does not match params.${field}`, 'Mcp-Name', headerName, expected);
      }
    }
  }
  return tolerated ? { version, clientCapabilities: caps, toleratedHeader: headerVersion } : { version, clientCapabilities: caps };
}
