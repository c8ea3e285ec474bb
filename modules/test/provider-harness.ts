/**
 * The plain module against the real hashicorp/aws provider, where a local filesystem mirror has one
 * (no registry access is needed or used): `terraform plan` with fake
 * credentials, every credential and metadata check skipped, and the one STS call a plan makes
 * (data.aws_caller_identity) answered by a loopback stand-in.
 *
 * The mirror's provider may be older than the module's `>= 6.26`. A scratch copy then maps the few
 * spellings that only 6.x knows (PROVIDER_5_MAPPINGS, each with why); every mapping must still find
 * something to map, so a stale one is noticed. Nothing else is changed.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { terraformEnv } from './terraform-env.ts';

type Json = Record<string, any>;

export interface Mirror {
  /** The folder above registry.terraform.io. */
  root: string;
  awsVersion: string;
  /** Whether hashicorp/random is in the mirror too. */
  hasRandom: boolean;
}

const MIRROR_CANDIDATES = [process.env.TF_PROVIDER_MIRROR, '/opt/tf-plugins', '/usr/share/terraform/providers'].filter(Boolean) as string[];

/** The first local mirror holding hashicorp/aws for linux_amd64, or undefined (the tests then skip). */
export function findMirror(): Mirror | undefined {
  for (const root of MIRROR_CANDIDATES) {
    const aws = join(root, 'registry.terraform.io', 'hashicorp', 'aws');
    if (!existsSync(aws)) continue;
    const versions = readdirSync(aws).filter((v) => existsSync(join(aws, v, 'linux_amd64')) && readdirSync(join(aws, v, 'linux_amd64')).some((f) => f.startsWith('terraform-provider-aws')));
    if (!versions.length) continue;
    const awsVersion = versions.sort((a, b) => a.localeCompare(b, undefined, { numeric: true })).at(-1)!;
    return { root, awsVersion, hasRandom: existsSync(join(root, 'registry.terraform.io', 'hashicorp', 'random')) };
  }
  return undefined;
}

export interface Mapping {
  name: string;
  why: string;
  pattern: RegExp;
  replacement: string;
}

/** What provider 5.x spells differently from the 6.x the module is written for. */
export const PROVIDER_5_MAPPINGS: Mapping[] = [
  {
    name: 'required_providers aws ">= 6.26" → ">= 5.0"',
    why: 'the module asks for 6.26 (STREAM integrations up to 900,000 ms); the mirror has 5.x, which could not be selected otherwise',
    pattern: /"version": ">= 6\.26"/g,
    replacement: '"version": ">= 5.0"',
  },
  {
    name: 'aws_api_gateway_integration response_transfer_mode dropped',
    why: '6.25 added response_transfer_mode (STREAM for response streaming); 5.x has no such argument',
    pattern: /\n\s*"response_transfer_mode": "\$\{each\.value\.response_transfer_mode\}",/g,
    replacement: '',
  },
  {
    name: 'aws_api_gateway_integration timeout_milliseconds capped at 300000',
    why: '6.26 allows STREAM integrations 900,000 ms; 5.x validates 50 to 300,000',
    pattern: /"timeout_milliseconds": "\$\{each\.value\.timeout_milliseconds\}"/g,
    replacement: '"timeout_milliseconds": "${each.value.timeout_milliseconds == null ? null : min(each.value.timeout_milliseconds, 300000)}"',
  },
  {
    name: 'data.aws_region.<name>.region → .name',
    why: '6.0 added `region` (and deprecated `name`); 5.x has only `name`',
    pattern: /(data\.aws_region\.[A-Za-z0-9_-]+(?:\[0\])?)\.region\b/g,
    replacement: '$1.name',
  },
  {
    name: 'runtime nodejs24.x → nodejs22.x',
    why: "5.x's runtime validation predates nodejs24.x",
    pattern: /nodejs24\.x/g,
    replacement: 'nodejs22.x',
  },
];

