import { describe, expect, it } from 'vitest';
import type { Answer } from '../../../src/core/answer.ts';
import { headersOf, statusOf } from '../../../src/core/http/answers.ts';
import {
  FORBIDDEN,
  HEADER_MISMATCH,
  INTERNAL_ERROR,
  INVALID_PARAMS,
  INVALID_REQUEST,
  METHOD_NOT_FOUND,
  MISSING_REQUIRED_CLIENT_CAPABILITY,
  RESOURCE_NOT_FOUND,
  UNAUTHORIZED,
  UNSUPPORTED_PROTOCOL_VERSION,
} from '../../../src/core/jsonrpc.ts';

const error = (code: number, era: 'legacy' | 'modern' = 'modern', data?: unknown, unexpected = false): Answer => ({
  kind: 'error', id: 1, era, error: { code, message: 'm', ...(data === undefined ? {} : { data }) }, unexpected,
});
const settings = { scopePrefix: 'https://mcp.example.com/', resourceMetadataUrl: 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp' };

describe('protocol answers as HTTP', () => {
  it('gives results 200, notifications 202 and unacceptable messages 400', () => {
    expect(statusOf({ kind: 'result', id: 1, result: {}, outcome: 'ok' })).toBe(200);
    expect(statusOf({ kind: 'none' })).toBe(202);
    expect(statusOf({ kind: 'rejected', id: null, error: { code: INVALID_REQUEST, message: 'm' } })).toBe(400);
  });

  it('maps errors by code and era as the revisions prescribe', () => {
    expect(statusOf(error(UNAUTHORIZED))).toBe(401);
    expect(statusOf(error(FORBIDDEN, 'legacy'))).toBe(403);
    for (const code of [HEADER_MISMATCH, MISSING_REQUIRED_CLIENT_CAPABILITY, UNSUPPORTED_PROTOCOL_VERSION]) expect(statusOf(error(code))).toBe(400);
    expect(statusOf(error(METHOD_NOT_FOUND, 'modern'))).toBe(404);
    expect(statusOf(error(METHOD_NOT_FOUND, 'legacy'))).toBe(200);
    expect(statusOf(error(INVALID_PARAMS, 'modern', { envelope: { field: 'x' } }))).toBe(400);
    expect(statusOf(error(INVALID_PARAMS, 'modern', { uri: 'doc://x' }))).toBe(200);
    expect(statusOf(error(RESOURCE_NOT_FOUND, 'legacy'))).toBe(200);
    expect(statusOf(error(INVALID_REQUEST, 'legacy'))).toBe(200);
    expect(statusOf(error(INTERNAL_ERROR))).toBe(200);
    expect(statusOf(error(INTERNAL_ERROR, 'modern', undefined, true))).toBe(500);
  });

  it('challenges scope failures with the scopes the error names, as the authorization server knows them', () => {
    expect(headersOf(error(FORBIDDEN, 'modern', { requiredScopes: ['tasks:write'] }), settings)).toEqual({
      'www-authenticate': `Bearer error="insufficient_scope", scope="https://mcp.example.com/tasks:write", resource_metadata="${settings.resourceMetadataUrl}"`,
    });
    expect(headersOf(error(UNAUTHORIZED, 'legacy', { requiredScopes: ['a', 'b'] }), settings)).toEqual({
      'www-authenticate': `Bearer scope="https://mcp.example.com/a https://mcp.example.com/b", resource_metadata="${settings.resourceMetadataUrl}"`,
    });
    expect(headersOf(error(INVALID_PARAMS), settings)).toBeUndefined();
    expect(headersOf({ kind: 'result', id: 1, result: {}, outcome: 'ok' }, settings)).toBeUndefined();
  });
});
