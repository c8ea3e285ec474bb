/**
 * What every row of the peer benchmark serves, less the schemas: server.ts writes those with zod,
 * server-mini.ts with zod/mini, so the two bundles differ in nothing else.
 */
export const SERVER = {
  name: 'echo-add',
  description: 'Two tiny tools: echo text back, and add two numbers.',
  version: '1.0.0',
} as const;

export const ECHO = {
  name: 'echo',
  description: 'Echo back the given text',
  handler: ({ text }: { text: string }) => text,
} as const;

export const ADD = {
  name: 'add',
  description: 'Add two numbers',
  handler: ({ a, b }: { a: number; b: number }) => String(a + b),
} as const;
