import assert from "node:assert/strict";
import { test } from "node:test";
import { JSDOM } from "jsdom";
import { stopSortableChanges } from "../src/admin.js";
import { placeRelationPanels } from "../src/panels.js";

function changeList() {
  const dom = new JSDOM(
    `<!DOCTYPE html><body><form id="changelist-form"><table id="result_list"><tbody>
      <tr><td><input class="action-select" type="checkbox"></td><td><input name="form-0-name"></td></tr>
    </tbody></table></form></body>`,
  );
  const doc = dom.window.document;
  const seen = [];
  // Where Django's actions.js listens.
  doc.querySelector("tbody").addEventListener("change", (event) => seen.push(event.target.localName));
  stopSortableChanges(doc);
  return { dom, doc, seen };
}

test("SortableJS's change events on the change list's body do not reach actions.js", () => {
  const { dom, doc, seen } = changeList();
  const tbody = doc.querySelector("tbody");
  tbody.dispatchEvent(new dom.window.CustomEvent("change", { bubbles: true }));
  assert.deepEqual(seen, []);
});

test("edits of the change list's inputs still do", () => {
  const { dom, doc, seen } = changeList();
  for (const input of doc.querySelectorAll("input")) {
    input.dispatchEvent(new dom.window.Event("change", { bubbles: true }));
  }
  assert.deepEqual(seen, ["input", "input"]);
});

test("a body outside the change list is left alone", () => {
  const { dom, doc } = changeList();
  const other = doc.createElement("table").appendChild(doc.createElement("tbody"));
  doc.body.append(other.parentNode);
  const seen = [];
  other.addEventListener("change", () => seen.push("other"));
  other.dispatchEvent(new dom.window.CustomEvent("change", { bubbles: true }));
  assert.deepEqual(seen, ["other"]);
});

test("the relations panels go right before the change form's bottom submit row", () => {
  const dom = new JSDOM(
    `<!DOCTYPE html><body><div id="content-main"><form id="pony_form"><div>
      <div class="submit-row" id="top"></div><fieldset id="fields"></fieldset>
      <div class="submit-row" id="bottom"></div>
    </div></form></div>
    <fieldset data-orderkit-panel id="tags"></fieldset><fieldset data-orderkit-panel id="friends"></fieldset></body>`,
  );
  const doc = dom.window.document;
  placeRelationPanels(doc);
  const order = Array.from(doc.querySelector("#pony_form > div").children, (child) => child.id);
  assert.deepEqual(order, ["top", "fields", "tags", "friends", "bottom"]);
});

test("a page without a submit row keeps its panels where they are", () => {
  const dom = new JSDOM(`<!DOCTYPE html><body><div id="content-main"></div><fieldset data-orderkit-panel></fieldset></body>`);
  const doc = dom.window.document;
  placeRelationPanels(doc);
  assert.equal(doc.body.lastElementChild.localName, "fieldset");
});
