import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Fn, TerraformLocal, TerraformOutput, TerraformStack, TerraformVariable, Testing, Token, ref } from 'cdktf';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createHandler, defineTool, definePrompt } from '@serverless-mcp/handler-kit';
import { completeCard, describeServer, type CardDeployment, type ServerDescription } from '@serverless-mcp/handler-kit/manifest';
import { cardErrors } from '../../handler-kit/test/server-card-schema.ts';
import { planTime } from '../src/conditions.ts';
import { API_KEY_HEADER, serverCard, type ServerCardInput } from '../src/server-card.ts';
import { hasTerraform } from './builtin-harness.ts';
import { terraformEnv } from './terraform-env.ts';

/**
 * The module's card is Terraform's completion of the manifest's `serverCard`; the kit's is completeCard.
 * For the same manifest and deployment they must be the same document. Terraform evaluates the module's
 * (built-ins only: the card is locals, no provider), both as the CDKTF app writes it (the template a literal)
 * and as the plain module does (the manifest read with jsondecode(file()) at plan time, modes as variables).
 */
const DOMAIN = 'mcp.example.com';
const URL_ = `https://${DOMAIN}/mcp`;
const PRM = `https://${DOMAIN}/.well-known/oauth-protected-resource/mcp`;

const tasksLike = () =>
  describeServer(
    createHandler({
      name: 'tasks',
      version: '1.0.0',
      title: 'Task manager',
      description: 'Create and list tasks.',
      tools: [
        defineTool({
          name: 'list_tasks',
          description: 'List tasks; a literal ${not_a_terraform_reference} and %{ nor a directive }',
          scopes: ['tasks:read'],
          input: z.object({ limit: z.number().int().min(1).max(100).default(25), status: z.enum(['todo', 'done']).optional() }),
          annotations: { readOnlyHint: true },
          handler: () => 'ok',
        }),
      ],
      prompts: [definePrompt({ name: 'triage', description: 'Triage', arguments: z.object({ project: z.string() }), get: () => 'go' })],
    }),
  );

const named = () => describeServer(createHandler({ name: 'Odd Name!', version: '2.0.0', card: { name: 'io.github.acme/odd', listWhenAuthRequired: true }, tools: [] }));
const oddName = () => describeServer(createHandler({ name: 'Odd Name!', version: '2.0.0', tools: [] }));

interface Mode {
  name: string;
  authRequired: boolean;
  resourceMetadataUrl?: string;
  apiKey: boolean;
}
const MODES: Mode[] = [
  { name: 'none', authRequired: false, apiKey: false },
  { name: 'cognito', authRequired: true, resourceMetadataUrl: PRM, apiKey: false },
  { name: 'api_key', authRequired: false, apiKey: true },
  { name: 'authorizer_arn', authRequired: true, apiKey: false },
];

const kitCard = (m: ServerDescription, mode: Mode) => {
  const deployment: CardDeployment = { url: URL_, authRequired: mode.authRequired, resourceMetadataUrl: mode.resourceMetadataUrl, ...(mode.apiKey ? { headers: [API_KEY_HEADER] } : {}) };
  return completeCard(m.serverCard, m.name, deployment);
};

/** Applies a stack's outputs with Terraform (no provider, local state) and returns them. */
function evaluate(stack: TerraformStack, vars: Record<string, string> = {}, files: Record<string, string> = {}): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'card-tf-'));
  writeFileSync(join(dir, 'main.tf.json'), Testing.synth(stack));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const env = terraformEnv();
  const run = (...args: string[]) => {
    const r = spawnSync('terraform', args, { cwd: dir, encoding: 'utf8', env });
    if (r.status !== 0) throw new Error(`terraform ${args[0]}: ${r.stderr}`);
    return r.stdout;
  };
  run('init', '-input=false', '-backend=false');
  run('apply', '-auto-approve', '-input=false', ...Object.entries(vars).flatMap(([k, v]) => ['-var', `${k}=${v}`]));
  const out = JSON.parse(run('output', '-json')) as Record<string, { value: string }>;
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.value]));
}

const withOutputs = (stack: TerraformStack, card: { body: string; etag: string }) => {
  new TerraformOutput(stack, 'card', { value: card.body });
  new TerraformOutput(stack, 'etag', { value: card.etag });
};

describe.skipIf(!hasTerraform())('the module\'s server card equals the kit\'s for the same manifest', () => {
  it.each(MODES)('CDKTF app, auth mode $name', (mode) => {
    for (const manifest of [tasksLike(), named(), oddName()]) {
      const stack = new TerraformStack(Testing.app(), 'card');
      const input: ServerCardInput = { template: manifest.serverCard, serverName: manifest.name, domain: DOMAIN, url: URL_, authRequired: mode.authRequired, resourceMetadataUrl: mode.resourceMetadataUrl, apiKey: mode.apiKey };
      withOutputs(stack, serverCard(stack, input));
      const out = evaluate(stack);
      const card = JSON.parse(out.card!);
      expect(card).toEqual(kitCard(manifest, mode));
      expect(cardErrors(card)).toEqual([]);
      expect(out.etag).toMatch(/^"[0-9a-f]{64}"$/);
      // What API Gateway's Velocity would read as references or directives is spelled as JSON escapes.
      expect(out.card).not.toMatch(/[$#]/);
    }
  }, 60_000);

  it('plain module: the manifest read at plan time, the mode a variable; every mode from one configuration', () => {
    const manifest = tasksLike();
    const stack = new TerraformStack(Testing.app(), 'card');
    new TerraformVariable(stack, 'auth_mode', { type: 'string' });
    const read = new TerraformLocal(stack, 'manifest', Fn.jsondecode(Fn.file('manifest.json')));
    withOutputs(stack, serverCard(stack, {
      template: Fn.lookup(read.expression, 'serverCard', {}),
      serverName: Token.asString(Fn.lookup(read.expression, 'name', 'x')),
      domain: DOMAIN,
      url: URL_,
      authRequired: planTime(ref('contains(["cognito", "authorizer_arn"], var.auth_mode)')),
      resourceMetadataUrl: Token.asString(ref(`var.auth_mode == "cognito" ? "${PRM}" : null`)),
      apiKey: planTime(ref('var.auth_mode == "api_key"')),
    }));
    for (const m of MODES) {
      const out = evaluate(stack, { auth_mode: m.name }, { 'manifest.json': `${JSON.stringify(manifest, null, 2)}\n` });
      expect(JSON.parse(out.card!), m.name).toEqual(kitCard(manifest, m));
    }
  }, 60_000);
});
