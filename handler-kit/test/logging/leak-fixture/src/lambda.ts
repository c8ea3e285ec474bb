import { toLambdaHandler } from '../../../../src/adapters/aws-lambda/index.ts';
import { server } from './server.ts';

export const handler = toLambdaHandler(server);
