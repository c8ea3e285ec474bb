import { describe, expect, it } from 'vitest';
import { createConsoleLogger, redact } from '../../src/index.ts';

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
