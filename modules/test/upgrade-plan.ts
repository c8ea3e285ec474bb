/**
 * An upgrade planned with the real provider: the previous module version (test/previous-module/, issue
 * 12's addresses and issue 16's server card, main at bf06d65) planned in cognito mode, its planned objects written as a Terraform state (every
 * value known at plan taken as planned, every value known only after apply given a stand-in of its type:
 * ARNs for *arn, ids...), then the current module planned on that state with `-refresh=false` (nothing
 * is read from AWS). What the upgrade would create, change, replace and destroy.
 *
 *   node modules/test/upgrade-plan.ts     prints the plan (needs terraform and the provider mirror)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODULE_DIR } from '../../scripts/module.ts';
import { standInManifestText } from './stand-in-manifest.ts';
import { fakeProvider, findMirror, newWorkspace, scratchModule, stsStandIn, terraform, type Mirror } from './provider-harness.ts';

type Json = any;
const PREVIOUS = join(import.meta.dirname, 'previous-module');

export interface UpgradePlan {
  error: string;
  created: string[];
  /** Changed in place, each with the attributes whose known value changes. */
  updated: string[];
  replaced: string[];
  destroyed: string[];
  /** What the previous version planned (the state the upgrade starts from). */
  before: number;
}

/** A stand-in for a value known only after apply, of the attribute's schema type. */
/** Values AWS would have returned where the provider checks their shape when they are read again. */
const REALISTIC: Record<string, string> = {
  resource_record_type: 'CNAME', resource_record_name: '_0123456789abcdef.mcp.example.com.', resource_record_value: '_fedcba9876543210.acm-validations.aws.',
};

