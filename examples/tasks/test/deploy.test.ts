import { describe, expect, it } from 'vitest';
import { deploy } from '../deploy.ts';

describe('tasks deployment', () => {
  it('deploys behind Cognito and passes the optional REST API variables, explaining the demo fallback', () => {
    expect(deploy.authMode).toBe('cognito');
    expect(deploy.passEnvironment?.map((v) => [v.name, v.required ?? false])).toEqual([
      ['TASKS_API_URL', false],
      ['TASKS_API_KEY', false],
    ]);
    expect(deploy.passEnvironment?.[0]?.description).toMatch(/in-memory demo data/);
    expect(deploy.resources).toBeUndefined();
    expect(deploy.policyStatements).toBeUndefined();
  });
});
