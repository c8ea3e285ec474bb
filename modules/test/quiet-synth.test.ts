import { afterEach, describe, expect, it, vi } from 'vitest';
import { withoutEscapeSequenceWarnings } from '../src/quiet-synth.ts';

describe('synthesizing without cdktf\'s escape-sequence warnings', () => {
  afterEach(() => vi.restoreAllMocks());

  it('drops exactly that warning and the expression line after it, and passes every other warning on', () => {
    const seen: unknown[][] = [];
    vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void seen.push(args));
    const result = withoutEscapeSequenceWarnings(() => {
      console.warn("You're using escape sequences (${...}) with CDKTF Built-in functions. This is not supported yet, and the output may be incorrect.");
      console.warn('formatlist("%s/%s", "https://${...}")');
      console.warn('a real warning');
      return 42;
    });
    expect(result).toBe(42);
    expect(seen).toEqual([['a real warning']]);
  });

  it('restores console.warn even when the synth throws', () => {
    const before = console.warn;
    expect(() => withoutEscapeSequenceWarnings(() => { throw new Error('bad stack'); })).toThrow('bad stack');
    expect(console.warn).toBe(before);
  });
});
