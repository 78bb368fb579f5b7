import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { applyFailure, applyFieldErrors, clearFieldErrors } from "../src/errors.js";
import { page } from "../testing/page.js";

let current;
afterEach(() => {
  current?.close();
  current = null;
});

function form() {
  current = page(`
    <form id="f">
      <input type="hidden" name="next" value="/" id="id_next">
      <select name="pk" aria-describedby="help"><option value="">Add…</option></select>
      <span id="help">Pick one</span>
      <input name="note">
    </form>`);
  return current.document.getElementById("f");
}

const error = (message, code = "invalid") => [{ message, code }];

test("field errors mark the field, describe it and sit right after it, as text", () => {
  const f = form();
  const select = f.querySelector("[name=pk]");
  const unplaced = applyFieldErrors(f, { pk: error('<img src=x onerror="alert(1)">', "required") });
  assert.deepEqual(unplaced, []);
  const note = select.nextElementSibling;
  assert.equal(note.matches("span.orderkit-error[data-orderkit-error]"), true);
  assert.equal(note.textContent, '<img src=x onerror="alert(1)">');
  assert.equal(note.children.length, 0);
  assert.equal(f.querySelector("img"), null);
  assert.equal(select.getAttribute("aria-invalid"), "true");
  assert.equal(select.getAttribute("aria-describedby"), `help ${note.id}`);
  assert.equal(current.document.getElementById(note.id), note);
});

test("clearing restores every attribute and removes every note", () => {
  const f = form();
  const select = f.querySelector("[name=pk]");
  const input = f.querySelector("[name=note]");
  applyFieldErrors(f, { pk: error("Required."), note: error("Too long.") });
  assert.equal(f.querySelectorAll("[data-orderkit-error]").length, 2);
  clearFieldErrors(f);
  assert.equal(f.querySelectorAll("[data-orderkit-error]").length, 0);
  assert.equal(select.getAttribute("aria-describedby"), "help");
  assert.equal(select.hasAttribute("aria-invalid"), false);
  assert.equal(input.hasAttribute("aria-describedby"), false);
  assert.equal(input.hasAttribute("aria-invalid"), false);
});

test("errors without a visible field in the form, and __all__, are returned for a message", () => {
  const f = form();
  const unplaced = applyFieldErrors(f, {
    __all__: error("Not allowed."),
    next: error("Bad next."),
    before: error("Select a valid choice."),
  });
  assert.deepEqual(unplaced, ["Not allowed.", "Bad next.", "Select a valid choice."]);
  assert.equal(f.querySelectorAll("[data-orderkit-error]").length, 0);
  assert.deepEqual(applyFieldErrors(null, { pk: error("Required.") }), ["Required."]);
});

test("error text: network failure", () => {
  assert.equal(applyFailure({ status: 0, data: null }, null), "The server could not be reached.");
});

test("error text: a non-JSON answer, or JSON without errors", () => {
  assert.equal(applyFailure({ status: 502, data: null }, null), "The server answered 502 without details.");
  assert.equal(applyFailure({ status: 500, data: { detail: "x" } }, null), "The server answered 500 without details.");
  assert.equal(applyFailure({ status: 200, data: null }, null), "The server answered 200 without details.");
});

test("error text: a 503 or a 409 without details says to try again", () => {
  assert.equal(applyFailure({ status: 503, data: null }, null), "The server is unavailable for a moment. Try again.");
  assert.equal(
    applyFailure({ status: 409, data: { detail: "x" } }, null),
    "Someone else changed these rows at the same time. Reload and try again.",
  );
});

test("error text: a 503 with orderkit's answer shows its message", () => {
  const data = { errors: { __all__: error("The database cannot be reached right now. Try again in a moment.", "unavailable") } };
  assert.equal(applyFailure({ status: 503, data }, null), "The database cannot be reached right now. Try again in a moment.");
});

test("error text: __all__ and unplaced field errors, joined", () => {
  const f = form();
  const text = applyFailure(
    { status: 400, data: { errors: { __all__: error("Not allowed.", "permission_denied"), pk: error("Required.") , other: error("Odd.")} } },
    f,
  );
  assert.equal(text, "Not allowed. Odd.");
  assert.equal(f.querySelector("[name=pk]").getAttribute("aria-invalid"), "true");
});

test("error text: nothing to say when the form shows every error", () => {
  const f = form();
  assert.equal(applyFailure({ status: 400, data: { errors: { pk: error("Required.", "required") } } }, f), "");
  assert.equal(f.querySelectorAll("[data-orderkit-error]").length, 1);
});
