import { defineTool } from '@serverless-mcp/handler-kit';
import * as z from 'zod';
import type { Dependencies } from '../dependencies.ts';
import { TaskStatus } from '../domain.ts';
import { unwrap } from './result.ts';

export const getProjectStatsTool = ({ tasks, clock }: Dependencies) =>
  defineTool({
    name: 'get_project_stats',
    title: 'Project statistics',
    description: 'Counts for one project: tasks per status, overdue tasks and unassigned tasks.',
    input: z.object({ projectId: z.string().min(1) }),
    output: z.object({
      projectId: z.string(),
      total: z.number().int(),
      byStatus: z.record(TaskStatus, z.number().int()),
      overdue: z.number().int(),
      unassigned: z.number().int(),
    }),
    annotations: { readOnlyHint: true, openWorldHint: false },
    scopes: ['tasks:read'],
    handler: async ({ projectId }, { signal }) => unwrap(await tasks.projectStats(projectId, clock(), { signal })),
  });
