// Bundles the extension into dist/extension.js, or (with --tests) each unit test into out/test/.
import { build } from "esbuild";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const tests = process.argv.includes("--tests");
const production = process.argv.includes("--production");

if (tests) {
  const entryPoints = readdirSync("test")
    .filter((name) => name.endsWith(".test.ts"))
    .map((name) => join("test", name));
  await build({
    entryPoints,
    outdir: "out/test",
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node18",
    sourcemap: "inline",
    // Unit tests must not depend on the VS Code API: bundling fails if one imports "vscode".
    logLevel: "warning",
  });
} else {
  await build({
    entryPoints: ["src/extension.ts"],
    outfile: "dist/extension.js",
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node18",
    external: ["vscode"],
    minify: production,
    sourcemap: !production,
    logLevel: "warning",
  });
}
