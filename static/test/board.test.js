import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { announcement, deferred, FakeSortable, json, key, messages, order, perTest, settled } from "../testing/page.js";

const fx = perTest(afterEach);
const setUp = fx.setUp;
const URL = "/orderkit/ponies.pony/reorder/";

function items(names, first) {
  return names
    .map(
      (name, index) =>
        `<li data-orderkit-item data-pk="${first + index}" data-orderkit-label="${name}">` +
        `<button type="button" data-orderkit-handle aria-label="Move ${name}">⠿</button>${name}</li>`,
    )
    .join("\n");
}

function list(stable, label, names, first, board = "ponies.pony") {
  const boardAttributes = board
    ? ` data-orderkit-board="${board}" data-orderkit-group='{"stable": ${stable}}' data-orderkit-group-label="${label}"`
    : "";
  return `<ol id="s${stable}" data-orderkit="sortable" data-url="${URL}"${boardAttributes}>\n${items(names, first)}\n</ol>`;
}

// North holds 1, 2, 3; South 4, 5; East nothing; a list of another kit sits apart.
function board() {
  return (
    list(1, "North", ["Bramble", "Clover", "Dusty"], 1) +
    list(2, "South", ["Ember", "Fern"], 4) +
    list(3, "East", [], 7) +
    `<ul id="tags" data-orderkit="sortable" data-url="/orderkit/ponies.tag/reorder/">${items(["fast"], 9)}</ul>`
  );
}

const byId = (doc, id) => doc.getElementById(id);
const handle = (doc, pk) => doc.querySelector(`[data-pk="${pk}"] [data-orderkit-handle]`);
const sortableOf = (doc, id) => FakeSortable.instances.find((instance) => instance.el === byId(doc, id));

// What SortableJS does on a drag from one list into another.
function dragAcross(from, item, to, before) {
  from.options.onChoose({ item });
  to.el.insertBefore(item, before);
  from.options.onEnd({ item, from: from.el, to: to.el });
}

test("lists of one board share a SortableJS group; a list of no board has none", async () => {
  const doc = await setUp(() => json(200, {}), board());
  const north = sortableOf(doc, "s1");
  assert.equal(north.options.group.name, "orderkit:ponies.pony");
  assert.equal(sortableOf(doc, "s2").options.group.name, "orderkit:ponies.pony");
  assert.equal("group" in sortableOf(doc, "tags").options, false);
  assert.equal(north.options.group.put({ el: byId(doc, "s2") }), true);
});

test("a drag into another list sends the new neighbour and is announced", async () => {
  const doc = await setUp(() => json(200, { changed: true, positions: {} }), board());
  const done = settled(doc);
  const moved = doc.querySelector('[data-pk="2"]');
  dragAcross(sortableOf(doc, "s1"), moved, sortableOf(doc, "s2"), doc.querySelector('[data-pk="5"]'));
  assert.deepEqual(fx.calls[0].body, { pk: "2", after: "4" });
  assert.equal(fx.calls[0].url, URL);
  assert.equal((await done).type, "orderkit:done");
  assert.deepEqual(order(byId(doc, "s1")), ["1", "3"]);
  assert.deepEqual(order(byId(doc, "s2")), ["4", "2", "5"]);
  assert.equal(announcement(doc), "Clover moved to South, position 2 of 3.");
});

test("a drag into an empty list names its group", async () => {
  const doc = await setUp(() => json(200, { changed: true, positions: {} }), board());
  dragAcross(sortableOf(doc, "s1"), doc.querySelector('[data-pk="1"]'), sortableOf(doc, "s3"), null);
  assert.deepEqual(fx.calls[0].body, { pk: "1", to: "last", group: { stable: 3 } });
});

test("a refused drag into another list puts the item back exactly, with the message", async () => {
  const doc = await setUp(
    () => json(403, { errors: { __all__: [{ message: "You are not allowed to do this.", code: "permission_denied" }] } }),
    board(),
  );
  const north = byId(doc, "s1");
  const south = byId(doc, "s2");
  const before = [north.innerHTML, south.innerHTML];
  const done = settled(doc);
  dragAcross(sortableOf(doc, "s1"), doc.querySelector('[data-pk="3"]'), sortableOf(doc, "s2"), null);
  assert.equal((await done).type, "orderkit:fail");
  assert.deepEqual([north.innerHTML, south.innerHTML], before);
  assert.deepEqual(messages(doc), [{ level: "error", text: "You are not allowed to do this." }]);
});

