import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { blockBody, gather, stepBlock } from "../src/block.js";
import { formerRuns, runBody } from "../src/blockundo.js";
import { inKitOrder, startOf } from "../src/positions.js";
import { FakeSortable, announcement, json, messages, order, page, perTest, ponies, settled } from "../testing/page.js";

const fx = perTest(afterEach);
const NAMES = ["Bramble", "Clover", "Dusty", "Ember", "Fern", "Ginger"];
const MOVED = { changed: true, positions: {} };
const DENIED = { errors: { __all__: [{ message: "You are not allowed to do this.", code: "permission_denied" }] } };

const list = (doc) => doc.querySelector('[data-orderkit="sortable"]');
const item = (doc, pk, within = list(doc)) => within.querySelector(`:scope > [data-pk="${pk}"]`);
const grip = (doc, pk) => item(doc, pk).querySelector("[data-orderkit-handle]");
const selected = (container) => order(container).filter((pk) => item(container.ownerDocument, pk, container).hasAttribute("data-orderkit-selected"));
const undoButton = (doc) => doc.querySelector(".orderkit-message-action");

function clickWith(element, modifiers = {}) {
  const event = new element.ownerDocument.defaultView.MouseEvent("click", { bubbles: true, cancelable: true, ...modifiers });
  element.dispatchEvent(event);
  return event;
}

function press(element, name, modifiers = {}) {
  const event = new element.ownerDocument.defaultView.KeyboardEvent("keydown", { key: name, bubbles: true, cancelable: true, ...modifiers });
  element.dispatchEvent(event);
  return event;
}

// Ctrl-clicks the items of `pks` (by their own surface, not a control).
function select(doc, ...pks) {
  for (const pk of pks) clickWith(item(doc, pk), { ctrlKey: true });
}

// What SortableJS does on a drag: choose, start, move the node, end (in `to`).
function drag(doc, pk, before, to = null) {
  const sortable = FakeSortable.instances.find((one) => one.el === item(doc, pk).parentNode);
  const dragged = item(doc, pk, sortable.el);
  sortable.options.onChoose({ item: dragged });
  sortable.options.onStart({ item: dragged });
  (to || sortable.el).insertBefore(dragged, before);
  sortable.options.onEnd({ item: dragged, to: to || sortable.el });
}

test("Ctrl/Cmd-click toggles an item, Shift-click adds a range, Escape clears: marked and announced", async () => {
  const doc = await fx.setUp(() => json(200, MOVED), ponies(NAMES));
  assert.equal(clickWith(item(doc, "2"), { ctrlKey: true }).defaultPrevented, true);
  assert.equal(item(doc, "2").classList.contains("orderkit-selected"), true);
  assert.equal(grip(doc, "2").getAttribute("aria-description"), "Selected");
  assert.equal(announcement(doc), "Selected: 1.");
  clickWith(item(doc, "5"), { shiftKey: true });
  assert.deepEqual(selected(list(doc)), ["2", "3", "4", "5"]);
  assert.equal(announcement(doc), "Selected: 4.");
  clickWith(item(doc, "3"), { metaKey: true });
  assert.deepEqual(selected(list(doc)), ["2", "4", "5"]);
  clickWith(item(doc, "1"), { shiftKey: true });
  assert.deepEqual(selected(list(doc)), ["1", "2", "3", "4", "5"], "the range runs from the item clicked last");
  assert.equal(press(doc.body, "Escape").defaultPrevented, true);
  assert.deepEqual(selected(list(doc)), []);
  assert.equal(item(doc, "2").classList.contains("orderkit-selected"), false);
  assert.equal(grip(doc, "2").hasAttribute("aria-description"), false);
  assert.equal(announcement(doc), "Selection cleared.");
  assert.equal(press(doc.body, "Escape").defaultPrevented, false, "with nothing selected, Escape is left alone");
  assert.equal(fx.calls.length, 0);
});

test("a modified click on a control in an item keeps its own meaning; a plain click selects nothing", async () => {
  const doc = await fx.setUp(() => json(200, MOVED), ponies(NAMES));
  const select = item(doc, "2").querySelector("select");
  assert.equal(clickWith(select, { ctrlKey: true }).defaultPrevented, false);
  clickWith(item(doc, "2"));
  assert.deepEqual(selected(list(doc)), []);
  clickWith(grip(doc, "3"), { ctrlKey: true });
  assert.deepEqual(selected(list(doc)), ["3"], "the handle is the item's own surface");
  const down = new doc.defaultView.MouseEvent("mousedown", { bubbles: true, cancelable: true, shiftKey: true });
  item(doc, "4").dispatchEvent(down);
  assert.equal(down.defaultPrevented, true, "a Shift-click selects no text");
});

