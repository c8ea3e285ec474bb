import { describe, expect, it } from 'vitest';
import { connect, errorText, structured } from './connect.ts';

const calculate = async (args: Record<string, unknown>) => (await connect()).callTool({ name: 'calculate', arguments: args });

describe('calculate', () => {
  it.each([
    ['add', 2, 3, 5, '2 + 3 = 5'],
    ['subtract', 2, 3, -1, '2 - 3 = -1'],
    ['multiply', -4, 2.5, -10, '-4 × 2.5 = -10'],
    ['divide', 7, 2, 3.5, '7 ÷ 2 = 3.5'],
  ])('%s %d and %d gives %d', async (operation, a, b, result, expression) => {
    expect(structured(await calculate({ operation, a, b }))).toEqual({ operation, a, b, result, expression });
  });

  it('refuses to divide by zero, saying why', async () => {
    expect(errorText(await calculate({ operation: 'divide', a: 1, b: 0 }))).toBe('Cannot divide by zero: b must not be 0.');
  });

  it('treats an overflow to Infinity as an error rather than answering null', async () => {
    expect(errorText(await calculate({ operation: 'multiply', a: 1e308, b: 10 }))).toMatch(/^1e\+308 × 10 is too large to represent/);
    expect(errorText(await calculate({ operation: 'divide', a: 1e308, b: 1e-10 }))).toMatch(/too large to represent/);
  });

  it('rejects an unknown operation or a non-numeric operand as invalid arguments', async () => {
    expect(errorText(await calculate({ operation: 'modulo', a: 1, b: 2 }))).toMatch(/^Invalid arguments for tool "calculate": operation: Invalid option/);
    expect(errorText(await calculate({ operation: 'add', a: '1', b: 2 }))).toMatch(/^Invalid arguments for tool "calculate": a: Invalid input: expected number/);
  });
});
