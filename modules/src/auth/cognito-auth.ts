import { CognitoResourceServer } from '@cdktf/provider-aws/lib/cognito-resource-server/index.js';
import { CognitoUserPool } from '@cdktf/provider-aws/lib/cognito-user-pool/index.js';
import { CognitoUserPoolDomain } from '@cdktf/provider-aws/lib/cognito-user-pool-domain/index.js';
import { Fn, Op, TerraformIterator, Token } from 'cdktf';
import { Construct } from 'constructs';
import { named } from '../address.ts';
import { choose, isUnresolvedList, mayExist, onlyWhen, prefixEach, withFirst, type Toggle } from '../conditions.ts';

/**
 * A hosted-UI domain prefix as Cognito takes it (CreateUserPoolDomain: 1 to 63 of a-z 0-9 -, starting and
 * ending with a letter or digit), never holding aws, amazon or cognito. A new pool's default prefix is
 * `<name>-<8 hex>`, so a name can stand for it when it is a-z 0-9 - from its first character (its length
 * is the name rule's, at most 47: the prefix then has at most 56). The plain module's variable validation
 * and precondition use these same patterns.
 */
export const DOMAIN_PREFIX_PATTERN = '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$';
export const NAME_AS_DOMAIN_PREFIX_PATTERN = '^[a-z0-9][a-z0-9-]*$';
export const DOMAIN_PREFIX_RESERVED = 'aws|amazon|cognito';

function assertDomainPrefix(props: { name: string; domainPrefix?: string | undefined }): void {
  const [value, pattern] = props.domainPrefix === undefined ? [props.name, NAME_AS_DOMAIN_PREFIX_PATTERN] : [props.domainPrefix, DOMAIN_PREFIX_PATTERN];
  if (Token.isUnresolved(value) || (new RegExp(pattern).test(value) && !new RegExp(DOMAIN_PREFIX_RESERVED).test(value))) return;
  throw new Error(props.domainPrefix === undefined
    ? `name "${value}" is also the Cognito domain prefix (<name>-<hash>), which must be lower-case a-z, 0-9 and -, starting with a letter or digit, without aws, amazon or cognito: change the name or set domainPrefix`
    : `Cognito domain prefix "${value}" must be 1 to 63 lower-case a-z, 0-9 and -, starting and ending with a letter or digit, without aws, amazon or cognito`);
}

/** Resource-server scope blocks for a Terraform list of scope names (a dynamic block). */
function scopeBlocks(names: string[], serverScope: string, serverDescription: string) {
  const each = TerraformIterator.fromList(names);
  return each.dynamic({
    scope_name: each.value,
    scope_description: Fn.conditional(Op.eq(each.value, serverScope), serverDescription, Fn.format('Tools needing %s', [each.value])),
  });
}

export interface CognitoAuthProps {
  name: string;
  /** The resource-server identifier: the server's origin, e.g. https://mcp.example.com. */
  identifier: string;
  /** Scopes from the server's manifest (short names, e.g. tasks:read). */
  toolScopes: readonly string[];
  /** The one scope that grants the whole server. Default "mcp". */
  serverScope?: string;
  /**
   * Share a pool between servers: its id, ARN and the prefix of the hosted-UI domain it already has (a
   * pool has one domain; the servers sharing it use it). A new pool, with its own domain, otherwise.
   */
  existingUserPool?: { id: string; arn: string; domainPrefix: string };
  /**
   * Whether to create the pool, when that is only known at plan time (the plain module: no pool id given).
   * Default: create one unless existingUserPool is given.
   */
  createPool?: Toggle;
  /** Hosted-UI domain prefix for a new pool (unique among all AWS customers in the Region). */
  domainPrefix?: string;
  accessTokenMinutes?: number;
  refreshTokenDays?: number;
  /** A new pool refuses deletion until this is turned off (default on: `terraform destroy` then needs two steps). */
  deletionProtection?: Toggle;
  /** OFF, OPTIONAL (default: users may add a TOTP app) or ON (every user must). */
  mfa?: string;
  /** LITE, ESSENTIALS (default) or PLUS: set explicitly, since features depend on it. */
  tier?: string;
  tags?: Record<string, string>;
}

/** The scope that grants the whole server, unless the deployer names another. */
export const DEFAULT_SERVER_SCOPE = 'mcp';
export const DEFAULT_MFA = 'OPTIONAL';
export const DEFAULT_USER_POOL_TIER = 'ESSENTIALS';
/** How long a rotated-out Cognito refresh token still works, for a front door that retries a lost answer. */
export const REFRESH_RETRY_GRACE_SECONDS = 10;

