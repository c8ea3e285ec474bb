import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkTls } from '../../src/doctor/checks/tls.ts';
import type { DoctorContext } from '../../src/doctor/context.ts';

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

/** A self-signed certificate for `host`, valid `days` from now (openssl, as a real CA would issue one). */
function certificate(host: string, days: number): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'doctor-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', String(days), '-subj', `/CN=${host}`, '-addext', `subjectAltName=DNS:${host}`], { stdio: 'ignore' });
  return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
}

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function tlsFor(host: string, days: number, trusted: boolean) {
  const pem = certificate(host, days);
  server = createServer(pem, (_req, res) => res.end());
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const url = `https://localhost:${(server.address() as AddressInfo).port}/mcp`;
  const ctx = { url, target: new URL(url), options: { url, ...(trusted ? { ca: pem.cert } : {}) }, http: { timeoutMs: 5_000 }, mode: 'oauth', registered: [], cleanup: [] } as DoctorContext;
  return (await checkTls(ctx)).results;
}

describe.skipIf(!hasOpenssl)('doctor: TLS', () => {
  it('a certificate clients trust, valid for more than 30 days, passes with its expiry', async () => {
    const [r] = await tlsFor('localhost', 400, true);
    expect(r).toMatchObject({ status: 'pass' });
    expect(r!.detail).toMatch(/^trusted for localhost, expires .* \((399|400) days\)$/);
  });

  it('one expiring within 30 days fails with the date and a hint to renew', async () => {
    const [r] = await tlsFor('localhost', 10, true);
    expect(r).toMatchObject({ status: 'fail', name: 'expiry' });
    expect(r!.detail).toMatch(/\((9|10) days\)$/);
    expect(r!.hint).toMatch(/Renew/);
  });

  it('an untrusted (self-signed) certificate fails with the reason', async () => {
    const [r] = await tlsFor('localhost', 400, false);
    expect(r).toMatchObject({ status: 'fail', name: 'certificate' });
    expect(r!.detail).toBe('not trusted for localhost: a self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)');
  });

  it('a trusted certificate for another host fails on the name', async () => {
    const [r] = await tlsFor('other.example', 400, true);
    expect(r).toMatchObject({ status: 'fail', name: 'certificate' });
    expect(r!.detail).toBe('not trusted for localhost: it names DNS:other.example, not localhost');
  });
});

describe('doctor: TLS on plain http', () => {
  it('is skipped on loopback and fails elsewhere', async () => {
    const ctx = (url: string) => ({ url, target: new URL(url), options: { url }, http: { timeoutMs: 1_000 }, mode: 'oauth', registered: [], cleanup: [] }) as DoctorContext;
    expect((await checkTls(ctx('http://127.0.0.1:3000/mcp'))).results[0]).toMatchObject({ status: 'skip', detail: 'skipped: not https (a loopback URL)' });
    expect((await checkTls(ctx('http://mcp.example.com/mcp'))).results[0]).toMatchObject({ status: 'fail', name: 'https' });
  });
});
