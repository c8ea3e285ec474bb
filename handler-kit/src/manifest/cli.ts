/** `node handler-kit/src/manifest/cli.ts <module exporting a handler> <manifest.json>` */
import { writeManifest } from './index.ts';

const [entry, out] = process.argv.slice(2);
if (!entry || !out) {
  console.error('usage: cli.ts <module exporting a handler> <out/manifest.json>');
  process.exit(2);
}
const d = await writeManifest(entry, out);
console.log(`wrote ${out}: ${d.name} ${d.version}, ${d.tools.length} tools, scopes ${d.scopes.join(' ') || '(none)'}`);