/**
 * Cognito as the authorization server: a user pool (or a shared one), a classic hosted-UI domain (managed
 * login v2 needs a branding style per client, at most 20 per pool, which dynamically registered clients
 * would exhaust), and a resource server whose scopes come from the manifest plus one server-wide scope.
 * Clients get tokens through the front door (front-door.ts), whose confidential app client is the only one.
 */
export class CognitoAuth extends Construct {
  readonly userPoolId: string;
  readonly userPoolArn: string;
  /** Full scope names as they appear in access tokens: `<identifier>/<scope>`. */
  readonly scopes: string[];
  readonly serverScope: string;
  /** Short scope names (the server-wide one first), as the manifest and the resource server name them. */
  readonly shortScopes: string[];
  readonly resourceServer: CognitoResourceServer;
  readonly domainUrl: string;
  readonly issuer: string;
  readonly domainPrefix: string;

  constructor(scope: Construct, id: string, props: CognitoAuthProps & { region: string; accountId: string }) {
    super(scope, id);
    const serverScope = props.serverScope ?? DEFAULT_SERVER_SCOPE;
    const shortScopes = withFirst(serverScope, props.toolScopes);
    const createPool = props.createPool ?? !props.existingUserPool;
    const existing = props.existingUserPool;
    let created: { id: string; arn: string; domainPrefix: string } | undefined;
    if (mayExist(createPool)) {
      const group = new Construct(this, 'new-pool');
      const mfa = props.mfa ?? DEFAULT_MFA;
      const pool = named(new CognitoUserPool(group, 'pool', {
        name: props.name,
        userPoolTier: props.tier ?? DEFAULT_USER_POOL_TIER,
        usernameAttributes: ['email'],
        autoVerifiedAttributes: ['email'],
        adminCreateUserConfig: { allowAdminCreateUserOnly: true },
        passwordPolicy: { minimumLength: 12, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: false },
        accountRecoverySetting: { recoveryMechanism: [{ name: 'verified_email', priority: 1 }] },
        mfaConfiguration: mfa,
        // TOTP apps (no SMS: that needs an SNS role and costs per message).
        ...(!Token.isUnresolved(mfa) && mfa !== 'OFF' ? { softwareTokenMfaConfiguration: { enabled: true } } : {}),
        deletionProtection: choose(props.deletionProtection ?? true, 'ACTIVE', 'INACTIVE'),
        tags: props.tags ?? {},
      }), 'this');
      if (Token.isUnresolved(mfa)) {
        pool.addOverride('dynamic.software_token_mfa_configuration', { for_each: Fn.conditional(Op.neq(mfa, 'OFF'), [1], []), content: { enabled: true } });
      }
      // Prefixes are unique across all AWS customers in a Region: a short hash of the account keeps the
      // default from colliding, without publishing the account id in every sign-in URL.
      const fallback = `${props.name}-${Fn.substr(Fn.sha1(props.accountId), 0, 8)}`;
      const domainPrefix = props.domainPrefix === undefined ? fallback : Token.isUnresolved(props.domainPrefix) ? Fn.coalesce([props.domainPrefix, fallback]) : props.domainPrefix;
      assertDomainPrefix(props);
      named(new CognitoUserPoolDomain(group, 'domain', {
        domain: domainPrefix,
        userPoolId: pool.id,
        // 1 = the classic hosted UI: usable by any number of dynamically registered clients.
        managedLoginVersion: 1,
      }), 'this');
      onlyWhen(createPool, group);
      created = { id: pool.id, arn: pool.arn, domainPrefix };
    }
    const pick = (key: 'id' | 'arn' | 'domainPrefix'): string => choose(createPool, created?.[key], existing?.[key]) as string;
    this.userPoolId = pick('id');
    this.userPoolArn = pick('arn');
    this.domainPrefix = pick('domainPrefix');
    this.domainUrl = `https://${this.domainPrefix}.auth.${props.region}.amazoncognito.com`;
    this.issuer = `https://cognito-idp.${props.region}.amazonaws.com/${this.userPoolId}`;
    const describe = (s: string) => (s === serverScope ? `Everything ${props.name} offers` : `Tools needing ${s}`);
    const server = named(new CognitoResourceServer(this, 'resource-server', {
      userPoolId: this.userPoolId,
      identifier: props.identifier,
      name: props.name,
      scope: isUnresolvedList(shortScopes) ? scopeBlocks(shortScopes, serverScope, `Everything ${props.name} offers`) : shortScopes.map((s) => ({ scopeName: s, scopeDescription: describe(s) })),
    }), 'this');
    this.serverScope = `${props.identifier}/${serverScope}`;
    this.scopes = prefixEach(props.identifier, shortScopes);
    this.shortScopes = shortScopes;
    this.resourceServer = server;
  }
}
