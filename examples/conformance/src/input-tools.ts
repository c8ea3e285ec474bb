import { defineTool, inputRequest } from '@serverless-mcp/handler-kit';
import * as z from 'zod';

const NAME = z.object({ name: z.string() });
const OK = z.object({ ok: z.boolean() });
const COLOR = z.object({ color: z.string() });
const textOf = (answer: { content: unknown }): string => {
  const c = answer.content as { type?: string; text?: string } | { type?: string; text?: string }[];
  const first = Array.isArray(c) ? c[0] : c;
  return first?.type === 'text' && first.text ? first.text : '(no text)';
};

/** Tools that ask the client for input: 2026-07-28 "input required" results, and the 2025-era equivalents. */
export const inputTools = [
  defineTool({
    name: 'test_input_required_result_elicitation',
    description: 'Asks the user for their name, then greets them',
    handler: async (_args, ctx) => {
      const answer = await ctx.elicit('user_name', { message: 'What is your name?', schema: NAME });
      return answer.action === 'accept' ? `Hello, ${answer.content.name}!` : `No name given (${answer.action}).`;
    },
  }),
  defineTool({
    name: 'test_input_required_result_sampling',
    description: 'Asks the client model a question',
    handler: async (_args, ctx) => {
      const answer = await ctx.sample('capital_question', {
        messages: [{ role: 'user', content: { type: 'text', text: 'What is the capital of France?' } }],
        maxTokens: 100,
      });
      return `The model said: ${textOf(answer)}`;
    },
  }),
  defineTool({
    name: 'test_input_required_result_list_roots',
    description: 'Asks the client for its roots',
    handler: async (_args, ctx) => {
      const { roots } = await ctx.listRoots('client_roots');
      return `Client roots: ${roots.map((r) => r.uri).join(', ') || '(none)'}`;
    },
  }),
  defineTool({
    name: 'test_input_required_result_request_state',
    description: 'Asks for confirmation; the answer round-trips through sealed requestState',
    handler: async (_args, ctx) => {
      const answer = await ctx.elicit('confirm', { message: 'Proceed?', schema: OK });
      return answer.action === 'accept' && answer.content.ok ? 'state-ok: confirmed' : 'state-ok: not confirmed';
    },
  }),
  defineTool({
    name: 'test_input_required_result_multiple_inputs',
    description: 'Asks for a name, a model greeting and the roots in one round',
    handler: async (_args, ctx) => {
      const answers = await ctx.ask({
        user_name: inputRequest.elicit('What is your name?', NAME),
        greeting: inputRequest.sample({ messages: [{ role: 'user', content: { type: 'text', text: 'Generate a greeting' } }], maxTokens: 50 }),
        client_roots: inputRequest.listRoots(),
      });
      return `Received ${Object.keys(answers).length} answers: ${Object.keys(answers).join(', ')}`;
    },
  }),
  defineTool({
    name: 'test_input_required_result_multi_round',
    description: 'Asks for a name, then for a favourite colour',
    handler: async (_args, ctx) => {
      const name = await ctx.elicit('step1', { message: 'What is your name?', schema: NAME });
      const color = await ctx.elicit('step2', { message: 'What is your favourite colour?', schema: COLOR });
      const who = name.action === 'accept' ? name.content.name : 'someone';
      const what = color.action === 'accept' ? color.content.color : 'no colour';
      return `${who} likes ${what}.`;
    },
  }),
  defineTool({
    name: 'test_input_required_result_tampered_state',
    description: 'Asks for confirmation; a tampered requestState is rejected',
    handler: async (_args, ctx) => {
      const answer = await ctx.elicit('confirm', { message: 'Proceed?', schema: OK });
      return answer.action === 'accept' ? 'Confirmed.' : 'Not confirmed.';
    },
  }),
  defineTool({
    name: 'test_input_required_result_capabilities',
    description: 'Asks only for the kinds of input the client declared',
    handler: async (_args, ctx) => {
      if (ctx.supports('elicitation')) {
        const answer = await ctx.elicit('user_name', { message: 'What is your name?', schema: NAME });
        return `Elicited: ${answer.action}`;
      }
      if (ctx.supports('sampling')) {
        const answer = await ctx.sample('summary', { messages: [{ role: 'user', content: { type: 'text', text: 'Say hi' } }], maxTokens: 20 });
        return `Sampled: ${textOf(answer)}`;
      }
      if (ctx.supports('roots')) return `Roots: ${(await ctx.listRoots('client_roots')).roots.length}`;
      return 'The client declared no input capability, so nothing was asked.';
    },
  }),
  defineTool({
    name: 'test_missing_capability',
    description: 'Needs the sampling capability: without it the request is refused with -32021',
    handler: async (_args, ctx) => {
      const answer = await ctx.sample('probe', { messages: [{ role: 'user', content: { type: 'text', text: 'ping' } }], maxTokens: 5 });
      return `Sampled: ${textOf(answer)}`;
    },
  }),
  defineTool({
    name: 'test_streaming_elicitation',
    description: 'Elicits through an input_required result, never a server-to-client request',
    handler: async (_args, ctx) => {
      const answer = await ctx.elicit('confirm', { message: 'Continue?', schema: OK });
      return `Answer: ${answer.action}`;
    },
  }),
  defineTool({
    name: 'test_sampling',
    description: 'Asks the client model to answer a prompt',
    input: z.object({ prompt: z.string() }),
    handler: async ({ prompt }, ctx) => {
      const answer = await ctx.sample('answer', { messages: [{ role: 'user', content: { type: 'text', text: prompt } }], maxTokens: 100 });
      return `LLM response: ${textOf(answer)}`;
    },
  }),
  defineTool({
    name: 'test_elicitation',
    description: 'Asks the user for a username and email',
    input: z.object({ message: z.string() }),
    handler: async ({ message }, ctx) => {
      const answer = await ctx.elicit('user_info', { message, schema: z.object({ username: z.string(), email: z.email() }) });
      return `User response: ${JSON.stringify(answer)}`;
    },
  }),

  defineTool({
    name: 'test_elicitation_sep1034_defaults',
    description: 'Asks for a form whose fields have default values',
    handler: async (_args, ctx) => {
      const answer = await ctx.elicit('profile', {
        message: 'Confirm your profile',
        schema: z.object({
          name: z.string().default('John Doe'),
          age: z.number().int().default(30),
          score: z.number().default(95.5),
          status: z.enum(['active', 'inactive', 'pending']).default('active'),
          verified: z.boolean().default(true),
        }),
      });
      return `Elicitation ${answer.action}`;
    },
  }),
  defineTool({
    name: 'test_elicitation_sep1330_enums',
    description: 'Asks for a form with single- and multi-select enums',
    handler: async (_args, ctx) => {
      const answer = await ctx.elicit('choices', {
        message: 'Pick options',
        schema: z.object({
          untitledSingle: z.enum(['option1', 'option2', 'option3']),
          untitledMulti: z.array(z.enum(['option1', 'option2', 'option3'])),
        }),
      });
      return `Elicitation ${answer.action}`;
    },
  }),
];
