/**
 * `make module`: writes the plain Terraform module modules/terraform-aws-mcp-server/ from the same
 * constructs as the CDKTF app (modules/src/terraform-module/module-stack.ts): *.tf.json files, the
 * registration function's zip and a README whose inputs and outputs tables come from the synthesized JSON.
 *
 *   node scripts/module.ts            write the module
 *   node scripts/module.ts --check    fail (exit 1) when the committed module differs from a fresh one
 */
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { App } from 'cdktf';
import { cleanModule, splitFiles } from '../modules/src/terraform-module/clean.ts';
import { McpServerModuleStack, REGISTRATION_ZIP } from '../modules/src/terraform-module/module-stack.ts';
import { moduleReadme } from '../modules/src/terraform-module/readme.ts';
import { withoutEscapeSequenceWarnings } from '../modules/src/quiet-synth.ts';
import { buildFunction } from './build.ts';
import { ROOT } from './load-server.ts';

export const MODULE_DIR = join(ROOT, 'modules', 'terraform-aws-mcp-server');

/** Every file of the module, by path relative to its directory. */
export async function generateModule(): Promise<Record<string, Buffer>> {
  const work = mkdtempSync(join(tmpdir(), 'mcp-module-'));
  try {
    withoutEscapeSequenceWarnings(() => {
      const app = new App({ outdir: work, skipValidation: true });
      new McpServerModuleStack(app, 'module');
      app.synth();
    });
    const synthesized = JSON.parse(readFileSync(join(work, 'stacks', 'module', 'cdk.tf.json'), 'utf8'));
    const files: Record<string, Buffer> = {};
    const parts = splitFiles(cleanModule(synthesized));
    for (const [name, json] of Object.entries(parts)) files[name] = Buffer.from(`${JSON.stringify(json, null, 2)}\n`);
    files['README.md'] = Buffer.from(moduleReadme(parts['variables.tf.json']!.variable, parts['outputs.tf.json']!.output));
    // Built inside the repository: its source map then names sources relative to the checkout, so the
    // zip is the same bytes wherever the repository is cloned.
    const buildRoot = join(ROOT, '.cache', 'module-build');
    const registration = await buildFunction('registration', buildRoot);
    files[REGISTRATION_ZIP] = readFileSync(registration.zip);
    return files;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function listFiles(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name), base) : [relative(base, join(dir, e.name))]));
}

/** Paths that differ between the committed module and a fresh one (missing, extra or changed). */
export function staleFiles(fresh: Record<string, Buffer>, dir = MODULE_DIR): string[] {
  const committed = new Set(listFiles(dir));
  const stale = Object.keys(fresh).filter((f) => !committed.has(f) || !readFileSync(join(dir, f)).equals(fresh[f]!));
  return [...stale, ...[...committed].filter((f) => !(f in fresh))].sort();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.env.LOG_LEVEL ??= 'warn';
  const files = await generateModule();
  if (process.argv.includes('--check')) {
    const stale = staleFiles(files);
    if (stale.length) {
      console.error(`modules/terraform-aws-mcp-server is stale (${stale.join(', ')}): run make module and commit the result`);
      process.exit(1);
    }
    console.log('modules/terraform-aws-mcp-server is up to date');
  } else {
    rmSync(MODULE_DIR, { recursive: true, force: true });
    for (const [name, data] of Object.entries(files)) {
      mkdirSync(join(MODULE_DIR, name, '..'), { recursive: true });
      writeFileSync(join(MODULE_DIR, name), data);
    }
    console.log(`wrote ${Object.keys(files).length} files to ${relative(ROOT, MODULE_DIR)}/`);
  }
}