test("Shift+Space on a handle adds its item or takes it away; Escape in a field is the field's", async () => {
  const doc = await fx.setUp(() => json(200, MOVED), ponies(NAMES));
  assert.equal(press(grip(doc, "2"), " ", { shiftKey: true }).defaultPrevented, true);
  press(grip(doc, "4"), " ", { shiftKey: true });
  assert.deepEqual(selected(list(doc)), ["2", "4"]);
  assert.equal(item(doc, "2").classList.contains("orderkit-grabbed"), false, "nothing is picked up");
  press(grip(doc, "2"), "Spacebar", { shiftKey: true });
  assert.deepEqual(selected(list(doc)), ["4"]);
  assert.equal(press(item(doc, "1").querySelector("select"), "Escape").defaultPrevented, false);
  assert.deepEqual(selected(list(doc)), ["4"]);
});

test("a selection belongs to one list: selecting in another clears the first", async () => {
  const doc = await fx.setUp(() => json(200, MOVED), ponies(["A", "B"]) + ponies(["C", "D"]));
  const [first, second] = doc.querySelectorAll('[data-orderkit="sortable"]');
  clickWith(item(doc, "1", first), { ctrlKey: true });
  clickWith(item(doc, "2", second), { ctrlKey: true });
  assert.deepEqual(selected(first), []);
  assert.deepEqual(selected(second), ["2"]);
});

test("a block's body names the row above it, else the one below; a reversed list turns it", () => {
  fx.current = page('<ol id="l"><li data-pk="1"></li> <li data-pk="2"></li><li data-pk="3"></li><li data-pk="4"></li><li data-pk="5"></li></ol>');
  const l = fx.current.document.getElementById("l");
  const [a, b, c, d, e] = Array.from(l.children);
  gather(l, d, [b, d]);
  assert.deepEqual(order(l), ["1", "3", "2", "4", "5"]);
  assert.deepEqual(blockBody(l, [b, d]), { pks: ["2", "4"], after: "3" });
  assert.equal(stepBlock(l, [b, d], -1), true);
  assert.equal(stepBlock(l, [b, d], -1), true);
  assert.equal(stepBlock(l, [b, d], -1), false, "the top is the end");
  assert.deepEqual(order(l), ["2", "4", "1", "3", "5"]);
  assert.deepEqual(blockBody(l, [b, d]), { pks: ["2", "4"], before: "1" });
  l.setAttribute("data-orderkit-reversed", "");
  assert.deepEqual(inKitOrder(l, blockBody(l, [b, d])), { pks: ["4", "2"], after: "1" });
  stepBlock(l, [b, d], 1);
  assert.deepEqual(inKitOrder(l, blockBody(l, [b, d])), { pks: ["4", "2"], before: "1" });
  assert.equal(blockBody(l, [a, b, c, d, e]), null, "everything selected: nowhere to go");
});

test("the undo of a block goes back run by run, each named by a row that did not move", () => {
  fx.current = page('<ol id="l"><li data-pk="1"></li><li data-pk="2"></li><li data-pk="3"></li><li data-pk="4"></li><li data-pk="5"></li><li data-pk="6"></li></ol>');
  const l = fx.current.document.getElementById("l");
  const [a, b, , d, e] = Array.from(l.children);
  const runs = formerRuns(startOf(l, a), [a, b, d, e]);
  assert.deepEqual(runs.map(runBody), [
    { pks: ["1", "2"], before: "3" },
    { pks: ["4", "5"], after: "3" },
  ]);
});

test("dragging a selected item moves the selection with it: one request, Undo puts every row back", async () => {
  const doc = await fx.setUp(() => json(200, MOVED), ponies(NAMES));
  select(doc, "1", "3", "5");
  drag(doc, "3", null);
  assert.deepEqual(order(list(doc)), ["2", "4", "6", "1", "3", "5"]);
  assert.deepEqual(fx.calls[0].body, { pks: ["1", "3", "5"], after: "6" });
  assert.equal(doc.querySelectorAll(".orderkit-carried").length, 0);
  await settled(doc);
  assert.deepEqual(messages(doc), [{ level: "success", text: "Moved 3 rows." }]);
  assert.deepEqual(selected(list(doc)), ["1", "3", "5"], "the selection stays");
  undoButton(doc).click();
  await settled(doc);
  await settled(doc);
  await settled(doc);
  assert.deepEqual(
    fx.calls.slice(1).map((call) => call.body),
    [
      { pks: ["1"], before: "2" },
      { pks: ["3"], after: "2" },
      { pks: ["5"], after: "4" },
    ],
  );
  assert.deepEqual(order(list(doc)), ["1", "2", "3", "4", "5", "6"]);
  assert.deepEqual(messages(doc).at(-1), { level: "success", text: "Moved 3 rows back." });
  assert.equal(undoButton(doc), null);
});

