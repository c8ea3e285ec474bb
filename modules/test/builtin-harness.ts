/**
 * Where no AWS provider can be installed, `terraform validate/plan` cannot run on the module as it is (see
 * provider-harness.ts for the real provider where a local mirror has one). This turns it into a
 * configuration Terraform runs with its built-ins only: every resource and data source (aws_*, random_*)
 * becomes a `terraform_data` with the same count or for_each, depends_on, lifecycle and arguments (as its
 * input), every reference to one of their attributes becomes that stand-in's id, and the `moved` blocks
 * name the stand-ins. What Terraform then checks
 * for real: the variables and their validations, every expression and function call, every reference
 * (including the [0] of conditional resources), counts per configuration, preconditions and outputs.
 * What it cannot check: AWS argument names and types, and anything AWS decides at apply.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { terraformEnv } from './terraform-env.ts';

type Json = Record<string, any>;

export const hasTerraform = (): boolean => spawnSync('terraform', ['version'], { stdio: 'ignore' }).status === 0;

const standIn = (data: boolean, type: string, name: string) => `${data ? 'data__' : ''}${type}__${name}`;

/**
 * An attribute reference becomes a made-up id (a hash of the real address) behind a check that the
 * stand-in exists: `(terraform_data.x[0].triggers_replace == null ? "<id>" : "")` (never set, so known
 * at plan and never sensitive, unlike the stand-in's input). One plan then shows every value a real plan
 * would know, without the slower apply, and still fails where the real module would index a resource
 * that does not exist.
 */
const fakeId = (type: string, name: string) => createHash('sha1').update(`${type}.${name}`).digest('hex');

/** References to AWS resources and data sources → their stand-ins' ids (bare references stay objects). */
function rewriteReferences(text: string): string {
  return text.replace(/(?<![\w.])(data\.)?((?:aws|random)_[a-z0-9_]+)\.([A-Za-z0-9_-]+)(\[0\])?((?:\.[a-z_]+|\[\d+\])*)/g, (_m, data: string | undefined, type: string, name: string, index = '', path: string) => {
    const ref = `terraform_data.${standIn(Boolean(data), type, name)}${index}`;
    return path ? `(${ref}.triggers_replace == null ? "${fakeId(type, name)}" : "")` : ref;
  });
}

function rewriteAll(value: unknown): unknown {
  // `tolist(aws_acm_certificate.c.domain_validation_options).0.resource_record_name` → the stand-in's id.
  if (typeof value === 'string') return rewriteReferences(value).replace(/tolist\((\(terraform_data\.[^()]+?\.triggers_replace == null \? "[0-9a-f]+" : ""\))\)\.\d+\.[a-z_]+/g, '$1');
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
        const { count, for_each, depends_on, lifecycle, provider: _provider, ...args } = config as Json;
        standIns[standIn(data, type, name)] = {
          ...(count !== undefined ? { count } : {}),
          ...(for_each !== undefined ? { for_each } : {}),
          ...(depends_on ? { depends_on } : {}),
          ...(lifecycle ? { lifecycle } : {}),
          input: expandDynamic(args),
        };
      }
    }
  }
  return rewriteAll({
    terraform: { required_version: files['versions.tf.json']!.terraform.required_version },
    // Not sensitive here, so a plan shows the values that depend on them (the real module's flags are checked apart).
    variable: Object.fromEntries(Object.entries(files['variables.tf.json']!.variable as Json).map(([k, { sensitive: _s, ...v }]) => [k, v])),
    output: files['outputs.tf.json']!.output,
    locals: main.locals,
    resource: { terraform_data: standIns },
    ...(files['migrations.tf.json']?.moved ? { moved: files['migrations.tf.json'].moved } : {}),
  }) as Json;
}

export interface Applied {
  ok: boolean;
  /** Terraform's messages when it failed. */
  error: string;
  outputs: Record<string, unknown>;
  /** Stand-in address (type__name, without index) → its inputs, one entry per created instance. */
  resources: Record<string, Json[]>;
  /** The module's resources as the real module would address them (`aws_lambda_function.this[0]`), sorted. */
  addresses: string[];
  /** Root outputs whose value is known only after apply (they depend on what the root makes itself). */
  unknownOutputs: string[];
}

