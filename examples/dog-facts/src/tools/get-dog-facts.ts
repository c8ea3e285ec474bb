import { defineTool, text, toolResult } from '@serverless-mcp/handler-kit';
import * as z from 'zod';
import type { Dependencies } from '../dependencies.ts';
import { DogFact, fetchDogFacts } from '../dog-facts-client.ts';

export const getDogFactsTool = (deps: Dependencies) =>
  defineTool({
    // The seed's name, kept so existing clients and prompts that mention it still work.
    name: 'getDogFacts',
    title: 'Dog facts',
    description: 'Get random facts about dogs from the public dog facts API. Each call may return different facts.',
    input: z.object({
      limit: z.number().int().min(1).max(10).default(5).describe('How many facts to return (1-10)'),
    }),
    output: z.object({ facts: z.array(DogFact) }),
    annotations: { readOnlyHint: true, openWorldHint: true },
    scopes: ['dogfacts:read'],
    handler: async ({ limit }, ctx) => {
      const facts = await fetchDogFacts(deps, limit, ctx.signal, ctx.log);
      // A numbered list reads better than the JSON copy the kit would send as text by default.
      return toolResult({ content: [text(numbered(facts))], structuredContent: { facts } });
    },
  });

function numbered(facts: DogFact[]): string {
  if (facts.length === 0) return 'The dog facts service returned no facts this time.';
  return facts.map((f, i) => `${i + 1}. ${f.fact}`).join('\n\n');
}
