import { runAction } from "./action.js";
import { canAct } from "./busy.js";
import { formOf, labelOf, placeOf, putBack, restoreAttribute, windowOf } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";
import { showMessage } from "./messages.js";

function attachFormIn(links) {
  const control = links && links.querySelector('[data-orderkit="attach"]');
  return control ? formOf(control) : null;
}

function pkSelect(form) {
  return form ? form.querySelector("select[name=pk]") : null;
}

function optionFor(select, pk) {
  return Array.from(select.options).find((option) => option.value === pk) || null;
}

const FOCUSABLE = "button:not(:disabled), select:not(:disabled), input:not([type=hidden]):not(:disabled)";

// Taking out the focused chip drops focus to <body>; keep keyboard users where they were.
function focusNear(where) {
  let next = where.next;
  while (next && next.nodeType !== 1) next = next.nextSibling;
  const target =
    (next && (next.matches(FOCUSABLE) ? next : next.querySelector(FOCUSABLE))) ||
    where.parent.querySelector(FOCUSABLE);
  if (target) target.focus();
}

function focusDetachIn(item) {
  const control = item.querySelector('[data-orderkit="detach"]');
  if (control) control.focus();
}

// A detached object may be attached again from the same list: offer it in the select.
// Attaching it then builds its chip from the page's shared chip template.
function offerAgain(links, pk, label) {
  const select = pkSelect(attachFormIn(links));
  if (select && !optionFor(select, pk)) {
    const { Option } = windowOf(select);
    select.add(new Option(label, pk));
  }
}

function withdraw(links, pk) {
  const select = pkSelect(attachFormIn(links));
  const option = select && optionFor(select, pk);
  if (option) option.remove();
}

// A chip of an ordered relation is the item of its through row (data-pk, which the reorder
// URL orders) and names the linked object in data-orderkit-related.
function relatedPkOf(item) {
  return item.getAttribute("data-orderkit-related") ?? item.getAttribute("data-pk");
}

// An attach made a new through row (`linkPk`), the last of the owner's links: the chip
// becomes its item.
function becomeLink(item, pk, linkPk) {
  item.setAttribute("data-pk", linkPk);
  item.setAttribute("data-orderkit-related", pk);
}

// The last place among the links: before the list's attach form.
function lastPlace(links) {
  return { parent: links, next: Array.from(links.children).find((child) => !child.hasAttribute("data-orderkit-item")) || null };
}

function undo(button, { url, pk, item, where, links, label, config }) {
  if (!canAct(button)) return null;
  const message = button.parentNode;
  return runAction(button, {
    url,
    body: { pk },
    config,
    form: null,
    fallbackTarget: message,
    onSuccess: (data) => {
      button.remove();
      // Attached again since (from the select): its chip is back already.
      if (where.parent.isConnected && !(links && alreadyShown(links, pk))) {
        if (data.link_pk !== undefined) becomeLink(item, pk, data.link_pk);
        putBack(item, data.link_pk !== undefined && links ? lastPlace(links) : where);
        focusDetachIn(item);
      }
      withdraw(links, pk);
      showMessage(item.ownerDocument, interpolate(gettext("Restored “%(label)s”."), { label }), "success");
    },
  });
}

// Without an item to take out there is nothing to do optimistically: the form posts as
// it would without JavaScript.
export function detach(control, config, event) {
  const item = control.closest("[data-orderkit-item]");
  if (!item) return null;
  event.preventDefault();
  if (!canAct(control)) return null;
  const doc = control.ownerDocument;
  const pk = control.dataset.pk;
  const label = labelOf(item);
  const where = placeOf(item);
  const links = where.parent.closest("[data-orderkit-links]");
  const undoUrl = control.dataset.orderkitUndoUrl;
  const hadFocus = item.contains(doc.activeElement);
  item.remove();
  if (hadFocus) focusNear(where);
  return runAction(control, {
    url: control.dataset.url,
    body: { pk },
    config,
    fallbackTarget: where.parent,
    onFailure: () => {
      putBack(item, where);
      if (hadFocus) control.focus();
    },
    onSuccess: () => {
      offerAgain(links, pk, label);
      const action = undoUrl
        ? { label: gettext("Undo"), run: (button) => undo(button, { url: undoUrl, pk, item, where, links, label, config }) }
        : null;
      showMessage(doc, interpolate(gettext("Removed “%(label)s”."), { label }), "success", action);
    },
  });
}