test("a refused block move puts every row back and says why; a refused undo keeps the order shown", async () => {
  let answer = json(403, DENIED);
  const doc = await fx.setUp(() => answer, ponies(NAMES));
  select(doc, "2", "3");
  const before = list(doc).innerHTML;
  drag(doc, "2", item(doc, "6"));
  assert.deepEqual(fx.calls[0].body, { pks: ["2", "3"], after: "5" });
  assert.equal((await settled(doc)).type, "orderkit:fail");
  assert.equal(list(doc).innerHTML.replaceAll(/ orderkit-carried/g, ""), before);
  assert.deepEqual(messages(doc), [{ level: "error", text: "You are not allowed to do this." }]);
  answer = json(200, MOVED);
  drag(doc, "3", null);
  await settled(doc);
  assert.deepEqual(order(list(doc)), ["1", "4", "5", "6", "2", "3"]);
  answer = json(403, DENIED);
  undoButton(doc).click();
  assert.equal((await settled(doc)).type, "orderkit:fail");
  assert.deepEqual(fx.calls.at(-1).body, { pks: ["2", "3"], after: "1" });
  assert.deepEqual(order(list(doc)), ["1", "4", "5", "6", "2", "3"]);
  assert.equal(undoButton(doc).disabled, false, "the offer stays, to try again");
});

test("a block in place, or one that holds every item, sends nothing", async () => {
  const doc = await fx.setUp(() => json(200, MOVED), ponies(["A", "B", "C"]));
  select(doc, "1", "2");
  drag(doc, "2", item(doc, "3"));
  select(doc, "3");
  drag(doc, "1", null);
  assert.deepEqual(order(list(doc)), ["1", "2", "3"]);
  assert.equal(fx.calls.length, 0);
});

test("the keyboard picks up the whole selection, moves it, drops it as one request, or puts it back", async () => {
  const doc = await fx.setUp(() => json(200, MOVED), ponies(NAMES));
  select(doc, "2", "4");
  const handle = grip(doc, "4");
  handle.focus();
  press(handle, " ");
  assert.deepEqual(order(list(doc)), ["1", "3", "2", "4", "5", "6"], "gathered around the held item");
  assert.equal(doc.querySelectorAll(".orderkit-grabbed").length, 2);
  assert.match(announcement(doc), /^Picked up 2 rows, position 3 of 6\./);
  press(handle, "ArrowDown");
  assert.equal(announcement(doc), "2 rows, position 4 of 6.");
  press(handle, "ArrowRight");
  assert.equal(announcement(doc), "2 rows, position 4 of 6.", "a list of no board has no neighbour");
  press(handle, "Escape");
  assert.deepEqual(order(list(doc)), ["1", "2", "3", "4", "5", "6"]);
  assert.equal(announcement(doc), "2 rows are back where they were.");
  assert.equal(doc.querySelectorAll(".orderkit-grabbed").length, 0);
  assert.deepEqual(selected(list(doc)), ["2", "4"], "Escape while holding keeps the selection");
  press(handle, "Enter");
  press(handle, "ArrowUp");
  press(handle, "ArrowUp");
  press(handle, "ArrowUp");
  assert.equal(doc.activeElement, handle);
  const done = settled(doc);
  press(handle, " ");
  assert.equal(announcement(doc), "2 rows dropped at position 1 of 6.");
  assert.deepEqual(fx.calls.map((call) => call.body), [{ pks: ["2", "4"], before: "1" }]);
  await done;
  assert.deepEqual(order(list(doc)), ["2", "4", "1", "3", "5", "6"]);
});

const GROUPED = `<ol data-orderkit="sortable" data-url="/r/">${["a", "a", "a", "b", "b"]
  .map((group, index) => `<li data-orderkit-item data-pk="${index + 1}" data-orderkit-group="${group}">${index + 1}</li>`)
  .join("")}</ol>`;

