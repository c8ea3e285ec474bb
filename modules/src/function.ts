import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import { LambdaAlias } from '@cdktf/provider-aws/lib/lambda-alias/index.js';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function/index.js';
import { LambdaProvisionedConcurrencyConfig } from '@cdktf/provider-aws/lib/lambda-provisioned-concurrency-config/index.js';
import { Fn, Op, TerraformIterator, Token, ref, type IResolvable } from 'cdktf';
import { Construct } from 'constructs';
import { named } from './address.ts';
import { choose, mergeMaps, onlyWhen, planTime, asBoolean, type Toggle } from './conditions.ts';

/** The function's own default timeout: a second below API Gateway's 29 s, so the kit's deadline answers first. */
export const DEFAULT_TIMEOUT_SECONDS = 28;
/** The longest buffered answer API Gateway REST waits for (29 s, its default integration timeout). */
export const MAX_INTEGRATION_TIMEOUT_MS = 29_000;
/** With response streaming: 15 minutes (the STREAM integration's maximum, Lambda's too), less a second. */
export const DEFAULT_STREAMED_TIMEOUT_SECONDS = 899;
export const MAX_STREAMED_INTEGRATION_TIMEOUT_MS = 900_000;

/** The function's default timeout for the transfer mode. */
export function defaultTimeoutSeconds(streaming: Toggle): number {
  return choose(streaming, DEFAULT_STREAMED_TIMEOUT_SECONDS, DEFAULT_TIMEOUT_SECONDS);
}

/**
 * The integration timeout for a function timeout: a second more, so the function (and the kit's deadline
 * answer inside it) always finishes first and the client never sees API Gateway's bare 504. At most 29 s
 * buffered, 15 minutes streamed.
 */
export function integrationTimeoutMs(timeoutSeconds: number, streaming: Toggle = false): number {
  if (Token.isUnresolved(timeoutSeconds)) return Token.asNumber(Op.mul(Op.add(timeoutSeconds, 1), 1000));
  const max = streaming === false ? MAX_INTEGRATION_TIMEOUT_MS : MAX_STREAMED_INTEGRATION_TIMEOUT_MS;
  if (timeoutSeconds < 1 || (timeoutSeconds + 1) * 1000 > max) {
    throw new Error(
      `a function timeout of ${timeoutSeconds} s: 1 to ${max / 1000 - 1} s (API Gateway waits at most ${max / 1000} s for ${streaming === false ? 'a buffered' : 'a streamed'} answer)`,
    );
  }
  return (timeoutSeconds + 1) * 1000;
}

/**
 * API Gateway's integration URI for a Lambda function (or alias, or authorizer) ARN: Invoke, or with
 * `streaming` InvokeWithResponseStream.
 */
export function lambdaInvokeUri(region: string, functionArn: string, streaming = false): string {
  return streaming
    ? `arn:aws:apigateway:${region}:lambda:path/2021-11-15/functions/${functionArn}/response-streaming-invocations`
    : `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${functionArn}/invocations`;
}

/**
 * The integration URI for response streaming, built from the function's (or alias's) ARN: the provider
 * binding has no `response_streaming_invoke_arn` (it came in hashicorp/aws 6.28). The Region is the ARN's own.
 */
export function streamingInvokeUri(functionArn: string): string {
  const region = Token.isUnresolved(functionArn) ? Fn.element(Fn.split(':', functionArn), 3) : functionArn.split(':')[3]!;
  return lambdaInvokeUri(region, functionArn, true);
}

export interface PolicyStatement {
  actions: string[];
  resources: string[];
  effect?: 'Allow' | 'Deny';
}

