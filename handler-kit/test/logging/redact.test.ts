import { describe, expect, it } from 'vitest';
import { createConsoleLogger, redact } from '../../src/index.ts';
import type { SettledEvent } from '../../src/core/http/types.ts';
import { accessFields } from '../../src/adapters/aws-lambda/observability/request-summary.ts';
import { PLAIN_KEYS, SENSITIVE_KEY, isSensitiveKey } from '../../src/logging/redact.ts';
import { SECRET_SHAPES } from './secret-shapes.ts';

describe('logs never carry secrets', () => {
  it('redacts authorization headers, tokens, keys and cookies at any depth', () => {
    const out = redact({
      headers: { Authorization: 'Bearer eyJhbGciOi', 'x-api-key': 'k-123', cookie: 'session=1', accept: '*/*' },
      body: { nested: { refresh_token: 'r', password: 'p', clientSecret: 's', ok: 1 } },
    });
    expect(JSON.stringify(out)).not.toMatch(/eyJhbGciOi|k-123|session=1|"r"|"p"|"s"/);
    expect(out).toMatchObject({ headers: { accept: '*/*' }, body: { nested: { ok: 1 } } });
  });

  it('keeps an error readable (name, message, stack) while redacting its sensitive properties', () => {
    const err = Object.assign(new Error('upstream 500'), { config: { headers: { authorization: 'Bearer abc' } } });
    const out = redact(err) as Record<string, any>;
    expect(out.message).toBe('upstream 500');
    expect(out.stack).toMatch(/upstream 500/);
    expect(out.config.headers.authorization).toBe('[REDACTED]');
  });

  it('writes one JSON line per entry, filtered by level', () => {
    const lines: string[] = [];
    const log = createConsoleLogger({ level: 'info', fields: { service: 's' }, write: (line) => lines.push(line) });
    log.debug('hidden');
    log.child({ requestId: 7 }).info('shown', { token: 't0k3n' });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'info', message: 'shown', service: 's', requestId: 7, token: '[REDACTED]' });
  });
});

describe('secrets inside values', () => {
  it('scrubs tokens quoted in messages, URLs and stacks', () => {
    const err = new Error('GET https://api.example.com/v1?access_token=abc123&x=1 failed; sent Bearer eyJhbGciOi.payload.sig');
    const out = redact({ error: err, note: 'retry with api_key=k-999' }) as Record<string, any>;
    const text = JSON.stringify(out);
    expect(text).not.toMatch(/abc123|eyJhbGciOi|k-999/);
    expect(out.error.message).toBe('GET https://api.example.com/v1?access_token=[REDACTED]&x=1 failed; sent Bearer [REDACTED]');
  });

  it('redacts the value after a sensitive name in a raw header list', () => {
    expect(redact({ rawHeaders: ['Host', 'x.example', 'Authorization', 'Bearer abc', 'X-Api-Key', 'k1'] })).toEqual({
      rawHeaders: ['Host', 'x.example', 'Authorization', '[REDACTED]', 'X-Api-Key', '[REDACTED]'],
    });
  });

  it('keeps ordinary text as it is', () => {
    expect(redact('the token count is 42; see https://example.com/?page=2')).toBe('the token count is 42; see https://example.com/?page=2');
  });
});

describe('the secret shapes redaction recognises inside any string', () => {
  for (const { shape, text, secret } of SECRET_SHAPES) {
    it(`removes a ${shape}`, () => {
      const out = JSON.stringify(redact({ message: text, nested: { list: [text] }, error: new Error(text) }));
      expect(out).not.toContain(secret);
      expect(out).toContain('[REDACTED]');
    });
  }

  it('redacts an X-Custom-Auth-style property by its name', () => {
    expect(redact({ 'X-Custom-Auth': 'v1', custom_auth: 'v2', author: 'Jane' })).toEqual({ 'X-Custom-Auth': '[REDACTED]', custom_auth: '[REDACTED]', author: 'Jane' });
  });

  it('cuts a huge string, array or object to a bounded size', () => {
    const line = JSON.stringify(redact({ id: 'x'.repeat(1_000_000), list: Array.from({ length: 10_000 }, (_, i) => i), map: Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i])) }));
    expect(line.length).toBeLessThan(10_000);
    expect(line).toContain('cut from 1000000 chars');
  });

  it('redacts each secret once, leaving readable text around it', () => {
    expect(redact('headers x-api-key: k1\nAuthorization: Bearer abc\napi_key=k2&x=1')).toBe('headers x-api-key: [REDACTED]\nAuthorization: [REDACTED]\napi_key=[REDACTED]&x=1');
  });

  it('redacts header values quoted as JSON text, whatever the scheme', () => {
    const out = String(redact('{"authorization":"Token tk-secret-1","Cookie":"sid=ck-secret-2"}'));
    expect(out).not.toMatch(/tk-secret-1|ck-secret-2/);
  });

  it('keeps status codes, counts and plain prose', () => {
    expect(redact('status code: 500, 3 tokens left, author: Jane, see https://example.com/a?page=2')).toBe(
      'status code: 500, 3 tokens left, author: Jane, see https://example.com/a?page=2',
    );
  });
});

describe('names known not to be sensitive', () => {
  it('holds none that the sensitive-name pattern matches', () => {
    expect([...PLAIN_KEYS].filter((key) => SENSITIVE_KEY.test(key))).toEqual([]);
    // The pattern still applies to every other name.
    expect(['authorization', 'x-api-key', 'client_secret', 'mcp-auth', 'Cookie'].filter(isSensitiveKey)).toHaveLength(5);
  });

  it("holds every name of the kit's access line, so none of them costs a pattern run", () => {
    const settled = { requestId: '1', method: 'tools/call', target: 'add', outcome: 'ok', errorCode: -1, era: 'legacy', streamed: true } as unknown as SettledEvent;
    const fields = accessFields({ kind: 'rest', apiRequestId: 'a', status: 200, durationMs: 1, coldStart: true }, settled, [settled, settled]);
    const names = [...Object.keys(fields), ...Object.keys((fields.batch as object[])[0]!)];
    expect(names.filter((n) => !PLAIN_KEYS.has(n))).toEqual([]);
  });
});
