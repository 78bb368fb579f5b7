// Shared by the tests in test/; it lives outside test/ because `node --test test/`
// would run every .js file there as a test file.
import { JSDOM } from "jsdom";
import { install } from "../src/install.js";

export const CONFIG = { csrfHeader: "X-CSRFToken", csrfCookie: "csrftoken", catalog: null };

export class FakeSortable {
  static instances = [];

  constructor(el, options) {
    this.el = el;
    this.options = options;
    FakeSortable.instances.push(this);
  }
}

// A fresh document per test. The client reaches the window through its elements, so the
// only global it needs is fetch, which each test mocks.
export function page(body, { cookie = "" } = {}) {
  const dom = new JSDOM(`<!DOCTYPE html><html><head></head><body>${body}</body></html>`, {
    url: "http://testserver/",
  });
  const { document } = dom.window;
  for (const pair of cookie ? cookie.split("; ") : []) document.cookie = pair;
  return { window: dom.window, document, close: () => dom.window.close() };
}

// Installed as the script does, while the document is still loading; resolves once
// DOMContentLoaded has passed, when the first scan has bound the lists. `catalog` is the
// page's translations, as its script tag would give them.
export async function installed(body, { catalog = null, ...options } = {}) {
  const result = page(body, options);
  FakeSortable.instances = [];
  result.orderkit = install(result.document, { ...CONFIG, catalog }, FakeSortable);
  if (result.document.readyState === "loading") await nextEvent(result.document, "DOMContentLoaded");
  return result;
}

export function json(status, data) {
  return new Response(JSON.stringify(data), { status, headers: { "Content-Type": "application/json" } });
}

// Replaces global fetch; answers come from `answer(url, init)` (a Response, a promise of
// one, or a thrown error for a network failure). Every call is recorded.
export function mockFetch(answer) {
  const calls = [];
  const original = globalThis.fetch;
  globalThis.fetch = async (url, init) => {
    calls.push({ url, init, body: typeof init.body === "string" ? JSON.parse(init.body) : init.body });
    return answer(url, init);
  };
  calls.restore = () => {
    globalThis.fetch = original;
  };
  return calls;
}