/** examples/terraform's HCL files: the same mappings, HCL spelling. */
const HCL_MAPPINGS: Mapping[] = [
  { ...PROVIDER_5_MAPPINGS[0]!, pattern: /version = ">= 6\.26"/g, replacement: 'version = ">= 5.0"' },
];

export interface Applied {
  name: string;
  file: string;
  count: number;
}

/** Applies mappings to a text, recording how many times each applied in `applied`. */
function map(text: string, file: string, mappings: Mapping[], applied: Applied[]): string {
  for (const m of mappings) {
    const count = text.match(m.pattern)?.length ?? 0;
    if (count) applied.push({ name: m.name, file, count });
    text = text.replace(m.pattern, m.replacement);
  }
  return text;
}

/**
 * Without hashicorp/random in the mirror, `random_password.<name>` becomes a built-in `terraform_data`
 * holding a fixed 48-character value (its `output`), so the rest of the module still plans for real.
 */
function withoutRandomProvider(json: Json, applied: Applied[], file: string): Json {
  let text = JSON.stringify(json);
  const refs = text.match(/random_password\.([a-z_]+)(\[0\])?\.result/g)?.length ?? 0;
  text = text.replace(/random_password\.([a-z_]+)(\[0\])?\.result/g, 'terraform_data.$1$2.output');
  const out = JSON.parse(text) as Json;
  const passwords = out.resource?.random_password as Json | undefined;
  if (passwords) {
    out.resource.terraform_data = Object.fromEntries(Object.entries(passwords).map(([name, r]) => [name, { ...(r.count !== undefined ? { count: r.count } : {}), input: 'x'.repeat(48) }]));
    delete out.resource.random_password;
  }
  if (out.terraform?.required_providers?.random) delete out.terraform.required_providers.random;
  if (refs || passwords) applied.push({ name: 'random_password → terraform_data (no hashicorp/random in the mirror)', file, count: refs + Object.keys(passwords ?? {}).length });
  return out;
}

/** A scratch copy of the module with the mappings this provider needs; what was mapped. */
export function scratchModule(moduleDir: string, dest: string, mirror: Mirror): Applied[] {
  const applied: Applied[] = [];
  mkdirSync(dest, { recursive: true });
  cpSync(join(moduleDir, 'functions'), join(dest, 'functions'), { recursive: true });
  const older = Number(mirror.awsVersion.split('.')[0]) < 6;
  for (const f of readdirSync(moduleDir).filter((n) => n.endsWith('.tf.json'))) {
    let text = readFileSync(join(moduleDir, f), 'utf8');
    if (older) text = map(text, f, PROVIDER_5_MAPPINGS, applied);
    const json = mirror.hasRandom ? JSON.parse(text) : withoutRandomProvider(JSON.parse(text), applied, f);
    writeFileSync(join(dest, f), JSON.stringify(json, null, 2));
  }
  return applied;
}

/** A root's HCL files copied with the mappings (and the random provider dropped when the mirror lacks it). */
export function scratchRoot(files: Record<string, string>, dest: string, mirror: Mirror, replace: [string, string][] = []): Applied[] {
  const applied: Applied[] = [];
  mkdirSync(dest, { recursive: true });
  const older = Number(mirror.awsVersion.split('.')[0]) < 6;
  for (const [name, original] of Object.entries(files)) {
    let text = original;
    for (const [a, b] of replace) text = text.split(a).join(b);
    if (older) text = map(text, name, HCL_MAPPINGS, applied);
    if (!mirror.hasRandom) text = text.replace(/\n\s*random = \{[^}]*\}/, '');
    writeFileSync(join(dest, name), text);
  }
  return applied;
}

/** The provider block every check uses: fake credentials, nothing asked of AWS but STS, which is the stand-in. */
export function fakeProvider(stsUrl: string): Json {
  return {
    region: 'eu-west-1',
    access_key: 'AKIAIOSFODNN7EXAMPLE',
    secret_key: 'not-a-real-secret-key-for-plan-only',
    skip_credentials_validation: true,
    skip_requesting_account_id: true,
    skip_metadata_api_check: true,
    endpoints: [{ sts: stsUrl }],
  };
}

