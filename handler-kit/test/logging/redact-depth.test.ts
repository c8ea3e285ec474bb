import { describe, expect, it } from 'vitest';
import { REDACTED, redact } from '../../src/logging/redact.ts';

/** `{ next: { next: ... { leaf } } }`, `levels` objects deep. */
const nested = (levels: number, leaf: unknown): Record<string, unknown> => {
  let value: Record<string, unknown> = { leaf };
  for (let i = 1; i < levels; i++) value = { next: value };
  return value;
};
const depthOf = (value: unknown): number => {
  let depth = 0;
  let at = value as Record<string, unknown> | undefined;
  while (at && typeof at === 'object' && 'next' in at) {
    at = at.next as Record<string, unknown>;
    depth++;
  }
  return depth;
};

describe('redaction depth limit', () => {
  it('stops at six levels and marks what it cut', () => {
    const out = redact(nested(20, 'deep')) as Record<string, unknown>;
    expect(depthOf(out)).toBe(6);
    let at: unknown = out;
    for (let i = 0; i < 6; i++) at = (at as Record<string, unknown>).next;
    expect(at).toBe('[…]');
  });

  it('still redacts sensitive keys above the limit', () => {
    const out = redact({ a: { b: { c: { authorization: 'Bearer x', keep: 1 } } } });
    expect(out).toEqual({ a: { b: { c: { authorization: REDACTED, keep: 1 } } } });
  });

  it('survives a cyclic value (an error whose cause points back at it, a request object) without recursing forever', () => {
    const cyclic: Record<string, unknown> = { name: 'req' };
    cyclic.self = cyclic;
    const error = new Error('outer') as Error & { cause?: unknown };
    error.cause = error;
    expect(() => redact(cyclic)).not.toThrow();
    expect(() => redact(error)).not.toThrow();
    expect(JSON.stringify(redact(cyclic))).toContain('[…]');
  });
});
