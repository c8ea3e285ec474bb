import { ToolError, defineTool } from '@serverless-mcp/handler-kit';
import * as z from 'zod';
import type { Dependencies } from '../dependencies.ts';
import { Priority, Task, TaskStatus } from '../domain.ts';
import { unwrap } from './result.ts';

export const updateTaskTool = ({ tasks }: Dependencies) =>
  defineTool({
    name: 'update_task',
    title: 'Update task',
    description: 'Change a task\'s title, description, status, priority or due date. Give only the fields to change.',
    input: z.object({
      id: z.string().min(1).describe('Task id, e.g. T-1'),
      title: z.string().trim().min(1).max(200).optional(),
      description: z.string().max(5000).optional(),
      status: TaskStatus.optional(),
      priority: Priority.optional(),
      dueDate: z.iso.date().optional(),
    }),
    output: Task,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    scopes: ['tasks:write'],
    handler: async ({ id, ...changes }, { signal }) => {
      if (Object.keys(changes).length === 0) {
        throw new ToolError('Nothing to update: give at least one of title, description, status, priority, dueDate.');
      }
      return unwrap(await tasks.update(id, changes, { signal }));
    },
  });
