import { defineTool } from '@serverless-mcp/handler-kit';
import * as z from 'zod';
import type { Dependencies } from '../dependencies.ts';
import { Task, TaskStatus } from '../domain.ts';
import { unwrap } from './result.ts';

export const listTasksTool = ({ tasks }: Dependencies) =>
  defineTool({
    name: 'list_tasks',
    title: 'List tasks',
    description: 'List tasks, optionally only those of one project, assignee or status.',
    input: z.object({
      projectId: z.string().min(1).optional(),
      assigneeId: z.string().min(1).optional(),
      status: TaskStatus.optional(),
      limit: z.number().int().min(1).max(100).default(25),
    }),
    output: z.object({ tasks: z.array(Task), count: z.number().int() }),
    annotations: { readOnlyHint: true, openWorldHint: false },
    scopes: ['tasks:read'],
    handler: async (filter, { signal }) => {
      const found = unwrap(await tasks.list(filter, { signal }));
      return { tasks: found, count: found.length };
    },
  });
