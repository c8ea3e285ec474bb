import { CognitoClientRegistry } from './cognito-client-registry.ts';
import { configFromEnv, createRegistrationHandler } from './handler.ts';

/** The deployed function: Cognito behind the port, configuration from the environment. */
const env = process.env;
export const handler = createRegistrationHandler(
  new CognitoClientRegistry({
    userPoolId: env.USER_POOL_ID ?? '',
    accessTokenMinutes: Number(env.ACCESS_TOKEN_MINUTES ?? 60),
    refreshTokenDays: Number(env.REFRESH_TOKEN_DAYS ?? 30),
  }),
  configFromEnv(env),
);
