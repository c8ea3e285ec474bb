import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document/index.js';
import { Testing, TerraformOutput } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { deploy } from '../deploy.ts';

/** deploy.resources synthesized alone; its statements and environment rendered as Terraform would see them. */
function synthResources() {
  const json = JSON.parse(
    Testing.synthScope((scope) => {
      const made = deploy.resources!(scope, { name: 'mcp-reports', tags: { app: 'reports' } });
      new DataAwsIamPolicyDocument(scope, 'function-permissions', {
        statement: (made.policyStatements ?? []).map((s) => ({ effect: s.effect ?? 'Allow', actions: s.actions, resources: s.resources })),
      });
      new TerraformOutput(scope, 'environment', { value: made.environment });
    }),
  ) as Record<string, any>;
  const only = (record: Record<string, any> | undefined) => {
    const values = Object.values(record ?? {});
    expect(values).toHaveLength(1);
    return values[0];
  };
  return { json, only };
}

describe('reports deployment', () => {
  it('deploys behind Cognito', () => {
    expect(deploy.authMode).toBe('cognito');
  });

  it('creates a Standard state machine whose definition is JSON: a Wait, then a Pass that writes the summary', () => {
    const { json, only } = synthResources();
    const machine = only(json.resource.aws_sfn_state_machine);
    expect(machine).toMatchObject({ name: 'mcp-reports-reports', type: 'STANDARD', tags: { app: 'reports' } });
    const definition = JSON.parse(machine.definition);
    expect(definition.StartAt).toBe('GatherData');
    expect(Object.entries(definition.States).map(([name, s]: [string, any]) => [name, s.Type])).toEqual([['GatherData', 'Wait'], ['Summarize', 'Pass']]);
    expect(definition.States.GatherData).toMatchObject({ Seconds: 5, Next: 'Summarize' });
    expect(definition.States.Summarize.End).toBe(true);
    expect(Object.keys(definition.States.Summarize.Parameters)).toEqual(['reportType.$', 'period.$', 'summary.$', 'generatedAt.$']);
  });

  it('runs it with a role only Step Functions may assume, and which holds no permissions', () => {
    const { json, only } = synthResources();
    const role = only(json.resource.aws_iam_role);
    expect(role.name).toBe('mcp-reports-reports-workflow');
    expect(only(json.resource.aws_sfn_state_machine).role_arn).toMatch(/^\$\{aws_iam_role\.[^.]+\.arn\}$/);
    const assume = Object.values(json.data.aws_iam_policy_document).find((d: any) => d.statement[0].actions.includes('sts:AssumeRole')) as any;
    expect(assume.statement).toEqual([{ actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['states.amazonaws.com'] }] }]);
    expect(json.resource.aws_iam_role_policy).toBeUndefined();
    expect(json.resource.aws_iam_role_policy_attachment).toBeUndefined();
  });

  it("gives the function the machine's ARN and lets it only start it and describe its executions", () => {
    const { json } = synthResources();
    const arn = /^\$\{aws_sfn_state_machine\.[^.]+\.arn\}$/;
    expect(json.output.environment.value.REPORTS_STATE_MACHINE_ARN).toMatch(arn);
    const statements = json.data.aws_iam_policy_document['function-permissions'].statement as { actions: string[]; resources: string[] }[];
    expect(statements.map((s) => s.actions)).toEqual([['states:StartExecution'], ['states:DescribeExecution']]);
    expect(statements[0]!.resources).toEqual([expect.stringMatching(arn)]);
    expect(statements[1]!.resources).toEqual([
      expect.stringMatching(/^\$\{replace\(aws_sfn_state_machine\.[^.]+\.arn, ":stateMachine:", ":execution:"\)\}:\*$/),
    ]);
    for (const s of statements) {
      expect(s.actions.some((a) => a.includes('*'))).toBe(false);
      // The only wildcard allowed is the execution-name segment of this machine's executions.
      expect(s.resources.every((r) => r !== '*' && r.replace(/:\*$/, '').includes('aws_sfn_state_machine.'))).toBe(true);
    }
  });
});