export interface McpFunctionProps {
  name: string;
  /**
   * Addresses of its resources: the function's (`aws_lambda_function.<function>`) and the prefix of the
   * others (`aws_iam_role.<prefix>`, `aws_cloudwatch_log_group.<prefix>`). Default: this / lambda.
   */
  address?: { function: string; prefix: string };
  /** Path of the bundle zip (dist/<server>.zip). */
  zipPath: string;
  /** The role's name (default `<name>-lambda`). */
  roleName?: string;
  /** The inline policy's name (default mcp-server). */
  policyName?: string;
  memoryMb?: number;
  timeoutSeconds?: number;
  architecture?: 'arm64' | 'x86_64';
  logLevel?: string;
  logRetentionDays?: number;
  reservedConcurrency?: number;
  provisionedConcurrency?: number;
  environment?: Record<string, string>;
  /**
   * What the server's tools need beyond writing their own logs, e.g. ce:GetCostAndUsage. A list, or a map
   * keyed by statement id (the plain module's `policy_statements`, a Terraform value).
   */
  policyStatements?: PolicyStatement[] | Record<string, PolicyStatement>;
  tags?: Record<string, string>;
}

/** What the API needs from a function: something to invoke and to grant API Gateway access to. */
export interface InvocableFunction {
  functionName: string;
  /** The ARN API Gateway invokes (an alias when provisioned concurrency is on). */
  invokeArn: string;
  /** The same, for response streaming (`…/2021-11-15/functions/<arn>/response-streaming-invocations`). */
  streamingInvokeArn: string;
  /** Qualifier for the invoke permission (the alias name), if any. */
  qualifier?: string;
}

/**
 * The server's Lambda: its bundle on nodejs24.x (arm64, 2048 MB, 28 s by default), JSON logs in a log
 * group with retention, and a role that may write those logs and do only what the server declares.
 */
export class McpFunction extends Construct implements InvocableFunction {
  readonly fn: LambdaFunction;
  readonly role: IamRole;
  readonly logGroup: CloudwatchLogGroup;
  readonly functionName: string;
  readonly arn: string;
  readonly invokeArn: string;
  readonly streamingInvokeArn: string;
  readonly qualifier?: string;

