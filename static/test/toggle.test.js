import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { click, deferred, json, messages, perTest, ponies, settled } from "../testing/page.js";

const fx = perTest(afterEach);
const setUp = fx.setUp;

const DENIED = { errors: { __all__: [{ message: "You may not change this.", code: "permission_denied" }] } };

test("a toggle click sets the new value optimistically and posts it instead of submitting", async () => {
  const answer = deferred();
  const doc = await setUp(() => answer.promise);
  const button = doc.querySelector('[data-orderkit="toggle"]');
  const event = click(button);
  assert.equal(event.defaultPrevented, true);
  assert.equal(button.getAttribute("aria-pressed"), "false");
  assert.equal(fx.calls.length, 1);
  assert.equal(fx.calls[0].url, "/orderkit/ponies.pony/1/toggle/is_active/");
  assert.deepEqual(fx.calls[0].body, { value: false });
  assert.equal(fx.calls[0].init.headers["X-CSRFToken"], "FORMTOKEN");
  const done = settled(doc);
  answer.resolve(json(200, { changed: true, pk: "1", field: "is_active", value: false }));
  const event2 = await done;
  assert.equal(event2.type, "orderkit:done");
  assert.equal(event2.target, button);
  assert.deepEqual(event2.detail, { status: 200, data: { changed: true, pk: "1", field: "is_active", value: false } });
  assert.equal(button.getAttribute("aria-pressed"), "false");
  assert.deepEqual(messages(doc), []);
});

test("the state follows the server's answer", async () => {
  const doc = await setUp(() => json(200, { changed: false, pk: "1", field: "is_active", value: true }));
  const button = doc.querySelector('[data-orderkit="toggle"]');
  const done = settled(doc);
  click(button);
  await done;
  assert.equal(button.getAttribute("aria-pressed"), "true");
});

test("a refused toggle goes back and says why; the fail event carries the answer", async () => {
  const doc = await setUp(() => json(403, DENIED));
  const button = doc.querySelector('[data-orderkit="toggle"]');
  const done = settled(doc);
  click(button);
  const event = await done;
  assert.equal(event.type, "orderkit:fail");
  assert.equal(event.target, button);
  assert.deepEqual(event.detail, { status: 403, data: DENIED });
  assert.equal(button.getAttribute("aria-pressed"), "true");
  assert.deepEqual(messages(doc), [{ level: "error", text: "You may not change this." }]);
});

test("a network failure goes back, says so, and fails with status 0", async () => {
  const doc = await setUp(() => {
    throw new TypeError("Failed to fetch");
  });
  const button = doc.querySelector('[data-orderkit="toggle"]');
  const done = settled(doc);
  click(button);
  const event = await done;
  assert.deepEqual(event.detail, { status: 0, data: null });
  assert.equal(button.getAttribute("aria-pressed"), "true");
  assert.deepEqual(messages(doc), [{ level: "error", text: "The server could not be reached." }]);
});

test("while in flight the control is busy and a second click sends nothing", async () => {
  const answer = deferred();
  const doc = await setUp(() => answer.promise);
  const button = doc.querySelector('[data-orderkit="toggle"]');
  button.setAttribute("aria-busy", "false");
  click(button);
  assert.equal(button.disabled, true);
  assert.equal(button.getAttribute("aria-busy"), "true");
  const second = click(button);
  assert.equal(second.defaultPrevented, true, "the form must not post natively either");
  assert.equal(fx.calls.length, 1);
  assert.equal(button.getAttribute("aria-pressed"), "false");
  const done = settled(doc);
  answer.resolve(json(200, { changed: true, pk: "1", field: "is_active", value: false }));
  await done;
  assert.equal(button.disabled, false);
  assert.equal(button.getAttribute("aria-busy"), "false");
  const again = settled(doc);
  click(button);
  assert.equal(fx.calls.length, 2);
  assert.deepEqual(fx.calls[1].body, { value: true });
  await again;
});

test("a control the server disabled never acts", async () => {
  const doc = await setUp(() => json(200, {}));
  const button = doc.querySelector('[data-orderkit="toggle"]');
  button.disabled = true;
  click(button);
  assert.equal(fx.calls.length, 0);
  assert.equal(button.getAttribute("aria-pressed"), "true");
});

test("a checkbox toggle posts its checked state on change, and goes back on failure", async () => {
  const doc = await setUp(
    () => json(409, { errors: { __all__: [{ message: "Busy, try again.", code: "conflict" }] } }),
    '<input type="checkbox" data-orderkit="toggle" data-url="/t/" data-pk="1" data-csrf-token="T">',
  );
  const box = doc.querySelector("input");
  const done = settled(doc);
  box.click();
  assert.equal(box.checked, true);
  assert.deepEqual(fx.calls[0].body, { value: true });
  assert.equal(fx.calls[0].init.headers["X-CSRFToken"], "T");
  await done;
  assert.equal(box.checked, false);
  assert.deepEqual(messages(doc), [{ level: "error", text: "Busy, try again." }]);
});

test("controls added after load work with no extra step", async () => {
  const doc = await setUp(() => json(200, { changed: true, pk: "9", field: "is_active", value: true }), "");
  doc.body.insertAdjacentHTML(
    "beforeend",
    '<button type="submit" data-orderkit="toggle" data-url="/late/" aria-pressed="false">On</button>',
  );
  const button = doc.querySelector("button");
  const done = settled(doc);
  click(button);
  await done;
  assert.equal(fx.calls[0].url, "/late/");
  assert.equal(button.getAttribute("aria-pressed"), "true");
});

// A browser drops focus to <body> when the focused button is disabled while its request runs.
test("focus comes back to the switch once its request is settled", async () => {
  const answer = deferred();
  const doc = await setUp(() => answer.promise);
  const button = doc.querySelector('[data-orderkit="toggle"]');
  button.focus();
  click(button);
  // What the browser does on disabling it: focus goes elsewhere, then to <body>.
  const elsewhere = doc.body.appendChild(doc.createElement("input"));
  elsewhere.focus();
  elsewhere.remove();
  assert.equal(doc.activeElement, doc.body);
  const done = settled(doc);
  answer.resolve(json(200, { changed: true, pk: "1", field: "is_active", value: false }));
  await done;
  assert.equal(doc.activeElement, button);
});

test("focus that went elsewhere meanwhile stays there", async () => {
  const answer = deferred();
  const doc = await setUp(() => answer.promise);
  const [button, other] = doc.querySelectorAll('[data-orderkit="toggle"]');
  button.focus();
  click(button);
  other.focus();
  const done = settled(doc);
  answer.resolve(json(200, { changed: true, pk: "1", field: "is_active", value: false }));
  await done;
  assert.equal(doc.activeElement, other);
});