function standIn(type: Json, name: string, address: string): unknown {
  if (type === 'string' && REALISTIC[name]) return REALISTIC[name];
  if (type === 'string') {
    if (/arn$/.test(name)) return name === 'invoke_arn'
      ? 'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:stand-in/invocations'
      : `arn:aws:stand-in:eu-west-1:123456789012:${address.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
    return `${name}-${Math.abs(hash(address)).toString(36)}`;
  }
  if (type === 'number') return 1;
  if (type === 'bool') return false;
  // A collection of objects (a certificate's domain_validation_options): one element, so [0] reads something.
  if (Array.isArray(type) && (type[0] === 'list' || type[0] === 'set')) return Array.isArray(type[1]) && type[1][0] === 'object' ? [standIn(type[1], name, address)] : [];
  if (Array.isArray(type) && type[0] === 'object') return Object.fromEntries(Object.entries<Json>(type[1]).map(([k, t]) => [k, standIn(t, k, `${address}.${k}`)]));
  if (Array.isArray(type) && type[0] === 'map') return {};
  return null;
}

function hash(text: string): number {
  let h = 0;
  for (const c of text) h = (h * 31 + c.charCodeAt(0)) | 0;
  return h;
}

/** A planned attribute value partly unknown inside (a set of objects some of whose fields are unknown). */
function filled(value: Json, unknown: Json, type: Json, name: string, address: string): Json {
  if (unknown === true) return standIn(type, name, address);
  if (!unknown || typeof unknown !== 'object' || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v, i) => filled(v, unknown[i], Array.isArray(type) ? type[1] : type, name, address));
  const fields = Array.isArray(type) && type[0] === 'object' ? type[1] : {};
  const elem = Array.isArray(type) && type[0] === 'map' ? type[1] : undefined;
  const out: Json = { ...value };
  for (const k of Object.keys(unknown)) out[k] = filled(value[k], unknown[k], elem ?? fields[k], k, `${address}.${k}`);
  for (const k of Object.keys(fields)) if (!(k in out)) out[k] = null;
  return out;
}

/** `after` with every unknown (after_unknown) filled in by schema type, recursively through nested blocks. */
function known(after: Json, unknown: Json, block: Json, address: string): Json {
  const out: Json = { ...(after ?? {}) };
  for (const [name, attr] of Object.entries<Json>(block.attributes ?? {})) {
    if (unknown?.[name] === true) out[name] = standIn(attr.type, name, address);
    else if (!(name in out)) out[name] = null;
    else if (unknown?.[name] && typeof unknown[name] === 'object') out[name] = filled(out[name], unknown[name], attr.type, name, address);
    // A dynamically typed attribute (terraform_data's input) is stored with its type.
    if (attr.type === 'dynamic' && out[name] !== null) out[name] = { value: out[name], type: typeof out[name] === 'string' ? 'string' : typeof out[name] === 'number' ? 'number' : typeof out[name] === 'boolean' ? 'bool' : ['map', 'string'] };
  }
  for (const [name, nested] of Object.entries<Json>(block.block_types ?? {})) {
    const value = out[name];
    if (Array.isArray(value)) out[name] = value.map((v, i) => known(v, unknown?.[name]?.[i], nested.block, address));
    else if (value && typeof value === 'object') out[name] = known(value, unknown?.[name], nested.block, address);
    else out[name] = nested.nesting_mode === 'single' ? null : [];
  }
  return out;
}

/** Attributes whose known value a planned change alters (unknown-after-apply ones left out). */
export const knownDifferences = (c: Json): string[] =>
  Object.keys({ ...c.change.before, ...c.change.after }).filter((k) => c.change.after_unknown?.[k] !== true && JSON.stringify(c.change.before?.[k]) !== JSON.stringify(c.change.after?.[k]));

export async function realUpgradePlan(mirror: Mirror, inputs: Record<string, unknown>): Promise<UpgradePlan> {
  const dir = newWorkspace();
  const sts = await stsStandIn();
  const cache = join(dir, 'plugin-cache');
  const fail = (what: string, r: { stderr: string; stdout: string }): UpgradePlan => ({ error: `${what}: ${r.stderr || r.stdout}`, created: [], updated: [], replaced: [], destroyed: [], before: 0 });
  try {
    const root = join(dir, 'root');
    scratchModule(PREVIOUS, join(root, 'previous'), mirror);
    scratchModule(MODULE_DIR, join(root, 'current'), mirror);
    writeFileSync(join(root, 'providers.tf.json'), JSON.stringify({ provider: { aws: fakeProvider(sts.url) } }));
    const use = (source: string) => writeFileSync(join(root, 'main.tf.json'), JSON.stringify({ module: { server: { source, ...inputs } } }));
    use('./previous');
    const tf = (args: string[]) => terraform(root, mirror, cache, args);
    let r = await tf(['init', '-input=false', '-no-color']);
    if (r.code !== 0) return fail('terraform init', r);
    r = await tf(['plan', '-input=false', '-no-color', '-lock=false', '-refresh=false', '-out=previous.plan']);
    if (r.code !== 0) return fail('plan of the previous version', r);
    const previous = JSON.parse((await tf(['show', '-json', 'previous.plan'])).stdout) as Json;
    const schemas = JSON.parse((await tf(['providers', 'schema', '-json'])).stdout) as Json;
    const schemaOf = (provider: string, type: string) => schemas.provider_schemas[provider].resource_schemas[type];
    // The previous version's planned objects, grouped into state resources (one per address without key).
    const resources = new Map<string, Json>();
    for (const c of (previous.resource_changes ?? []) as Json[]) {
      if (c.mode !== 'managed' || !c.change.actions.includes('create')) continue;
      const schema = schemaOf(c.provider_name, c.type);
      const key = `${c.module_address}.${c.type}.${c.name}`;
      const resource = resources.get(key) ?? { module: c.module_address, mode: 'managed', type: c.type, name: c.name, provider: `provider["${c.provider_name}"]`, instances: [] };
      resource.instances.push({
        ...(c.index !== undefined ? { index_key: c.index } : {}),
        schema_version: schema.version ?? 0,
        attributes: known(c.change.after, c.change.after_unknown, schema.block, c.address),
        sensitive_attributes: [],
      });
      resources.set(key, resource);
    }
    const writeState = (serial: number) => writeFileSync(join(root, 'terraform.tfstate'), JSON.stringify({
      version: 4, terraform_version: '1.11.0', serial, lineage: '00000000-0000-0000-0000-000000000000', outputs: {}, resources: [...resources.values()],
    }));
    // Values one resource reads from another (a method's rest_api_id) were unknown at plan, so each got
    // its own stand-in. Planning the previous version again on this state gives them their real source's
    // stand-in, one reference level per round; a state it plans no change on is a deployed previous version.
    const instanceOf = (c: Json) => resources.get(`${c.module_address}.${c.type}.${c.name}`)?.instances.find((i: Json) => (i.index_key ?? null) === (c.index ?? null));
    let settled = false;
    for (let round = 1; round <= Number(process.env.UPGRADE_PLAN_ROUNDS ?? 10) && !settled; round++) {
      writeState(round);
      r = await tf(['plan', '-input=false', '-no-color', '-lock=false', '-refresh=false', '-out=settle.plan']);
      if (r.code !== 0) return fail(`settling the previous version's state (round ${round})`, r);
      const changes = ((JSON.parse((await tf(['show', '-json', 'settle.plan'])).stdout) as Json).resource_changes ?? []).filter((c: Json) => c.mode === 'managed' && !c.change.actions.includes('no-op'));
      // An update that changes no known value only recomputes what AWS would return: settled.
      settled = changes.every((c: Json) => c.change.actions.join() === 'update' && knownDifferences(c).length === 0);
      if (process.env.UPGRADE_PLAN_DEBUG) {
        console.error(`round ${round}: ${changes.length} changes\n  ${changes.map((c: Json) => `${c.address} ${c.change.actions.join('+')} [${knownDifferences(c).join(',')}]`).join('\n  ')}`);
      }
      for (const c of changes) {
        const instance = instanceOf(c);
        if (!instance) return fail('settling the previous version\'s state', { stderr: `${c.address} is not in the state`, stdout: '' });
        const schema = schemaOf(c.provider_name, c.type);
        // What is still unknown (computed by AWS) keeps the stand-in it has.
        const next = known(c.change.after, c.change.after_unknown, schema.block, c.address);
        for (const [k, v] of Object.entries<Json>(next)) if (c.change.after_unknown?.[k] !== true) instance.attributes[k] = v;
      }
    }
    if (!settled) return fail('settling the previous version\'s state', { stderr: 'it still plans changes after 10 rounds', stdout: '' });
    use('./current');
    r = await tf(['init', '-input=false', '-no-color']);
    if (r.code !== 0) return fail('terraform init (current)', r);
    r = await tf(['plan', '-input=false', '-no-color', '-lock=false', '-refresh=false', '-out=upgrade.plan']);
    if (r.code !== 0) return fail('plan of the upgrade', r);
    const plan = JSON.parse((await tf(['show', '-json', 'upgrade.plan'])).stdout) as Json;
    const managed = ((plan.resource_changes ?? []) as Json[]).filter((c) => c.mode === 'managed');
    const short = (c: Json) => c.address.replace(/^module\.server\./, '');
    const is = (c: Json, actions: string[]) => c.change.actions.length === actions.length && actions.every((a) => c.change.actions.includes(a));
    return {
      error: '',
      before: [...resources.values()].reduce((n, x) => n + x.instances.length, 0),
      created: managed.filter((c) => is(c, ['create'])).map(short).sort(),
      updated: managed.filter((c) => is(c, ['update'])).map((c) => `${short(c)} (${knownDifferences(c).join(', ') || 'only values known after apply'})`).sort(),
      replaced: managed.filter((c) => is(c, ['create', 'delete'])).map(short).sort(),
      destroyed: managed.filter((c) => is(c, ['delete'])).map(short).sort(),
    };
  } finally {
    await sts.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const mirror = findMirror();
  if (!mirror) throw new Error('no hashicorp/aws in a local filesystem mirror (TF_PROVIDER_MIRROR)');
  const dist = newWorkspace();
  writeFileSync(join(dist, 'manifest.json'), standInManifestText('tasks', ['tasks:read', 'tasks:write']));
  writeFileSync(join(dist, 'bundle.zip'), 'stand-in bundle');
  const plan = await realUpgradePlan(mirror, { name: 'mcp-tasks', manifest_path: join(dist, 'manifest.json'), local_existing_package: join(dist, 'bundle.zip'), domain_name: 'mcp.example.com', hosted_zone_id: 'Z1' });
  if (plan.error) throw new Error(plan.error);
  console.log(`hashicorp/aws ${mirror.awsVersion}: the previous version's ${plan.before} objects → ${plan.created.length} to create, ${plan.updated.length} to change in place, ${plan.replaced.length} to replace, ${plan.destroyed.length} to destroy`);
  for (const [what, list] of Object.entries({ create: plan.created, 'change in place': plan.updated, replace: plan.replaced, destroy: plan.destroyed })) {
    console.log(`\n${what} (${list.length}):`);
    for (const a of list) console.log(`  ${a}`);
  }
}
