import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { announcement, deferred, json, key, messages, order, perTest, ponies, settled } from "../testing/page.js";

const fx = perTest(afterEach);
const setUp = fx.setUp;

const list = (doc) => doc.querySelector('[data-orderkit="sortable"]');
const handle = (doc, pk) => list(doc).querySelector(`:scope > [data-pk="${pk}"] [data-orderkit-handle]`);
const INSTRUCTIONS = "Use the arrow keys to move it, Space or Enter to drop it, Escape to cancel.";

test("Space picks up, arrows move, Enter drops: one request and every step announced", async () => {
  const doc = await setUp(() => json(200, { changed: true, positions: {} }));
  const grip = handle(doc, "2");
  grip.focus();
  assert.equal(key(grip, " ").defaultPrevented, true);
  const item = grip.closest("li");
  assert.equal(item.classList.contains("orderkit-grabbed"), true);
  assert.equal(grip.getAttribute("aria-pressed"), "true");
  assert.equal(announcement(doc), `Picked up Clover, position 2 of 4. ${INSTRUCTIONS}`);
  assert.equal(key(grip, "ArrowDown").defaultPrevented, true);
  assert.equal(announcement(doc), "Clover, position 3 of 4.");
  key(grip, "ArrowDown");
  key(grip, "ArrowDown");
  assert.equal(announcement(doc), "Clover, position 4 of 4.");
  key(grip, "ArrowUp");
  assert.deepEqual(order(list(doc)), ["1", "3", "2", "4"]);
  assert.equal(doc.activeElement, grip, "focus stays on the moved item's handle");
  assert.equal(fx.calls.length, 0, "nothing is sent before the drop");
  const done = settled(doc);
  assert.equal(key(grip, "Enter").defaultPrevented, true);
  assert.equal(announcement(doc), "Clover dropped at position 3 of 4.");
  assert.equal(item.classList.contains("orderkit-grabbed"), false);
  assert.equal(grip.hasAttribute("aria-pressed"), false);
  assert.equal(fx.calls.length, 1);
  assert.deepEqual(fx.calls[0].body, { pk: "2", after: "3" });
  assert.equal((await done).type, "orderkit:done");
  assert.deepEqual(order(list(doc)), ["1", "3", "2", "4"]);
});

test("moving to the top sends before the next item", async () => {
  const doc = await setUp(() => deferred().promise);
  const grip = handle(doc, "3");
  grip.focus();
  key(grip, "Enter");
  key(grip, "ArrowUp");
  key(grip, "ArrowUp");
  key(grip, "ArrowUp");
  assert.equal(announcement(doc), "Dusty, position 1 of 4.");
  key(grip, " ");
  assert.deepEqual(fx.calls[0].body, { pk: "3", before: "1" });
});

test("Escape puts the item back where it was picked up, with no request", async () => {
  const doc = await setUp(() => json(200, {}));
  const grip = handle(doc, "2");
  grip.focus();
  key(grip, " ");
  key(grip, "ArrowDown");
  key(grip, "ArrowDown");
  assert.equal(key(grip, "Escape").defaultPrevented, true);
  assert.deepEqual(order(list(doc)), ["1", "2", "3", "4"]);
  assert.equal(announcement(doc), "Clover is back at position 2 of 4.");
  assert.equal(doc.activeElement, grip);
  assert.equal(fx.calls.length, 0);
  key(grip, "ArrowDown");
  assert.deepEqual(order(list(doc)), ["1", "2", "3", "4"], "arrows do nothing once dropped");
});

test("a drop where it was picked up sends nothing", async () => {
  const doc = await setUp(() => json(200, {}));
  const grip = handle(doc, "1");
  grip.focus();
  key(grip, " ");
  key(grip, "ArrowDown");
  key(grip, "ArrowUp");
  key(grip, " ");
  assert.equal(fx.calls.length, 0);
  assert.equal(announcement(doc), "Bramble dropped at position 1 of 4.");
});

test("a refused keyboard move goes back, keeps focus, and says why", async () => {
  const doc = await setUp(() => json(403, { errors: { __all__: [{ message: "Not allowed.", code: "permission_denied" }] } }));
  const grip = handle(doc, "1");
  grip.focus();
  key(grip, " ");
  key(grip, "ArrowDown");
  const done = settled(doc);
  key(grip, " ");
  assert.equal((await done).type, "orderkit:fail");
  assert.deepEqual(order(list(doc)), ["1", "2", "3", "4"]);
  assert.equal(doc.activeElement, grip);
  assert.deepEqual(messages(doc), [{ level: "error", text: "Not allowed." }]);
});

test("picking up while the list is busy does nothing", async () => {
  const answer = deferred();
  const doc = await setUp(() => answer.promise);
  const grip = handle(doc, "1");
  grip.focus();
  key(grip, " ");
  key(grip, "ArrowDown");
  key(grip, " ");
  assert.equal(list(doc).getAttribute("aria-busy"), "true");
  const other = handle(doc, "3");
  other.focus();
  assert.equal(key(other, " ").defaultPrevented, true);
  assert.equal(other.closest("li").classList.contains("orderkit-grabbed"), false);
  key(other, "ArrowDown");
  assert.deepEqual(order(list(doc)), ["2", "1", "3", "4"]);
  const done = settled(doc);
  answer.resolve(json(200, {}));
  await done;
  assert.equal(fx.calls.length, 1);
});

test("leaving the handle cancels the move", async () => {
  const doc = await setUp(() => json(200, {}));
  const grip = handle(doc, "1");
  grip.focus();
  key(grip, " ");
  key(grip, "ArrowDown");
  handle(doc, "4").focus();
  assert.deepEqual(order(list(doc)), ["1", "2", "3", "4"]);
  assert.equal(grip.closest("li").classList.contains("orderkit-grabbed"), false);
  assert.equal(fx.calls.length, 0);
});

test("other keys and handles outside a sortable list are left alone", async () => {
  const doc = await setUp(() => json(200, {}));
  const grip = handle(doc, "1");
  assert.equal(key(grip, "ArrowDown").defaultPrevented, false);
  assert.equal(key(grip, "a").defaultPrevented, false);
  list(doc).removeAttribute("data-orderkit");
  assert.equal(key(grip, " ").defaultPrevented, false);
});

test("a refused or cancelled move leaves the list's markup exactly as it was, whitespace included", async () => {
  // Server-rendered lists have text nodes between their items; keyboard steps move neighbours.
  const spaced = ponies().replace(/<li data-orderkit-item/g, "\n  <li data-orderkit-item").replace("</ol>", "\n</ol>");
  const doc = await setUp(() => json(403, { errors: { __all__: [{ message: "Not allowed.", code: "permission_denied" }] } }), spaced);
  const before = list(doc).innerHTML;
  const grip = handle(doc, "3");
  grip.focus();
  key(grip, " ");
  key(grip, "ArrowUp");
  key(grip, "ArrowUp");
  key(grip, "Escape");
  assert.equal(list(doc).innerHTML, before);
  key(grip, " ");
  key(grip, "ArrowUp");
  const done = settled(doc);
  key(grip, " ");
  await done;
  assert.equal(list(doc).innerHTML, before);
  assert.equal(doc.activeElement, grip);
});
