import * as z from 'zod';

/** The task model the tools speak, shared by the in-memory store and the HTTP client. */
export const TaskStatus = z.enum(['todo', 'in_progress', 'blocked', 'done']);
export const Priority = z.enum(['low', 'medium', 'high']);

export const Task = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().optional(),
  projectId: z.string().optional(),
  assigneeId: z.string().optional(),
  status: TaskStatus,
  priority: Priority,
  dueDate: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Task = z.infer<typeof Task>;

// The tools hand these over as zod infers their input (`?: T | undefined`): an optional field given as
// undefined means the same as one left out, in every implementation of the port.
export interface NewTask {
  title: string;
  description?: string | undefined;
  projectId?: string | undefined;
  assigneeId?: string | undefined;
  priority: z.infer<typeof Priority>;
  dueDate?: string | undefined;
}

/** The fields to change; one left out or undefined stays as it is. */
export type TaskChanges = { [K in 'title' | 'description' | 'status' | 'priority' | 'dueDate']?: Task[K] | undefined };

export interface TaskFilter {
  projectId?: string | undefined;
  assigneeId?: string | undefined;
  status?: z.infer<typeof TaskStatus> | undefined;
  limit: number;
}

export interface ProjectStats {
  projectId: string;
  total: number;
  byStatus: Record<z.infer<typeof TaskStatus>, number>;
  overdue: number;
  unassigned: number;
}
