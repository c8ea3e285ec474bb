import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { Testing, TerraformStack } from 'cdktf';
import Velocity from 'velocityjs';
import type { ServerManifest } from '../src/manifest.ts';
import { McpServer, type McpServerProps } from '../src/mcp-server.ts';
import { standInManifest } from './stand-in-manifest.ts';
import { withoutEscapeSequenceWarnings } from '../src/quiet-synth.ts';
import { RandomProvider } from '../src/random.ts';

/** Synthesized Terraform JSON of one McpServer, plus ways to read it. */
export interface Synthesized {
  json: Record<string, any>;
  server: McpServer;
  /** Resources of a type: [logical name, config]. */
  all(type: string): [string, Record<string, any>][];
  one(type: string): Record<string, any>;
  data(type: string): [string, Record<string, any>][];
}

export const MANIFEST: ServerManifest = {
  manifestVersion: 1,
  name: 'tasks',
  version: '1.0.0',
  scopes: ['tasks:read', 'tasks:write'],
  tools: [
    { name: 'list_tasks', scopes: ['tasks:read'] },
    { name: 'create_task', scopes: ['tasks:write'] },
  ],
  serverCard: standInManifest('tasks', ['tasks:read', 'tasks:write']).serverCard,
};

export const DOMAIN = { name: 'mcp.example.com', hostedZoneId: 'Z123EXAMPLE' };

const DEFAULTS = {
  name: 'mcp-tasks',
  manifest: MANIFEST,
  code: { zipPath: '/dist/tasks.zip' },
  frontDoorZipPath: '/dist/functions/front-door.zip',
  domain: DOMAIN,
} satisfies McpServerProps;

/** Props over DEFAULTS; an optional one given as undefined drops its default (`domain: undefined`: no custom domain). */
export type SynthProps = { [K in keyof McpServerProps]?: {} extends Pick<McpServerProps, K> ? McpServerProps[K] | undefined : McpServerProps[K] };

/** What an object is once its keys holding undefined are dropped: those keys left optional, never undefined. */
type Defined<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & { [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined> };
const defined = <T extends object>(o: T): Defined<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Defined<T>;

export function synth(props: SynthProps = {}): Synthesized {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  new RandomProvider(stack, 'random');
  const server = new McpServer(stack, 'server', defined({ ...DEFAULTS, ...props }));
  const json = JSON.parse(withoutEscapeSequenceWarnings(() => Testing.synth(stack))) as Record<string, any>;
  const all = (type: string) => Object.entries((json.resource?.[type] ?? {}) as Record<string, Record<string, any>>);
  return {
    json,
    server,
    all,
    one: (type) => {
      const found = all(type);
      if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
      return found[0]![1];
    },
    data: (type) => Object.entries((json.data?.[type] ?? {}) as Record<string, Record<string, any>>),
  };
}

/**
 * What API Gateway renders for a synthesized mapping template: first Terraform interpolates `${...}`
 * (here every interpolation becomes a plain sample value, `$${` a literal `${`), then API Gateway runs
 * the result through Velocity with a minimal $context.
 */
export function renderTemplate(template: string, context: Record<string, unknown> = {}): string {
  const afterTerraform = template.replace(/(\$?)\$\{([^}]*)\}/g, (_m, escaped: string, expr: string) => (escaped ? `\${${expr}}` : 'sample'));
  return Velocity.render(afterTerraform, { context: { requestId: 'r-1', ...context }, input: { json: () => '{}', path: () => ({}), body: '' }, util: { escapeJavaScript: (s: string) => s } });
}

/** `${aws_x.name.attr}` → the logical name, to join resources the way Terraform does. */
export const refName = (expr: string): string | undefined => /\$\{[a-z_0-9]+\.([^.}]+)\./.exec(expr)?.[1];
