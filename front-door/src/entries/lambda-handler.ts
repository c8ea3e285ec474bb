import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { httpsCimdFetcher } from '../cimd/https-fetcher.ts';
import { settingsFromEnv } from '../config-from-env.ts';
import { createFrontDoor, type FrontDoor } from '../core/front-door.ts';
import { DynamoDbStore } from '../stores/dynamodb-store.ts';
import { oidcUpstream } from '../upstream/oidc-upstream.ts';
import { toLambdaHandler } from './lambda.ts';

/**
 * The deployable front door: `handler` for a Lambda behind API Gateway, configured from its environment
 * (config-from-env.ts lists the variables), DynamoDB as store, Cognito (or any OpenID provider) upstream.
 * Built on the first event, so a misconfiguration shows in that invocation's log rather than at INIT.
 */
let built: ReturnType<typeof toLambdaHandler> | undefined;

export function buildFrontDoor(env: Readonly<Record<string, string | undefined>> = process.env): FrontDoor {
  const settings = settingsFromEnv(env);
  const issuer = settings.frontDoor.issuer.replace(/\/$/, '');
  return createFrontDoor(settings.frontDoor, {
    store: new DynamoDbStore({ client: new DynamoDBClient({}), tableName: settings.tableName }),
    upstream: oidcUpstream({ ...settings.upstream, redirectUri: `${issuer}/callback` }),
    cimdFetcher: httpsCimdFetcher(),
  });
}

export const handler: ReturnType<typeof toLambdaHandler> = (event) => (built ??= toLambdaHandler(buildFrontDoor()))(event);
export { fromProxyEvent, toLambdaHandler, toProxyResult } from './lambda.ts';
