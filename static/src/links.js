import { runAction } from "./action.js";
import { canAct } from "./busy.js";
import { formOf, labelOf, placeOf, putBack, windowOf } from "./dom.js";
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

function templateFor(form, pk) {
  return Array.from(form.querySelectorAll("template[data-orderkit-template]")).find(
    (template) => template.getAttribute("data-orderkit-template") === pk,
  ) || null;
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

// A detached object may be attached again from the same list: offer it in the select,
// and keep a copy of its chip so attaching it again shows it without a reload.
function offerAgain(links, pk, label, item) {
  const form = attachFormIn(links);
  const select = pkSelect(form);
  if (select && !optionFor(select, pk)) {
    const { Option } = windowOf(select);
    select.add(new Option(label, pk));
  }
  if (form && !templateFor(form, pk)) {
    const template = form.ownerDocument.createElement("template");
    template.setAttribute("data-orderkit-template", pk);
    template.content.append(item.cloneNode(true));
    form.append(template);
  }
}

function withdraw(links, pk) {
  const select = pkSelect(attachFormIn(links));
  const option = select && optionFor(select, pk);
  if (option) option.remove();
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
    onSuccess: () => {
      button.remove();
      if (where.parent.isConnected) {
        putBack(item, where);
        focusDetachIn(item);
      }
      withdraw(links, pk);
      showMessage(item.ownerDocument, `Restored “${label}”.`, "success");
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
      offerAgain(links, pk, label, item);
      const action = undoUrl
        ? { label: "Undo", run: (button) => undo(button, { url: undoUrl, pk, item, where, links, label, config }) }
        : null;
      showMessage(doc, `Removed “${label}”.`, "success", action);
    },
  });
}

function chipFrom(template) {
  return template.ownerDocument.importNode(template.content, true);
}

function alreadyShown(links, pk) {
  return Array.from(links.children).some(
    (child) => child.hasAttribute("data-orderkit-item") && child.getAttribute("data-pk") === pk,
  );
}

// Shows the attached object's chip from its template, in front of the attach form.
// Returns its label for the message.
function showChip(control, form, pk) {
  const links = control.closest("[data-orderkit-links]");
  const template = form && templateFor(form, pk);
  if (!template) return null;
  const chip = chipFrom(template);
  const item = chip.querySelector("[data-orderkit-item]");
  const label = item ? labelOf(item) : null;
  if (links && !alreadyShown(links, pk)) {
    const anchor = Array.from(links.children).find((child) => child.contains(control)) || null;
    links.insertBefore(chip, anchor);
  }
  return label;
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
    onSuccess: () => {
      const select = pkSelect(form);
      const option = select && optionFor(select, pk);
      const label = showChip(control, form, pk) || (option ? option.text : pk);
      if (option) option.remove();
      if (select) select.selectedIndex = 0;
      showMessage(control.ownerDocument, `Added “${label}”.`, "success");
    },
  });
}
