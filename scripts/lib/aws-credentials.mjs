// Plain JavaScript on purpose: `make deploy` runs this before installing anything, on whatever Node the
// machine has, so a missing credential stops the run at once.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the AWS SDK and Terraform would find credentials, checked without calling AWS: environment keys,
 * web identity, container credentials, or a credentials/config file holding the profile.
 * @param {Record<string, string | undefined>} env
 * @param {string | undefined} home
 * @returns {string | undefined} how they were found
 */
export function findAwsCredentials(env, home) {
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return 'environment variables';
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN) return 'web identity';
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) return 'container credentials';
  const files = [env.AWS_SHARED_CREDENTIALS_FILE ?? (home && join(home, '.aws', 'credentials')), env.AWS_CONFIG_FILE ?? (home && join(home, '.aws', 'config'))];
  const profile = env.AWS_PROFILE ?? 'default';
  const header = new RegExp(`^\\[(profile )?${profile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\]`, 'm');
  for (const file of files) {
    if (file && existsSync(file) && header.test(readFileSync(file, 'utf8'))) return `profile "${profile}" in ${file}`;
  }
  return undefined;
}

/** Prints why nothing ran and exits 1 when there are no credentials. */
export function requireAwsCredentials(command, env = process.env, home = process.env.HOME) {
  const found = findAwsCredentials(env, home);
  if (found) return found;
  console.error(
    `make ${command}: no AWS credentials found, so nothing was run.\n` +
      'Set AWS_PROFILE (with a profile in ~/.aws/config), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, then run it again.\n' +
      'To see what would be deployed without credentials: make synth',
  );
  process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) requireAwsCredentials(process.argv[2] ?? 'deploy');
