import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** A file inside an installed package, e.g. packageFile('@modelcontextprotocol/conformance', 'dist', 'index.js'). */
export const packageFile = (pkg: string, ...path: string[]): string => join(dirname(require.resolve(`${pkg}/package.json`)), ...path);

export interface NodeRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a script with this Node (the project's Node 24: the tools it runs need Node >= 22) and collects its output. */
export function runNode(script: string, args: string[]): Promise<NodeRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}