// An answer the test releases when it wants, to observe the in-flight state.
export function deferred() {
  let resolve;
  const promise = new Promise((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

export function nextEvent(target, ...names) {
  return new Promise((resolve) => {
    const listener = (event) => {
      for (const name of names) target.removeEventListener(name, listener);
      resolve(event);
    };
    for (const name of names) target.addEventListener(name, listener);
  });
}

export function settled(document) {
  return nextEvent(document, "orderkit:done", "orderkit:fail");
}

export function click(element) {
  const event = new element.ownerDocument.defaultView.MouseEvent("click", { bubbles: true, cancelable: true });
  element.dispatchEvent(event);
  return event;
}

export function key(element, name) {
  const event = new element.ownerDocument.defaultView.KeyboardEvent("keydown", {
    key: name,
    bubbles: true,
    cancelable: true,
  });
  element.dispatchEvent(event);
  return event;
}

export function messages(document) {
  return Array.from(document.querySelectorAll(".orderkit-message")).map((p) => ({
    level: p.className.replace(/^.*orderkit-message--/, ""),
    text: p.firstChild ? p.firstChild.textContent : "",
  }));
}

export function announcement(document) {
  const element = document.querySelector(".orderkit-announcement");
  return element ? element.textContent : null;
}

export function order(container) {
  return Array.from(container.children)
    .filter((child) => child.hasAttribute("data-pk"))
    .map((child) => child.getAttribute("data-pk"));
}

const TOKEN = '<input type="hidden" name="csrfmiddlewaretoken" value="FORMTOKEN"><input type="hidden" name="next" value="/">';

export const CHIP = "ponies.pony:tags";
export const detachUrl = (ponyPk) => `/orderkit/ponies.pony/${ponyPk}/detach/tags/`;
export const attachUrl = (ponyPk) => `/orderkit/ponies.pony/${ponyPk}/attach/tags/`;

function chipMarkup({ pk, label, url, ariaLabel, undo = "" }) {
  return (
    `<li class="orderkit-chip" data-orderkit-item data-pk="${pk}" data-orderkit-label="${label}">` +
    `<span class="orderkit-chip-name">${label}</span>` +
    `<form method="post" action="${url}" class="orderkit-form">${TOKEN}<input type="hidden" name="pk" value="${pk}">` +
    `<button type="submit" class="orderkit-detach" data-orderkit="detach" data-url="${url}" data-pk="${pk}"` +
    `${undo ? ` data-orderkit-undo-url="${undo}"` : ""} aria-label="${ariaLabel}">×</button></form></li>`
  );
}

function chip(ponyPk, tag) {
  const url = detachUrl(ponyPk);
  return chipMarkup({ ...tag, url, ariaLabel: `Remove ${tag.label}`, undo: attachUrl(ponyPk) });
}

// One per relation per page, after the first list with an attach form: the slots are empty,
// and the aria-label is the server's format string, for the client to fill in.
export const CHIP_TEMPLATE =
  `<template data-orderkit-chip="${CHIP}">` +
  chipMarkup({ pk: "", label: "", url: "", ariaLabel: "Remove %(related)s" }) +
  "</template>";

// The markup the template tags render (labels here are trusted test strings). Every row
// offers the candidates; the first row holds the tags.
export function ponies(names = ["Bramble", "Clover", "Dusty", "Ember"], { tags = [], candidates = [] } = {}) {
  const options = candidates.map((tag) => `<option value="${tag.pk}">${tag.label}</option>`).join("");
  const items = names.map((name, index) => {
    const pk = index + 1;
    const own = index === 0 ? tags : [];
    return (
      `<li data-orderkit-item data-pk="${pk}" data-orderkit-label="${name}">` +
      `<button type="button" class="orderkit-handle" data-orderkit-handle aria-label="Move ${name}">⠿</button>${name}` +
      `<form method="post" action="/orderkit/ponies.pony/${pk}/toggle/is_active/" class="orderkit-form">${TOKEN}` +
      `<button type="submit" class="orderkit-toggle" data-orderkit="toggle" data-url="/orderkit/ponies.pony/${pk}/toggle/is_active/" data-pk="${pk}" aria-pressed="true">Active</button></form>` +
      `<ul class="orderkit-links" data-orderkit-links>${own.map((tag) => chip(pk, tag)).join("")}` +
      `<li class="orderkit-attach" data-orderkit-attach><form method="post" action="${attachUrl(pk)}" class="orderkit-form">${TOKEN}` +
      `<select name="pk" aria-label="Add to ${name}"><option value="">Add…</option>${options}</select>` +
      `<button type="submit" class="orderkit-attach-button" data-orderkit="attach" data-url="${attachUrl(pk)}"` +
      ` data-orderkit-chip="${CHIP}" data-orderkit-detach-url="${detachUrl(pk)}">Add</button>` +
      `</form></li></ul>${index === 0 ? CHIP_TEMPLATE : ""}</li>`
    );
  });
  return `<ol class="orderkit-sortable" data-orderkit="sortable" data-url="/orderkit/ponies.pony/reorder/">${items.join("")}</ol>`;
}

// One page and one fetch mock per test, closed after it: `const fx = perTest(afterEach)`,
// then `await fx.setUp(answer)` and `fx.calls`.
export function perTest(afterEach) {
  const fx = { calls: null, current: null };
  fx.setUp = async (answer, body = ponies(), options = {}) => {
    fx.calls = mockFetch(answer);
    fx.current = await installed(body, options);
    return fx.current.document;
  };
  afterEach(() => {
    fx.calls?.restore();
    fx.current?.close();
    fx.calls = fx.current = null;
  });
  return fx;
}
