import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { adoptChangeList, showPageNumbers } from "../src/admin.js";
import { messageRegion, showMessage } from "../src/messages.js";
import { deferred, json, key, order, perTest, settled } from "../testing/page.js";

const fx = perTest(afterEach);

// What Django and orderkit's handle column write: the rows' item attributes in a marker in
// the handle cell, the container's above the table.
function row(pk, label, group, { handle = true } = {}) {
  const marker = `<span hidden data-orderkit-row data-orderkit-item data-pk="${pk}" data-orderkit-label="${label}" data-orderkit-group="${group}"></span>`;
  const grip = handle ? `<button type="button" class="orderkit-handle" data-orderkit-handle aria-label="Move ${label}">⠿</button>` : "";
  return `<tr><td class="action-checkbox"><input class="action-select" type="checkbox" value="${pk}"></td><td>${marker}${grip}</td><td>${label}</td></tr>`;
}

function adminPage(rows, { reversed = false } = {}) {
  const settings = `<span hidden data-orderkit-changelist data-url="/admin/ponies/pony/adminsortable2_update/"${reversed ? " data-orderkit-reversed" : ""}></span>`;
  return (
    `<main id="content-start"><div id="content"><form id="changelist-form">${settings}` +
    `<select name="action"><option value="">---</option><option value="move_to_back_page">back</option><option value="move_to_exact_page">exact</option></select>` +
    `<input type="number" id="changelist-form-step"><input type="number" id="changelist-form-page">` +
    `<table id="result_list"><tbody>${rows.join("")}</tbody></table></form></div></main>`
  );
}

async function setUpAdmin(answer, rows, options) {
  const doc = await fx.setUp(answer, adminPage(rows, options));
  doc.body.setAttribute("data-admin-utc-offset", "0");
  adoptChangeList(doc);
  // The client binds a container once it is marked sortable (its observer runs after this).
  await new Promise((resolve) => setTimeout(resolve, 0));
  return doc;
}

// Picks the row of `handle` up, moves it one place up and drops it; resolves once settled.
function moveUp(doc, handle) {
  handle.focus();
  key(handle, " ");
  key(handle, "ArrowUp");
  const done = settled(doc);
  key(handle, " ");
  return done;
}

const body = (doc) => doc.querySelector("#result_list tbody");
const grip = (doc, pk) => body(doc).querySelector(`tr[data-pk="${pk}"] [data-orderkit-handle]`);
const adminMessages = (doc) =>
  Array.from(doc.querySelectorAll("ul.messagelist > li:not(.orderkit-announcement)")).map((li) => [li.className, li.textContent]);

test("the change list's rows become the items of a sortable body", async () => {
  const doc = await setUpAdmin(() => json(200, {}), [row(1, "Bramble", "[1]"), row(2, "Clover", "[1]")]);
  const tbody = body(doc);
  assert.equal(tbody.getAttribute("data-orderkit"), "sortable");
  assert.equal(tbody.getAttribute("data-url"), "/admin/ponies/pony/adminsortable2_update/");
  assert.deepEqual(order(tbody), ["1", "2"]);
  const first = tbody.querySelector("tr");
  assert.equal(first.getAttribute("data-orderkit-label"), "Bramble");
  assert.equal(first.getAttribute("data-orderkit-group"), "[1]");
  assert.equal(first.hasAttribute("data-orderkit-item"), true);
});

test("a page without orderkit's settings is left alone", async () => {
  const doc = await fx.setUp(() => json(200, {}), `<table id="result_list"><tbody>${row(1, "Bramble", "[1]")}</tbody></table>`);
  adoptChangeList(doc);
  assert.equal(body(doc).hasAttribute("data-orderkit"), false);
  assert.equal(body(doc).querySelector("tr").hasAttribute("data-pk"), false);
});

