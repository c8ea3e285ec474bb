import { serve } from '../../../../src/adapters/node/index.ts';
import { server } from './server.ts';

// The URL goes on its own first line, for the test to read.
const running = await serve(server, { port: 0 });
process.stdout.write(`${running.url}\n`);
