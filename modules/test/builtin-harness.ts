/**
 * The AWS provider cannot be downloaded here, so `terraform validate/plan` cannot run on the module as it
 * is. This turns it into a configuration Terraform runs with its built-ins only: every resource and data
 * source becomes a `terraform_data` with the same count, depends_on, lifecycle and arguments (as its
 * input), and every reference to an AWS attribute becomes that stand-in's id. What Terraform then checks
 * for real: the variables and their validations, every expression and function call, every reference
 * (including the [0] of conditional resources), counts per configuration, preconditions and outputs.
 * What it cannot check: AWS argument names and types, and anything AWS decides at apply.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Json = Record<string, any>;

export const hasTerraform = (): boolean => spawnSync('terraform', ['version'], { stdio: 'ignore' }).status === 0;

const standIn = (data: boolean, type: string, name: string) => `${data ? 'data__' : ''}${type}__${name}`;

/** References to AWS resources and data sources → their stand-ins' ids (bare references stay objects). */
function rewriteReferences(text: string): string {
  return text.replace(/(?<![\w.])(data\.)?(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)(\[0\])?((?:\.[a-z_]+|\[\d+\])*)/g, (_m, data: string | undefined, type: string, name: string, index = '', path: string) =>
    `terraform_data.${standIn(Boolean(data), type, name)}${index}${path ? '.id' : ''}`);
}

function rewriteAll(value: unknown): unknown {
  // `tolist(aws_acm_certificate.c.domain_validation_options).0.resource_record_name` → the stand-in's id.
  if (typeof value === 'string') return rewriteReferences(value).replace(/tolist\((terraform_data\.[^()]+?\.id)\)\.\d+\.[a-z_]+/g, '$1');
  if (Array.isArray(value)) return value.map(rewriteAll);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewriteAll(v)]));
  return value;
}

/** The expression of a string that is exactly one `${...}` interpolation, if it is one. */
function soleInterpolation(s: string): string | undefined {
  if (!s.startsWith('${') || !s.endsWith('}')) return undefined;
  let depth = 0;
  for (let i = 1; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return i === s.length - 1 ? s.slice(2, -1) : undefined;
  }
  return undefined;
}

