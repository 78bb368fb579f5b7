// Builds the committed assets: node build.mjs (npm run build).
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
export const OUT_DIR = join(here, "..", "orderkit", "static", "orderkit");
export const MAX_JS_GZIP = 25600;

async function bundleJs(version, entry = "src/index.js") {
  const result = await esbuild.build({
    absWorkingDir: here,
    entryPoints: [entry],
    bundle: true,
    format: "iife",
    minify: true,
    target: "es2019",
    sourcemap: false,
    write: false,
    define: { ORDERKIT_VERSION: JSON.stringify(version) },
    logLevel: "silent",
  });
  return result.outputFiles[0].contents;
}

async function minifyCss() {
  const source = await readFile(join(here, "src", "orderkit.css"), "utf8");
  const result = await esbuild.transform(source, { loader: "css", minify: true });
  return new TextEncoder().encode(result.code);
}

export function gzipSize(bytes) {
  return gzipSync(bytes, { level: 9 }).length;
}

// Returns {"orderkit.js": bytes, "orderkit.css": bytes}; writes them only when asked,
// so tests can compare a fresh build with the committed files.
// One version for the Python package and its script: orderkit/__init__.py's __version__.
async function readVersion() {
  const source = await readFile(join(here, "..", "orderkit", "__init__.py"), "utf8");
  const match = /^__version__ = "([^"]+)"$/m.exec(source);
  if (!match) throw new Error("No __version__ in orderkit/__init__.py");
  return match[1];
}

export async function build({ write = false } = {}) {
  const version = await readVersion();
  const files = {
    "orderkit.js": await bundleJs(version),
    "orderkit-admin.js": await bundleJs(version, "src/admin.js"),
    "orderkit.css": await minifyCss(),
  };
  if (write) {
    await mkdir(OUT_DIR, { recursive: true });
    for (const [name, bytes] of Object.entries(files)) await writeFile(join(OUT_DIR, name), bytes);
  }
  return files;
}

async function main() {
  const files = await build({ write: true });
  for (const [name, bytes] of Object.entries(files)) {
    console.log(`${name.padEnd(12)} ${String(bytes.length).padStart(6)} B raw  ${String(gzipSize(bytes)).padStart(6)} B gzip`);
  }
  const jsGzip = gzipSize(files["orderkit.js"]);
  if (jsGzip > MAX_JS_GZIP) {
    console.error(`orderkit.js is ${jsGzip} B gzipped, over the ${MAX_JS_GZIP} B budget.`);
    process.exitCode = 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