  constructor(scope: Construct, id: string, props: McpFunctionProps) {
    super(scope, id);
    const tags = props.tags ?? {};
    const { function: fnAddress, prefix } = props.address ?? { function: 'this', prefix: 'lambda' };
    this.logGroup = named(new CloudwatchLogGroup(this, 'logs', {
      name: `/aws/lambda/${props.name}`,
      retentionInDays: props.logRetentionDays ?? 30,
      tags,
    }), prefix);
    const assume = named(new DataAwsIamPolicyDocument(this, 'assume', {
      statement: [{ actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['lambda.amazonaws.com'] }] }],
    }), `${prefix}_assume_role`);
    this.role = named(new IamRole(this, 'role', { name: props.roleName ?? `${props.name}-lambda`, assumeRolePolicy: assume.json, tags }), prefix);
    const statements = props.policyStatements ?? [];
    // A Terraform map (the plain module's variable) becomes a dynamic block merged into the same policy.
    const fromTerraform = Token.isUnresolved(statements);
    const extra = fromTerraform ? this.statementsFromTerraform(statements as Record<string, PolicyStatement>, prefix) : undefined;
    const listed = fromTerraform ? [] : Array.isArray(statements) ? statements.map((st) => [undefined, st] as const) : Object.entries(statements);
    const permissions = named(new DataAwsIamPolicyDocument(this, 'permissions', {
      statement: [
        // Its own log group's streams only (stream names are chosen by Lambda at run time).
        { sid: 'OwnLogs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [`${this.logGroup.arn}:log-stream:*`] },
        ...listed.map(([sid, st]) => ({ ...(sid ? { sid } : {}), effect: st.effect ?? 'Allow', actions: st.actions, resources: st.resources })),
      ],
      ...(extra ? { sourcePolicyDocuments: [extra] } : {}),
    }), prefix);
    named(new IamRolePolicy(this, 'policy', { name: props.policyName ?? 'mcp-server', role: this.role.id, policy: permissions.json }), prefix);

    const provisionedCount = props.provisionedConcurrency ?? 0;
    const provisioned: Toggle = Token.isUnresolved(provisionedCount) ? planTime(Op.gte(provisionedCount, 1)) : provisionedCount > 0;
    this.fn = named(new LambdaFunction(this, 'function', {
      functionName: props.name,
      role: this.role.arn,
      runtime: 'nodejs24.x',
      architectures: [props.architecture ?? 'arm64'],
      handler: 'index.handler',
      filename: props.zipPath,
      sourceCodeHash: Fn.filebase64sha256(props.zipPath),
      memorySize: props.memoryMb ?? 2048,
      timeout: props.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
      publish: asBoolean(provisioned),
      ...(props.reservedConcurrency !== undefined ? { reservedConcurrentExecutions: props.reservedConcurrency } : {}),
      loggingConfig: { logFormat: 'JSON', logGroup: this.logGroup.name },
      environment: {
        variables: mergeMaps(
          // No NODE_OPTIONS=--enable-source-maps: reading and parsing the ~1 MB map costs about 1.25x the CPU of
          // a cold start (bench/RESULTS.md, paired A B A B). The map ships in the zip; set it through
          // environment_variables to get mapped stack traces.
          { LOG_LEVEL: props.logLevel ?? 'INFO', POWERTOOLS_SERVICE_NAME: props.name },
          ...(props.environment ? [props.environment] : []),
        ),
      },
      tags,
      dependsOn: [this.logGroup],
    }), fnAddress);
    this.functionName = this.fn.functionName;
    this.arn = this.fn.arn;
    if (provisioned !== false) {
      const alias = named(new LambdaAlias(this, 'live', { name: 'live', functionName: this.fn.functionName, functionVersion: this.fn.version }), fnAddress);
      const config = named(new LambdaProvisionedConcurrencyConfig(this, 'provisioned', {
        functionName: this.fn.functionName,
        qualifier: alias.name,
        provisionedConcurrentExecutions: provisionedCount,
      }), fnAddress);
      onlyWhen(provisioned, alias, config);
      this.invokeArn = choose(provisioned, alias.invokeArn, this.fn.invokeArn);
      this.streamingInvokeArn = streamingInvokeUri(choose(provisioned, alias.arn, this.fn.arn));
      this.qualifier = choose(provisioned, alias.name, undefined as unknown as string);
    } else {
      this.invokeArn = this.fn.invokeArn;
      this.streamingInvokeArn = streamingInvokeUri(this.fn.arn);
    }
  }

  /** Statements from a Terraform map of statement id → {actions, resources, effect}: a policy document with a dynamic block. */
  private statementsFromTerraform(statements: Record<string, PolicyStatement>, prefix: string): string {
    const each = TerraformIterator.fromMap(statements as unknown as IResolvable);
    return named(new DataAwsIamPolicyDocument(this, 'extra-permissions', {
      statement: each.dynamic({ sid: each.key, effect: each.getString('effect'), actions: each.getList('actions'), resources: each.getList('resources') }),
    }), `${prefix}_policy_statements`).json;
  }
}

/**
 * A function that already exists and already imports the kit: only invoked, never managed. A qualified ARN
 * (`...:function:name:alias`) is invoked as given, and its permission names the qualifier, which a
 * permission on the bare function would not cover.
 */
export function existingFunction(arn: string, name: string, region: string): InvocableFunction {
  const invokeArn = lambdaInvokeUri(region, arn);
  const streamingInvokeArn = lambdaInvokeUri(region, arn, true);
  if (Token.isUnresolved(arn)) {
    const parts = Fn.split(':', arn);
    return { functionName: name, invokeArn, streamingInvokeArn, qualifier: Token.asString(Fn.conditional(Op.eq(Fn.lengthOf(parts), 8), Fn.element(parts, 7), ref('null'))) };
  }
  const qualifier = arn.split(':')[7];
  return { functionName: name, invokeArn, streamingInvokeArn, ...(qualifier ? { qualifier } : {}) };
}
