import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import { LambdaAlias } from '@cdktf/provider-aws/lib/lambda-alias/index.js';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function/index.js';
import { LambdaProvisionedConcurrencyConfig } from '@cdktf/provider-aws/lib/lambda-provisioned-concurrency-config/index.js';
import { Fn, Op, TerraformIterator, Token, type IResolvable } from 'cdktf';
import { Construct } from 'constructs';
import { choose, mergeMaps, onlyWhen, planTime, asBoolean, type Toggle } from './conditions.ts';

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
  readonly arn: string;
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
    const statements = props.policyStatements ?? [];
    // A Terraform list (the plain module's variable) becomes a dynamic block merged into the same policy.
    const fromTerraform = Token.isUnresolved(statements);
    const extra = fromTerraform ? this.statementsFromTerraform(statements) : undefined;
    const permissions = new DataAwsIamPolicyDocument(this, 'permissions', {
      statement: [
        // Its own log group's streams only (stream names are chosen by Lambda at run time).
        { actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [`${this.logGroup.arn}:log-stream:*`] },
        ...(fromTerraform ? [] : statements.map((s) => ({ effect: s.effect ?? 'Allow', actions: s.actions, resources: s.resources }))),
      ],
      ...(extra ? { sourcePolicyDocuments: [extra] } : {}),
    });
    new IamRolePolicy(this, 'policy', { name: 'mcp-server', role: this.role.id, policy: permissions.json });

    const provisionedCount = props.provisionedConcurrency ?? 0;
    const provisioned: Toggle = Token.isUnresolved(provisionedCount) ? planTime(Op.gte(provisionedCount, 1)) : provisionedCount > 0;
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
      publish: asBoolean(provisioned),
      ...(props.reservedConcurrency !== undefined ? { reservedConcurrentExecutions: props.reservedConcurrency } : {}),
      loggingConfig: { logFormat: 'JSON', logGroup: this.logGroup.name },
      environment: {
        variables: mergeMaps(
          { LOG_LEVEL: props.logLevel ?? 'INFO', POWERTOOLS_SERVICE_NAME: props.name, NODE_OPTIONS: '--enable-source-maps' },
          ...(props.environment ? [props.environment] : []),
        ),
      },
      tags,
      dependsOn: [this.logGroup],
    });
    this.functionName = this.fn.functionName;
    this.arn = this.fn.arn;
    if (provisioned !== false) {
      const alias = new LambdaAlias(this, 'live', { name: 'live', functionName: this.fn.functionName, functionVersion: this.fn.version });
      const config = new LambdaProvisionedConcurrencyConfig(this, 'provisioned', {
        functionName: this.fn.functionName,
        qualifier: alias.name,
        provisionedConcurrentExecutions: provisionedCount,
      });
      onlyWhen(provisioned, alias, config);
      this.invokeArn = choose(provisioned, alias.invokeArn, this.fn.invokeArn);
      this.qualifier = choose(provisioned, alias.name, undefined as unknown as string);
    } else {
      this.invokeArn = this.fn.invokeArn;
    }
  }

  /** Statements from a Terraform list of {actions, resources, effect}: a policy document with a dynamic block. */
  private statementsFromTerraform(statements: PolicyStatement[]): string {
    const each = TerraformIterator.fromList(statements as unknown as IResolvable);
    return new DataAwsIamPolicyDocument(this, 'extra-permissions', {
      statement: each.dynamic({ effect: each.getString('effect'), actions: each.getList('actions'), resources: each.getList('resources') }),
    }).json;
  }
}

/** A function that already exists and already imports the kit: only invoked, never managed. */
export function existingFunction(arn: string, name: string, region: string): InvocableFunction {
  return {
    functionName: name,
    invokeArn: `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${arn}/invocations`,
  };
}
