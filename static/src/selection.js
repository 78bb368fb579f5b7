import { gettext, interpolate } from "./i18n.js";
import { announce } from "./messages.js";
import { itemOf, itemsOf } from "./positions.js";

// The selection of a sortable list: the items that move together. On a site's list it is
// orderkit's own (Ctrl/Cmd-click, Shift-click, Shift+Space on a handle), marked by the class
// orderkit-selected and data-orderkit-selected on each item, and held by one list at a time.
// In the admin's change list it is Django's: the rows whose action checkbox is checked.

const SORTABLE = '[data-orderkit="sortable"]';
const SELECTED = "orderkit-selected";
// A modified click on these keeps its own meaning (a new tab, a range of checkboxes).
const CONTROLS = "a, input, select, textarea, label, [contenteditable], button:not([data-orderkit-handle])";

// Per document: the list whose items are selected, and the item clicked last (where a
// range starts).
const states = new WeakMap();

function stateOf(doc) {
  if (!states.has(doc)) states.set(doc, { list: null, last: null });
  return states.get(doc);
}

function isChangeList(list) {
  return list.closest("#result_list") !== null;
}

function checkboxOf(row) {
  return row.querySelector("input.action-select");
}

export function isSelected(list, item) {
  if (isChangeList(list)) {
    const box = checkboxOf(item);
    return box !== null && box.checked;
  }
  return item.hasAttribute("data-orderkit-selected");
}

// The list's selected items, in the list's order.
export function selectedItems(list) {
  return itemsOf(list).filter((item) => isSelected(list, item));
}

// What moves with `item`: the list's selection when the item is in it with others, else
// nothing (the item moves alone).
export function blockOf(list, item) {
  const selected = selectedItems(list);
  return selected.length > 1 && selected.includes(item) ? selected : null;
}

// The mark: a class to style, an attribute, and on the item's handle (a button, whose
// aria-pressed already says "picked up") an aria-description that screen readers read
// with its name.
function mark(item, on) {
  item.classList.toggle(SELECTED, on);
  const handle = item.querySelector("[data-orderkit-handle]");
  if (on) {
    item.setAttribute("data-orderkit-selected", "");
    if (handle) handle.setAttribute("aria-description", gettext("Selected"));
  } else {
    item.removeAttribute("data-orderkit-selected");
    if (handle) handle.removeAttribute("aria-description");
  }
}

function say(list) {
  const count = selectedItems(list).length;
  const text = count ? interpolate(gettext("Selected: %(count)s."), { count }) : gettext("Selection cleared.");
  announce(list.ownerDocument, text);
}

// Empties the document's selection; says so when `quiet` is false and there was one.
export function clearSelection(doc, quiet = false) {
  const state = stateOf(doc);
  const { list } = state;
  state.list = state.last = null;
  if (!list) return false;
  const had = selectedItems(list);
  for (const item of had) mark(item, false);
  if (had.length && !quiet) say(list);
  return had.length > 0;
}

function adopt(list) {
  const state = stateOf(list.ownerDocument);
  if (state.list !== list) {
    clearSelection(list.ownerDocument, true);
    state.list = list;
  }
  return state;
}

// Adds or takes away one item (Ctrl/Cmd-click, Shift+Space). In the change list, the row's
// checkbox is clicked, so Django's own script counts it.
export function toggleItem(list, item) {
  if (isChangeList(list)) {
    const box = checkboxOf(item);
    if (box && !box.disabled) box.click();
    return;
  }
  const state = adopt(list);
  mark(item, !isSelected(list, item));
  state.last = item;
  say(list);
}

// Shift-click: the items from the one clicked last to this one join the selection.
export function selectRange(list, item) {
  const state = adopt(list);
  const items = itemsOf(list);
  const from = state.last && state.last.parentNode === list ? items.indexOf(state.last) : items.indexOf(item);
  const to = items.indexOf(item);
  for (const one of items.slice(Math.min(from, to), Math.max(from, to) + 1)) mark(one, true);
  state.last = item;
  say(list);
}

// Document click listener: Ctrl/Cmd-click toggles an item, Shift-click selects a range. A
// plain click changes nothing (the click that may end a drag must not drop the selection).
export function onSelectClick(event) {
  const { target } = event;
  const list = typeof target.closest === "function" ? target.closest(SORTABLE) : null;
  if (!list || isChangeList(list)) return;
  const item = itemOf(list, target);
  if (!item || target.closest(CONTROLS)) return;
  if (event.ctrlKey || event.metaKey) {
    event.preventDefault();
    toggleItem(list, item);
  } else if (event.shiftKey) {
    event.preventDefault();
    selectRange(list, item);
  }
}

// A Shift-click also selects the text between the two clicks: not on a list's items.
export function onSelectMousedown(event) {
  const { target } = event;
  if (!event.shiftKey || typeof target.closest !== "function") return;
  const list = target.closest(SORTABLE);
  if (list && !isChangeList(list) && itemOf(list, target) && !target.closest(CONTROLS)) event.preventDefault();
}
