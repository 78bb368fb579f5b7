import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { reorderBody, step } from "../src/positions.js";
import {
  announcement,
  deferred,
  FakeSortable,
  json,
  messages,
  order,
  page,
  perTest,
  ponies,
  settled,
} from "../testing/page.js";

const fx = perTest(afterEach);
const setUp = fx.setUp;

// What SortableJS does on a drag: choose, move the node, end.
function drag(sortable, item, before) {
  sortable.options.onChoose({ item });
  item.parentNode.insertBefore(item, before);
  sortable.options.onEnd({ item });
}

const list = (doc) => doc.querySelector('[data-orderkit="sortable"]');
const item = (doc, pk) => list(doc).querySelector(`:scope > [data-pk="${pk}"]`);

test("reorder body: after the previous item, or before the next one when first", async () => {
  fx.current = page('<ol id="l"><li data-pk="1"></li><li>not an item</li><li data-pk="2"></li><li data-pk="3"></li></ol>');
  const l = fx.current.document.getElementById("l");
  assert.deepEqual(reorderBody(l, l.children[3]), { pk: "3", after: "2" });
  assert.deepEqual(reorderBody(l, l.children[2]), { pk: "2", after: "1" });
  assert.deepEqual(reorderBody(l, l.children[0]), { pk: "1", before: "2" });
  assert.equal(step(l, l.children[0], -1), false);
  assert.equal(step(l, l.children[0], 1), true);
  assert.deepEqual(order(l), ["2", "1", "3"]);
});

test("each container gets one SortableJS instance with orderkit's options", async () => {
  const doc = await setUp(() => json(200, {}));
  assert.equal(FakeSortable.instances.length, 1);
  const [{ el, options }] = FakeSortable.instances;
  assert.equal(el, list(doc));
  assert.equal(options.handle, "[data-orderkit-handle]");
  assert.equal(options.draggable, ">[data-pk]");
  assert.equal(options.animation, 150);
  assert.equal(options.ghostClass, "orderkit-ghost");
  assert.equal(options.chosenClass, "orderkit-chosen");
  fx.current.orderkit.bind();
  assert.equal(FakeSortable.instances.length, 1);
});

test("without handles the whole item drags, but not from its controls", async () => {
  await setUp(() => json(200, {}), '<ul data-orderkit="sortable" data-url="/r/"><li data-pk="1">A <button>x</button></li></ul>');
  const { options } = FakeSortable.instances[0];
  assert.equal("handle" in options, false);
  const li = fx.current.document.querySelector("li");
  assert.equal(options.filter({ target: li }), false);
  assert.equal(options.filter({ target: li.querySelector("button") }), true);
});

test("containers added later are bound once, by the observer", async () => {
  const doc = await setUp(() => json(200, {}), "<main></main>");
  assert.equal(FakeSortable.instances.length, 0);
  const wrapper = doc.createElement("div");
  wrapper.innerHTML = ponies(["A", "B"]);
  doc.querySelector("main").append(wrapper);
  const other = doc.createElement("ul");
  other.innerHTML = '<li data-pk="1">One</li>';
  doc.body.append(other);
  other.setAttribute("data-orderkit", "sortable");
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.deepEqual(
    FakeSortable.instances.map((s) => s.el),
    [wrapper.firstElementChild, other],
  );
});

test("a drop at a new index posts one move relative to a neighbour and announces it", async () => {
  const doc = await setUp(() => json(200, { changed: true, positions: { 1: 3 } }));
  const [sortable] = FakeSortable.instances;
  const done = settled(doc);
  drag(sortable, item(doc, "1"), item(doc, "4"));
  assert.deepEqual(order(list(doc)), ["2", "3", "1", "4"]);
  assert.equal(fx.calls.length, 1);
  assert.equal(fx.calls[0].url, "/orderkit/ponies.pony/reorder/");
  assert.deepEqual(fx.calls[0].body, { pk: "1", after: "3" });
  const event = await done;
  assert.equal(event.type, "orderkit:done");
  assert.equal(event.target, list(doc));
  assert.equal(announcement(doc), "Bramble moved to position 3 of 4.");
  assert.deepEqual(messages(doc), [{ level: "success", text: "Moved “Bramble”." }]);
});

test("a drop to the top names the next item", async () => {
  const doc = await setUp(() => deferred().promise);
  drag(FakeSortable.instances[0], item(doc, "3"), item(doc, "1"));
  assert.deepEqual(fx.calls[0].body, { pk: "3", before: "1" });
});

test("a drop where it started sends nothing", async () => {
  const doc = await setUp(() => json(200, {}));
  drag(FakeSortable.instances[0], item(doc, "2"), item(doc, "3"));
  assert.equal(fx.calls.length, 0);
});

test("a refused drop puts the item back where it was and says why", async () => {
  const doc = await setUp(() => json(409, { errors: { __all__: [{ message: "Try again.", code: "conflict" }] } }));
  const done = settled(doc);
  drag(FakeSortable.instances[0], item(doc, "2"), null);
  assert.deepEqual(order(list(doc)), ["1", "3", "4", "2"]);
  const event = await done;
  assert.equal(event.type, "orderkit:fail");
  assert.deepEqual(event.detail.status, 409);
  assert.deepEqual(order(list(doc)), ["1", "2", "3", "4"]);
  assert.deepEqual(messages(doc), [{ level: "error", text: "Try again." }]);
});

test("a list in flight is busy and refuses to start another drag", async () => {
  const answer = deferred();
  const doc = await setUp(() => answer.promise);
  const { options } = FakeSortable.instances[0];
  const handle = item(doc, "1").querySelector("[data-orderkit-handle]");
  assert.equal(options.filter({ target: handle }), false);
  drag(FakeSortable.instances[0], item(doc, "1"), null);
  assert.equal(list(doc).getAttribute("aria-busy"), "true");
  assert.equal(options.filter({ target: handle }), true);
  const done = settled(doc);
  answer.resolve(json(200, {}));
  await done;
  assert.equal(list(doc).hasAttribute("aria-busy"), false);
  assert.equal(options.filter({ target: handle }), false);
});
