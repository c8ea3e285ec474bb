// Warm throughput of one instance: tools/call events handled one after another (a Lambda instance
// serves one request at a time). Usage: node warm.mjs <bundle.mjs> <sequence> [seconds]
// Prints one JSON line: { reqPerSec, p50us, p99us, calls }.
import { pathToFileURL } from 'node:url';
import { callEvent, coldEvents, lambdaContext } from './sequences.mjs';

const [bundle, name, secondsArg] = process.argv.slice(2);
const seconds = Number(secondsArg ?? 3);
const { handler } = await import(pathToFileURL(bundle).href);
const ctx = lambdaContext();
for (const event of coldEvents(name)) await handler(event, ctx);
const event = callEvent(name);
const warmupEnd = performance.now() + 1000;
while (performance.now() < warmupEnd) await handler(event, ctx);
const samples = [];
const start = performance.now();
const end = start + seconds * 1000;
let calls = 0;
for (let now = start; now < end; calls++) {
  const t = performance.now();
  await handler(event, ctx);
  now = performance.now();
  if ((calls & 7) === 0) samples.push(now - t);
}
const wall = performance.now() - start;
samples.sort((a, b) => a - b);
const q = (p) => +(samples[Math.floor(p * (samples.length - 1))] * 1000).toFixed(2);
process.stderr.write(`${JSON.stringify({ reqPerSec: Math.round(calls / (wall / 1000)), p50us: q(0.5), p99us: q(0.99), calls })}\n`);
process.exit(0);
