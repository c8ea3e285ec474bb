/** The report as a table for a terminal, then per-client verdicts and the configuration lines. */
import { ALL_CLIENTS, CLIENT_NAMES, configurationFor } from './clients.ts';
import type { DoctorReport } from './run.ts';
import { matters, type CheckResult } from './result.ts';

const LABEL: Record<CheckResult['status'], string> = { pass: 'ok', fail: 'FAIL', warn: 'warn', skip: 'skip' };

export function renderReport(report: DoctorReport): string {
  const rows = report.results.map((r) => ({ r, check: `${r.group}: ${r.name}` }));
  const width = Math.min(60, Math.max(5, ...rows.map((x) => x.check.length)));
  const out: string[] = [`serverless-mcp doctor: ${report.url} (${report.mode === 'none' ? 'no auth' : report.mode})`, ''];
  out.push(`${'     '} ${'CHECK'.padEnd(width)}  RESULT`);
  for (const { r, check } of rows) {
    out.push(`${LABEL[r.status].padEnd(5)} ${check.padEnd(width)}  ${r.detail}`);
    if (r.status === 'fail' || r.status === 'warn') {
      const pad = ' '.repeat(6 + width + 2);
      if (r.hint) out.push(`${pad}fix: ${r.hint}`);
      if (r.status === 'fail') out.push(`${pad}${r.security ? 'security: ' : ''}${r.clients.length ? `stops: ${r.clients.map((c) => CLIENT_NAMES[c]).join(', ')}` : r.security ? 'a hole, whichever client connects' : 'no client'}`);
    }
  }
  const counts = (['pass', 'fail', 'warn', 'skip'] as const).map((s) => `${report.results.filter((r) => r.status === s).length} ${s === 'pass' ? 'passed' : s === 'fail' ? 'failed' : s === 'warn' ? 'warnings' : 'skipped'}`);
  out.push('', counts.join(', '));

  out.push('', 'Clients:');
  for (const client of ALL_CLIENTS) {
    const blockers = report.results.filter((r) => r.status === 'fail' && r.clients.includes(client));
    const verdict = report.outOfReach.includes(client)
      ? 'out of reach: it connects from its own servers and needs a public https URL'
      : blockers.length
        ? `blocked by ${blockers.map((b) => `${b.group}: ${b.name}`).join('; ')}`
        : 'every check it depends on passed';
    out.push(`  ${CLIENT_NAMES[client].padEnd(12)} ${verdict}`);
  }
  const lines = report.passing.map((c) => [c, configurationFor(c, report.serverName, report.url, report.mode)] as const).filter((e): e is [typeof e[0], string] => e[1] !== undefined);
  if (lines.length) {
    out.push('', 'Connect:');
    for (const [client, line] of lines) out.push(`  ${CLIENT_NAMES[client].padEnd(12)} ${line}`);
  }
  const skipped = report.results.filter((r) => r.status === 'skip' && r.group === 'mcp');
  if (skipped.length && lines.length) out.push('', `  (MCP calls were not checked: ${skipped[0]!.detail.replace(/^skipped: /, '')})`);
  const security = report.results.filter((r) => matters(r) && r.security);
  if (security.length) out.push('', `Security: ${security.map((r) => `${r.group}: ${r.name}`).join('; ')} (see above)`);
  out.push('', report.failed ? 'doctor: FAILED (a check that matters failed)' : 'doctor: no check that matters failed');
  return out.join('\n');
}
