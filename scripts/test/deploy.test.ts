import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findAwsCredentials } from '../lib/aws-credentials.mjs';
import { ROOT } from '../load-server.ts';

const emptyHome = () => mkdtempSync(join(tmpdir(), 'home-'));

describe('AWS credentials check', () => {
  it('finds none in an empty environment', () => {
    expect(findAwsCredentials({}, emptyHome())).toBeUndefined();
  });

  it('finds keys, web identity, container credentials and profiles', () => {
    expect(findAwsCredentials({ AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' }, emptyHome())).toBe('environment variables');
    expect(findAwsCredentials({ AWS_WEB_IDENTITY_TOKEN_FILE: '/t', AWS_ROLE_ARN: 'arn' }, emptyHome())).toBe('web identity');
    expect(findAwsCredentials({ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2' }, emptyHome())).toBe('container credentials');
    const home = emptyHome();
    mkdirSync(join(home, '.aws'));
    writeFileSync(join(home, '.aws', 'config'), '[profile dev]\nregion = eu-west-1\n');
    expect(findAwsCredentials({ AWS_PROFILE: 'dev' }, home)).toMatch(/profile "dev"/);
    expect(findAwsCredentials({ AWS_PROFILE: 'prod' }, home)).toBeUndefined();
  });
});

describe('make deploy without credentials', () => {
  it('stops at once with a clear message, before installing or building anything', () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
    const r = spawnSync('make', ['--no-print-directory', 'deploy'], { cwd: ROOT, env: { ...env, HOME: emptyHome() }, encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/no AWS credentials found, so nothing was run/);
    expect(r.stdout + r.stderr).not.toMatch(/npm ci|esbuild|terraform init|scripts\/build/);
  });
});