/** `terraform_data.aws_x__name` (+ index) → `aws_x.name` (+ index); data sources as `data.aws_x.name`. */
export function realAddress(standInName: string, index: unknown): string {
  const data = standInName.startsWith('data__');
  const [type, name] = (data ? standInName.slice(6) : standInName).split('__') as [string, string];
  const key = index === undefined || index === null ? '' : typeof index === 'number' ? `[${index}]` : `[${JSON.stringify(index)}]`;
  return `${data ? 'data.' : ''}${type}.${name}${key}`;
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
    /**
     * Several configurations in one root (one init, one apply): each module block is one configuration,
     * and what it created and output is reported under its key.
     */
    applyMany(configurations: Record<string, Json>, rootResources: Json = {}): Record<string, Applied> {
      const root = mkdtempSync(join(dir, 'many-'));
      cpSync(join(dir, 'module'), join(root, 'module'), { recursive: true });
      const outputs = Object.keys(files['outputs.tf.json']!.output);
      writeFileSync(join(root, 'main.tf.json'), JSON.stringify({
        module: Object.fromEntries(Object.entries(configurations).map(([key, inputs]) => [key, { source: './module', ...inputs }])),
        output: Object.fromEntries(Object.keys(configurations).flatMap((key) => outputs.map((o) => [`${key}__${o}`, { value: `\${module.${key}.${o}}`, sensitive: true }]))),
        ...(Object.keys(rootResources).length ? { resource: rootResources } : {}),
      }));
      const all = applyRoot(root, [], Object.keys(configurations));
      return Object.fromEntries(Object.keys(configurations).map((key) => [key, {
        ...all,
        outputs: Object.fromEntries(Object.entries(all.outputs).filter(([k]) => k.startsWith(`${key}__`)).map(([k, v]) => [k.slice(key.length + 2), v])),
        resources: Object.fromEntries(Object.entries(all.resources).filter(([k]) => k.startsWith(`module.${key}:`)).map(([k, v]) => [k.slice(key.length + 8), v])),
        addresses: all.addresses.filter((a) => a.startsWith(`module.${key}.`)).map((a) => a.slice(key.length + 8)),
        unknownOutputs: all.unknownOutputs.filter((k) => k.startsWith(`${key}__`)).map((k) => k.slice(key.length + 2)),
      }]));
    },
    /** Plans configurations that must be refused, all in one root: Terraform's messages for all of them. */
    refusals(configurations: Record<string, Json>): string {
      const root = mkdtempSync(join(dir, 'refused-'));
      cpSync(join(dir, 'module'), join(root, 'module'), { recursive: true });
      writeFileSync(join(root, 'main.tf.json'), JSON.stringify({
        module: Object.fromEntries(Object.entries(configurations).map(([key, inputs]) => [key, { source: './module', ...inputs }])),
      }));
      const tf = (...a: string[]) => spawnSync('terraform', a, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28, env: terraformEnv() });
      const init = tf('init', '-input=false', '-no-color');
      if (init.status !== 0) return flat(init.stderr + init.stdout);
      const plan = tf('plan', '-input=false', '-no-color');
      return plan.status === 0 ? '' : flat(plan.stderr + plan.stdout);
    },
    /** A consumer's root configuration (HCL files) whose module source is replaced by the stand-in module. */
    applyConsumer(tfFiles: Record<string, string>, source: string, args: string[] = []): Applied {
      const root = mkdtempSync(join(dir, 'consumer-'));
      cpSync(join(dir, 'module'), join(root, 'module'), { recursive: true });
      for (const [name, text] of Object.entries(tfFiles)) writeFileSync(join(root, name), text.split(`"${source}"`).join('"./module"'));
      return applyRoot(root, args);
    },
    /**
     * An existing deployment's upgrade: applies a state holding `oldAddresses` (counted or for_each
     * instances, as the old module had them), then plans this module with `inputs` on it. What the plan
     * would move, create and destroy.
     */
    upgradeFrom(oldAddresses: string[], inputs: Json): Upgrade {
      const root = mkdtempSync(join(dir, 'upgrade-'));
      cpSync(join(dir, 'module'), join(root, 'module'), { recursive: true });
      mkdirSync(join(root, 'old'));
      // `type.name` (count 1, as the hashed addresses had), `type.name[0]`, or `type.name["key"]` (for_each).
      const byResource = new Map<string, { count: number; keys: string[] }>();
      for (const address of oldAddresses) {
        const m = /^([a-z0-9_]+)\.([^[]+)(?:\[(.+)\])?$/.exec(address)!;
        const entry = byResource.get(standIn(false, m[1]!, m[2]!)) ?? { count: 0, keys: [] };
        const key = m[3] === undefined ? 0 : JSON.parse(m[3]) as number | string;
        if (typeof key === 'number') entry.count = Math.max(entry.count, key + 1);
        else entry.keys.push(key);
        byResource.set(standIn(false, m[1]!, m[2]!), entry);
      }
      const old = Object.fromEntries([...byResource].map(([name, e]) => [name, e.keys.length ? { for_each: Object.fromEntries(e.keys.map((k) => [k, k])), input: 'deployed before' } : { count: e.count, input: 'deployed before' }]));
      writeFileSync(join(root, 'old', 'main.tf.json'), JSON.stringify({ resource: { terraform_data: old } }));
      const write = (source: string, extra: Json) => writeFileSync(join(root, 'main.tf.json'), JSON.stringify({ module: { server: { source, ...extra } } }));
      write('./old', {});
      const before = applyRoot(root, [], ['server'], false);
      if (!before.ok) return { error: before.error, moved: [], destroyed: [], created: [], updated: [] };
      rmSync(join(root, 'harness.plan'), { force: true });
      write('./module', inputs);
      const tf = (...a: string[]) => spawnSync('terraform', a, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28, env: terraformEnv() });
      for (const step of [['init', '-input=false', '-no-color'], ['plan', '-input=false', '-no-color', '-out=upgrade.plan']]) {
        const r = tf(...step);
        if (r.status !== 0) return { error: flat(r.stderr + r.stdout), moved: [], destroyed: [], created: [], updated: [] };
      }
      const plan = JSON.parse(tf('show', '-json', 'upgrade.plan').stdout) as Json;
      const real = (address: string) => {
        const m = /^module\.server\.terraform_data\.([^[]+)(?:\[(.+)\])?$/.exec(address)!;
        return realAddress(m[1]!, m[2] === undefined ? undefined : JSON.parse(m[2]));
      };
      const changes = (plan.resource_changes ?? []) as Json[];
      return {
        error: '',
        moved: changes.filter((c) => c.previous_address).map((c) => ({ from: real(c.previous_address), to: real(c.address) })),
        destroyed: changes.filter((c) => c.change.actions.includes('delete')).map((c) => real(c.address)),
        updated: changes.filter((c) => c.change.actions.length === 1 && c.change.actions[0] === 'update').map((c) => real(c.address)),
        created: changes.filter((c) => c.change.actions.includes('create')).map((c) => real(c.address)),
      };
    },
  };
}

