/**
 * Turns a synthesized CDKTF stack into a reusable module (../shared/reference/cdktf-terraform.md, §2):
 * no backend and no provider block (the caller's), a `>=` provider constraint, no cdktf metadata, and
 * references to conditional resources indexed, since Terraform reads `aws_x.y[0].id` once `count` is set.
 */
type Json = Record<string, any>;

import { RANDOM_PROVIDER } from '../random.ts';

export const AWS_PROVIDER = { source: 'hashicorp/aws', version: '>= 6.26' };
export const REQUIRED_TERRAFORM = '>= 1.5.7';

export function cleanModule(stack: Json): Json {
  const out = stripMetadata(structuredClone(stack)) as Json;
  delete out.provider;
  out.terraform = { required_version: REQUIRED_TERRAFORM, required_providers: { aws: AWS_PROVIDER, random: RANDOM_PROVIDER } };
  return indexCountedReferences(out);
}

function stripMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripMetadata);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== '//').map(([k, v]) => [k, stripMetadata(v)]));
  }
  return value;
}

/** `type.name` of every resource and data source that has a count (data sources as `data.type.name`). */
export function countedAddresses(module: Json): string[] {
  const found: string[] = [];
  for (const [kind, prefix] of [['resource', ''], ['data', 'data.']] as const) {
    for (const [type, byName] of Object.entries((module[kind] ?? {}) as Json)) {
      for (const [name, config] of Object.entries(byName as Json)) if ((config as Json).count !== undefined) found.push(`${prefix}${type}.${name}`);
    }
  }
  return found;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `aws_x.y.attr` → `aws_x.y[0].attr` for counted resources; whole-object references (`aws_x.y`) stay lists. */
export function indexCountedReferences(module: Json): Json {
  const addresses = countedAddresses(module);
  if (addresses.length === 0) return module;
  const pattern = new RegExp(`(?<![\\w.])(${addresses.map(escape).join('|')})\\.(?=[a-z_])`, 'g');
  const rewrite = (value: unknown): unknown => {
    if (typeof value === 'string') return value.replace(pattern, '$1[0].');
    if (Array.isArray(value)) return value.map(rewrite);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v)]));
    return value;
  };
  return rewrite(module) as Json;
}

/** terraform-aws-modules' layout: versions, variables, outputs and the rest, each its own file. */
export function splitFiles(module: Json): Record<string, Json> {
  const { terraform, variable, output, moved, ...main } = module;
  return {
    'versions.tf.json': { terraform },
    'variables.tf.json': { variable },
    'outputs.tf.json': { output },
    'migrations.tf.json': { moved },
    'main.tf.json': main,
  };
}
