// One cold start: a fresh process imports the bundle, serves the cold sequence, checks the last
// answer and exits. Usage: node cold.mjs <bundle.mjs> <sequence>   (COLD_TIMINGS=1 prints a breakdown)
import { pathToFileURL } from 'node:url';
import { SEQUENCES, coldEvents, lambdaContext } from './sequences.mjs';

const [bundle, name] = process.argv.slice(2);
const t0 = performance.now();
const { handler } = await import(pathToFileURL(bundle).href);
const t1 = performance.now();
const ctx = lambdaContext();
const answers = [];
for (const event of coldEvents(name)) answers.push(await handler(event, ctx));
const t2 = performance.now();
if (answers[3]?.statusCode !== 200 || !SEQUENCES[name].check(answers[3].body)) {
  console.error('cold: unexpected answer', JSON.stringify(answers.map((a) => a && { s: a.statusCode, b: String(a.body).slice(0, 200) })));
  process.exit(1);
}
if (process.env.COLD_TIMINGS) console.error(JSON.stringify({ boot: t0, import: t1 - t0, requests: t2 - t1, maxRssKiB: process.resourceUsage().maxRSS }));
process.exit(0);
