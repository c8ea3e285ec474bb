import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  DeleteUserPoolClientCommand,
  ListUserPoolClientsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { RegistryRejected, RegistryUnavailable, type ClientRegistry, type NewClient, type RegisteredClient } from './client-registry.ts';

export interface CognitoRegistryOptions {
  userPoolId: string;
  /** Access-token lifetime in minutes (Cognito: 5 to 1440). */
  accessTokenMinutes: number;
  /** Refresh-token lifetime in days. */
  refreshTokenDays: number;
}

const BUSY = new Set(['TooManyRequestsException', 'LimitExceededException', 'InternalErrorException', 'ThrottlingException']);
const REJECTED = new Set(['InvalidParameterException', 'InvalidOAuthFlowException', 'ScopeDoesNotExistException']);

/** How long a rotated-out refresh token still works, for a client retrying a lost answer (as the CLI client). */
const REFRESH_RETRY_GRACE_SECONDS = 10;

/** Public app clients in a Cognito user pool: code flow only, no secret, token revocation on. */
export class CognitoClientRegistry implements ClientRegistry {
  readonly #cognito: CognitoIdentityProviderClient;
  readonly #options: CognitoRegistryOptions;

  constructor(options: CognitoRegistryOptions, cognito = new CognitoIdentityProviderClient({})) {
    this.#options = options;
    this.#cognito = cognito;
  }

  async create(client: NewClient): Promise<RegisteredClient> {
    try {
      const out = await this.#cognito.send(
        new CreateUserPoolClientCommand({
          UserPoolId: this.#options.userPoolId,
          ClientName: client.clientName,
          GenerateSecret: false,
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ['code'],
          AllowedOAuthScopes: client.scopes,
          CallbackURLs: client.redirectUris,
          SupportedIdentityProviders: ['COGNITO'],
          // OAuth 2.1: a public client's refresh tokens rotate. Rotation excludes the REFRESH_TOKEN_AUTH API flow
          // (the token endpoint's refresh_token grant is what clients use), so SRP is the one API flow left.
          ...(client.allowRefresh
            ? { RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: REFRESH_RETRY_GRACE_SECONDS }, ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'] }
            : { ExplicitAuthFlows: [] }),
          PreventUserExistenceErrors: 'ENABLED',
          EnableTokenRevocation: true,
          AccessTokenValidity: this.#options.accessTokenMinutes,
          IdTokenValidity: this.#options.accessTokenMinutes,
          RefreshTokenValidity: this.#options.refreshTokenDays,
          TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
        }),
      );
      const created = out.UserPoolClient;
      if (!created?.ClientId) throw new RegistryUnavailable('Cognito returned no client id');
      return { clientId: created.ClientId, clientName: created.ClientName ?? client.clientName };
    } catch (err) {
      const name = (err as { name?: string }).name ?? '';
      if (BUSY.has(name)) throw new RegistryUnavailable(name);
      if (REJECTED.has(name)) throw new RegistryRejected((err as Error).message);
      throw err;
    }
  }

  async *list(): AsyncIterable<RegisteredClient> {
    let NextToken: string | undefined;
    do {
      const page = await this.#cognito.send(new ListUserPoolClientsCommand({ UserPoolId: this.#options.userPoolId, MaxResults: 60, NextToken }));
      for (const c of page.UserPoolClients ?? []) if (c.ClientId && c.ClientName) yield { clientId: c.ClientId, clientName: c.ClientName };
      NextToken = page.NextToken;
    } while (NextToken);
  }

  async remove(clientId: string): Promise<void> {
    await this.#cognito.send(new DeleteUserPoolClientCommand({ UserPoolId: this.#options.userPoolId, ClientId: clientId }));
  }
}
