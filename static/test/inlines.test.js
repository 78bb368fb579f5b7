import assert from "node:assert/strict";
import { test } from "node:test";
import { JSDOM } from "jsdom";
import { installInlines } from "../src/inlines.js";
import { announcement, click, key, order } from "../testing/page.js";

const CONFIG = { csrfHeader: "X-CSRFToken", csrfCookie: "csrftoken", catalog: null };

// Django's tabular inline as orderkit's admin renders it: saved rows with a title strip,
// an unsaved row and the empty form's template, in a fieldset that adminsortable2 sorts.
function tabular(names, { reversed = false } = {}) {
  const rows = names
    .map((name, index) => {
      const key = reversed ? names.length - index : index + 1;
      return `<tr class="form-row has_original" id="ponies-${index}"><td class="original"><p>
        ${name} <a href="#" class="inlinechangelink">Change</a></p>
        <input type="hidden" name="ponies-${index}-id" value="${index + 1}"></td>
        <td><input name="ponies-${index}-name" value="${name}">
        <input type="hidden" name="ponies-${index}-orderkit_sort_key" value="${key}" class="_reorder_"></td></tr>`;
    })
    .join("");
  const dom = new JSDOM(
    `<!DOCTYPE html><body><fieldset class="module sortable${reversed ? " reversed" : ""}"><table><tbody>${rows}
      <tr class="form-row" id="ponies-new"><td class="original"></td><td><input name="ponies-9-name">
        <input type="hidden" name="ponies-9-orderkit_sort_key" class="_reorder_"></td></tr>
      <tr class="form-row empty-form" id="ponies-empty"><td class="original"></td><td></td></tr>
    </tbody></table></fieldset></body>`,
  );
  const doc = dom.window.document;
  installInlines(doc, CONFIG);
  return doc;
}

const tbody = (doc) => doc.querySelector("tbody");
const keys = (doc) => Array.from(doc.querySelectorAll("tr[data-pk] input._reorder_"), (input) => input.value);
const handle = (doc, pk) => doc.querySelector(`tr[data-pk="${pk}"] [data-orderkit-handle]`);

test("each saved row gets a handle named after it and two move buttons; other rows none", () => {
  const doc = tabular(["Bramble", "Clover", "Dusty"]);
  assert.deepEqual(order(tbody(doc)), ["1", "2", "3"]);
  const names = Array.from(doc.querySelectorAll("tr[data-pk] button"), (button) => button.getAttribute("aria-label"));
  assert.deepEqual(names.slice(0, 3), ["Move Bramble", "Move Bramble to the top", "Move Bramble to the bottom"]);
  assert.equal(doc.querySelectorAll("button").length, 9);
  assert.equal(handle(doc, "1").type, "button");
});

test("the keyboard moves a row and renumbers the sort keys from the top", () => {
  const doc = tabular(["Bramble", "Clover", "Dusty"]);
  const grip = handle(doc, "3");
  grip.focus();
  key(grip, " ");
  assert.match(announcement(doc), /^Picked up Dusty, position 3 of 3\./);
  key(grip, "ArrowUp");
  key(grip, "ArrowUp");
  assert.equal(doc.querySelector('tr[data-pk="3"] input._reorder_').value, "3", "nothing is renumbered before the drop");
  key(grip, "Enter");
  assert.deepEqual(order(tbody(doc)), ["3", "1", "2"]);
  assert.deepEqual(keys(doc), ["1", "2", "3"]);
  assert.equal(doc.querySelector('tr[data-pk="3"] input._reorder_').value, "1");
  assert.equal(announcement(doc), "Dusty dropped at position 1 of 3.");
  assert.equal(doc.activeElement, grip);
  assert.equal(tbody(doc).lastElementChild.id, "ponies-empty", "unsaved rows stay last");
});

test("Escape puts the row back and leaves the keys alone", () => {
  const doc = tabular(["Bramble", "Clover", "Dusty"]);
  const grip = handle(doc, "1");
  grip.focus();
  key(grip, " ");
  key(grip, "ArrowDown");
  key(grip, "Escape");
  assert.deepEqual(order(tbody(doc)), ["1", "2", "3"]);
  assert.deepEqual(
    Array.from(doc.querySelectorAll("tr[data-pk]"), (row) => row.querySelector("input._reorder_").value),
    ["1", "2", "3"],
  );
});

test("the move buttons send a row to the top or the bottom, keep focus and say where", () => {
  const doc = tabular(["Bramble", "Clover", "Dusty"]);
  const bottom = doc.querySelector('tr[data-pk="1"] [data-orderkit-inline-move="bottom"]');
  bottom.focus();
  click(bottom);
  assert.deepEqual(order(tbody(doc)), ["2", "3", "1"]);
  assert.equal(doc.activeElement, bottom);
  assert.equal(announcement(doc), "Bramble moved to position 3 of 3.");
  click(doc.querySelector('tr[data-pk="3"] [data-orderkit-inline-move="top"]'));
  assert.deepEqual(order(tbody(doc)), ["3", "2", "1"]);
  assert.equal(doc.querySelector('tr[data-pk="3"] input._reorder_').value, "1");
  assert.equal(doc.querySelector('tr[data-pk="1"] input._reorder_').value, "3");
});

test("a reversed inline numbers its keys down from the top", () => {
  const doc = tabular(["Bramble", "Clover", "Dusty"], { reversed: true });
  click(doc.querySelector('tr[data-pk="3"] [data-orderkit-inline-move="top"]'));
  assert.deepEqual(order(tbody(doc)), ["3", "1", "2"]);
  assert.deepEqual(
    Array.from(doc.querySelectorAll("tr[data-pk]"), (row) => row.querySelector("input._reorder_").value),
    ["3", "2", "1"],
  );
});

test("a stacked row is named by its label", () => {
  const dom = new JSDOM(
    `<!DOCTYPE html><body><fieldset class="module sortable"><h2>Ponies</h2>
      <div class="inline-related has_original"><h3><b>Pony:</b> <span class="inline_label">Ember <a href="#" class="inlinechangelink">Change</a></span></h3>
        <input type="hidden" name="ponies-0-id" value="7">
        <input type="hidden" name="ponies-0-orderkit_sort_key" value="1" class="_reorder_"></div>
    </fieldset></body>`,
  );
  const doc = dom.window.document;
  installInlines(doc, { ...CONFIG, catalog: { "Move %(label)s": "%(label)s verschieben" } });
  const row = doc.querySelector(".inline-related");
  assert.equal(row.getAttribute("data-pk"), "7");
  assert.equal(row.querySelector("[data-orderkit-handle]").getAttribute("aria-label"), "Ember verschieben");
  assert.equal(row.parentElement.hasAttribute("data-orderkit-inline"), true);
});
