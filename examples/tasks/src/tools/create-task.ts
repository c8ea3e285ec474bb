import { defineTool } from '@serverless-mcp/handler-kit';
import * as z from 'zod';
import type { Dependencies } from '../dependencies.ts';
import { Priority, Task } from '../domain.ts';
import { unwrap } from './result.ts';

export const createTaskTool = ({ tasks }: Dependencies) =>
  defineTool({
    name: 'create_task',
    title: 'Create task',
    description: 'Create a task. Returns the new task with its id. Only the title is required.',
    input: z.object({
      title: z.string().trim().min(1).max(200).describe('Short summary of the work'),
      description: z.string().max(5000).optional(),
      projectId: z.string().min(1).optional().describe('Project to file the task under'),
      assigneeId: z.string().min(1).optional().describe('User id of the person doing it'),
      priority: Priority.default('medium'),
      dueDate: z.iso.date().optional().describe('YYYY-MM-DD'),
    }),
    output: Task,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    scopes: ['tasks:write'],
    handler: async (input, { signal }) => unwrap(await tasks.create(input, { signal })),
  });