test("in a list of several groups, a block dropped among another group's rows is refused", async () => {
  const doc = await fx.setUp(() => json(200, MOVED), GROUPED);
  select(doc, "1", "2");
  drag(doc, "1", null);
  assert.deepEqual(order(list(doc)), ["1", "2", "3", "4", "5"]);
  assert.equal(fx.calls.length, 0);
  assert.deepEqual(messages(doc), [{ level: "error", text: "The selected rows can only move among the rows of their group." }]);
  drag(doc, "2", item(doc, "4"));
  assert.deepEqual(fx.calls[0].body, { pks: ["1", "2"], after: "3" });
});

const BOARD = ["x", "y"]
  .map((name, index) =>
    `<ol data-orderkit="sortable" data-url="/r/" data-orderkit-board="k" data-orderkit-group='{"stable": ${index}}' data-orderkit-group-label="Stable ${name}">` +
    [1, 2, 3].map((n) => `<li data-orderkit-item data-pk="${name}${n}"><button type="button" data-orderkit-handle>⠿</button>${name}${n}</li>`).join("") +
    "</ol>",
  )
  .join("");

const lists = (doc) => doc.querySelectorAll('[data-orderkit="sortable"]');

test("on a board, a block dragged into another list goes there as one request, and Undo brings it back", async () => {
  const doc = await fx.setUp(() => json(200, MOVED), BOARD);
  const [first, second] = lists(doc);
  clickWith(item(doc, "x1", first), { ctrlKey: true });
  clickWith(item(doc, "x3", first), { ctrlKey: true });
  const done = settled(doc);
  drag(doc, "x1", item(doc, "y2", second), second);
  assert.deepEqual(order(first), ["x2"]);
  assert.deepEqual(order(second), ["y1", "x1", "x3", "y2", "y3"]);
  assert.deepEqual(fx.calls.map((call) => call.body), [{ pks: ["x1", "x3"], after: "y1" }]);
  await done;
  assert.deepEqual(messages(doc), [{ level: "success", text: "Moved 2 rows." }]);
  undoButton(doc).click();
  await settled(doc);
  await settled(doc);
  assert.deepEqual(fx.calls.slice(1).map((call) => call.body), [{ pks: ["x1"], before: "x2" }, { pks: ["x3"], after: "x2" }]);
  assert.deepEqual(order(first), ["x1", "x2", "x3"]);
  assert.deepEqual(order(second), ["y1", "y2", "y3"]);
});

test("on a board, a refused undo leaves the run in the list it was moved into", async () => {
  let answer = json(200, MOVED);
  const doc = await fx.setUp(() => answer, BOARD);
  const [first, second] = lists(doc);
  clickWith(item(doc, "x1", first), { ctrlKey: true });
  clickWith(item(doc, "x2", first), { ctrlKey: true });
  drag(doc, "x1", item(doc, "y3", second), second);
  await settled(doc);
  assert.deepEqual(order(second), ["y1", "y2", "x1", "x2", "y3"]);
  answer = json(403, DENIED);
  undoButton(doc).click();
  assert.equal((await settled(doc)).type, "orderkit:fail");
  assert.deepEqual(fx.calls.at(-1).body, { pks: ["x1", "x2"], before: "x3" });
  assert.deepEqual(order(first), ["x3"]);
  assert.deepEqual(order(second), ["y1", "y2", "x1", "x2", "y3"]);
});

test("on a board, a refused block, or one dropped where no row stands, goes back to its list", async () => {
  const doc = await fx.setUp(() => json(403, DENIED), BOARD);
  const [first, second] = lists(doc);
  clickWith(item(doc, "x1", first), { ctrlKey: true });
  clickWith(item(doc, "x2", first), { ctrlKey: true });
  const done = settled(doc);
  drag(doc, "x2", null, second);
  assert.deepEqual(fx.calls.map((call) => call.body), [{ pks: ["x1", "x2"], after: "y3" }]);
  await done;
  assert.deepEqual(order(first), ["x1", "x2", "x3"]);
  assert.deepEqual(order(second), ["y1", "y2", "y3"]);
  assert.deepEqual(messages(doc).map((m) => m.text), ["You are not allowed to do this."]);
  for (const pk of ["y1", "y2", "y3"]) second.removeChild(item(doc, pk, second));
  drag(doc, "x1", null, second);
  assert.deepEqual(order(first), ["x1", "x2", "x3"]);
  assert.equal(fx.calls.length, 1);
  assert.equal(messages(doc).at(-1).text, "That list has no row for the selected rows to go next to.");
});

