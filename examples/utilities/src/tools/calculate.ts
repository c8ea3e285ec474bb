import { ToolError, defineTool } from '@serverless-mcp/handler-kit';
import * as z from 'zod';

const Operation = z.enum(['add', 'subtract', 'multiply', 'divide']);
type Operation = z.infer<typeof Operation>;

const SYMBOL: Record<Operation, string> = { add: '+', subtract: '-', multiply: '×', divide: '÷' };
const APPLY: Record<Operation, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  subtract: (a, b) => a - b,
  multiply: (a, b) => a * b,
  divide: (a, b) => a / b,
};

/** Pure arithmetic: no dependencies, so the factory takes none. */
export const calculateTool = () =>
  defineTool({
    name: 'calculate',
    title: 'Calculator',
    description: 'Exact basic arithmetic on two numbers: add, subtract, multiply or divide (a ÷ b). Use it instead of mental math.',
    input: z.object({
      operation: Operation,
      a: z.number().describe('First operand'),
      b: z.number().describe('Second operand'),
    }),
    output: z.object({ operation: Operation, a: z.number(), b: z.number(), result: z.number(), expression: z.string() }),
    annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    scopes: ['utilities:read'],
    handler: ({ operation, a, b }) => {
      if (operation === 'divide' && b === 0) throw new ToolError('Cannot divide by zero: b must not be 0.');
      const result = APPLY[operation](a, b);
      const expression = `${a} ${SYMBOL[operation]} ${b}`;
      // JSON has no Infinity or NaN: an overflow would otherwise reach the model as null.
      if (!Number.isFinite(result)) {
        throw new ToolError(`${expression} is too large to represent (beyond ±1.8e308); use smaller numbers.`);
      }
      return { operation, a, b, result, expression: `${expression} = ${result}` };
    },
  });