test("a picked item moves to the next list and back with the arrows, announced", async () => {
  const pending = deferred();
  const doc = await setUp(() => pending.promise, board());
  const grip = handle(doc, "2");
  grip.focus();
  key(grip, " ");
  assert.equal(key(grip, "ArrowRight").defaultPrevented, true);
  assert.deepEqual(order(byId(doc, "s2")), ["4", "2", "5"]);
  assert.equal(announcement(doc), "Clover, in South, position 2 of 3.");
  assert.equal(doc.activeElement, grip, "focus stays on the moved item's handle");
  key(grip, "ArrowRight");
  assert.deepEqual(order(byId(doc, "s3")), ["2"]);
  assert.equal(announcement(doc), "Clover, in East, position 1 of 1.");
  key(grip, "ArrowRight");
  assert.deepEqual(order(byId(doc, "s3")), ["2"], "the last list of the board is the end");
  key(grip, "ArrowLeft");
  assert.deepEqual(order(byId(doc, "s2")), ["2", "4", "5"], "an item from a shorter list goes first");
  key(grip, "ArrowDown");
  assert.deepEqual(order(byId(doc, "s2")), ["4", "2", "5"]);
  assert.equal(fx.calls.length, 0, "nothing is sent before the drop");
  key(grip, "Enter");
  assert.equal(announcement(doc), "Clover dropped in South at position 2 of 3.");
  assert.deepEqual(fx.calls[0].body, { pk: "2", after: "4" });
});

test("Escape brings an item from another list back where it was picked up", async () => {
  const doc = await setUp(() => json(200, {}), board());
  const north = byId(doc, "s1");
  const before = north.innerHTML;
  const grip = handle(doc, "1");
  grip.focus();
  key(grip, "Enter");
  key(grip, "ArrowRight");
  key(grip, "ArrowRight");
  key(grip, "Escape");
  assert.equal(north.innerHTML, before);
  assert.deepEqual(order(byId(doc, "s3")), []);
  assert.equal(doc.activeElement, grip);
  assert.equal(announcement(doc), "Bramble is back at position 1 of 3.");
  assert.equal(fx.calls.length, 0);
});

test("a refused keyboard move into another list is rolled back", async () => {
  const doc = await setUp(
    () => json(400, { errors: { before: [{ message: "Select a valid choice.", code: "invalid_choice" }] } }),
    board(),
  );
  const before = [byId(doc, "s1").innerHTML, byId(doc, "s2").innerHTML];
  const grip = handle(doc, "4");
  grip.focus();
  key(grip, " ");
  key(grip, "ArrowLeft");
  const done = settled(doc);
  key(grip, " ");
  assert.deepEqual(fx.calls[0].body, { pk: "4", before: "1" });
  assert.equal((await done).type, "orderkit:fail");
  assert.deepEqual([byId(doc, "s1").innerHTML, byId(doc, "s2").innerHTML], before);
});

test("left and right do nothing in a list of no board", async () => {
  const doc = await setUp(() => json(200, {}), board());
  const grip = handle(doc, "9");
  grip.focus();
  key(grip, " ");
  assert.equal(key(grip, "ArrowRight").defaultPrevented, true);
  key(grip, "ArrowLeft");
  assert.deepEqual(order(byId(doc, "tags")), ["9"]);
});

test("in a right-to-left page the left arrow goes to the next list", async () => {
  const doc = await setUp(() => json(200, {}), board());
  doc.documentElement.setAttribute("dir", "rtl");
  doc.head.insertAdjacentHTML("beforeend", "<style>ol { direction: rtl; }</style>");
  const grip = handle(doc, "1");
  grip.focus();
  key(grip, " ");
  key(grip, "ArrowLeft");
  assert.deepEqual(order(byId(doc, "s2")), ["1", "4", "5"]);
});
