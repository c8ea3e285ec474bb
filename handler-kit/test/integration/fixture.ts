import type { IncomingMessage } from 'node:http';
import * as z from 'zod';
import { serve } from '../../src/adapters/node/index.ts';
import { createHandler, defineTool } from '../../src/index.ts';
import { memoryLogger, sampleDefinitions } from '../helpers.ts';

export const RESOURCE_METADATA = 'http://127.0.0.1/.well-known/oauth-protected-resource/mcp';

/** Bearer tokens this test authenticator knows, and the scopes each grants. */
const TOKENS: Record<string, string[]> = { reader: ['tasks:read'], admin: ['admin'] };

function authenticate(req: IncomingMessage) {
  const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
  const scopes = token ? TOKENS[token] : undefined;
  return scopes ? { subject: `user-${token}`, clientId: 'test-client', scopes, claims: { sub: `user-${token}` } } : undefined;
}

const greet = defineTool({
  name: 'greet',
  description: 'Asks the user for their name, then greets them',
  handler: async (_args, ctx) => {
    const answer = await ctx.elicit('name', { message: 'What is your name?', schema: z.object({ name: z.string() }) });
    return answer.action === 'accept' ? `Hello, ${answer.content.name}!` : 'Hello, stranger.';
  },
});

/** The sample definitions plus an interactive tool, on a free loopback port, behind a real authenticator. */
export function startFixture() {
  const { tools, resources, prompts } = sampleDefinitions();
  const handler = createHandler({
    name: 'integration',
    version: '2.0.0',
    instructions: 'Integration fixture.',
    tools: [...tools, greet],
    resources,
    prompts,
    // Optional auth: anonymous clients use the unscoped tools; a token unlocks the scoped ones.
    auth: { resourceMetadataUrl: RESOURCE_METADATA, required: false },
    logger: memoryLogger(),
    requestStateSecret: 'integration-secret-integration-secret',
  });
  return serve(handler, { port: 0, authenticate });
}
