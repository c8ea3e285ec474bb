import { Fn, Op, TerraformDataSource, TerraformResource, Token, ref, type IResolvable } from 'cdktf';
import type { IConstruct } from 'constructs';

/**
 * A structural choice (create a pool or use one, cognito or api_key, a domain or none). The CDKTF app knows
 * it when it synthesizes (a boolean: the resources are created or not). The plain Terraform module only
 * knows it at plan time (a Terraform bool expression: the resources get `count = cond ? 1 : 0`). The same
 * constructs serve both, so the module can never drift from the app.
 */
export type Toggle = boolean | { readonly tf: IResolvable };

export const planTime = (expression: IResolvable): Toggle => ({ tf: expression });

/** Terraform's `null` (cdktf would write `undefined` for a JavaScript null or undefined). */
export const tfNull = (): IResolvable => ref('null');

export const expr = (t: Toggle): boolean | IResolvable => (typeof t === 'boolean' ? t : t.tf);

export function and(...toggles: Toggle[]): Toggle {
  if (toggles.some((t) => t === false)) return false;
  const open = toggles.filter((t): t is { tf: IResolvable } => t !== true);
  if (open.length === 0) return true;
  return planTime(open.slice(1).reduce((acc, t) => Op.and(acc, t.tf), open[0]!.tf));
}

export function or(...toggles: Toggle[]): Toggle {
  return not(and(...toggles.map(not)));
}

export function not(t: Toggle): Toggle {
  return typeof t === 'boolean' ? !t : planTime(Op.not(t.tf));
}

/** `value == literal`, decided now when the value is known. */
export function equals(value: string, literal: string): Toggle {
  return Token.isUnresolved(value) ? planTime(Op.eq(value, literal)) : value === literal;
}

/** `value != null` for an optional input: known now unless it is a Terraform variable. */
export function given(value: unknown): Toggle {
  if (value === undefined || value === null) return false;
  return typeof value === 'string' && Token.isUnresolved(value) ? planTime(Op.neq(value, tfNull())) : true;
}

/** Whether a construct for this toggle should be created at all (it may still get a count). */
export const mayExist = (t: Toggle): boolean => t !== false;

const conditionsOf = new WeakMap<object, IResolvable[]>();

/**
 * Gives every resource and data source under the given constructs `count = cond ? 1 : 0` (conditions
 * accumulate: a resource inside two conditional groups exists when both hold). For a boolean toggle this
 * does nothing: the caller simply did or did not create the construct. References to counted resources are
 * indexed (`[0]`) when the module is written (scripts/module.ts).
 */
export function onlyWhen(t: Toggle, ...scopes: IConstruct[]): void {
  if (typeof t === 'boolean') return;
  for (const scope of scopes) {
    for (const c of scope.node.findAll()) {
      if (!(c instanceof TerraformResource) && !(c instanceof TerraformDataSource)) continue;
      const conditions = [...(conditionsOf.get(c) ?? []), t.tf];
      conditionsOf.set(c, conditions);
      // A for_each resource cannot also have a count: its map filters on these conditions (see routes.ts).
      if (c.forEach) continue;
      c.count = Token.asNumber(Fn.conditional(allOf(conditions), 1, 0));
    }
  }
}

const allOf = (conditions: IResolvable[]): IResolvable => conditions.slice(1).reduce((acc, x) => Op.and(acc, x), conditions[0]!);

/** The plan-time conditions onlyWhen put on a resource so far (true when none): read them at synth time. */
export function conditionsFor(c: IConstruct): Toggle {
  const conditions = conditionsOf.get(c) ?? [];
  return conditions.length ? planTime(allOf(conditions)) : true;
}

// cdktf writes string literals into a Terraform expression without escaping their quotes or backslashes.
const quoted = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

/** A JSON-like value made safe to sit inside a Terraform expression (a conditional's branch). */
export function forExpression(value: unknown): unknown {
  if (typeof value === 'string') return quoted(value);
  if (Array.isArray(value)) return value.map(forExpression);
  if (value && typeof value === 'object' && !Token.isUnresolved(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, forExpression(v)]));
  return value;
}

/** `on` or `off` as the toggle decides: a plain value now, or a Terraform conditional. */
export function choose<T>(t: Toggle, on: T, off: T): T {
  if (typeof t === 'boolean') return t ? on : off;
  const nullIfAbsent = (v: T) => (v === undefined || v === null ? tfNull() : typeof v === 'string' ? quoted(v) : v);
  const c = Fn.conditional(expr(t), nullIfAbsent(on) as never, nullIfAbsent(off) as never);
  if (typeof on === 'string' || typeof off === 'string') return Token.asString(c) as T;
  if (typeof on === 'number' || typeof off === 'number') return Token.asNumber(c) as T;
  if (Array.isArray(on) || Array.isArray(off)) return Token.asList(c) as T;
  return c as T;
}

/** Terraform bool value of a toggle, for boolean arguments (`publish`, `api_key_required`). */
export const asBoolean = (t: Toggle): boolean => (typeof t === 'boolean' ? t : (Token.asAny(Fn.conditional(t.tf, true, false)) as unknown as boolean));

// Lists and maps that are either known now or Terraform values.
export const isUnresolvedList = (l: readonly string[]): boolean => Token.isUnresolved(l) || l.some((x) => Token.isUnresolved(x) && x.startsWith('#{'));

/** `[first, ...rest without first]`, kept literal when possible. */
export function withFirst(first: string, rest: readonly string[]): string[] {
  if (Token.isUnresolved(first) || isUnresolvedList(rest)) return Token.asList(Fn.distinct(Fn.concat([[first], rest as string[]])));
  return [first, ...rest.filter((s) => s !== first)];
}

/** `<prefix>/<item>` for each item. */
export function prefixEach(prefix: string, items: readonly string[]): string[] {
  if (isUnresolvedList(items)) return Token.asList(Fn.formatlist(`%s/%s`, [prefix, items as string[]]));
  return items.map((s) => `${prefix}/${s}`);
}

export function joined(separator: string, items: readonly string[]): string {
  return isUnresolvedList(items) ? Fn.join(separator, items as string[]) : items.join(separator);
}

/** Merges string maps, any of which may be a Terraform map. */
export function mergeMaps(...maps: Record<string, string>[]): Record<string, string> {
  if (!maps.some((m) => Token.isUnresolved(m))) return Object.assign({}, ...maps);
  return Token.asStringMap(Fn.merge(maps.filter((m) => Token.isUnresolved(m) || Object.keys(m).length > 0)));
}
