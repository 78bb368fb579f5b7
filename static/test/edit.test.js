import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { deferred, json, key, messages, perTest, settled } from "../testing/page.js";

const fx = perTest(afterEach);

// What {% orderkit_edit pony "name" %} writes.
const URL = "/orderkit/ponies.pony/1/edit/name/";
const EDIT =
  `<form method="post" action="${URL}" class="orderkit-form" data-orderkit="edit" data-url="${URL}" data-pk="1">` +
  '<input type="hidden" name="csrfmiddlewaretoken" value="FORMTOKEN"><input type="hidden" name="next" value="/">' +
  '<input type="text" name="value" value="Bramble" class="orderkit-edit-input" aria-label="Name of Bramble" maxlength="100">' +
  '<button type="submit" class="orderkit-edit-save">Save</button></form><input id="other">';

const TAKEN = { errors: { value: [{ message: "This stable has a pony of that name already.", code: "unique" }] } };
const DENIED = { errors: { __all__: [{ message: "You are not allowed to do this.", code: "permission_denied" }] } };

function type(doc, text) {
  const input = doc.querySelector("[name=value]");
  input.focus();
  input.value = text;
  return input;
}

function enter(doc) {
  const form = doc.querySelector("form");
  const event = new doc.defaultView.SubmitEvent("submit", { bubbles: true, cancelable: true });
  form.dispatchEvent(event);
  return event;
}

test("Enter saves: the value is posted as JSON and becomes the saved value", async () => {
  const doc = await fx.setUp(() => json(200, { changed: true, pk: "1", field: "name", value: "Clover" }), EDIT);
  const input = type(doc, " Clover ");
  const done = settled(doc);
  assert.equal(enter(doc).defaultPrevented, true);
  assert.equal(fx.calls[0].url, URL);
  assert.deepEqual(fx.calls[0].body, { value: " Clover " });
  assert.equal(fx.calls[0].init.headers["X-CSRFToken"], "FORMTOKEN");
  const event = await done;
  assert.equal(event.type, "orderkit:done");
  assert.equal(input.value, "Clover");
  assert.equal(input.defaultValue, "Clover");
  assert.deepEqual(messages(doc), []);
});

test("an invalid value stays, with its error next to the input; Escape cancels", async () => {
  const doc = await fx.setUp(() => json(400, TAKEN), EDIT);
  const input = type(doc, "Clover");
  const done = settled(doc);
  enter(doc);
  assert.equal((await done).type, "orderkit:fail");
  assert.equal(input.value, "Clover");
  assert.equal(input.getAttribute("aria-invalid"), "true");
  assert.equal(input.nextElementSibling.textContent, "This stable has a pony of that name already.");
  const escape = key(input, "Escape");
  assert.equal(escape.defaultPrevented, true);
  assert.equal(input.value, "Bramble");
  assert.equal(input.hasAttribute("aria-invalid"), false);
  assert.equal(doc.querySelectorAll("[data-orderkit-error]").length, 0);
});

test("a refusal puts the saved value back and says why", async () => {
  const doc = await fx.setUp(() => json(403, DENIED), EDIT);
  const input = type(doc, "Clover");
  const done = settled(doc);
  enter(doc);
  await done;
  assert.equal(input.value, "Bramble");
  assert.deepEqual(messages(doc), [{ level: "error", text: "You are not allowed to do this." }]);
});

test("while in flight the button is disabled, another Enter sends nothing, typing is kept", async () => {
  const answer = deferred();
  const doc = await fx.setUp(() => answer.promise, EDIT);
  const input = type(doc, "Clover");
  enter(doc);
  assert.equal(doc.querySelector("button").disabled, true);
  assert.equal(enter(doc).defaultPrevented, true);
  assert.equal(fx.calls.length, 1);
  assert.equal(key(input, "Escape").defaultPrevented, false, "no cancel in flight");
  input.value = "Clover 2";
  const done = settled(doc);
  answer.resolve(json(200, { changed: true, pk: "1", field: "name", value: "Clover" }));
  await done;
  assert.equal(input.value, "Clover 2");
  assert.equal(input.defaultValue, "Clover");
  assert.equal(doc.querySelector("button").disabled, false);
});

test("Escape elsewhere, and other keys, leave the input alone", async () => {
  const doc = await fx.setUp(() => json(200, {}), EDIT);
  const input = type(doc, "Clover");
  assert.equal(key(input, "Enter").defaultPrevented, false);
  assert.equal(key(doc.getElementById("other"), "Escape").defaultPrevented, false);
  assert.equal(input.value, "Clover");
});

test("an answer without a value keeps what was sent", async () => {
  const doc = await fx.setUp(() => json(200, { changed: true }), EDIT);
  const input = type(doc, "Clover");
  const done = settled(doc);
  enter(doc);
  await done;
  assert.equal(input.defaultValue, "Clover");
});
