// Invokes a Lambda bundle with the events in argv[3] (a JSON file), as the Lambda runtime would.
import { readFileSync } from 'node:fs';
const { handler } = await import(process.argv[2]);
const events = JSON.parse(readFileSync(process.argv[3], 'utf8'));
const context = {
  functionName: 'leak', functionVersion: '$LATEST', awsRequestId: 'aws-req', invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:leak',
  memoryLimitInMB: '1024', logGroupName: '/aws/lambda/leak', logStreamName: 's', getRemainingTimeInMillis: () => 10_000,
};
for (const event of events) await handler(event, context);
