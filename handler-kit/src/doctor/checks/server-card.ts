/**
 * The MCP Server Card (SEP-2127 draft), which registries and crawlers read before anyone connects: at
 * `<endpoint>/server-card` and `/.well-known/mcp/server-card.json`, public (no credentials), naming this
 * endpoint in `remotes`. No client of the seven needs one, so nothing here fails the run: a missing card
 * is skipped, a wrong one warned about.
 */
import { serverCardUrls } from '../../core/http/server-card.ts';
import type { DoctorContext } from '../context.ts';
import { jsonObject, send } from '../http.ts';
import { Findings } from '../result.ts';

/** Where the kit serves a card for this endpoint: the same rule, so the two cannot drift. */
export function serverCardLocations(endpoint: string): { name: string; url: string }[] {
  const { card, wellKnown } = serverCardUrls(endpoint);
  return [
    { name: 'at the endpoint', url: card },
    { name: 'well-known', url: wellKnown },
  ];
}

export async function checkServerCard(ctx: DoctorContext): Promise<Findings> {
  const f = new Findings('server-card');
  for (const location of serverCardLocations(ctx.url)) {
    const name = location.name;
    const at = location.url;
    const answer = await send(location.url, { headers: { accept: 'application/mcp-server-card+json, application/json', origin: 'https://registry.example' } }, ctx.http);
    if (answer.status === 404) {
      f.skip(name, `skipped: no server card at ${at} (optional: the SEP-2127 draft)`);
      continue;
    }
    const hint = 'Serve the card publicly (no auth), as JSON with name, version and remotes naming this endpoint (the kit does: createHandler serves it).';
    if (answer.status === 401 || answer.status === 403) {
      f.warn(name, `${at} answered ${answer.status}: the card is behind auth, so registries cannot read it`, hint);
      continue;
    }
    const card = answer.status === 200 ? jsonObject(answer.text) : undefined;
    if (!card) {
      f.warn(name, `${at} ${answer.status === 200 ? 'is not a JSON object' : `answered ${answer.status}`}`, hint);
      continue;
    }
    const remotes = Array.isArray(card.remotes) ? (card.remotes as { type?: unknown; url?: unknown }[]) : [];
    const missing = ['name', 'version'].filter((k) => typeof card[k] !== 'string');
    if (missing.length) f.warn(name, `the card at ${at} lacks ${missing.join(' and ')}`, hint);
    else if (!remotes.some((r) => r.url === ctx.url && r.type === 'streamable-http')) {
      f.warn(name, `the card at ${at}: remotes name ${remotes.map((r) => String(r.url)).join(', ') || 'no endpoint'}, not "${ctx.url}" (streamable-http)`, 'Build the card\'s remote URL from the one configured public URL, as the resource metadata\'s.');
    } else if (!answer.headers.get('access-control-allow-origin')) {
      f.warn(name, `${at} has no Access-Control-Allow-Origin: browser-based registries cannot read it`, 'Answer the card with Access-Control-Allow-Origin: *.');
    } else {
      f.pass(name, `${at}: ${card.name} ${card.version}, remote ${ctx.url}`, []);
    }
  }
  return f;
}