test("on a board, the keyboard carries a held block to the next list, announced, and drops it there", async () => {
  const doc = await fx.setUp(() => json(200, MOVED), BOARD);
  const [first, second] = lists(doc);
  clickWith(item(doc, "x2", first), { ctrlKey: true });
  clickWith(item(doc, "x3", first), { ctrlKey: true });
  const handle = item(doc, "x2", first).querySelector("[data-orderkit-handle]");
  handle.focus();
  press(handle, " ");
  press(handle, "ArrowRight");
  assert.deepEqual(order(second), ["y1", "x2", "x3", "y2", "y3"]);
  assert.equal(announcement(doc), "2 rows, in Stable y, position 2 of 5.");
  assert.equal(doc.activeElement, handle);
  press(handle, "ArrowLeft");
  assert.deepEqual(order(first), ["x1", "x2", "x3"]);
  press(handle, "ArrowRight");
  press(handle, "Escape");
  assert.deepEqual(order(first), ["x1", "x2", "x3"]);
  assert.deepEqual(order(second), ["y1", "y2", "y3"]);
  press(handle, " ");
  press(handle, "ArrowRight");
  press(handle, "ArrowDown");
  const done = settled(doc);
  press(handle, "Enter");
  assert.equal(announcement(doc), "2 rows dropped in Stable y at position 3 of 5.");
  assert.deepEqual(fx.calls.map((call) => call.body), [{ pks: ["x2", "x3"], after: "y2" }]);
  await done;
  assert.deepEqual(order(second), ["y1", "y2", "x2", "x3", "y3"]);
});

const CHANGE_LIST = `<table id="result_list"><tbody data-orderkit="sortable" data-url="/admin/r/">${[1, 2, 3, 4]
  .map((pk) => `<tr data-pk="${pk}"><td><input type="checkbox" class="action-select" value="${pk}"></td><td><button type="button" data-orderkit-handle>⠿</button></td></tr>`)
  .join("")}</tbody></table>`;

test("in the admin's change list, the checked rows are the selection", async () => {
  const doc = await fx.setUp(() => json(200, MOVED), CHANGE_LIST);
  const box = (pk) => item(doc, pk).querySelector("input");
  box("1").checked = true;
  clickWith(item(doc, "3"), { ctrlKey: true });
  assert.equal(box("3").checked, false, "a Ctrl-click on a row is Django's business");
  press(grip(doc, "3"), " ", { shiftKey: true });
  assert.equal(box("3").checked, true, "Shift+Space clicks the row's checkbox");
  drag(doc, "3", null);
  assert.deepEqual(fx.calls[0].body, { pks: ["1", "3"], after: "4" });
  assert.deepEqual(order(list(doc)), ["2", "4", "1", "3"]);
  assert.equal(press(doc.body, "Escape").defaultPrevented, false, "Escape leaves the checkboxes alone");
});

test("a refused run stops the undo: the runs already back stay back, the offer stays", async () => {
  // The third request, the undo's second run, is refused (mockFetch records a call first).
  const doc = await fx.setUp(() => (fx.calls.length === 3 ? json(403, DENIED) : json(200, MOVED)), ponies(NAMES));
  select(doc, "1", "3", "5");
  drag(doc, "1", null);
  await settled(doc);
  undoButton(doc).click();
  assert.equal((await settled(doc)).type, "orderkit:done");
  assert.equal((await settled(doc)).type, "orderkit:fail");
  assert.equal(fx.calls.length, 3, "no run after the refused one");
  assert.deepEqual(order(list(doc)), ["1", "2", "4", "6", "3", "5"], "the first run is back, the second not");
  assert.deepEqual(messages(doc).at(-1), { level: "error", text: "You are not allowed to do this." });
  assert.equal(undoButton(doc).disabled, false);
});

test("the next change of the list withdraws a block's Undo; a used Undo gives focus to the block's first handle", async () => {
  const doc = await fx.setUp(() => json(200, MOVED), ponies(NAMES));
  select(doc, "2", "3");
  drag(doc, "2", null);
  await settled(doc);
  const button = undoButton(doc);
  button.focus();
  button.click();
  await settled(doc);
  assert.equal(doc.activeElement, grip(doc, "2"));
  drag(doc, "3", item(doc, "1"));
  await settled(doc);
  assert.notEqual(undoButton(doc), null);
  const toggle = item(doc, "5").querySelector('[data-orderkit="toggle"]');
  const done = settled(doc);
  toggle.click();
  await done;
  assert.equal(undoButton(doc), null);
});
