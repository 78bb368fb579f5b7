import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { attachUrl, click, detachUrl, json, key, order, perTest, settled } from "../testing/page.js";

const fx = perTest(afterEach);
const REORDER = "/orderkit/ponies.ponytag/reorder/";
const KEY = "ponies.pony:tags";

function chip(link, tag, label) {
  return (
    `<li class="orderkit-chip" data-orderkit-item data-pk="${link}" data-orderkit-related="${tag}" data-orderkit-label="${label}">` +
    `<button type="button" class="orderkit-handle" data-orderkit-handle aria-label="Move ${label}">⠿</button>` +
    `<span class="orderkit-chip-name">${label}</span>` +
    `<form method="post" action="${detachUrl(1)}"><button type="submit" data-orderkit="detach" data-url="${detachUrl(1)}"` +
    ` data-pk="${tag}" data-orderkit-undo-url="${attachUrl(1)}" aria-label="Remove ${label}">×</button></form></li>`
  );
}

// A pony's tags in the order of their through rows (pks 11, 12, 13), sortable; "slow" (2)
// may be attached.
const PAGE =
  `<ul class="orderkit-links" data-orderkit-links data-orderkit="sortable" data-url="${REORDER}">` +
  chip(11, 5, "fast") +
  chip(12, 6, "calm") +
  chip(13, 7, "brave") +
  `<li class="orderkit-attach" data-orderkit-attach><form method="post" action="${attachUrl(1)}">` +
  `<select name="pk"><option value="">Add…</option><option value="2">slow</option></select>` +
  `<button type="submit" data-orderkit="attach" data-url="${attachUrl(1)}" data-orderkit-chip="${KEY}"` +
  ` data-orderkit-detach-url="${detachUrl(1)}">Add</button></form></li></ul>` +
  `<template data-orderkit-chip="${KEY}"><li class="orderkit-chip" data-orderkit-item data-pk="" data-orderkit-label="">` +
  `<button type="button" class="orderkit-handle" data-orderkit-handle aria-label="Move %(related)s">⠿</button>` +
  `<span class="orderkit-chip-name"></span><form method="post" action=""><input type="hidden" name="pk" value="">` +
  `<button type="submit" data-orderkit="detach" data-url="" data-pk="" aria-label="Remove %(related)s">×</button></form></li></template>`;

const links = (doc) => doc.querySelector("[data-orderkit-links]");
const related = (doc) => Array.from(links(doc).querySelectorAll(":scope > [data-orderkit-item]"), (li) => li.dataset.orderkitRelated);

test("a chip moved by keyboard sends its through row's pk, next to the through row above it", async () => {
  const doc = await fx.setUp(() => json(200, { changed: true, positions: {} }), PAGE);
  const grip = links(doc).querySelector('[data-pk="13"] [data-orderkit-handle]');
  grip.focus();
  const done = settled(doc);
  for (const name of [" ", "ArrowUp", "ArrowUp", "Enter"]) key(grip, name);
  await done;
  assert.equal(fx.calls[0].url, REORDER);
  assert.deepEqual(fx.calls[0].body, { pk: "13", before: "11" });
  assert.deepEqual(order(links(doc)), ["13", "11", "12"]);
});

test("an attached object's chip is the item of its new through row, with a handle named for it", async () => {
  const doc = await fx.setUp(() => json(200, { changed: true, pk: "1", relation: "tags", related_pk: "2", link_pk: "14" }), PAGE);
  links(doc).querySelector("select").value = "2";
  const done = settled(doc);
  click(links(doc).querySelector('[data-orderkit="attach"]'));
  await done;
  const added = links(doc).querySelector('[data-pk="14"]');
  assert.equal(added.dataset.orderkitRelated, "2");
  assert.equal(added.querySelector("[data-orderkit-handle]").getAttribute("aria-label"), "Move slow");
  assert.equal(added.querySelector('[data-orderkit="detach"]').dataset.pk, "2");
  assert.deepEqual(order(links(doc)), ["11", "12", "13", "14"]);
});

test("undoing a detach attaches again as the last link, under its new through row", async () => {
  let answer = json(200, { changed: true });
  const doc = await fx.setUp(() => answer, PAGE);
  let done = settled(doc);
  click(links(doc).querySelector('[data-orderkit="detach"][data-pk="5"]'));
  await done;
  assert.deepEqual(related(doc), ["6", "7"]);
  answer = json(200, { changed: true, pk: "1", relation: "tags", related_pk: "5", link_pk: "15" });
  done = settled(doc);
  click(doc.querySelector(".orderkit-message-action"));
  await done;
  assert.deepEqual(fx.calls[1].body, { pk: "5" });
  assert.deepEqual(related(doc), ["6", "7", "5"]);
  assert.deepEqual(order(links(doc)), ["12", "13", "15"]);
});

test("an object linked already is recognised by its related pk, not its through row's", async () => {
  const doc = await fx.setUp(() => json(200, { changed: false, pk: "1", relation: "tags", related_pk: "6" }), PAGE);
  const select = links(doc).querySelector("select");
  select.add(new doc.defaultView.Option("calm", "6"));
  select.value = "6";
  const done = settled(doc);
  click(links(doc).querySelector('[data-orderkit="attach"]'));
  await done;
  assert.deepEqual(related(doc), ["5", "6", "7"]);
});
