import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine/index.js';
import type { DeployConfig } from '@serverless-mcp/modules';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { reportWorkflow } from './src/report-workflow.ts';

/**
 * How `make deploy SERVER=reports` deploys this server: Cognito OAuth in front (scopes reports:read and
 * reports:write) and, beside the function, the report workflow it starts: a Standard state machine and
 * the role Step Functions runs it with.
 */
export const deploy: DeployConfig = {
  authMode: 'cognito',
  resources(scope, { name, tags }) {
    // Own construct, so these ids cannot collide with the server's.
    const workflow = new Construct(scope, 'report-workflow');
    const assume = new DataAwsIamPolicyDocument(workflow, 'assume', {
      statement: [{ actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['states.amazonaws.com'] }] }],
    });
    // No policy attached: Wait and Pass states call nothing. Task states added later bring their own.
    const role = new IamRole(workflow, 'role', { name: `${name}-reports-workflow`, assumeRolePolicy: assume.json, tags });
    const machine = new SfnStateMachine(workflow, 'state-machine', {
      name: `${name}-reports`,
      type: 'STANDARD',
      roleArn: role.arn,
      definition: JSON.stringify(reportWorkflow),
      tags,
    });
    // arn:aws:states:<region>:<account>:stateMachine:<name> -> arn:aws:states:<region>:<account>:execution:<name>:*
    // (Terraform computes it, so it stays right in any partition, Region and account.)
    const executions = `${Fn.replace(machine.arn, ':stateMachine:', ':execution:')}:*`;
    return {
      environment: { REPORTS_STATE_MACHINE_ARN: machine.arn },
      policyStatements: [
        { actions: ['states:StartExecution'], resources: [machine.arn] },
        { actions: ['states:DescribeExecution'], resources: [executions] },
      ],
    };
  },
};
