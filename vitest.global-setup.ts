/**
 * Runs once, in vitest's main process, before any worker starts (vitest `globalSetup`). The tests make
 * scratch directories (builds, Terraform roots, cdktf's `Testing` outdirs, packed tarballs, fake homes)
 * under the system's temporary directory, and so do the processes they start. They all go under one
 * directory of this run, removed when the run ends: a run leaves nothing in /tmp, where it used to leave
 * about a hundred directories and tens of MB each time. Workers and their children inherit TMPDIR,
 * which os.tmpdir() reads on every call.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const dir = mkdtempSync(join(tmpdir(), 'serverless-mcp-tests-'));
  process.env.TMPDIR = dir;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    if (!process.env.KEEP_TEST_TMP) rmSync(dir, { recursive: true, force: true });
    else console.log(`test scratch directories kept in ${dir} (KEEP_TEST_TMP)`);
  };
}
