import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { formerPlace, undoBody, undoOffered } from "../src/undo.js";
import { startOf } from "../src/positions.js";
import {
  FakeSortable,
  click,
  deferred,
  json,
  key,
  messages,
  order,
  page,
  perTest,
  ponies,
  settled,
} from "../testing/page.js";

const fx = perTest(afterEach);

const list = (doc) => doc.querySelector('[data-orderkit="sortable"]');
const item = (doc, pk) => list(doc).querySelector(`:scope > [data-pk="${pk}"]`);
const undoButtons = (doc) => Array.from(doc.querySelectorAll(".orderkit-message-action"));
const moved = { changed: true, positions: {} };
const DENIED = { errors: { __all__: [{ message: "You are not allowed to do this.", code: "permission_denied" }] } };

// What SortableJS does on a drag: choose, move the node, end.
function drag(doc, pk, before) {
  const [sortable] = FakeSortable.instances;
  const dragged = item(doc, pk);
  sortable.options.onChoose({ item: dragged });
  list(doc).insertBefore(dragged, before);
  sortable.options.onEnd({ item: dragged });
}

async function dragAndSettle(doc, pk, before) {
  const done = settled(doc);
  drag(doc, pk, before);
  return done;
}

test("the former place is the list and the pks of the neighbours the item had", () => {
  fx.current = page('<ol id="l"><li data-pk="1"></li> <li>not an item</li><li data-pk="2"></li><li data-pk="3"></li></ol>');
  const l = fx.current.document.getElementById("l");
  const [first, , second, third] = l.children;
  const start = startOf(l, second);
  l.append(second);
  assert.deepEqual(formerPlace(l, second, start), { list: l, after: "1", before: "3" });
  assert.deepEqual(formerPlace(l, first, startOf(l, first)), { list: l, after: null, before: "3" });
  assert.deepEqual(formerPlace(l, second, startOf(l, second)), { list: l, after: "3", before: null });
  assert.equal(third.getAttribute("data-pk"), "3");
});

test("the undo request goes after the former upper neighbour, else before the lower one, else first", () => {
  assert.deepEqual(undoBody("4", { after: "1", before: "3" }), { pk: "4", after: "1" });
  assert.deepEqual(undoBody("4", { after: null, before: "3" }), { pk: "4", before: "3" });
  assert.deepEqual(undoBody("4", { after: null, before: null }), { pk: "4", to: "first" });
});

test("a move's message offers Undo, which moves the item back in the page and on the server", async () => {
  const doc = await fx.setUp(() => json(200, moved));
  await dragAndSettle(doc, "2", null);
  assert.deepEqual(order(list(doc)), ["1", "3", "4", "2"]);
  assert.deepEqual(messages(doc), [{ level: "success", text: "Moved “Clover”." }]);
  const [undo] = undoButtons(doc);
  assert.equal(undo.textContent, "Undo");
  assert.equal(undo.type, "button", "a real button, reached with Tab");
  const done = settled(doc);
  click(undo);
  assert.deepEqual(order(list(doc)), ["1", "2", "3", "4"], "the page goes back at once");
  assert.equal(fx.calls[1].url, "/orderkit/ponies.pony/reorder/");
  assert.deepEqual(fx.calls[1].body, { pk: "2", after: "1" });
  const event = await done;
  assert.equal(event.type, "orderkit:done");
  assert.equal(event.target, list(doc), "the used button has left: the list gets the event");
  assert.deepEqual(undoButtons(doc), []);
  assert.equal(undoOffered(list(doc)), false);
  assert.deepEqual(messages(doc).at(-1), { level: "success", text: "Moved “Clover” back." });
});

test("undoing a move from the top names the former lower neighbour", async () => {
  const doc = await fx.setUp(() => json(200, moved));
  await dragAndSettle(doc, "1", item(doc, "4"));
  const done = settled(doc);
  click(undoButtons(doc)[0]);
  await done;
  assert.deepEqual(fx.calls[1].body, { pk: "1", before: "2" });
  assert.deepEqual(order(list(doc)), ["1", "2", "3", "4"]);
});

