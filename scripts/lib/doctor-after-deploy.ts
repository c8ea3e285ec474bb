/**
 * The end of `make deploy`: the doctor against the stack just applied, from its `mcp_url` output (and
 * `api_key_value` for an api_key stack, passed through the environment, never printed). DOCTOR=0 skips
 * it; DOCTOR_NO_REGISTER=1 makes no test registrations. Returns the doctor's exit status.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../load-server.ts';

function output(terraform: string, stackDir: string, name: string): string | undefined {
  const r = spawnSync(terraform, ['output', '-raw', name], { cwd: stackDir, encoding: 'utf8' });
  const value = r.status === 0 ? r.stdout.trim() : '';
  return value && !value.includes('\n') ? value : undefined;
}

export function doctorAfterDeploy(stackDir: string, env: NodeJS.ProcessEnv = process.env, terraform = 'terraform'): number {
  if (env.DOCTOR === '0') return 0;
  const url = output(terraform, stackDir, 'mcp_url');
  if (!url) {
    console.log('doctor: the stack has no mcp_url output, so it was not run');
    return 0;
  }
  const apiKey = output(terraform, stackDir, 'api_key_value');
  console.log(`\n$ make doctor URL=${url}${apiKey ? ' API_KEY=<api_key_value>' : ''}`);
  const r = spawnSync(process.execPath, [join(ROOT, 'handler-kit', 'src', 'doctor', 'cli.ts'), url, ...(env.DOCTOR_NO_REGISTER === '1' ? ['--no-register'] : [])], {
    stdio: 'inherit',
    env: { ...env, ...(apiKey ? { MCP_DOCTOR_API_KEY: apiKey } : {}) },
  });
  if (r.status !== 0) console.log(`\nThe stack is deployed, but the doctor found problems (above). A new domain can take minutes to resolve: run make doctor URL=${url} again.`);
  return r.status ?? 1;
}
