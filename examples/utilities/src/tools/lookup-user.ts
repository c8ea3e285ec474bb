import { ToolError, defineTool } from '@serverless-mcp/handler-kit';
import * as z from 'zod';
import type { Dependencies } from '../dependencies.ts';
import { User } from '../users.ts';

export const lookupUserTool = ({ users }: Dependencies) =>
  defineTool({
    name: 'lookup_user',
    title: 'Look up user',
    description: 'Find one user by id: name, email, role and department. Demo directory with made-up users.',
    input: z.object({ id: z.string().trim().min(1).max(64).describe('User id, e.g. u-1001') }),
    output: User,
    annotations: { readOnlyHint: true, openWorldHint: false },
    // Its own scope: personal data deserves a narrower grant than the arithmetic and weather tools.
    scopes: ['users:read'],
    handler: async ({ id }) => {
      const user = await users.findById(id);
      if (!user) throw new ToolError(`No user has id "${id}". Check the id with the user; ids look like u-1001.`);
      return user;
    },
  });
