// This function's own bundling step: one ESM file for the nodejs24.x runtime, which ships the AWS SDK v3.
// `node build.mjs` writes dist/index.mjs and its source map (Lambda handler setting: index.handler).
import { rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

const here = import.meta.dirname;
const outdir = join(here, "dist");
const outfile = join(outdir, "index.mjs");

rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: here,
  entryPoints: ["src/handler.ts"],
  outfile,
  bundle: true,
  platform: "node",
  target: "node24",
  format: "esm",
  minify: true,
  sourcemap: true,
  external: ["@aws-sdk/*"],
  logLevel: "warning",
});

console.log(`dist/index.mjs: ${statSync(outfile).size} bytes`);
