import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { CHIP, attachUrl, click, deferred, detachUrl, json, messages, perTest, ponies, settled } from "../testing/page.js";

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
const rows = (doc) => Array.from(doc.querySelectorAll("[data-orderkit-links]"));
const chipIn = (list, pk) => list.querySelector(`:scope > [data-orderkit-item][data-pk="${pk}"]`);
const chipTemplate = (doc) => doc.querySelector("template[data-orderkit-chip]");

// Picks pk in the list's select and clicks Add; resolves when the request has settled.
function attachIn(list, pk) {
  const done = settled(list.ownerDocument);
  list.querySelector("select").value = pk;
  click(list.querySelector('[data-orderkit="attach"]'));
  return done;
}

// An element as its name, sorted attributes and children, to compare chips built in
// different ways regardless of attribute order.
function shape(node) {
  if (node.nodeType !== 1) return node.textContent;
  const attributes = Array.from(node.attributes, (a) => `${a.name}=${a.value}`).sort();
  return [node.localName, attributes, Array.from(node.childNodes, shape)];
}

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

test("an undo after the object was attached again from the select shows it once", async () => {
  const doc = await setUp(() => json(200, linked("5")));
  let done = settled(doc);
  click(detachButton(doc, "5"));
  await done;
  const undo = doc.querySelector(".orderkit-message .orderkit-message-action");
  done = settled(doc);
  attachIn(links(doc), "5");
  await done;
  assert.deepEqual(chips(doc), ["6", "5"]);
  done = settled(doc);
  click(undo);
  await done;
  assert.deepEqual(chips(doc), ["6", "5"]);
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

test("attach shows the chip from the shared template before the attach form and resets the select", async () => {
  const doc = await setUp(() => json(200, linked("2")));
  const select = links(doc).querySelector("select");
  select.value = "2";
  const changes = [];
  select.addEventListener("change", () => changes.push(select.value));
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
  assert.deepEqual(changes, [""], "a widget over the select (the admin's autocomplete) hears of it");
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
  assert.equal(doc.querySelectorAll("template").length, 1, "only the shared chip template, none per object");
});

test("attach fills the shared chip template in with the object and the row's URLs", async () => {
  const doc = await setUp(() => json(200, linked("2")));
  assert.equal((await attachIn(links(doc), "2")).type, "orderkit:done");
  const item = chipIn(links(doc), "2");
  assert.equal(item.nextElementSibling, links(doc).querySelector("[data-orderkit-attach]"));
  assert.equal(item.getAttribute("data-orderkit-label"), "slow");
  assert.equal(item.querySelector(".orderkit-chip-name").textContent, "slow");
  const form = item.querySelector("form");
  assert.equal(form.getAttribute("action"), detachUrl(1));
  assert.equal(form.querySelector("input[name=pk]").value, "2");
  assert.equal(form.querySelector("input[name=csrfmiddlewaretoken]").value, "FORMTOKEN");
  const button = item.querySelector('[data-orderkit="detach"]');
  assert.equal(button.dataset.url, detachUrl(1));
  assert.equal(button.dataset.pk, "2");
  assert.equal(button.dataset.orderkitUndoUrl, attachUrl(1));
  assert.equal(button.getAttribute("aria-label"), "Remove slow");
  assert.equal(button.disabled, false);
  const blank = chipTemplate(doc).content.querySelector("[data-orderkit-item]");
  assert.equal(blank.getAttribute("data-pk"), "", "the template itself is left as it was");
  assert.equal(blank.querySelector("button").getAttribute("aria-label"), "Remove %(related)s");
});

test("a chip built from the template is the chip the server renders", async () => {
  const doc = await setUp((url, init) => json(200, linked(JSON.parse(init.body).pk)));
  const rendered = chipIn(links(doc), "5");
  const expected = shape(rendered);
  let done = settled(doc);
  click(detachButton(doc, "5"));
  await done;
  done = attachIn(links(doc), "5");
  await done;
  const built = chipIn(links(doc), "5");
  assert.notEqual(built, rendered);
  assert.deepEqual(shape(built), expected);
});

test("labels are put in the chip as text", async () => {
  const doc = await setUp(() => json(200, linked("7")));
  const { Option } = doc.defaultView;
  links(doc).querySelector("select").add(new Option(EVIL, "7"));
  await attachIn(links(doc), "7");
  const item = chipIn(links(doc), "7");
  assert.equal(item.getAttribute("data-orderkit-label"), EVIL);
  assert.equal(item.querySelector(".orderkit-chip-name").textContent, EVIL);
  assert.equal(item.querySelector("button").getAttribute("aria-label"), `Remove ${EVIL}`);
  assert.equal(doc.querySelector("img"), null);
  assert.deepEqual(messages(doc), [{ level: "success", text: `Added “${EVIL}”.` }]);
});

test("the aria-label is formatted once: a label that looks like a placeholder stays as it is", async () => {
  const doc = await setUp(() => json(200, linked("7")));
  chipTemplate(doc).content.querySelector("button").setAttribute("aria-label", "%(related)s: remove (100%%) %(related)s");
  links(doc).querySelector("select").add(new doc.defaultView.Option("50% $& %(related)s", "7"));
  await attachIn(links(doc), "7");
  assert.equal(
    chipIn(links(doc), "7").querySelector("button").getAttribute("aria-label"),
    "50% $& %(related)s: remove (100%) 50% $& %(related)s",
  );
});

test("in a row the user may not detach from, the built chip's button is disabled, with no undo", async () => {
  const doc = await setUp(() => json(200, linked("2")));
  links(doc).querySelector('[data-orderkit="attach"]').removeAttribute("data-orderkit-detach-url");
  await attachIn(links(doc), "2");
  const item = chipIn(links(doc), "2");
  const button = item.querySelector('[data-orderkit="detach"]');
  assert.equal(button.disabled, true);
  assert.equal(button.hasAttribute("data-orderkit-undo-url"), false);
  assert.equal(button.dataset.pk, "2");
  assert.equal(button.getAttribute("aria-label"), "Remove slow");
  assert.equal(item.querySelector("form").getAttribute("action"), "", "left as the template has it");
  click(button);
  assert.equal(fx.calls.length, 1, "the disabled button never acts");
  assert.deepEqual(chips(doc), ["5", "6", "2"]);
});

test("a chip built from the template detaches, and undo puts that very node back", async () => {
  const doc = await setUp((url, init) => json(200, linked(JSON.parse(init.body).pk)));
  await attachIn(links(doc), "2");
  const built = chipIn(links(doc), "2");
  let done = settled(doc);
  click(detachButton(doc, "2"));
  assert.deepEqual(chips(doc), ["5", "6"]);
  assert.equal(fx.calls[1].url, detachUrl(1));
  assert.deepEqual(fx.calls[1].body, { pk: "2" });
  assert.equal((await done).type, "orderkit:done");
  assert.deepEqual(options(doc), [["", "Add…"], ["2", "slow"]]);
  assert.equal(messages(doc).at(-1).text, "Removed “slow”.");
  done = settled(doc);
  click(doc.querySelector(".orderkit-message-action"));
  assert.equal(fx.calls[2].url, attachUrl(1));
  assert.deepEqual(fx.calls[2].body, { pk: "2" });
  assert.equal((await done).type, "orderkit:done");
  assert.equal(chipIn(links(doc), "2"), built);
  assert.deepEqual(chips(doc), ["5", "6", "2"]);
  assert.deepEqual(options(doc), [["", "Add…"]]);
  assert.equal(messages(doc).at(-1).text, "Restored “slow”.");
});

test("rows share one template; each chip gets its own row's URLs", async () => {
  const doc = await setUp((url, init) => json(200, linked(JSON.parse(init.body).pk)));
  const [first, second] = rows(doc);
  assert.equal(doc.querySelectorAll("template").length, 1);
  await attachIn(second, "2");
  assert.equal(fx.calls[0].url, attachUrl(2));
  const theirs = chipIn(second, "2").querySelector('[data-orderkit="detach"]');
  assert.equal(theirs.dataset.url, detachUrl(2));
  assert.equal(theirs.dataset.orderkitUndoUrl, attachUrl(2));
  assert.equal(theirs.form.getAttribute("action"), detachUrl(2));
  await attachIn(first, "2");
  const ours = chipIn(first, "2").querySelector('[data-orderkit="detach"]');
  assert.equal(ours.dataset.url, detachUrl(1));
  assert.equal(ours.dataset.orderkitUndoUrl, attachUrl(1));
  const done = settled(doc);
  click(theirs);
  await done;
  assert.equal(fx.calls[2].url, detachUrl(2));
  assert.equal(chipIn(second, "2"), null);
  assert.notEqual(chipIn(first, "2"), null);
});

test("a template is found by its name as a value, whatever characters the name holds", async () => {
  const doc = await setUp(() => json(200, linked("2")));
  const name = 'x"], *, [data-orderkit-chip';
  chipTemplate(doc).setAttribute("data-orderkit-chip", name);
  links(doc).querySelector('[data-orderkit="attach"]').setAttribute("data-orderkit-chip", name);
  await attachIn(links(doc), "2");
  assert.deepEqual(chips(doc), ["5", "6", "2"]);
});

test("without a matching template, or with no template named, attach shows no chip but says it added", async () => {
  const doc = await fx.setUp(() => json(200, linked("2")), ponies(["Bramble", "Clover", "Dusty"], { candidates: [SLOW] }));
  const [first, second, third] = rows(doc);
  first.querySelector('[data-orderkit="attach"]').setAttribute("data-orderkit-chip", "ponies.pony:other");
  second.querySelector('[data-orderkit="attach"]').removeAttribute("data-orderkit-chip");
  for (const list of [first, second, third]) {
    if (list === third) chipTemplate(doc).remove();
    assert.equal((await attachIn(list, "2")).type, "orderkit:done");
    assert.equal(list.querySelector("[data-orderkit-item]"), null);
    assert.deepEqual(Array.from(list.querySelector("select").options, (o) => o.value), [""]);
  }
  assert.deepEqual(messages(doc).map((m) => m.text), ["Added “slow”.", "Added “slow”.", "Added “slow”."]);
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
  link.setAttribute("data-orderkit-chip", CHIP);
  link.setAttribute("data-orderkit-detach-url", "/orderkit/ponies.pony/1/detach/tags/");
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
