import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { test } from "node:test";
import { JSDOM } from "jsdom";
import { MAX_JS_GZIP, OUT_DIR, build, gzipSize } from "../build.mjs";

const fresh = build();

for (const name of ["orderkit.js", "orderkit-admin.js", "orderkit.css"]) {
  test(`the committed ${name} is a fresh build of the sources (run npm run build)`, async () => {
    const built = (await fresh)[name];
    const committed = await readFile(join(OUT_DIR, name));
    assert.equal(Buffer.compare(Buffer.from(built), committed), 0);
  });
}

test(`orderkit.js stays within ${MAX_JS_GZIP} bytes gzipped`, async () => {
  const size = gzipSize((await fresh)["orderkit.js"]);
  assert.ok(size <= MAX_JS_GZIP, `${size} bytes`);
});

test("the bundle runs as a classic script: config from its tag, one install, window.orderkit", async () => {
  const code = Buffer.from((await fresh)["orderkit.js"]).toString("utf8");
  const calls = [];
  const dom = new JSDOM(
    `<!DOCTYPE html><body>
      <ol data-orderkit="sortable" data-url="/r/"><li data-pk="1">A</li></ol>
      <button type="submit" data-orderkit="toggle" data-url="/t/" aria-pressed="false">On</button>
    </body>`,
    {
      url: "http://testserver/",
      runScripts: "dangerously",
    },
  );
  const { window } = dom;
  window.document.cookie = "ck=COOKIE";
  window.fetch = async (url, init) => {
    calls.push({ url, init });
    return new Response('{"value": true}', { status: 200 });
  };
  for (let i = 0; i < 2; i += 1) {
    const script = window.document.createElement("script");
    script.setAttribute("data-orderkit-csrf-header", "X-Custom");
    script.setAttribute("data-orderkit-csrf-cookie", "ck");
    script.textContent = code;
    window.document.head.append(script);
  }
  await new Promise((resolve) => window.addEventListener("load", resolve));
  assert.equal(typeof window.orderkit.version, "string");
  assert.equal(typeof window.orderkit.bind, "function");
  const done = new Promise((resolve) => window.document.addEventListener("orderkit:done", resolve));
  window.document.querySelector("button").click();
  await done;
  assert.equal(calls.length, 1, "a second copy of the script adds no second listener");
  assert.equal(calls[0].init.headers["X-Custom"], "COOKIE");
  window.close();
});
