import { defineTool } from '@serverless-mcp/handler-kit';
import * as z from 'zod';
import type { Dependencies } from '../dependencies.ts';
import { Task } from '../domain.ts';
import { unwrap } from './result.ts';

export const assignTaskTool = ({ tasks }: Dependencies) =>
  defineTool({
    name: 'assign_task',
    title: 'Assign task',
    description: 'Assign a task to a person, or unassign it with assigneeId null.',
    input: z.object({
      id: z.string().min(1).describe('Task id, e.g. T-1'),
      assigneeId: z.string().min(1).nullable().describe('User id, or null to unassign'),
    }),
    output: Task,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    scopes: ['tasks:write'],
    handler: async ({ id, assigneeId }, { signal }) => unwrap(await tasks.assign(id, assigneeId, { signal })),
  });
