/** TLS: a certificate clients trust for the host, not expiring within 30 days. */
import { connect, type PeerCertificate } from 'node:tls';
import type { DoctorContext } from '../context.ts';
import { isLoopback } from '../http.ts';
import { Findings } from '../result.ts';

const DAY_MS = 86_400_000;
export const EXPIRY_MARGIN_DAYS = 30;

function peerCertificate(ctx: DoctorContext): Promise<{ cert: PeerCertificate; error: Error | null }> {
  const { hostname, port } = ctx.target;
  const host = hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port: Number(port || 443), servername: /^[\d.:]+$/.test(host) ? undefined : host, rejectUnauthorized: false, ...(ctx.options.ca ? { ca: ctx.options.ca } : {}) });
    socket.setTimeout(ctx.http.timeoutMs, () => socket.destroy(new Error(`no TLS handshake within ${ctx.http.timeoutMs} ms`)));
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      resolve({ cert, error: socket.authorized ? null : new Error(String(socket.authorizationError)) });
      socket.end();
    });
    socket.once('error', reject);
  });
}

export async function checkTls(ctx: DoctorContext, now = Date.now()): Promise<Findings> {
  const f = new Findings('tls');
  if (ctx.target.protocol !== 'https:') {
    if (isLoopback(ctx.target)) f.skip('certificate', 'skipped: not https (a loopback URL)');
    else f.fail('https', `${ctx.url} is not https`, 'Clients refuse OAuth over plain http except on loopback: serve the endpoint over https.');
    return f;
  }
  let seen: Awaited<ReturnType<typeof peerCertificate>>;
  try {
    seen = await peerCertificate(ctx);
  } catch (err) {
    f.fail('handshake', `no TLS connection to ${ctx.target.host}: ${(err as Error).message}`, 'Check the DNS record and that the custom domain has its certificate attached.');
    return f;
  }
  const { cert, error } = seen;
  if (error) {
    f.fail('certificate', `not trusted for ${ctx.target.hostname}: ${error.message}`, 'Use a certificate from a public CA (ACM) that names this host, served with its chain.');
    return f;
  }
  const expires = Date.parse(cert.valid_to);
  const days = Math.floor((expires - now) / DAY_MS);
  if (days < EXPIRY_MARGIN_DAYS) {
    f.fail('expiry', `the certificate expires ${cert.valid_to} (${days} days)`, 'Renew it now (ACM renews DNS-validated certificates while the validation record stays in place).');
  } else {
    f.pass('certificate', `trusted for ${ctx.target.hostname}, expires ${cert.valid_to} (${days} days)`);
  }
  return f;
}
