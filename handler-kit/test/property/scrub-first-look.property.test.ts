import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scrubEverything, scrubSecrets } from '../../src/logging/redact.ts';
import { SECRET_SHAPES } from '../logging/secret-shapes.ts';

/**
 * scrubSecrets looks for a few words before it runs its seven patterns; a string without any of them is
 * returned as it is. That first look must never change a result: for any text, scrubSecrets gives what
 * running every pattern gives. The texts are built from the pieces the patterns match on (secret names,
 * separators, schemes, JWT and key-id shapes, URLs) in random order and case, with random filler between.
 */
const pieces = [
  'password', 'passwd', 'pwd', 'secret', 'token', 'key', 'api_key', 'apikey', 'access-key', 'private_key', 'sig', 'signature', 'code',
  'credential', 'auth', 'authorization', 'cookie', 'set-cookie', 'x-api-key', 'x-amz-security-token', 'x-custom-auth', 'id-token',
  'bearer ', 'basic ', 'eyJhbGciOi.eyJzdWIi.c2ln', 'eyJab.eyJcd', 'AKIAZZLEAKLEAK123456', 'ASIAQQLEAKLEAK765432', 'postgres://', 'u:p@h',
  '://', ':', '=', ': ', '"', "'", '\\"', '?', '&', ' ', '\n', '-', '_', '.', ',', ';', '}', ']', '@', '[REDACTED]',
  // Whole shapes, so that each pattern (and each word of the first look) is met often enough to be tested.
  '?code=abc', '&code=x1', 'key=v', 'sig: v', 'pwd=p', '"password": "p w"', '\\"client_secret\\":\\"s\\"', 'https://user:pw@host', 'redis://:pw@h',
  'Bearer abc.def', 'Basic dXNlcg==', 'Cookie: a=1; b=2', 'X-Api-Key: k', 'id-token: t', 'credential=c', 'Authorization: x',
  'arn:aws:lambda:eu-west-1:123456789012:function:mcp', 'Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1', 'mcp request', 'tools/call',
];
const casing = (s: string, flips: boolean[]) => [...s].map((c, i) => (flips[i % flips.length] ? c.toUpperCase() : c)).join('');
const text = fc.array(
  fc.tuple(fc.constantFrom(...pieces), fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), fc.string({ maxLength: 4 })).map(([p, flips, filler]) => casing(p, flips) + filler),
  { maxLength: 14 },
).map((parts) => parts.join(''));

describe("scrubSecrets' first look", () => {
  it('never changes what the patterns would have made of a text', () => {
    fc.assert(fc.property(text, (t) => {
      expect(scrubSecrets(t)).toBe(scrubEverything(t));
    }), { numRuns: 4000 });
  });

  it('still finds every known secret shape (the shapes go through the patterns)', () => {
    for (const { shape, text: t, secret } of SECRET_SHAPES) expect(scrubSecrets(t), shape).not.toContain(secret);
  });

  it('passes the fields of an instance base line through untouched (no pattern can match them)', () => {
    for (const plain of ['arn:aws:lambda:eu-west-1:123456789012:function:mcp', '8f4c0b9e-2d1a-4c4b-9b1e-0c6a7f2d9e11', 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1']) {
      expect(scrubSecrets(plain)).toBe(plain);
      expect(scrubEverything(plain)).toBe(plain);
    }
  });
});