/** GetCallerIdentity on loopback: the only AWS call a plan of this module makes. Records every call. */
export async function stsStandIn(): Promise<{ url: string; calls: string[]; close: () => Promise<void> }> {
  const calls: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const action = new URLSearchParams(body).get('Action') ?? '';
      calls.push(action);
      if (action !== 'GetCallerIdentity') {
        res.writeHead(400, { 'content-type': 'text/xml' }).end(`<ErrorResponse><Error><Code>InvalidAction</Code><Message>stand-in answers GetCallerIdentity only</Message></Error></ErrorResponse>`);
        return;
      }
      res.writeHead(200, { 'content-type': 'text/xml' }).end(
        '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
          '<Arn>arn:aws:iam::123456789012:user/plan-only</Arn><UserId>AIDAEXAMPLEPLANONLY</UserId><Account>123456789012</Account>' +
          '</GetCallerIdentityResult><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, calls, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * One terraform command, asynchronously (the STS stand-in runs in this process). The CLI config names
 * only the mirror (`direct { exclude = ["*\/*"] }`: never the registry) and a plugin cache shared by
 * every root of a run, so the 600 MB provider is linked, not copied.
 */
export function terraform(cwd: string, mirror: Mirror, cache: string, args: string[]): Promise<Run> {
  const config = join(cache, 'terraformrc');
  if (!existsSync(config)) {
    mkdirSync(cache, { recursive: true });
    writeFileSync(config, `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(mirror.root)}\n  }\n  direct {\n    exclude = ["*/*"]\n  }\n}\nplugin_cache_dir = ${JSON.stringify(cache)}\n`);
  }
  return new Promise((resolve) => {
    const child = spawn('terraform', args, {
      cwd,
      env: terraformEnv({ TF_CLI_CONFIG_FILE: config, TF_INPUT: '0', AWS_EC2_METADATA_DISABLED: 'true' }),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

export const newWorkspace = (): string => mkdtempSync(join(tmpdir(), 'mcp-real-provider-'));

/** `Warning:`/`Error:` blocks in plain Terraform output. */
export const problems = (text: string): string[] => text.split('\n').filter((l) => /^(│ )?(Warning|Error): /.test(l)).map((l) => l.replace(/^│ /, ''));

/**
 * What `terraform plan -json` streamed (one JSON message a line): its diagnostics as `Warning: ...` /
 * `Error: ...` (the spelling `problems` gives plain output), and the managed resources it creates by module
 * instance (`module.x`, or `(root)`). Reading the plan's own stream spares a `terraform show -json`, which
 * starts the 600 MB provider once more only to load its schema (about 2.3 CPU seconds). A line that is not
 * JSON is a problem too: nothing the plan says is dropped unread.
 */
export function planStream(run: Run): { problems: string[]; created: Record<string, string[]> } {
  const found = problems(run.stderr);
  const created: Record<string, string[]> = {};
  for (const line of run.stdout.split('\n')) {
    if (!line.trim()) continue;
    let message: Json;
    try {
      message = JSON.parse(line) as Json;
    } catch {
      found.push(`Error: not a JSON message: ${line}`);
      continue;
    }
    if (message.type === 'diagnostic') {
      const d = message.diagnostic as Json;
      found.push(`${d.severity === 'error' ? 'Error' : 'Warning'}: ${d.summary}${d.detail ? ` (${d.detail})` : ''}${d.address ? ` at ${d.address}` : ''}`);
    } else if (message.type === 'planned_change' && message.change.action === 'create') {
      const resource = message.change.resource as Json;
      const module = (resource.module as string) || '(root)';
      const address = (resource.addr as string).slice(module === '(root)' ? 0 : module.length + 1);
      if (!address.startsWith('data.')) (created[module] ??= []).push(address);
    }
  }
  return { problems: found, created };
}