test("a refused undo puts the item back where the move had put it and says why", async () => {
  let answer = json(200, moved);
  const doc = await fx.setUp(() => answer);
  await dragAndSettle(doc, "3", item(doc, "1"));
  answer = json(403, DENIED);
  const before = list(doc).innerHTML;
  const done = settled(doc);
  click(undoButtons(doc)[0]);
  assert.deepEqual(order(list(doc)), ["1", "2", "3", "4"]);
  assert.equal((await done).type, "orderkit:fail");
  assert.deepEqual(order(list(doc)), ["3", "1", "2", "4"]);
  assert.equal(list(doc).innerHTML, before, "the same markup, text nodes included");
  assert.deepEqual(messages(doc).at(-1), { level: "error", text: "You are not allowed to do this." });
  assert.equal(undoButtons(doc).length, 1, "the offer stays, to try again");
});

test("undo by keyboard: Enter on the button moves back and puts focus on the item's handle", async () => {
  const doc = await fx.setUp(() => json(200, moved));
  const grip = item(doc, "2").querySelector("[data-orderkit-handle]");
  grip.focus();
  key(grip, " ");
  key(grip, "ArrowDown");
  let done = settled(doc);
  key(grip, "Enter");
  await done;
  assert.deepEqual(order(list(doc)), ["1", "3", "2", "4"]);
  const [undo] = undoButtons(doc);
  undo.focus();
  done = settled(doc);
  click(undo);
  await done;
  assert.deepEqual(fx.calls[1].body, { pk: "2", after: "1" });
  assert.deepEqual(order(list(doc)), ["1", "2", "3", "4"]);
  assert.equal(doc.activeElement, grip);
});

test("a newer move in the same list withdraws the stale Undo; the newest one stays", async () => {
  const doc = await fx.setUp(() => json(200, moved));
  await dragAndSettle(doc, "1", null);
  await dragAndSettle(doc, "2", null);
  assert.equal(undoButtons(doc).length, 1);
  assert.deepEqual(messages(doc).map((m) => m.text), ["Moved “Bramble”.", "Moved “Clover”."]);
  assert.equal(undoButtons(doc)[0].parentNode.firstChild.textContent, "Moved “Clover”.");
});

test("a toggle in the list withdraws its Undo; a change in another list does not", async () => {
  const doc = await fx.setUp(
    () => json(200, { ...moved, value: false }),
    ponies(["Bramble", "Clover"]) + '<ul id="other"><li><button type="button" data-orderkit="toggle" data-url="/t/" data-pk="9" aria-pressed="true">x</button></li></ul>',
  );
  await dragAndSettle(doc, "1", null);
  let done = settled(doc);
  click(doc.querySelector('#other [data-orderkit="toggle"]'));
  await done;
  assert.equal(undoButtons(doc).length, 1);
  done = settled(doc);
  click(item(doc, "2").querySelector('[data-orderkit="toggle"]'));
  await done;
  assert.deepEqual(undoButtons(doc), []);
  assert.equal(undoOffered(list(doc)), false);
});

test("a move that changed nothing offers no Undo", async () => {
  const doc = await fx.setUp(() => json(200, { changed: false, positions: {} }));
  await dragAndSettle(doc, "1", null);
  assert.deepEqual(messages(doc), []);
});

test("Undo does nothing while the list is in flight", async () => {
  let answer = json(200, moved);
  const doc = await fx.setUp(() => answer);
  await dragAndSettle(doc, "1", null);
  const [undo] = undoButtons(doc);
  const pending = deferred();
  answer = pending.promise;
  drag(doc, "3", item(doc, "2"));
  assert.equal(undo.isConnected, true, "withdrawn only once the newer move succeeds");
  click(undo);
  assert.equal(fx.calls.length, 2);
  const done = settled(doc);
  pending.resolve(json(200, moved));
  await done;
  assert.equal(undo.isConnected, false);
});
