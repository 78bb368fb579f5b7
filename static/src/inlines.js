// Keyboard sorting and move-to-top/bottom buttons for orderkit's sortable admin inlines
// (adminsortable2's client drags them: a fieldset.sortable whose saved rows hold an
// input._reorder_). Nothing is sent: a move renumbers the rows' sort keys, as a drag does,
// and the parent form saves them.
import { gettext, interpolate, useCatalog } from "./i18n.js";
import { createKeyboard } from "./keyboard.js";
import { itemsOf } from "./positions.js";
import { announceMoved } from "./reorder.js";

export const INLINE = "[data-orderkit-inline]";
const ROW = "tr.has_original, .inline-related.has_original";
const TITLE = "td.original p, h3";

// The row's name: the first words of a stacked row's label or of a tabular row's title
// (a "Change" link may follow them).
function rowLabel(title) {
  const label = title.querySelector(".inline_label") || title;
  const text = Array.from(label.childNodes).find((node) => node.nodeType === 3 && node.textContent.trim());
  return text ? text.textContent.trim() : "";
}

function button(doc, className, text, name) {
  const control = doc.createElement("button");
  control.type = "button";
  control.className = className;
  control.textContent = text;
  control.setAttribute("aria-label", name);
  return control;
}

// Gives each saved row of `fieldset` its pk and name, a handle at the start of its title and
// the two move buttons at its end; marks the rows' parent as a keyboard-sortable container.
export function prepareInline(fieldset) {
  const doc = fieldset.ownerDocument;
  for (const key of fieldset.querySelectorAll("input._reorder_")) {
    const row = key.closest(ROW);
    const title = row && row.querySelector(TITLE);
    const id = row && row.querySelector('input[name$="-id"]');
    if (!title || !id || !id.value || row.hasAttribute("data-pk")) continue;
    const container = row.parentElement;
    container.setAttribute("data-orderkit-inline", "");
    if (fieldset.classList.contains("reversed")) container.setAttribute("data-orderkit-reversed", "");
    const label = rowLabel(title);
    row.setAttribute("data-pk", id.value);
    row.setAttribute("data-orderkit-label", label);
    const handle = button(doc, "orderkit-handle", "⠿", interpolate(gettext("Move %(label)s"), { label }));
    handle.setAttribute("data-orderkit-handle", "");
    title.prepend(handle, " ");
    const top = button(doc, "orderkit-inline-move", "⤒", interpolate(gettext("Move %(label)s to the top"), { label }));
    top.setAttribute("data-orderkit-inline-move", "top");
    const bottom = button(doc, "orderkit-inline-move", "⤓", interpolate(gettext("Move %(label)s to the bottom"), { label }));
    bottom.setAttribute("data-orderkit-inline-move", "bottom");
    title.append(" ", top, bottom);
  }
}

// The sort keys in the order shown: 1, 2, ... from the top, or ..., 2, 1 when reversed.
export function renumber(container) {
  const items = itemsOf(container);
  const reversed = container.hasAttribute("data-orderkit-reversed");
  items.forEach((item, index) => {
    const key = item.querySelector("input._reorder_");
    if (key) key.value = String(reversed ? items.length - index : index + 1);
  });
}

// A click on a move button: the row goes first or last among the saved rows.
export function onMoveClick(event) {
  const control = typeof event.target.closest === "function" ? event.target.closest("[data-orderkit-inline-move]") : null;
  const container = control && control.closest(INLINE);
  if (!container) return;
  const item = itemsOf(container).find((row) => row.contains(control));
  const items = itemsOf(container);
  if (control.getAttribute("data-orderkit-inline-move") === "top") container.insertBefore(item, items[0]);
  else container.insertBefore(item, items[items.length - 1].nextSibling);
  control.focus();
  renumber(container);
  announceMoved(container, item);
}

// Binds the keyboard and the move buttons of every sortable inline of the page.
export function installInlines(doc, config) {
  useCatalog(config.catalog);
  const keyboard = createKeyboard(config, { sortable: INLINE, onDrop: (container) => renumber(container) });
  doc.addEventListener("keydown", keyboard.onKeydown);
  doc.addEventListener("focusout", keyboard.onFocusout);
  doc.addEventListener("click", onMoveClick);
  for (const fieldset of doc.querySelectorAll("fieldset.sortable")) prepareInline(fieldset);
}