test("a keyboard move is saved with one request and its message goes to the admin's list", async () => {
  const doc = await setUpAdmin(
    () => json(200, { changed: true, positions: {}, message: "“Clover” is moved." }),
    [row(1, "Bramble", "[1]"), row(2, "Clover", "[1]"), row(3, "Dusty", "[1]")],
  );
  assert.equal((await moveUp(doc, grip(doc, "2"))).type, "orderkit:done");
  assert.deepEqual(fx.calls[0].body, { pk: "2", before: "1" });
  // The move's message, with its Undo, in the admin's list.
  assert.deepEqual(adminMessages(doc), [["orderkit-message success", "Moved “Clover”. Undo"]]);
  const list = doc.querySelector("ul.messagelist");
  assert.equal(list.nextElementSibling, doc.getElementById("content"));
  assert.equal(list.getAttribute("aria-live"), "polite");
  assert.equal(list.querySelector(".orderkit-announcement").localName, "li");
});

test("a list shown in reverse sends the other side", async () => {
  const doc = await setUpAdmin(() => deferred().promise, [row(1, "Bramble", "[1]"), row(2, "Clover", "[1]")], { reversed: true });
  moveUp(doc, grip(doc, "2"));
  assert.deepEqual(fx.calls[0].body, { pk: "2", after: "1" });
  key(grip(doc, "1"), " ");
  key(grip(doc, "1"), "ArrowUp");
  assert.deepEqual(order(body(doc)), ["2", "1"]);
});

test("a row dropped among another group's rows is put back with a message, and nothing is sent", async () => {
  const doc = await setUpAdmin(() => json(200, {}), [row(1, "Bramble", "[1]"), row(2, "Clover", "[1]"), row(3, "Dusty", "[2]")]);
  const handle = grip(doc, "2");
  handle.focus();
  key(handle, " ");
  key(handle, "ArrowDown");
  assert.deepEqual(order(body(doc)), ["1", "3", "2"]);
  key(handle, " ");
  assert.deepEqual(order(body(doc)), ["1", "2", "3"]);
  assert.equal(fx.calls.length, 0);
  assert.deepEqual(adminMessages(doc), [["orderkit-message error", "Clover can only move among the rows of its group."]]);
});

test("a refused move is rolled back with the server's message in the admin's list", async () => {
  const refusal = { errors: { __all__: [{ message: "You may not.", code: "permission_denied" }] } };
  const doc = await setUpAdmin(() => json(403, refusal), [row(1, "Bramble", "[1]", { handle: false }), row(2, "Clover", "[1]")]);
  assert.equal(grip(doc, "1"), null);
  assert.equal((await moveUp(doc, grip(doc, "2"))).type, "orderkit:fail");
  assert.deepEqual(order(body(doc)), ["1", "2"]);
  assert.deepEqual(adminMessages(doc), [["orderkit-message error", "You may not."]]);
});

test("the admin's own message list is used, and made live", async () => {
  const doc = await fx.setUp(() => json(200, {}), '<main><ul class="messagelist"><li class="success">Saved.</li></ul><div id="content"></div></main>');
  doc.body.setAttribute("data-admin-utc-offset", "0");
  const list = messageRegion(doc);
  assert.equal(list, doc.querySelector("ul.messagelist"));
  assert.equal(list.getAttribute("role"), "status");
  showMessage(doc, "Moved.", "info");
  assert.deepEqual(adminMessages(doc), [["success", "Saved."], ["orderkit-message info", "Moved."]]);
});

test("an admin page without #content gets its message list first in the body", async () => {
  const doc = await fx.setUp(() => json(200, {}), "<p>Popup</p>");
  doc.body.setAttribute("data-admin-utc-offset", "0");
  assert.equal(messageRegion(doc), doc.body.firstElementChild);
});

test("the page number boxes show for the actions that read them", async () => {
  const doc = await fx.setUp(() => json(200, {}), adminPage([]));
  showPageNumbers(doc);
  const select = doc.querySelector("select[name=action]");
  const step = doc.getElementById("changelist-form-step");
  const pageBox = doc.getElementById("changelist-form-page");
  assert.deepEqual([step.style.display, pageBox.style.display], ["none", "none"]);
  for (const [action, shown] of [["move_to_back_page", ["inline-block", "none"]], ["move_to_exact_page", ["none", "inline-block"]]]) {
    select.value = action;
    select.dispatchEvent(new doc.defaultView.Event("change", { bubbles: true }));
    assert.deepEqual([step.style.display, pageBox.style.display], shown);
  }
  pageBox.remove();
  showPageNumbers(doc);
});
