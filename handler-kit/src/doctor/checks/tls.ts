/** TLS: a certificate clients trust for the host, not expiring within 30 days. */
import { checkServerIdentity, connect, type PeerCertificate } from 'node:tls';
import type { DoctorContext } from '../context.ts';
import { isLoopback } from '../http.ts';
import { Findings } from '../result.ts';

const DAY_MS = 86_400_000;
export const EXPIRY_MARGIN_DAYS = 30;

/** OpenSSL's verification codes, said the way a person fixing the deployment needs them. */
const REASONS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'a self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'a self-signed certificate in the chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the chain is incomplete (an intermediate certificate is missing)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its issuer is unknown (an incomplete chain, or a private CA)',
  CERT_HAS_EXPIRED: 'the certificate has expired',
  CERT_NOT_YET_VALID: 'the certificate is not valid yet',
};

function readable(code: string, host: string, cert: PeerCertificate): string {
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return `it names ${cert.subjectaltname || cert.subject?.CN || 'another host'}, not ${host}`;
  return REASONS[code] ? `${REASONS[code]} (${code})` : code;
}

function peerCertificate(ctx: DoctorContext): Promise<{ cert: PeerCertificate; error: Error | null }> {
  const { hostname, port } = ctx.target;
  const host = hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port: Number(port || 443), servername: /^[\d.:]+$/.test(host) ? undefined : host, rejectUnauthorized: false, ...(ctx.options.ca ? { ca: ctx.options.ca } : {}) });
    socket.setTimeout(ctx.http.timeoutMs, () => socket.destroy(new Error(`no TLS handshake within ${ctx.http.timeoutMs} ms`)));
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      // With rejectUnauthorized off (to report why, not just fail), the host name is checked here.
      const error = socket.authorized ? (checkServerIdentity(host, cert) ?? null) : new Error(readable(String(socket.authorizationError), host, cert));
      resolve({ cert, error });
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
