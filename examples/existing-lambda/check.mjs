#!/usr/bin/env node
// Proves the kit can go into a Lambda someone already has, from a clean state and outside the workspace:
//   1. `npm pack` handler-kit into a temporary directory;
//   2. copy this package beside it (same relative layout, so its `file:` dependency resolves unchanged)
//      and `npm install` there: the kit arrives from the tarball, never from the workspace's node_modules;
//   3. run the package's own build (esbuild) and its own tests (node --test) against the bundle.
// Exits non-zero on any failure. The repository tree is not written to.
//
//   node examples/existing-lambda/check.mjs [--keep]     (--keep: leave the temporary directory)
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "..", "..");
const KIT_DIR = join(ROOT, "handler-kit");
const KIT_NAME = "@serverless-mcp/handler-kit";
const keep = process.argv.includes("--keep");
const started = performance.now();

const seconds = (from) => `${((performance.now() - from) / 1000).toFixed(1)} s`;
const say = (message) => console.log(`[existing-lambda] ${message}`);

class CheckFailed extends Error {}
function check(condition, message) {
  if (!condition) throw new CheckFailed(message);
}

// npm variables inherited from a surrounding `npm run`/`npx` would point the nested npm at the
// workspace (prefix, workspaces, the root package); the registry, cache and user config are kept.
const childEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) => !/^npm_(package_|lifecycle_|config_(prefix|local_prefix|global_prefix|workspaces?|include_workspace_root)$)/i.test(key),
  ),
);

/** Runs a command, echoing its output; returns its stdout. Throws when it fails. */
function run(command, args, cwd, { quiet = false } = {}) {
  const t = performance.now();
  say(`$ ${[command, ...args].join(" ")}    (in ${cwd})`);
  const result = spawnSync(command, args, { cwd, env: childEnv, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (!quiet && result.stdout) process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
  if (result.error) throw new CheckFailed(`${command} could not run: ${result.error.message}`);
  check(result.status === 0, `${command} ${args.join(" ")} exited with ${result.status ?? result.signal}`);
  say(`  done in ${seconds(t)}`);
  return result.stdout;
}

const isInside = (dir, path) => path === dir || path.startsWith(dir + sep);

const work = realpathSync(mkdtempSync(join(tmpdir(), "existing-lambda-")));
let ok = false;
try {
  const pkg = JSON.parse(readFileSync(join(HERE, "package.json"), "utf8"));
  const spec = pkg.dependencies?.[KIT_NAME];
  check(typeof spec === "string" && spec.startsWith("file:") && spec.endsWith(".tgz"), `package.json must depend on ${KIT_NAME} as a file: tarball, found ${spec}`);

  // The copy keeps its place relative to the repository root, so `file:../../<dir>/<tarball>` means the
  // same thing in the copy as in the repository.
  const app = join(work, relative(ROOT, HERE));
  const tarball = resolve(app, spec.slice("file:".length));
  check(isInside(work, tarball), `the tarball path ${spec} leaves the copied tree`);

  // 1. Pack the kit.
  mkdirSync(dirname(tarball), { recursive: true });
  const packed = JSON.parse(run("npm", ["pack", KIT_DIR, "--pack-destination", dirname(tarball), "--ignore-scripts", "--json"], ROOT, { quiet: true }));
  const filename = packed[0]?.filename;
  check(filename === basename(tarball), `npm pack wrote ${filename} but package.json expects ${basename(tarball)} (kit version changed? update the dependency)`);
  say(`packed ${packed[0].name}@${packed[0].version}: ${packed[0].entryCount} files, ${packed[0].size} bytes`);

  // 2. A clean copy of this package (no node_modules or dist it may have locally), then install.
  cpSync(HERE, app, {
    recursive: true,
    filter: (source) => !["node_modules", "dist"].includes(relative(HERE, source).split(sep)[0]),
  });
  run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"], app);

  const installed = join(app, "node_modules", ...KIT_NAME.split("/"));
  const link = lstatSync(installed);
  check(!link.isSymbolicLink(), `${installed} is a symlink: the kit did not come from the tarball`);
  check(link.isDirectory(), `${installed} is not a directory`);
  check(JSON.parse(readFileSync(join(installed, "package.json"), "utf8")).version === packed[0].version, "installed kit version differs from the packed one");
  for (const dep of [KIT_NAME, "zod", "esbuild"]) {
    const where = realpathSync(join(app, "node_modules", ...dep.split("/")));
    check(isInside(app, where), `${dep} resolves outside the copy: ${where}`);
  }
  say(`installed ${KIT_NAME} is a real directory from the tarball: ${relative(work, installed)}`);

  // 3. The package's own build and its own tests, with the Node running this script.
  run(process.execPath, ["build.mjs"], app);
  const bundle = join(app, "dist", "index.mjs");
  check(existsSync(bundle), "build.mjs wrote no dist/index.mjs");
  const code = readFileSync(bundle, "utf8");
  check(!code.includes(ROOT), "the bundle mentions the repository path");
  say(`bundle dist/index.mjs: ${statSync(bundle).size} bytes`);

  const tap = run(process.execPath, ["--test", "--test-reporter=tap", "test/handler.node-test.mjs"], app);
  const count = (name) => Number(tap.match(new RegExp(`^# ${name} (\\d+)$`, "m"))?.[1] ?? NaN);
  check(count("pass") > 0, "node --test reported no passing test");
  check(count("fail") === 0, `node --test reported ${count("fail")} failures`);

  ok = true;
  say(`PASS: ${count("pass")} tests passed, 0 failed, in ${seconds(started)}`);
} catch (error) {
  say(`FAIL: ${error instanceof CheckFailed ? error.message : (error?.stack ?? error)}`);
} finally {
  if (ok && !keep) rmSync(work, { recursive: true, force: true });
  else say(`left ${work} for inspection`);
}
process.exitCode = ok ? 0 : 1;
