import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule/index.js';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target/index.js';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission/index.js';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { joined, withFirst } from '../conditions.ts';
import { named } from '../address.ts';
import { McpFunction, integrationTimeoutMs } from '../function.ts';

const TIMEOUT_SECONDS = 10;

/** A number as environment text, also when it is a Terraform value. */
const text = (n: number): string => (Token.isUnresolved(n) ? Token.asString(n) : String(n));

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
  readonly integrationTimeoutMs = integrationTimeoutMs(TIMEOUT_SECONDS);

  constructor(scope: Construct, id: string, props: RegistrationProps) {
    super(scope, id);
    this.fn = new McpFunction(this, 'function', {
      name: `${props.name}-register`,
      address: { function: 'registration', prefix: 'registration' },
      zipPath: props.zipPath,
      memoryMb: 256,
      timeoutSeconds: TIMEOUT_SECONDS,
      logRetentionDays: props.logRetentionDays ?? 30,
      environment: {
        USER_POOL_ID: props.userPoolId,
        ALLOWED_SCOPES: joined(' ', withFirst('openid', props.allowedScopes)),
        CLIENT_RETENTION_DAYS: text(props.retentionDays ?? 90),
        MAX_REGISTRATIONS: text(props.maxRegistrations ?? 500),
        // Empty (or unset): any https host may be registered.
        ...(props.redirectHosts ? { REDIRECT_HOSTS: joined(',', props.redirectHosts) } : {}),
        ACCESS_TOKEN_MINUTES: text(props.accessTokenMinutes ?? 60),
        REFRESH_TOKEN_DAYS: text(props.refreshTokenDays ?? 30),
      },
      policyStatements: [
        { actions: ['cognito-idp:CreateUserPoolClient', 'cognito-idp:ListUserPoolClients', 'cognito-idp:DeleteUserPoolClient'], resources: [props.userPoolArn] },
      ],
      tags: props.tags,
    });
    const rule = named(new CloudwatchEventRule(this, 'cleanup-schedule', {
      name: `${props.name}-register-cleanup`,
      description: 'Delete expired dynamic client registrations',
      scheduleExpression: 'rate(1 day)',
      tags: props.tags,
    }), 'registration_cleanup');
    named(new CloudwatchEventTarget(this, 'cleanup-target', { rule: rule.name, arn: this.fn.fn.arn }), 'registration_cleanup');
    named(new LambdaPermission(this, 'cleanup-invoke', {
      functionName: this.fn.functionName,
      action: 'lambda:InvokeFunction',
      principal: 'events.amazonaws.com',
      sourceArn: rule.arn,
    }), 'registration_cleanup');
  }
}