export interface Upgrade {
  error: string;
  moved: { from: string; to: string }[];
  /** Addresses the plan destroys (or replaces). */
  destroyed: string[];
  /** Addresses it changes in place. */
  updated: string[];
  created: string[];
}

/**
 * init + plan (or apply) in a root directory, then what the plan would make (or the state): outputs and
 * every module's stand-ins' inputs. A plan is enough, and several times faster on a few hundred stand-ins:
 * every stand-in id is known at plan time.
 */
function applyRoot(root: string, args: string[] = [], modules: string[] = ['server'], planOnly = true): Applied {
  const tf = (...a: string[]) => spawnSync('terraform', a, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28, env: terraformEnv() });
  const failed = (r: { stderr: string; stdout: string }): Applied => ({ ok: false, error: flat(r.stderr + r.stdout), outputs: {}, resources: {}, addresses: [], unknownOutputs: [] });
  const init = tf('init', '-input=false', '-no-color');
  if (init.status !== 0) return failed(init);
  const run = tf(...(planOnly ? ['plan', '-out=harness.plan'] : ['apply', '-auto-approve']), '-input=false', '-no-color', ...args);
  if (run.status !== 0) return failed(run);
  const shown = JSON.parse(execFileSync('terraform', ['show', '-json', ...(planOnly ? ['harness.plan'] : [])], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28, env: terraformEnv() })) as Json;
  const state = planOnly ? { values: shown.planned_values } : shown;
  const unknownOutputs = Object.entries((shown.output_changes ?? {}) as Json).filter(([, c]) => (c as Json).after_unknown === true).map(([k]) => k);
  const resources: Record<string, Json[]> = {};
  const addresses: string[] = [];
  for (const m of (state.values?.root_module?.child_modules ?? []) as Json[]) {
    for (const r of (m.resources ?? []) as Json[]) {
      (resources[m.address === 'module.server' ? r.name : `${m.address}:${r.name}`] ??= []).push(r.values.input);
      if (m.address === 'module.server') addresses.push(realAddress(r.name, r.index));
      else if (modules.includes(m.address.slice('module.'.length))) addresses.push(`${m.address}.${realAddress(r.name, r.index)}`);
    }
  }
  const values = Object.fromEntries(Object.entries((state.values?.outputs ?? {}) as Json).map(([k, v]) => [k, (v as Json).value]));
  return { ok: true, error: '', outputs: values, resources, addresses: addresses.sort(), unknownOutputs };
}

export const readModuleFiles = (dir: string): Record<string, Json> =>
  Object.fromEntries(['main.tf.json', 'variables.tf.json', 'outputs.tf.json', 'versions.tf.json', 'migrations.tf.json']
    .filter((f) => existsSync(join(dir, f))).map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8'))]));

/** Terraform's messages on one line, without its box drawing. */
const flat = (text: string): string => text.replace(/[│╷╵]/g, ' ').replace(/\s+/g, ' ').trim();
