import assert from "node:assert/strict";
import { test } from "node:test";
import { JSDOM } from "jsdom";
import { stopSortableChanges } from "../src/admin.js";

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
