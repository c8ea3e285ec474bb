/** Reading the settings the infrastructure passes through the environment (no Node types: any runtime). */

export const env = (name: string): string | undefined =>
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];

/** `true`/`false` (also `1`/`0`, any case); unset or empty is undefined; anything else fails at start-up. */
export function booleanEnv(name: string): boolean | undefined {
  const raw = env(name)?.trim().toLowerCase();
  if (raw === undefined || raw === '') return undefined;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new TypeError(`${name} must be "true" or "false", not "${env(name)}"`);
}

