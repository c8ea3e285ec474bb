import { describe, expect, it } from 'vitest';
import { InMemoryTasksApi } from '../src/in-memory-tasks-api.ts';

const NOW = new Date('2026-11-21T10:00:00Z');

describe('in-memory task service', () => {
  // The port's optional fields may come as keys holding undefined (zod's inferred `?: T | undefined`).
  it('takes an optional field given as undefined as one left out: stored absent, changing nothing', async () => {
    const tasks = new InMemoryTasksApi({ clock: () => NOW });
    const created = await tasks.create({ title: 'Ship it', priority: 'high', description: undefined, dueDate: '2026-12-01' });
    expect(created.ok && Object.hasOwn(created.value, 'description')).toBe(false);
    const updated = await tasks.update('T-1', { title: undefined, priority: undefined, dueDate: undefined, status: 'done' });
    expect(updated).toEqual({ ok: true, value: expect.objectContaining({ title: 'Ship it', priority: 'high', dueDate: '2026-12-01', status: 'done' }) });
    const listed = await tasks.list({ projectId: undefined, assigneeId: undefined, status: undefined, limit: 10 });
    expect(listed.ok && listed.value.map((t) => t.id)).toEqual(['T-1']);
  });
});
