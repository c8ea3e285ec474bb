// Preloaded with --require: when the process exits, writes the CPU time it used in all (user + system,
// from process start: Node's boot, the bundle's load and any source-map parsing included) to fd 2 as
// one JSON line. bench/source-maps.ts reads it.
const { writeSync } = require('node:fs');
process.on('exit', () => {
  const { userCPUTime, systemCPUTime, maxRSS } = process.resourceUsage();
  writeSync(2, `\n${JSON.stringify({ cpuMs: (userCPUTime + systemCPUTime) / 1000, maxRssKiB: maxRSS })}\n`);
});
