import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import { LambdaAlias } from '@cdktf/provider-aws/lib/lambda-alias/index.js';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function/index.js';
import { LambdaProvisionedConcurrencyConfig } from '@cdktf/provider-aws/lib/lambda-provisioned-concurrency-config/index.js';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';

export interface PolicyStatement {
  actions: string[];
  resources: string[];
  effect?: 'Allow' | 'Deny';
}

export interface McpFunctionProps {
  name: string;
  /** Path of the bundle zip (dist/<server>.zip). */
  zipPath: string;
  memoryMb?: number;
  timeoutSeconds?: number;
  architecture?: 'arm64' | 'x86_64';
  logLevel?: string;
  logRetentionDays?: number;
  reservedConcurrency?: number;
  provisionedConcurrency?: number;
  environment?: Record<string, string>;
  /** What the server's tools need beyond writing their own logs, e.g. ce:GetCostAndUsage. */
  policyStatements?: PolicyStatement[];
  tags?: Record<string, string>;
}

/** What the API needs from a function: something to invoke and to grant API Gateway access to. */
export interface InvocableFunction {
  functionName: string;
  /** The ARN API Gateway invokes (an alias when provisioned concurrency is on). */
  invokeArn: string;
  /** Qualifier for the invoke permission (the alias name), if any. */
  qualifier?: string;
}

/**
 * The server's Lambda: its bundle on nodejs24.x (arm64, 2048 MB, 29 s by default), JSON logs in a log
 * group with retention, and a role that may write those logs and do only what the server declares.
 */
export class McpFunction extends Construct implements InvocableFunction {
  readonly fn: LambdaFunction;
  readonly role: IamRole;
  readonly logGroup: CloudwatchLogGroup;
  readonly functionName: string;
  readonly invokeArn: string;
  readonly qualifier?: string;

  constructor(scope: Construct, id: string, props: McpFunctionProps) {
    super(scope, id);
    const tags = props.tags ?? {};
    this.logGroup = new CloudwatchLogGroup(this, 'logs', {
      name: `/aws/lambda/${props.name}`,
      retentionInDays: props.logRetentionDays ?? 30,
      tags,
    });
    const assume = new DataAwsIamPolicyDocument(this, 'assume', {
      statement: [{ actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['lambda.amazonaws.com'] }] }],
    });
    this.role = new IamRole(this, 'role', { name: `${props.name}-lambda`, assumeRolePolicy: assume.json, tags });
    const permissions = new DataAwsIamPolicyDocument(this, 'permissions', {
      statement: [
        // Its own log group's streams only (stream names are chosen by Lambda at run time).
        { actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [`${this.logGroup.arn}:log-stream:*`] },
        ...(props.policyStatements ?? []).map((s) => ({ effect: s.effect ?? 'Allow', actions: s.actions, resources: s.resources })),
      ],
    });
    new IamRolePolicy(this, 'policy', { name: 'mcp-server', role: this.role.id, policy: permissions.json });

    const provisioned = props.provisionedConcurrency ?? 0;
    this.fn = new LambdaFunction(this, 'function', {
      functionName: props.name,
      role: this.role.arn,
      runtime: 'nodejs24.x',
      architectures: [props.architecture ?? 'arm64'],
      handler: 'index.handler',
      filename: props.zipPath,
      sourceCodeHash: Fn.filebase64sha256(props.zipPath),
      memorySize: props.memoryMb ?? 2048,
      timeout: props.timeoutSeconds ?? 29,
      publish: provisioned > 0,
      ...(props.reservedConcurrency !== undefined ? { reservedConcurrentExecutions: props.reservedConcurrency } : {}),
      loggingConfig: { logFormat: 'JSON', logGroup: this.logGroup.name },
      environment: {
        variables: {
          LOG_LEVEL: props.logLevel ?? 'INFO',
          POWERTOOLS_SERVICE_NAME: props.name,
          NODE_OPTIONS: '--enable-source-maps',
          ...props.environment,
        },
      },
      tags,
      dependsOn: [this.logGroup],
    });
    this.functionName = this.fn.functionName;
    if (provisioned > 0) {
      const alias = new LambdaAlias(this, 'live', { name: 'live', functionName: this.fn.functionName, functionVersion: this.fn.version });
      new LambdaProvisionedConcurrencyConfig(this, 'provisioned', {
        functionName: this.fn.functionName,
        qualifier: alias.name,
        provisionedConcurrentExecutions: provisioned,
      });
      this.invokeArn = alias.invokeArn;
      this.qualifier = alias.name;
    } else {
      this.invokeArn = this.fn.invokeArn;
    }
  }
}

/** A function that already exists and already imports the kit: only invoked, never managed. */
export function existingFunction(arn: string, name: string, region: string): InvocableFunction {
  return {
    functionName: name,
    invokeArn: `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${arn}/invocations`,
  };
}
