#!/usr/bin/env node
/**
 * `serverless-mcp-doctor <url> [--no-register] [--json] [--timeout <ms>] [--origin <origin>]`
 *
 * Checks an MCP server from the outside the way real clients will. Credentials come from the
 * environment, never the command line (where `ps` would show them): MCP_DOCTOR_TOKEN (a bearer token),
 * MCP_DOCTOR_API_KEY (an api_key server's key). Exit status: 0 when no check that matters failed, 1 when
 * one did, 2 for a usage error.
 */
import { renderReport } from './render.ts';
import { runDoctor, UsageError } from './run.ts';

const USAGE = 'usage: serverless-mcp-doctor <mcp url> [--no-register] [--json] [--timeout <ms>] [--origin <origin>]\n  credentials: MCP_DOCTOR_TOKEN=<bearer token>, MCP_DOCTOR_API_KEY=<api key> in the environment';

function parse(argv: string[]) {
  const options: { url?: string; register: boolean; json: boolean; timeoutMs?: number; origin?: string } = { register: true, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--no-register') options.register = false;
    else if (arg === '--json') options.json = true;
    else if (arg === '--timeout' || arg === '--origin') {
      const value = argv[++i];
      if (value === undefined) throw new UsageError(`${arg} needs a value`);
      if (arg === '--origin') options.origin = value;
      else if (!(Number(value) > 0)) throw new UsageError('--timeout takes milliseconds');
      else options.timeoutMs = Number(value);
    } else if (arg === '-h' || arg === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else if (arg.startsWith('-') || options.url) throw new UsageError(`unexpected argument ${arg}`);
    else options.url = arg;
  }
  if (!options.url) throw new UsageError('the MCP URL is missing');
  return { ...options, url: options.url };
}

try {
  const { json, ...options } = parse(process.argv.slice(2));
  const report = await runDoctor({
    ...options,
    token: process.env.MCP_DOCTOR_TOKEN || undefined,
    apiKey: process.env.MCP_DOCTOR_API_KEY || undefined,
  });
  console.log(json ? JSON.stringify(report, null, 2) : renderReport(report));
  process.exitCode = report.failed ? 1 : 0;
} catch (err) {
  if (!(err instanceof UsageError)) throw err;
  console.error(`serverless-mcp-doctor: ${err.message}\n${USAGE}`);
  process.exitCode = 2;
}
