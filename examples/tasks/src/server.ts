import { createHandler, definePrompt, type McpHandler } from '@serverless-mcp/handler-kit';
import * as z from 'zod';
import { createDependencies, type Dependencies } from './dependencies.ts';
import { assignTaskTool } from './tools/assign-task.ts';
import { createTaskTool } from './tools/create-task.ts';
import { getProjectStatsTool } from './tools/get-project-stats.ts';
import { listTasksTool } from './tools/list-tasks.ts';
import { updateTaskTool } from './tools/update-task.ts';

/** The task-manager MCP server, wired to whatever dependencies it is given. */
export function createTasksServer(deps: Dependencies, options: { allowedOrigins?: string[] } = {}): McpHandler {
  const triage = definePrompt({
    name: 'triage_project',
    title: 'Triage a project',
    description: 'Review a project\'s open tasks and suggest priorities and owners.',
    arguments: z.object({ projectId: z.string().describe('The project to triage') }),
    complete: {
      projectId: async (value) => {
        const projects = await deps.tasks.projects();
        return projects.ok ? projects.value.filter((p) => p.startsWith(value)) : [];
      },
    },
    scopes: ['tasks:read'],
    get: ({ projectId }) =>
      `Use get_project_stats and list_tasks for project "${projectId}". Then propose, for each open task, ` +
      'a priority and an owner, and list what is overdue or blocked first.',
  });
  return createHandler({
    name: 'tasks',
    description: "Create, list, update and assign tasks, and see a project's open work.",
    version: '1.0.0',
    title: 'Task manager',
    instructions: 'Manage tasks: list_tasks to find ids, then update_task or assign_task. Dates are YYYY-MM-DD.',
    tools: [createTaskTool, listTasksTool, updateTaskTool, assignTaskTool, getProjectStatsTool].map((make) => make(deps)),
    prompts: [triage],
    ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}),
  });
}

/** The server as deployed and served locally: dependencies from the environment. */
export const server = createTasksServer(createDependencies(process.env));
