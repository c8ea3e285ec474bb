import { CognitoUserPoolClient } from '@cdktf/provider-aws/lib/cognito-user-pool-client/index.js';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table/index.js';
import { Fn, Op, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ENV_VARIABLES, type FrontDoorVariable } from '@serverless-mcp/front-door/config';
import { named } from '../address.ts';
import { asBoolean, given, joined, withFirst, type Toggle } from '../conditions.ts';
import { McpFunction, integrationTimeoutMs } from '../function.ts';
import { REFRESH_RETRY_GRACE_SECONDS } from './cognito-auth.ts';

/** The front door answers within a few upstream round trips (Cognito's token endpoint, a CIMD fetch of at most 3 s). */
export const FRONT_DOOR_TIMEOUT_SECONDS = 10;
export const FRONT_DOOR_MEMORY_MB = 256;
const DAY = 86_400;

/** A number or bool as environment text, also when it is a Terraform value. */
const text = (v: number | boolean): string => (Token.isUnresolved(v) ? Token.asString(Fn.tostring(v)) : String(v));

export interface FrontDoorSettings {
  /** Extra https redirect hosts beside the known clients' (loopback is always allowed). */
  redirectHosts?: string[];
  /** Extra exact private-use redirect URIs (e.g. myapp://callback) beside the known clients'. */
  privateRedirectUris?: string[];
  /** Accept any https or private-use redirect URI: unsafe, an explicit opt-in. */
  allowAnyRedirect?: boolean;
  /** A registration unused this long is forgotten (default 30 days). */
  registrationTtlSeconds?: number;
  /** New registrations accepted per such window (default 10,000). */
  maxRegistrations?: number;
  /** How long an Allow on the consent page is remembered (default 30 days; 0 always asks). */
  consentTtlSeconds?: number;
  /** Client ID Metadata Documents (default on). */
  cimd?: Toggle;
  /** The table's customer-managed KMS key (default: the AWS-owned key). */
  tableKmsKeyArn?: string;
  /** Point-in-time recovery of the table (default off: every item in it is short-lived or re-creatable). */
  tablePointInTimeRecovery?: Toggle;
  /** The table refuses deletion while this is on (default off). */
  tableDeletionProtection?: Toggle;
}

export interface FrontDoorProps extends FrontDoorSettings {
  name: string;
  /** dist/functions/front-door.zip */
  zipPath: string;
  /** The server's public origin: the issuer clients see, e.g. https://mcp.example.com. */
  origin: string;
  /** The MCP URL exactly as clients are given it. */
  resource: string;
  serverName: string;
  userPoolId: string;
  /** https://cognito-idp.<region>.amazonaws.com/<pool id> */
  upstreamIssuer: string;
  /** The hosted-UI base, https://<prefix>.auth.<region>.amazoncognito.com */
  cognitoDomainUrl: string;
  /** Full scope names (`<origin>/<scope>`), the server-wide one first, and their short names. */
  scopes: string[];
  shortScopes: string[];
  serverScope: string;
  /** Scopes must exist on the resource server before a client may be given them. */
  resourceServerDependency: import('cdktf').ITerraformDependable;
  accessTokenMinutes?: number;
  refreshTokenDays?: number;
  logRetentionDays?: number;
  tags: Record<string, string>;
}

/**
 * The OAuth front door (front-door/, its entries/lambda-handler.ts) for one server: its function, its
 * DynamoDB table, and its one confidential Cognito app client. Several servers on one pool each get their
 * own client and table, so a server's sign-ins, registrations and refresh grants never meet another's.
 */
export class FrontDoor extends Construct {
  readonly fn: McpFunction;
  readonly table: DynamodbTable;
  readonly client: CognitoUserPoolClient;
  readonly integrationTimeoutMs = integrationTimeoutMs(FRONT_DOOR_TIMEOUT_SECONDS);