/** A JSON value as an HCL expression (strings that are one interpolation become that expression). */
function hcl(value: unknown): string {
  if (typeof value === 'string') return soleInterpolation(value) ?? JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(hcl).join(', ')}]`;
  if (value && typeof value === 'object') return `{ ${Object.entries(value).map(([k, v]) => `${k} = ${hcl(v)}`).join(', ')} }`;
  return JSON.stringify(value);
}

/** `dynamic "x" { for_each, iterator, content }` → `x = [for k, v in for_each : content]`. */
function expandDynamic(config: Json): Json {
  const { dynamic, ...rest } = config;
  if (!dynamic) return rest;
  for (const [block, d] of Object.entries(dynamic as Json)) {
    const it = d.iterator ?? block;
    const content = hcl(d.content).replace(new RegExp(`\\b${it}\\.value\\b`, 'g'), 'dynv').replace(new RegExp(`\\b${it}\\.key\\b`, 'g'), 'dynk');
    rest[block] = `\${[for dynk, dynv in ${hcl(d.for_each)} : ${content}]}`;
  }
  return rest;
}

/** The module's JSON with every AWS resource and data source replaced by a terraform_data. */
export function builtinOnly(files: Record<string, Json>): Json {
  const main = files['main.tf.json']!;
  const standIns: Json = {};
  for (const [kind, data] of [['resource', false], ['data', true]] as const) {
    for (const [type, byName] of Object.entries((main[kind] ?? {}) as Json)) {
      for (const [name, config] of Object.entries(byName as Json)) {
        const { count, depends_on, lifecycle, provider: _provider, ...args } = config as Json;
        standIns[standIn(data, type, name)] = {
          ...(count !== undefined ? { count } : {}),
          ...(depends_on ? { depends_on } : {}),
          ...(lifecycle ? { lifecycle } : {}),
          input: expandDynamic(args),
        };
      }
    }
  }
  return rewriteAll({
    terraform: { required_version: files['versions.tf.json']!.terraform.required_version },
    variable: files['variables.tf.json']!.variable,
    output: files['outputs.tf.json']!.output,
    locals: main.locals,
    resource: { terraform_data: standIns },
  }) as Json;
}

export interface Applied {
  ok: boolean;
  /** Terraform's messages when it failed. */
  error: string;
  outputs: Record<string, unknown>;
  /** Stand-in address (type__name, without index) → its inputs, one entry per created instance. */
  resources: Record<string, Json[]>;
}

/** A workspace holding the stand-in module and a root configuration calling it; `apply` runs one configuration. */
export function harness(moduleDir: string) {
  const files = readModuleFiles(moduleDir);
  const dir = mkdtempSync(join(tmpdir(), 'mcp-tf-'));
  mkdirSync(join(dir, 'module'));
  cpSync(join(moduleDir, 'functions'), join(dir, 'module', 'functions'), { recursive: true });
  writeFileSync(join(dir, 'module', 'main.tf.json'), JSON.stringify(builtinOnly(files), null, 2));
  return {
    dir,
    apply(inputs: Json): Applied {
      const root = mkdtempSync(join(dir, 'root-'));
      cpSync(join(dir, 'module'), join(root, 'module'), { recursive: true });
      const outputs = Object.keys(files['outputs.tf.json']!.output);
      writeFileSync(join(root, 'main.tf.json'), JSON.stringify({
        module: { server: { source: './module', ...inputs } },
        output: Object.fromEntries(outputs.map((o) => [o, { value: `\${module.server.${o}}`, sensitive: true }])),
      }));
      return applyRoot(root);
    },
    /** A consumer's root configuration (HCL files) whose module source is replaced by the stand-in module. */
    applyConsumer(tfFiles: Record<string, string>, source: string, args: string[] = []): Applied {
      const root = mkdtempSync(join(dir, 'consumer-'));
      cpSync(join(dir, 'module'), join(root, 'module'), { recursive: true });
      for (const [name, text] of Object.entries(tfFiles)) writeFileSync(join(root, name), text.split(`"${source}"`).join('"./module"'));
      return applyRoot(root, args);
    },
  };
}

/** init + apply in a root directory, then its state: outputs and every module's stand-ins' inputs. */
function applyRoot(root: string, args: string[] = []): Applied {
  const tf = (...a: string[]) => spawnSync('terraform', a, { cwd: root, encoding: 'utf8', env: { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' } });
  const init = tf('init', '-input=false', '-no-color');
  if (init.status !== 0) return { ok: false, error: flat(init.stderr + init.stdout), outputs: {}, resources: {} };
  const run = tf('apply', '-auto-approve', '-input=false', '-no-color', ...args);
  if (run.status !== 0) return { ok: false, error: flat(run.stderr + run.stdout), outputs: {}, resources: {} };
  const state = JSON.parse(execFileSync('terraform', ['show', '-json'], { cwd: root, encoding: 'utf8' })) as Json;
  const resources: Record<string, Json[]> = {};
  for (const m of (state.values?.root_module?.child_modules ?? []) as Json[]) {
    for (const r of (m.resources ?? []) as Json[]) (resources[m.address === 'module.server' ? r.name : `${m.address}:${r.name}`] ??= []).push(r.values.input);
  }
  const values = Object.fromEntries(Object.entries((state.values?.outputs ?? {}) as Json).map(([k, v]) => [k, (v as Json).value]));
  return { ok: true, error: '', outputs: values, resources };
}

export const readModuleFiles = (dir: string): Record<string, Json> =>
  Object.fromEntries(['main.tf.json', 'variables.tf.json', 'outputs.tf.json', 'versions.tf.json'].map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8'))]));

/** Terraform's messages on one line, without its box drawing and the CLI-config warning. */
const flat = (text: string): string => text.replace(/[│╷╵]/g, ' ').replace(/\s+/g, ' ').trim();