// The page renders one chip per relation, with empty slots: <template data-orderkit-chip>,
// named by the attach control's data-orderkit-chip. Compared as a value, not put in a
// selector, so any name works.
function chipTemplate(control) {
  const name = control.getAttribute("data-orderkit-chip");
  if (name === null) return null;
  return Array.from(control.ownerDocument.querySelectorAll("template[data-orderkit-chip]")).find(
    (template) => template.getAttribute("data-orderkit-chip") === name,
  ) || null;
}

// The template's chip with this row's values, set as text and attributes only. Without a
// detach URL the user may not detach here: the button stays disabled, with no undo.
function buildChip(template, control, pk, label, linkPk) {
  const chip = control.ownerDocument.importNode(template.content, true);
  const item = chip.querySelector("[data-orderkit-item]");
  if (!item) return null;
  item.setAttribute("data-pk", pk);
  if (linkPk !== undefined) becomeLink(item, pk, linkPk);
  item.setAttribute("data-orderkit-label", label);
  const handle = item.querySelector("[data-orderkit-handle]");
  const handleLabel = handle && handle.getAttribute("aria-label");
  if (handleLabel !== null) handle.setAttribute("aria-label", interpolate(handleLabel, { related: label }));
  const name = item.querySelector(".orderkit-chip-name");
  if (name) name.textContent = label;
  const detachUrl = control.getAttribute("data-orderkit-detach-url");
  const button = item.querySelector('[data-orderkit="detach"]');
  const form = (button && button.closest("form")) || item.querySelector("form");
  if (form) {
    if (detachUrl !== null) form.setAttribute("action", detachUrl);
    const field = form.querySelector("input[name=pk]");
    if (field) field.setAttribute("value", pk);
  }
  if (button) {
    button.setAttribute("data-pk", pk);
    const ariaLabel = button.getAttribute("aria-label");
    if (ariaLabel !== null) button.setAttribute("aria-label", interpolate(ariaLabel, { related: label }));
    if (detachUrl !== null) {
      button.setAttribute("data-url", detachUrl);
      restoreAttribute(button, "data-orderkit-undo-url", control.getAttribute("data-url"));
    } else {
      button.setAttribute("disabled", "");
      button.removeAttribute("data-orderkit-undo-url");
    }
  }
  return chip;
}

function alreadyShown(links, pk) {
  return Array.from(links.children).some(
    (child) => child.hasAttribute("data-orderkit-item") && relatedPkOf(child) === pk,
  );
}

// Shows the attached object's chip, built from the shared template, in front of the
// attach form; nothing when the page has no template for it.
function showChip(control, pk, label, linkPk) {
  const links = control.closest("[data-orderkit-links]");
  if (!links || alreadyShown(links, pk)) return;
  const template = chipTemplate(control);
  const chip = template && buildChip(template, control, pk, label, linkPk);
  if (!chip) return;
  const anchor = Array.from(links.children).find((child) => child.contains(control)) || null;
  links.insertBefore(chip, anchor);
}

// Back to its empty first option; the change event lets a widget drawn over the select
// (the admin's autocomplete) show it.
function resetSelect(select) {
  select.selectedIndex = 0;
  const { Event } = windowOf(select);
  select.dispatchEvent(new Event("change", { bubbles: true }));
}

export function attach(control, config, event) {
  event.preventDefault();
  if (!canAct(control)) return null;
  const form = formOf(control);
  const field = form && form.querySelector("[name=pk]");
  const pk = control.dataset.pk !== undefined ? control.dataset.pk : field ? field.value : "";
  return runAction(control, {
    url: control.dataset.url,
    body: { pk },
    config,
    onSuccess: (data) => {
      const select = pkSelect(form);
      const option = select && optionFor(select, pk);
      const label = option ? option.text : pk;
      showChip(control, pk, label, data.link_pk);
      if (option) option.remove();
      if (select) resetSelect(select);
      showMessage(control.ownerDocument, interpolate(gettext("Added “%(label)s”."), { label }), "success");
    },
  });
}