  constructor(scope: Construct, id: string, props: FrontDoorProps) {
    super(scope, id);
    const name = `${props.name}-front-door`;
    const kms = props.tableKmsKeyArn;
    this.table = named(new DynamodbTable(this, 'table', {
      name,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: 'pk',
      attribute: [{ name: 'pk', type: 'S' }],
      // DynamoDB deletes expired items days late; the store treats ttl <= now as absent on every read.
      ttl: { attributeName: 'ttl', enabled: true },
      // Off: the AWS-owned key (no charge). On with a key: that customer-managed key.
      serverSideEncryption: kms === undefined ? { enabled: false } : { enabled: asBoolean(given(kms)), kmsKeyArn: kms },
      pointInTimeRecovery: { enabled: asBoolean(props.tablePointInTimeRecovery ?? false) },
      deletionProtectionEnabled: asBoolean(props.tableDeletionProtection ?? false),
      tags: props.tags,
    }), 'front_door');

    const refreshDays = props.refreshTokenDays ?? 30;
    this.client = named(new CognitoUserPoolClient(this, 'client', {
      name,
      userPoolId: props.userPoolId,
      generateSecret: true,
      allowedOauthFlowsUserPoolClient: true,
      allowedOauthFlows: ['code'],
      allowedOauthScopes: withFirst('openid', props.scopes),
      // The only place Cognito sends a code: the front door's own callback on the server's domain.
      callbackUrls: [`${props.origin}/callback`],
      supportedIdentityProviders: ['COGNITO'],
      refreshTokenRotation: [{ feature: 'ENABLED', retryGracePeriodSeconds: REFRESH_RETRY_GRACE_SECONDS }],
      // Rotation excludes the REFRESH_TOKEN_AUTH API flow; the hosted UI needs none, SRP is the only one left.
      explicitAuthFlows: ['ALLOW_USER_SRP_AUTH'],
      preventUserExistenceErrors: 'ENABLED',
      enableTokenRevocation: true,
      accessTokenValidity: props.accessTokenMinutes ?? 60,
      idTokenValidity: props.accessTokenMinutes ?? 60,
      refreshTokenValidity: refreshDays,
      tokenValidityUnits: [{ accessToken: 'minutes', idToken: 'minutes', refreshToken: 'days' }],
      dependsOn: [props.resourceServerDependency],
    }), 'front_door');

    this.fn = new McpFunction(this, 'function', {
      name,
      roleName: name,
      policyName: 'front-door',
      address: { function: 'front_door', prefix: 'front_door' },
      zipPath: props.zipPath,
      memoryMb: FRONT_DOOR_MEMORY_MB,
      timeoutSeconds: FRONT_DOOR_TIMEOUT_SECONDS,
      logRetentionDays: props.logRetentionDays ?? 30,
      environment: frontDoorEnvironment({ ...props, tableName: this.table.name, clientId: this.client.id, clientSecret: this.client.clientSecret, refreshDays }),
      // Its table's items only: no Scan, no Query, no other table.
      policyStatements: [{ actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:UpdateItem'], resources: [this.table.arn] }],
      tags: props.tags,
    });
  }
}

/**
 * The front door's environment, typed against the variables its configuration reader declares
 * (front-door/src/config-from-env.ts): a variable added there fails this file's type-check until it is
 * set or explicitly left out here, and a name it does not read cannot be written.
 */
export function frontDoorEnvironment(p: FrontDoorProps & { tableName: string; clientId: string; clientSecret: string; refreshDays: number }): Record<string, string> {
  const values: Record<FrontDoorVariable, string | undefined> = {
    FRONT_DOOR_ISSUER: p.origin,
    FRONT_DOOR_RESOURCE: p.resource,
    FRONT_DOOR_SCOPES: joined(' ', p.scopes),
    FRONT_DOOR_TABLE: p.tableName,
    UPSTREAM_ISSUER: p.upstreamIssuer,
    UPSTREAM_CLIENT_ID: p.clientId,
    // Marked sensitive by the provider: plan output shows "(sensitive value)". See the module README on why
    // the environment and not Secrets Manager.
    UPSTREAM_CLIENT_SECRET: p.clientSecret,
    // Cognito's discovery document has no revocation_endpoint.
    UPSTREAM_REVOCATION_ENDPOINT: `${p.cognitoDomainUrl}/oauth2/revoke`,
    FRONT_DOOR_SERVER_NAME: p.serverName,
    FRONT_DOOR_SCOPE_DESCRIPTIONS: scopeDescriptions(p),
    FRONT_DOOR_REDIRECT_HOSTS: p.redirectHosts ? joined(' ', p.redirectHosts) : undefined,
    FRONT_DOOR_PRIVATE_REDIRECT_URIS: p.privateRedirectUris ? joined(' ', p.privateRedirectUris) : undefined,
    FRONT_DOOR_ALLOW_ANY_REDIRECT: p.allowAnyRedirect === undefined ? undefined : text(p.allowAnyRedirect),
    FRONT_DOOR_REGISTRATION_TTL_SECONDS: p.registrationTtlSeconds === undefined ? undefined : text(p.registrationTtlSeconds),
    FRONT_DOOR_MAX_REGISTRATIONS: p.maxRegistrations === undefined ? undefined : text(p.maxRegistrations),
    FRONT_DOOR_CONSENT_TTL_SECONDS: p.consentTtlSeconds === undefined ? undefined : text(p.consentTtlSeconds),
    // The front door's refresh tokens end with the Cognito refresh token they wrap, never after it.
    FRONT_DOOR_REFRESH_TTL_SECONDS: Token.isUnresolved(p.refreshDays) ? Token.asString(Fn.tostring(Op.mul(p.refreshDays, DAY))) : String(p.refreshDays * DAY),
    FRONT_DOOR_CIMD: p.cimd === undefined ? undefined : typeof p.cimd === 'boolean' ? String(p.cimd) : Token.asString(Fn.tostring(p.cimd.tf)),
  };
  const out: Record<string, string> = {};
  for (const name of Object.keys(ENV_VARIABLES) as FrontDoorVariable[]) if (values[name] !== undefined) out[name] = values[name]!;
  return out;
}

/** What the consent page says each scope grants, as JSON (a Terraform expression when the scopes are). */
function scopeDescriptions(p: Pick<FrontDoorProps, 'origin' | 'shortScopes' | 'serverScope' | 'serverName'>): string {
  const everything = `Everything ${p.serverName} offers`;
  const describe = (s: string) => (s === p.serverScope ? everything : `Tools needing ${s}`);
  if (!Token.isUnresolved(p.shortScopes) && !p.shortScopes.some((s) => Token.isUnresolved(s)) && !Token.isUnresolved(p.serverScope) && !Token.isUnresolved(p.serverName)) {
    return JSON.stringify(Object.fromEntries(p.shortScopes.map((s) => [`${p.origin}/${s}`, describe(s)])));
  }
  const full = Fn.formatlist('%s/%s', [p.origin, p.shortScopes]);
  const each = Fn.formatlist('Tools needing %s', [p.shortScopes]);
  return Fn.jsonencode(Fn.merge([Fn.zipmap(full, each), Fn.zipmap([`${p.origin}/${p.serverScope}`], [everything])]));
}
