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

export interface NewTask {
  title: string;
  description?: string;
  projectId?: string;
  assigneeId?: string;
  priority: z.infer<typeof Priority>;
  dueDate?: string;
}

export type TaskChanges = Partial<Pick<Task, 'title' | 'description' | 'status' | 'priority' | 'dueDate'>>;

export interface TaskFilter {
  projectId?: string;
  assigneeId?: string;
  status?: z.infer<typeof TaskStatus>;
  limit: number;
}

export interface ProjectStats {
  projectId: string;
  total: number;
  byStatus: Record<z.infer<typeof TaskStatus>, number>;
  overdue: number;
  unassigned: number;
}
