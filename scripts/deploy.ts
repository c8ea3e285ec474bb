/**
 * `node scripts/deploy.ts deploy|destroy`: deploys the CDKTF stack of SERVER (see modules/app.ts for the
 * variables) with Terraform. Checks, in this order, before doing anything: AWS credentials, a terraform
 * binary. Then builds the bundles, synthesizes and runs terraform init + apply (or destroy). The stack
 * always gives the function a request-state secret (MCP_STATE_SECRET if set, else a random_password kept
 * in the state), so multi-round tool input survives a retry on another instance.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { requireAwsCredentials } from './lib/aws-credentials.mjs';
import { doctorAfterDeploy } from './lib/doctor-after-deploy.ts';
import { serverConfigFromEnv } from '../modules/src/app-config.ts';
import { ROOT } from './load-server.ts';

const command = process.argv[2];
if (command !== 'deploy' && command !== 'destroy') {
  console.error('usage: node scripts/deploy.ts deploy|destroy');
  process.exit(2);
}
const credentials = requireAwsCredentials(command);
const terraform = spawnSync('terraform', ['version'], { encoding: 'utf8' });
if (terraform.status !== 0) {
  console.error(`make ${command}: terraform is not on PATH. Install Terraform >= 1.5 and run it again.`);
  process.exit(1);
}
console.log(`AWS credentials: ${credentials}`);

const step = (cmd: string, args: string[], cwd = ROOT, hint?: string) => {
  console.log(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    if (hint) console.error(hint);
    process.exit(r.status ?? 1);
  }
};
// A cognito stack's pool has deletion protection on (the default), which stops a destroy half-way.
const DESTROY_HINT = [
  'make destroy: if Terraform refused to delete the Cognito user pool (deletion protection), destroy in two steps:',
  '  1. make deploy SERVER=<server> <the same variables> COGNITO_DELETION_PROTECTION=false   (turns the protection off)',
  '  2. make destroy SERVER=<server> <the same variables>',
].join('\n');
const { stackName } = serverConfigFromEnv(process.env, ROOT);
const server = process.env.SERVER || 'tasks';
step(process.execPath, ['scripts/build.ts', server]);
step(process.execPath, ['modules/app.ts']);
const stack = join(ROOT, 'cdktf.out', 'stacks', stackName);
step('terraform', ['init', '-input=false'], stack);
step('terraform', [command === 'deploy' ? 'apply' : 'destroy', '-input=false', ...(process.env.AUTO_APPROVE === '1' ? ['-auto-approve'] : [])], stack, command === 'destroy' ? DESTROY_HINT : undefined);
if (command === 'deploy') step('terraform', ['output'], stack);
// The doctor checks the server as clients will (scripts/lib/doctor-after-deploy.ts; DOCTOR=0 skips it).
if (command === 'deploy') process.exitCode = doctorAfterDeploy(stack);
