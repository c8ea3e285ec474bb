import { Lazy } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { velocityLiteral } from '../src/api/methods.ts';
import { renderTemplate } from './synth.ts';

describe('literal bodies in mapping templates', () => {
  it('escapes literal $ and # for Velocity but leaves CDKTF tokens (Terraform interpolations) alone', () => {
    const token = Lazy.stringValue({ produce: () => '${var.region}' });
    const template = velocityLiteral(JSON.stringify({ price: '$5 #1', region: token }));
    expect(template).toContain('\\$5 \\#1');
    expect(template).toContain(token);
    expect(template).not.toContain(`\\${token}`);
  });

  it('renders back to the original document through Terraform and Velocity', () => {
    const doc = { price: '$5 #1', nested: { hash: '#set($x = 1)' } };
    expect(JSON.parse(renderTemplate(velocityLiteral(JSON.stringify(doc))))).toEqual(doc);
  });
});
