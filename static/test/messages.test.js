import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { announce, messageRegion, showMessage } from "../src/messages.js";
import { click, messages, page } from "../testing/page.js";

let current;
afterEach(() => {
  current?.close();
  current = null;
});

const EVIL = "<img src=x onerror=alert(1)>";

test("a missing region is created at the end of body as a polite live region", () => {
  current = page("<main></main>");
  const doc = current.document;
  const region = messageRegion(doc);
  assert.equal(doc.body.lastElementChild, region);
  assert.equal(region.className, "orderkit-messages");
  assert.equal(region.hasAttribute("data-orderkit-messages"), true);
  assert.equal(region.getAttribute("role"), "status");
  assert.equal(region.getAttribute("aria-live"), "polite");
  assert.equal(messageRegion(doc), region);
});

test("messages are text only: markup in a label never becomes an element", () => {
  current = page('<div class="orderkit-messages" data-orderkit-messages role="status" aria-live="polite"></div>');
  const doc = current.document;
  const message = showMessage(doc, `Removed “${EVIL}”.`, "success");
  assert.equal(message.outerHTML.includes("<img"), false);
  assert.equal(message.textContent, `Removed “${EVIL}”.`);
  assert.equal(doc.querySelector("img"), null);
  assert.equal(message.className, "orderkit-message orderkit-message--success");
});

test("at most five messages stay, the oldest go first", () => {
  current = page(
    '<div data-orderkit-messages><p class="orderkit-message orderkit-message--success">Server</p></div>',
  );
  const doc = current.document;
  announce(doc, "Step");
  for (let i = 1; i <= 6; i += 1) showMessage(doc, `Client ${i}`, "info");
  assert.deepEqual(
    messages(doc).map((m) => m.text),
    ["Client 2", "Client 3", "Client 4", "Client 5", "Client 6"],
  );
  assert.equal(doc.querySelector(".orderkit-announcement").textContent, "Step");
});

test("an action is a button inside the message that runs with itself", () => {
  current = page("");
  const doc = current.document;
  const seen = [];
  const message = showMessage(doc, "Removed “fast”.", "success", { label: "Undo", run: (button) => seen.push(button) });
  const button = message.querySelector("button.orderkit-message-action");
  assert.equal(button.type, "button");
  assert.equal(button.textContent, "Undo");
  click(button);
  assert.deepEqual(seen, [button]);
});

test("announcements replace the text of one visually hidden element", () => {
  current = page("");
  const doc = current.document;
  announce(doc, "Picked up Bramble.");
  announce(doc, EVIL);
  const all = doc.querySelectorAll(".orderkit-announcement");
  assert.equal(all.length, 1);
  assert.equal(all[0].className, "orderkit-announcement orderkit-visually-hidden");
  assert.equal(all[0].textContent, EVIL);
  assert.equal(all[0].parentElement, messageRegion(doc));
  assert.equal(doc.querySelector("img"), null);
});
