import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { readConfig } from "../src/config.js";
import { findCsrfToken } from "../src/csrf.js";
import { buildRequest, post, succeeded } from "../src/request.js";
import { CONFIG, json, mockFetch, page } from "../testing/page.js";

let current;
afterEach(() => {
  current?.close();
  current = null;
});

function open(body, options) {
  current = page(body, options);
  return current.document;
}

const NESTED = `
  <input type="hidden" name="csrfmiddlewaretoken" value="PAGE">
  <div id="region" data-csrf-token="REGION">
    <form id="form"><input type="hidden" name="csrfmiddlewaretoken" value="FORM">
      <button id="button" type="button">Go</button>
    </form>
  </div>`;

test("CSRF: data-csrf-token on the element or an ancestor comes first", () => {
  const doc = open(NESTED, { cookie: "csrftoken=COOKIE" });
  assert.equal(findCsrfToken(doc.getElementById("button"), "csrftoken"), "REGION");
  doc.getElementById("button").setAttribute("data-csrf-token", "OWN");
  assert.equal(findCsrfToken(doc.getElementById("button"), "csrftoken"), "OWN");
});

test("CSRF: then the element's form input, then any input in the page", () => {
  const doc = open(NESTED, { cookie: "csrftoken=COOKIE" });
  doc.getElementById("region").removeAttribute("data-csrf-token");
  assert.equal(findCsrfToken(doc.getElementById("button"), "csrftoken"), "FORM");
  doc.querySelector("#form input").remove();
  assert.equal(findCsrfToken(doc.getElementById("button"), "csrftoken"), "PAGE");
});

test("CSRF: the cookie named by the config comes last", () => {
  const doc = open('<button id="b">Go</button>', { cookie: "other=x; my_csrf=a%2Fb; csrftoken=WRONG" });
  assert.equal(findCsrfToken(doc.getElementById("b"), "my_csrf"), "a/b");
  assert.equal(findCsrfToken(doc.getElementById("b"), "absent"), "");
});

test("config: read from the script tag, with Django's defaults", () => {
  const doc = open(
    '<script id="s" data-orderkit-csrf-header="X-Token" data-orderkit-csrf-cookie="tok"></script><script id="bare"></script>',
  );
  assert.deepEqual(readConfig(doc.getElementById("s")), { csrfHeader: "X-Token", csrfCookie: "tok", catalog: null });
  assert.deepEqual(readConfig(doc.getElementById("bare")), CONFIG);
  assert.deepEqual(readConfig(null), CONFIG);
});

test("request: a same-origin JSON POST with the token in the configured header", () => {
  const doc = open('<button id="b" data-csrf-token="T1">Go</button>');
  const init = buildRequest(doc.getElementById("b"), { pk: "3", after: "2" }, { ...CONFIG, csrfHeader: "X-Token" });
  assert.deepEqual(init, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", Accept: "application/json", "X-Token": "T1" },
    body: '{"pk":"3","after":"2"}',
  });
});

test("request: no token anywhere sends no CSRF header (the server then says why)", () => {
  const doc = open('<button id="b">Go</button>');
  const init = buildRequest(doc.getElementById("b"), {}, CONFIG);
  assert.equal("X-CSRFToken" in init.headers, false);
});

test("post: parses JSON answers, whatever the status", async (t) => {
  const doc = open('<button id="b">Go</button>');
  const calls = mockFetch(() => json(400, { errors: { __all__: [{ message: "No.", code: "x" }] } }));
  t.after(calls.restore);
  const result = await post(doc.getElementById("b"), "/u/", { value: true }, CONFIG);
  assert.deepEqual(result, { status: 400, data: { errors: { __all__: [{ message: "No.", code: "x" }] } } });
  assert.equal(calls[0].url, "/u/");
  assert.equal(calls[0].init.method, "POST");
  assert.deepEqual(calls[0].body, { value: true });
});

test("post: a non-JSON answer has data null; a network failure is status 0", async (t) => {
  const doc = open('<button id="b">Go</button>');
  let fail = false;
  const calls = mockFetch(() => {
    if (fail) throw new TypeError("Failed to fetch");
    return new Response("<h1>Bad Gateway</h1>", { status: 502, headers: { "Content-Type": "text/html" } });
  });
  t.after(calls.restore);
  assert.deepEqual(await post(doc.getElementById("b"), "/u/", {}, CONFIG), { status: 502, data: null });
  fail = true;
  assert.deepEqual(await post(doc.getElementById("b"), "/u/", {}, CONFIG), { status: 0, data: null });
});

test("succeeded: only a 2xx answer with a JSON object", () => {
  assert.equal(succeeded({ status: 200, data: { changed: true } }), true);
  assert.equal(succeeded({ status: 200, data: null }), false);
  assert.equal(succeeded({ status: 204, data: "ok" }), false);
  assert.equal(succeeded({ status: 400, data: { errors: {} } }), false);
  assert.equal(succeeded({ status: 0, data: null }), false);
});
