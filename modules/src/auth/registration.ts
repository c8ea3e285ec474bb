import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule/index.js';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target/index.js';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission/index.js';
import { Construct } from 'constructs';
import { McpFunction } from '../function.ts';

export interface RegistrationProps {
  name: string;
  /** dist/functions/registration.zip */
  zipPath: string;
  userPoolId: string;
  userPoolArn: string;
  /** Full scope names a registered client may receive. */
  allowedScopes: string[];
  /** Registered clients older than this are deleted (default 90 days). */
  retentionDays?: number;
  /** https redirect hosts allowed (loopback always); unset: any https host. */
  redirectHosts?: string[];
  /** Most dynamic registrations kept at once (default 500). */
  maxRegistrations?: number;
  accessTokenMinutes?: number;
  refreshTokenDays?: number;
  logRetentionDays?: number;
  tags: Record<string, string>;
}

/**
 * RFC 7591 registration at POST /register: a small function that validates client metadata and creates a
 * public Cognito app client, plus a daily run that deletes registrations past their retention.
 */
export class ClientRegistration extends Construct {
  readonly fn: McpFunction;

  constructor(scope: Construct, id: string, props: RegistrationProps) {
    super(scope, id);
    this.fn = new McpFunction(this, 'function', {
      name: `${props.name}-register`,
      zipPath: props.zipPath,
      memoryMb: 256,
      timeoutSeconds: 10,
      logRetentionDays: props.logRetentionDays ?? 30,
      environment: {
        USER_POOL_ID: props.userPoolId,
        ALLOWED_SCOPES: ['openid', ...props.allowedScopes].join(' '),
        CLIENT_RETENTION_DAYS: String(props.retentionDays ?? 90),
        MAX_REGISTRATIONS: String(props.maxRegistrations ?? 500),
        ...(props.redirectHosts ? { REDIRECT_HOSTS: props.redirectHosts.join(',') } : {}),
        ACCESS_TOKEN_MINUTES: String(props.accessTokenMinutes ?? 60),
        REFRESH_TOKEN_DAYS: String(props.refreshTokenDays ?? 30),
      },
      policyStatements: [
        { actions: ['cognito-idp:CreateUserPoolClient', 'cognito-idp:ListUserPoolClients', 'cognito-idp:DeleteUserPoolClient'], resources: [props.userPoolArn] },
      ],
      tags: props.tags,
    });
    const rule = new CloudwatchEventRule(this, 'cleanup-schedule', {
      name: `${props.name}-register-cleanup`,
      description: 'Delete expired dynamic client registrations',
      scheduleExpression: 'rate(1 day)',
      tags: props.tags,
    });
    new CloudwatchEventTarget(this, 'cleanup-target', { rule: rule.name, arn: this.fn.fn.arn });
    new LambdaPermission(this, 'cleanup-invoke', {
      functionName: this.fn.functionName,
      action: 'lambda:InvokeFunction',
      principal: 'events.amazonaws.com',
      sourceArn: rule.arn,
    });
  }
}
