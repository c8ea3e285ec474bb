import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeServer, findHandler, writeManifest } from '../../src/manifest/index.ts';
import { sampleServer } from '../helpers.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');

describe('build manifest', () => {
  it('describes the sample server (snapshot)', () => {
    expect(describeServer(sampleServer())).toMatchSnapshot();
  });

  it('writes the tasks example manifest with its scopes, derived from the tool definitions', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'manifest-')), 'manifest.json');
    const written = await writeManifest(join(ROOT, 'examples', 'tasks', 'src', 'server.ts'), out);
    const onDisk = JSON.parse(readFileSync(out, 'utf8'));
    expect(onDisk).toEqual(written);
    expect(onDisk.scopes).toEqual(['tasks:read', 'tasks:write']);
    expect(onDisk.tools.map((t: { name: string; scopes: string[] }) => [t.name, t.scopes])).toEqual([
      ['create_task', ['tasks:write']],
      ['list_tasks', ['tasks:read']],
      ['update_task', ['tasks:write']],
      ['assign_task', ['tasks:write']],
      ['get_project_stats', ['tasks:read']],
    ]);
    expect(onDisk).toMatchSnapshot();
  });

  it('refuses a module with no handler export', () => {
    expect(() => findHandler({ other: 1 }, 'x.ts')).toThrow(/must export a handler/);
  });
});
