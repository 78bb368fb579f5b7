import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { click, deferred, json, messages, perTest, ponies, settled } from "../testing/page.js";

const fx = perTest(afterEach);

const EVIL = "<img src=x onerror=alert(1)>";
const FAST = { pk: "5", label: "fast" };
const SLOW = { pk: "2", label: "slow" };

function setUp(answer, options = { tags: [FAST, { pk: "6", label: "calm" }], candidates: [SLOW] }) {
  return fx.setUp(answer, ponies(["Bramble", "Clover"], options));
}

const links = (doc) => doc.querySelector("[data-orderkit-links]");
const chips = (doc) => Array.from(links(doc).querySelectorAll(":scope > [data-orderkit-item]")).map((li) => li.dataset.pk);
const options = (doc) => Array.from(links(doc).querySelector("select").options).map((o) => [o.value, o.text]);
const detachButton = (doc, pk) => links(doc).querySelector(`[data-orderkit="detach"][data-pk="${pk}"]`);
const linked = (pk) => ({ changed: true, pk: "1", relation: "tags", related_pk: pk });

test("detach takes the item out at once and posts its pk", async () => {
  const answer = deferred();
  const doc = await setUp(() => answer.promise);
  const event = click(detachButton(doc, "5"));
  assert.equal(event.defaultPrevented, true);
  assert.deepEqual(chips(doc), ["6"]);
  assert.equal(fx.calls[0].url, "/orderkit/ponies.pony/1/detach/tags/");
  assert.deepEqual(fx.calls[0].body, { pk: "5" });
  const done = settled(doc);
  answer.resolve(json(200, linked("5")));
  const finished = await done;
  assert.equal(finished.type, "orderkit:done", "the event reaches document although the control left the page");
  assert.equal(finished.target, links(doc));
  assert.deepEqual(messages(doc), [{ level: "success", text: "Removed “fast”." }]);
});

test("a refused detach puts the item back exactly where it was and says why", async () => {
  const doc = await setUp(() => json(404, { errors: { __all__: [{ message: "Not found.", code: "not_found" }] } }));
  const before = links(doc).innerHTML;
  const done = settled(doc);
  click(detachButton(doc, "5"));
  const event = await done;
  assert.equal(event.type, "orderkit:fail");
  assert.equal(event.target, detachButton(doc, "5"));
  assert.deepEqual(chips(doc), ["5", "6"]);
  assert.equal(links(doc).innerHTML, before);
  assert.deepEqual(messages(doc), [{ level: "error", text: "Not found." }]);
});

test("undo attaches again and puts the same node back; the select no longer offers it", async () => {
  const doc = await setUp(() => json(200, linked("5")));
  const removed = detachButton(doc, "5").closest("li");
  let done = settled(doc);
  click(detachButton(doc, "5"));
  await done;
  assert.deepEqual(options(doc), [["", "Add…"], ["2", "slow"], ["5", "fast"]]);
  const undo = doc.querySelector(".orderkit-message .orderkit-message-action");
  assert.equal(undo.textContent, "Undo");
  done = settled(doc);
  click(undo);
  assert.equal(fx.calls[1].url, "/orderkit/ponies.pony/1/attach/tags/");
  assert.deepEqual(fx.calls[1].body, { pk: "5" });
  const event = await done;
  assert.equal(event.type, "orderkit:done");
  assert.equal(links(doc).firstElementChild, removed);
  assert.deepEqual(chips(doc), ["5", "6"]);
  assert.deepEqual(options(doc), [["", "Add…"], ["2", "slow"]]);
  assert.equal(doc.querySelector(".orderkit-message-action"), null);
  assert.deepEqual(messages(doc).map((m) => m.text), ["Removed “fast”.", "Restored “fast”."]);
});

test("a refused undo leaves the item out and says why", async () => {
  let refuse = false;
  const doc = await setUp(() =>
    refuse ? json(403, { errors: { __all__: [{ message: "Denied.", code: "permission_denied" }] } }) : json(200, linked("5")),
  );
  let done = settled(doc);
  click(detachButton(doc, "5"));
  await done;
  refuse = true;
  done = settled(doc);
  click(doc.querySelector(".orderkit-message-action"));
  assert.equal((await done).type, "orderkit:fail");
  assert.deepEqual(chips(doc), ["6"]);
  assert.equal(doc.querySelector(".orderkit-message-action").disabled, false, "the user may try again");
  assert.deepEqual(messages(doc).at(-1), { level: "error", text: "Denied." });
});

test("without an undo URL there is no Undo button", async () => {
  const doc = await setUp(() => json(200, linked("5")));
  detachButton(doc, "5").removeAttribute("data-orderkit-undo-url");
  const done = settled(doc);
  click(detachButton(doc, "5"));
  await done;
  assert.equal(doc.querySelector(".orderkit-message-action"), null);
});

