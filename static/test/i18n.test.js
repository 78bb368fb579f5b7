import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { readConfig } from "../src/config.js";
import { gettext, interpolate, parseCatalog, useCatalog } from "../src/i18n.js";
import { FakeSortable, announcement, click, json, key, messages, page, perTest, ponies, settled } from "../testing/page.js";

const fx = perTest(afterEach);
afterEach(() => useCatalog(null));

// German texts from here on (spellchecker off).
// As {% orderkit_script %} renders it for German (the placeholders move, as translations do).
const GERMAN = {
  "Removed “%(label)s”.": "„%(label)s“ entfernt.",
  "Restored “%(label)s”.": "„%(label)s“ wiederhergestellt.",
  "Added “%(label)s”.": "„%(label)s“ hinzugefügt.",
  Undo: "Rückgängig",
  "Picked up %(label)s, position %(index)s of %(total)s. Use the arrow keys to move it, Space or Enter to drop it, Escape to cancel.":
    "%(label)s aufgenommen, Position %(index)s von %(total)s. Mit den Pfeiltasten verschieben, mit Leertaste oder Eingabe ablegen, mit Escape abbrechen.",
  "%(label)s, position %(index)s of %(total)s.": "%(label)s, Position %(index)s von %(total)s.",
  "%(label)s dropped at position %(index)s of %(total)s.": "%(label)s an Position %(index)s von %(total)s abgelegt.",
  "%(label)s is back at position %(index)s of %(total)s.": "%(label)s ist wieder an Position %(index)s von %(total)s.",
  "%(label)s moved to position %(index)s of %(total)s.": "%(label)s an Position %(index)s von %(total)s verschoben.",
  "The server could not be reached.": "Der Server war nicht erreichbar.",
  "The server answered %(status)s without details.": "Der Server antwortete %(status)s ohne Angaben.",
  "The server is unavailable for a moment. Try again.": "Der Server ist gerade nicht verfügbar. Versuchen Sie es erneut.",
  "Someone else changed these rows at the same time. Reload and try again.":
    "Jemand anderes hat diese Zeilen gleichzeitig geändert. Laden Sie neu und versuchen Sie es erneut.",
};

const TAGS = { tags: [{ pk: "5", label: "fast" }], candidates: [{ pk: "2", label: "slow" }] };

test("gettext: the catalogue's text, else the English msgid", () => {
  assert.equal(gettext("Undo"), "Undo");
  useCatalog({ Undo: "Rückgängig", Other: 3, Empty: "" });
  assert.equal(gettext("Undo"), "Rückgängig");
  assert.equal(gettext("Other"), "Other", "only strings are translations");
  assert.equal(gettext("Empty"), "Empty");
  assert.equal(gettext("constructor"), "constructor", "no inherited property is a translation");
  assert.equal(gettext("__proto__"), "__proto__");
  useCatalog(["not", "an", "object"]);
  assert.equal(gettext("Undo"), "Undo");
});

test("interpolate: named placeholders in one pass, as text; %% is a percent sign", () => {
  const values = { label: "%(index)s <b>x</b>", index: 2 };
  assert.equal(interpolate("%(label)s at %(index)s, 100%%", values), "%(index)s <b>x</b> at 2, 100%");
  assert.equal(interpolate("%(missing)s and %(label)s", { label: "A" }), "%(missing)s and A");
  assert.equal(interpolate("%(constructor)s", {}), "%(constructor)s");
});

test("the catalogue comes from the script tag; one that is not JSON is none", () => {
  const doc = page(
    `<script id="de" data-orderkit-catalog='{"Undo": "Rückgängig"}'></script>` +
      `<script id="bad" data-orderkit-catalog="{oops"></script><script id="none"></script>`,
  ).document;
  assert.deepEqual(readConfig(doc.getElementById("de")).catalog, { Undo: "Rückgängig" });
  assert.equal(readConfig(doc.getElementById("bad")).catalog, null);
  assert.equal(readConfig(doc.getElementById("none")).catalog, null);
  assert.equal(parseCatalog(""), null);
});

