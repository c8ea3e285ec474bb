/**
 * The end of `make deploy`: the doctor runs against the stack's mcp_url output. A stand-in terraform
 * (a script answering `output -raw <name>`) gives the URL of a local server; the rest is real.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { API_KEY, startApiKeyFixture, startFixture, type Fixture } from '../../handler-kit/test/doctor/fixtures.ts';
import { ROOT } from '../load-server.ts';

let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

/** A terraform that knows only `output -raw <name>`, from a map; unknown outputs fail as terraform's do. */
function fakeTerraform(outputs: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'fake-terraform-'));
  const file = join(dir, 'terraform');
  const cases = Object.entries(outputs).map(([k, v]) => `  ${k}) printf '%s' '${v}' ;;`).join('\n');
  writeFileSync(file, `#!/bin/sh\n[ "$1 $2" = "output -raw" ] || exit 3\ncase "$3" in\n${cases}\n  *) echo "Output \\"$3\\" not found" >&2; exit 1 ;;\nesac\n`);
  chmodSync(file, 0o755);
  return file;
}

/** doctorAfterDeploy in a child process (it waits on the doctor synchronously; the fixture lives here). */
function afterDeploy(terraform: string, env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string }> {
  const code = `import { doctorAfterDeploy } from ${JSON.stringify(join(ROOT, 'scripts', 'lib', 'doctor-after-deploy.ts'))}; process.exitCode = doctorAfterDeploy(process.cwd(), process.env, ${JSON.stringify(terraform)});`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { cwd: tmpdir(), env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.on('close', (status) => resolve({ status, stdout }));
  });
}

describe('make deploy ends with the doctor', () => {
  it('runs it against the mcp_url output and shows the table; exit 0 when nothing that matters failed', async () => {
    fixture = await startFixture();
    const run = await afterDeploy(fakeTerraform({ mcp_url: fixture.url }));
    expect(run.stdout).toContain(`$ make doctor URL=${fixture.url}\n`);
    expect(run.stdout).toMatch(/ok\s+registration: Cursor\s+201, 3 redirect URIs kept/);
    expect(run.stdout).toContain('doctor: no check that matters failed');
    expect(run.status).toBe(0);
  });

  it('an api_key stack: the key from api_key_value reaches the doctor, never the output', async () => {
    fixture = await startApiKeyFixture();
    const run = await afterDeploy(fakeTerraform({ mcp_url: fixture.url, api_key_value: API_KEY }));
    expect(run.stdout).toContain('API_KEY=<api_key_value>');
    expect(run.stdout).toMatch(/ok\s+mcp: tools\/call get_time\s+answered: noon/);
    expect(run.stdout).not.toContain(API_KEY);
    expect(run.status).toBe(0);
  });

  it('a broken server: the doctor\'s failures, a note that the stack is deployed, exit 1; DOCTOR=0 skips it', async () => {
    fixture = await startFixture('remapped-header');
    const terraform = fakeTerraform({ mcp_url: fixture.url });
    const run = await afterDeploy(terraform, { DOCTOR_NO_REGISTER: '1' });
    expect(run.stdout).toMatch(/FAIL\s+endpoint: POST without credentials: challenge\s+401 carries x-amzn-Remapped-WWW-Authenticate/);
    expect(run.stdout).toContain('The stack is deployed, but the doctor found problems');
    expect(run.status).toBe(1);
    expect(fixture.registrations.size).toBe(0);
    expect(await afterDeploy(terraform, { DOCTOR: '0' })).toEqual({ status: 0, stdout: '' });
  });
});
