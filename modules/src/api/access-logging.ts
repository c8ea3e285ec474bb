import { ApiGatewayAccount } from '@cdktf/provider-aws/lib/api-gateway-account/index.js';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js';
import { Construct } from 'constructs';
import { named } from '../address.ts';
import { mayExist, onlyWhen, type Toggle } from '../conditions.ts';

/** JSON access-log line per request. No headers, so never an Authorization value. */
export const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  method: '$context.httpMethod',
  path: '$context.resourcePath',
  status: '$context.status',
  responseLength: '$context.responseLength',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integration.latency',
  integrationError: '$context.integration.error',
  authorizerError: '$context.authorizer.error',
  // A Lambda authorizer's principal; under Cognito the principal is empty, so the token's subject and client.
  principal: '$context.authorizer.principalId',
  sub: '$context.authorizer.claims.sub',
  clientId: '$context.authorizer.claims.client_id',
  time: '$context.requestTime',
});

export interface AccessLoggingProps {
  name: string;
  /** Write access logs at all (needs the account's API Gateway CloudWatch role, set here or elsewhere). */
  enabled: Toggle;
  /** Set that Region-wide role from this stack. */
  manageAccountRole: Toggle;
  retentionDays: number;
  tags: Record<string, string>;
}

/**
 * The stage's access logs: `aws_cloudwatch_log_group.access_logs`, and when asked the account's CloudWatch
 * role (`aws_iam_role.api_gateway_cloudwatch`, its policy attachment and `aws_api_gateway_account.this`).
 * A stage with access logs fails to create in an account and Region whose role was never set, so logging is
 * off unless the role is known to exist or managed here. The account setting is one per account and Region,
 * shared by every REST API there, so the role gets AWS's managed policy for the job (all API Gateway log
 * groups), not one scoped to this API.
 */
export class AccessLogging extends Construct {
  readonly logGroup: CloudwatchLogGroup | undefined;
  readonly account: ApiGatewayAccount | undefined;

  constructor(scope: Construct, id: string, props: AccessLoggingProps) {
    super(scope, id);
    if (!mayExist(props.enabled)) return;
    this.logGroup = named(new CloudwatchLogGroup(this, 'logs', { name: `/aws/apigateway/${props.name}`, retentionInDays: props.retentionDays, tags: props.tags }), 'access_logs');
    onlyWhen(props.enabled, this.logGroup);
    if (!mayExist(props.manageAccountRole)) return;
    const group = new Construct(this, 'account-role');
    const role = named(new IamRole(group, 'role', {
      name: `${props.name}-apigw-logs`,
      assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
      tags: props.tags,
    }), 'api_gateway_cloudwatch');
    const attachment = named(new IamRolePolicyAttachment(group, 'policy', {
      role: role.name,
      policyArn: 'arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs',
    }), 'api_gateway_cloudwatch');
    // The role must be able to write before API Gateway accepts it as the account's.
    this.account = named(new ApiGatewayAccount(group, 'account', { cloudwatchRoleArn: role.arn, dependsOn: [attachment] }), 'this');
    onlyWhen(props.manageAccountRole, group);
  }
}
