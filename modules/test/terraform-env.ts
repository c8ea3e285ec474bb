/**
 * The environment every test's `terraform` runs with: no prompts, no update check, and Go's garbage
 * collector paced at GOGC=400 for terraform and the provider plugins it starts (they inherit it). A
 * validate or plan of the module with hashicorp/aws holds a few hundred MB of schema and spends about a
 * quarter of its CPU collecting it at Go's default (GOGC=100): measured here, validate 15.3 -> 11.7 CPU
 * seconds and plan 33.4 -> 25.2, for a heap of ~0.6 GB instead of ~0.35. Collection pacing changes no
 * result. A GOGC the caller sets wins.
 *
 * The CLI configuration is empty (`/dev/null`) unless the caller names one: the tests need nothing from
 * the user's ~/.terraformrc (the built-in checks install no provider; the real-provider check writes its
 * own), and a TF_CLI_CONFIG_FILE naming a missing file would print a warning into every test's output.
 */
export function terraformEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', GOGC: process.env.GOGC ?? '400', TF_CLI_CONFIG_FILE: '/dev/null', ...extra };
}