test("labels from the page are shown as text in messages", async () => {
  const doc = await setUp(() => json(200, linked("5")));
  detachButton(doc, "5").closest("li").setAttribute("data-orderkit-label", EVIL);
  const done = settled(doc);
  click(detachButton(doc, "5"));
  await done;
  assert.equal(messages(doc)[0].text, `Removed “${EVIL}”.`);
  assert.equal(doc.querySelector(".orderkit-messages img"), null);
  assert.deepEqual(options(doc).at(-1), ["5", EVIL]);
  assert.equal(doc.querySelector("select img"), null);
});

test("attach shows the chip from its template before the attach form and resets the select", async () => {
  const doc = await setUp(() => json(200, linked("2")));
  const select = links(doc).querySelector("select");
  select.value = "2";
  const done = settled(doc);
  const event = click(links(doc).querySelector('[data-orderkit="attach"]'));
  assert.equal(event.defaultPrevented, true);
  assert.deepEqual(fx.calls[0].body, { pk: "2" });
  assert.equal(fx.calls[0].url, "/orderkit/ponies.pony/1/attach/tags/");
  assert.equal((await done).type, "orderkit:done");
  assert.deepEqual(chips(doc), ["5", "6", "2"]);
  assert.equal(links(doc).lastElementChild.hasAttribute("data-orderkit-attach"), true);
  assert.deepEqual(options(doc), [["", "Add…"]]);
  assert.equal(select.value, "");
  assert.deepEqual(messages(doc), [{ level: "success", text: "Added “slow”." }]);
});

test("attach of a link that already holds (changed: false) is a success without a second chip", async () => {
  const doc = await setUp(() => json(200, { ...linked("5"), changed: false }), { tags: [FAST], candidates: [FAST] });
  links(doc).querySelector("select").value = "5";
  const done = settled(doc);
  click(links(doc).querySelector('[data-orderkit="attach"]'));
  assert.equal((await done).type, "orderkit:done");
  assert.deepEqual(chips(doc), ["5"]);
  assert.deepEqual(messages(doc), [{ level: "success", text: "Added “fast”." }]);
});

test("attach with nothing chosen sends the empty value; the error sits next to the select, then clears", async () => {
  let answer = json(400, { errors: { pk: [{ message: "This field is required.", code: "required" }] } });
  const doc = await setUp(() => answer);
  const select = links(doc).querySelector("select");
  const button = links(doc).querySelector('[data-orderkit="attach"]');
  let done = settled(doc);
  click(button);
  assert.deepEqual(fx.calls[0].body, { pk: "" });
  assert.equal((await done).type, "orderkit:fail");
  assert.equal(select.getAttribute("aria-invalid"), "true");
  assert.equal(select.nextElementSibling.textContent, "This field is required.");
  assert.equal(select.getAttribute("aria-describedby"), select.nextElementSibling.id);
  assert.deepEqual(messages(doc), []);
  answer = json(200, linked("2"));
  select.value = "2";
  done = settled(doc);
  click(button);
  assert.equal(select.hasAttribute("aria-invalid"), false, "cleared before the next request");
  assert.equal(links(doc).querySelector("[data-orderkit-error]"), null);
  await done;
});

test("detach then attach from the select shows the chip again", async () => {
  const doc = await setUp((url, init) => json(200, linked(JSON.parse(init.body).pk)), { tags: [FAST], candidates: [] });
  let done = settled(doc);
  click(detachButton(doc, "5"));
  await done;
  assert.deepEqual(chips(doc), []);
  links(doc).querySelector("select").value = "5";
  done = settled(doc);
  click(links(doc).querySelector('[data-orderkit="attach"]'));
  await done;
  assert.deepEqual(chips(doc), ["5"]);
  assert.deepEqual(options(doc), [["", "Add…"]]);
  assert.equal(messages(doc).at(-1).text, "Added “fast”.");
});

test("a disabled detach control never acts", async () => {
  const doc = await setUp(() => json(200, linked("5")));
  detachButton(doc, "5").disabled = true;
  click(detachButton(doc, "5"));
  assert.equal(fx.calls.length, 0);
  assert.deepEqual(chips(doc), ["5", "6"]);
});

test("a control that cannot be disabled (a link) still sends once while in flight", async () => {
  const answer = deferred();
  const doc = await setUp(() => answer.promise);
  const link = doc.createElement("a");
  link.href = "#";
  link.setAttribute("data-orderkit", "attach");
  link.setAttribute("data-url", "/orderkit/ponies.pony/1/attach/tags/");
  link.setAttribute("data-pk", "2");
  links(doc).querySelector("[data-orderkit-attach] form").append(link);
  click(link);
  assert.equal(link.getAttribute("aria-busy"), "true");
  assert.equal(click(link).defaultPrevented, true);
  assert.equal(fx.calls.length, 1);
  assert.deepEqual(fx.calls[0].body, { pk: "2" });
  const done = settled(doc);
  answer.resolve(json(200, linked("2")));
  await done;
  assert.equal(link.hasAttribute("aria-busy"), false);
  assert.deepEqual(chips(doc), ["5", "6", "2"]);
});