test("detach, undo and attach speak the page's language", async () => {
  const doc = await fx.setUp(
    () => json(200, { changed: true, pk: "1", relation: "tags", related_pk: "5" }),
    ponies(["Bramble"], TAGS),
    { catalog: GERMAN },
  );
  let done = settled(doc);
  click(doc.querySelector('[data-orderkit="detach"][data-pk="5"]'));
  await done;
  assert.deepEqual(messages(doc), [{ level: "success", text: "„fast“ entfernt." }]);
  const undo = doc.querySelector(".orderkit-message-action");
  assert.equal(undo.textContent, "Rückgängig");
  done = settled(doc);
  click(undo);
  await done;
  assert.equal(messages(doc)[1].text, "„fast“ wiederhergestellt.");
  done = settled(doc);
  doc.querySelector("select").value = "2";
  click(doc.querySelector('[data-orderkit="attach"]'));
  await done;
  assert.equal(messages(doc)[2].text, "„slow“ hinzugefügt.");
});

test("the keyboard's announcements and a drag's are translated", async () => {
  const doc = await fx.setUp(() => json(200, { changed: true, positions: {} }), ponies(), { catalog: GERMAN });
  const grip = doc.querySelector('[data-pk="2"] [data-orderkit-handle]');
  grip.focus();
  key(grip, " ");
  assert.equal(
    announcement(doc),
    "Clover aufgenommen, Position 2 von 4. Mit den Pfeiltasten verschieben, mit Leertaste oder Eingabe ablegen, mit Escape abbrechen.",
  );
  key(grip, "ArrowDown");
  assert.equal(announcement(doc), "Clover, Position 3 von 4.");
  key(grip, "Escape");
  assert.equal(announcement(doc), "Clover ist wieder an Position 2 von 4.");
  key(grip, "Enter");
  key(grip, "ArrowUp");
  let done = settled(doc);
  key(grip, "Enter");
  assert.equal(announcement(doc), "Clover an Position 1 von 4 abgelegt.");
  await done;
  const [sortable] = FakeSortable.instances;
  const item = doc.querySelector('[data-orderkit="sortable"] > [data-pk="4"]');
  done = settled(doc);
  sortable.options.onChoose({ item });
  item.parentNode.insertBefore(item, item.parentNode.firstElementChild);
  sortable.options.onEnd({ item });
  await done;
  assert.equal(announcement(doc), "Ember an Position 1 von 4 verschoben.");
});

test("the client's own error texts are translated", async () => {
  let answer = () => Promise.reject(new TypeError("offline"));
  const doc = await fx.setUp(() => answer(), ponies(), { catalog: GERMAN });
  const toggle = doc.querySelector('[data-orderkit="toggle"]');
  let done = settled(doc);
  click(toggle);
  await done;
  assert.equal(messages(doc)[0].text, "Der Server war nicht erreichbar.");
  answer = () => new Response("<h1>Bad gateway</h1>", { status: 502 });
  done = settled(doc);
  click(toggle);
  await done;
  assert.equal(messages(doc)[1].text, "Der Server antwortete 502 ohne Angaben.");
  for (const [status, text] of [
    [503, "Der Server ist gerade nicht verfügbar. Versuchen Sie es erneut."],
    [409, "Jemand anderes hat diese Zeilen gleichzeitig geändert. Laden Sie neu und versuchen Sie es erneut."],
  ]) {
    answer = () => new Response("<h1>A proxy's page</h1>", { status });
    done = settled(doc);
    click(toggle);
    await done;
    assert.equal(messages(doc).at(-1).text, text);
  }
});

test("without a catalogue the texts are English", async () => {
  const doc = await fx.setUp(() => json(200, { changed: true, pk: "1" }), ponies(["Bramble"], TAGS));
  const done = settled(doc);
  click(doc.querySelector('[data-orderkit="detach"][data-pk="5"]'));
  await done;
  assert.deepEqual(messages(doc), [{ level: "success", text: "Removed “fast”." }]);
  assert.equal(doc.querySelector(".orderkit-message-action").textContent, "Undo");
});

// (spellchecker on)
