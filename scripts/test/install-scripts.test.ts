import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../load-server.ts';

/**
 * npm 12 runs a dependency's install scripts only when package.json's `allowScripts` approves them, and
 * skips the others with a warning: the pinned Node 24 (node's preinstall) would then be missing from
 * node_modules/.bin, and `make test` would run on whatever Node the machine has. So every installed
 * package with an install script must be approved (or denied) there. npm 11.16+ lists the ones that are
 * not; older npm has no such command, and the check is skipped.
 */
const npm = spawnSync('npm', ['install-scripts', 'ls'], { cwd: ROOT, encoding: 'utf8' });
const listed = npm.status === 0 && /install scripts|No packages/.test(npm.stdout);

describe.runIf(listed)('install scripts (npm allowScripts)', () => {
  it('approves every install script the installed packages have', () => {
    expect(npm.stdout.trim()).toBe('No packages with unreviewed install scripts.');
  });
});
