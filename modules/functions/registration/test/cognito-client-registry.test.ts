import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { CognitoClientRegistry } from '../src/cognito-client-registry.ts';

/** The CreateUserPoolClient input the registry sends, captured at the SDK client's send(). */
async function created(allowRefresh: boolean): Promise<Record<string, unknown>> {
  let input: Record<string, unknown> = {};
  const cognito = { send: async (command: { input: Record<string, unknown> }) => ((input = command.input), { UserPoolClient: { ClientId: 'c1', ClientName: 'n' } }) };
  const registry = new CognitoClientRegistry({ userPoolId: 'eu-west-1_abc', accessTokenMinutes: 60, refreshTokenDays: 30 }, cognito as unknown as CognitoIdentityProviderClient);
  await registry.create({ clientName: 'dcr-20261201-Claude', redirectUris: ['http://localhost:1/cb'], scopes: ['openid'], allowRefresh });
  return input;
}

describe('dynamically registered Cognito clients', () => {
  it('rotate their refresh tokens (OAuth 2.1 for public clients), with a short retry grace and without the REFRESH_TOKEN_AUTH flow rotation excludes', async () => {
    expect(await created(true)).toMatchObject({
      GenerateSecret: false,
      RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 },
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'],
    });
  });

  it('get no refresh flow when they did not ask for the refresh_token grant', async () => {
    const input = await created(false);
    expect(input.ExplicitAuthFlows).toEqual([]);
    expect(input.RefreshTokenRotation).toBeUndefined();
  });
});
