import { ProtocolError } from '../errors.ts';
import { isPlainObject, HEADER_MISMATCH, INVALID_PARAMS, UNSUPPORTED_PROTOCOL_VERSION } from '../jsonrpc.ts';
import { decodeHeaderValue } from './header-values.ts';
import { SUPPORTED_VERSIONS } from './versions.ts';

/** Reserved `_meta` keys of the 2026-07-28 revision. */
export const META = {
  protocolVersion: 'io.modelcontextprotocol/protocolVersion',
  clientCapabilities: 'io.modelcontextprotocol/clientCapabilities',
  clientInfo: 'io.modelcontextprotocol/clientInfo',
  logLevel: 'io.modelcontextprotocol/logLevel',
  serverInfo: 'io.modelcontextprotocol/serverInfo',
} as const;

export interface ModernEnvelope {
  version: string;
  clientCapabilities: Record<string, unknown>;
}

/** A request speaks 2026-07-28 exactly when its `_meta` names a protocol version (the SDK's rule too). */
export function hasModernClaim(params: Record<string, unknown> | undefined): boolean {
  const meta = params?._meta;
  return isPlainObject(meta) && META.protocolVersion in meta;
}

const BAD_REQUEST = 400;
const mismatch = (message: string, header: string, value: string | undefined, body: string): ProtocolError =>
  new ProtocolError(
    HEADER_MISMATCH,
    message,
    { mismatch: { header, value: value ?? '(missing)', body } },
    BAD_REQUEST,
  );

/** Methods whose target travels in `Mcp-Name`, and the params field it mirrors. */
const NAME_FIELD: Readonly<Record<string, string>> = {
  'tools/call': 'name',
  'prompts/get': 'name',
  'resources/read': 'uri',
};

export const envelopeError = (data: unknown, message: string): ProtocolError =>
  new ProtocolError(INVALID_PARAMS, message, { envelope: data }, BAD_REQUEST);

/**
 * Validates a 2026-07-28 message: the `_meta` envelope, then the headers that must mirror the body, in
 * the order the revision's reference server reports them. Throws the error to send.
 */
export function validateModernMessage(
  method: string,
  params: Record<string, unknown> | undefined,
  headers: Readonly<Record<string, string | undefined>>,
  isRequest: boolean,
): ModernEnvelope {
  const meta = params?._meta;
  if (!isPlainObject(meta)) throw envelopeError({ missing: ['_meta'] }, 'Invalid request: _meta is required in protocol 2026-07-28');
  const version = meta[META.protocolVersion];
  if (typeof version !== 'string') {
    throw envelopeError({ key: META.protocolVersion, problem: 'missing' }, `Invalid _meta: ${META.protocolVersion} must be a string`);
  }
  const caps = meta[META.clientCapabilities];
  if (!isPlainObject(caps)) {
    throw envelopeError(
      { key: META.clientCapabilities, problem: caps === undefined ? 'missing' : 'not an object' },
      `Invalid _meta: ${META.clientCapabilities} must be an object`,
    );
  }

  const headerVersion = decodeHeaderValue(headers['mcp-protocol-version']);
  if (headerVersion !== undefined && headerVersion !== version) {
    throw mismatch('MCP-Protocol-Version header does not match _meta protocolVersion', 'MCP-Protocol-Version', headerVersion ?? undefined, version);
  }
  const headerMethod = decodeHeaderValue(headers['mcp-method']);
  if (headerMethod !== undefined && headerMethod !== method) {
    throw mismatch('Mcp-Method header does not match the request method', 'Mcp-Method', headerMethod ?? undefined, method);
  }
  if (!SUPPORTED_VERSIONS.includes(version)) {
    throw new ProtocolError(
      UNSUPPORTED_PROTOCOL_VERSION,
      `Unsupported protocol version: ${version}`,
      { supported: [...SUPPORTED_VERSIONS], requested: version },
      BAD_REQUEST,
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
  return { version, clientCapabilities: caps };
}
