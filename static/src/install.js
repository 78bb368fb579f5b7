import { EDIT, onEditKey, saveEdit } from "./edit.js";
import { FORM, postsHere, submitForm } from "./form.js";
import { useCatalog } from "./i18n.js";
import { createKeyboard } from "./keyboard.js";
import { attach, detach } from "./links.js";
import { prepareMessages } from "./messages.js";
import { onSelectClick, onSelectMousedown } from "./selection.js";
import { makeSortable } from "./sortable.js";
import { toggleButton, toggleCheckbox } from "./toggle.js";
import { onListChanged } from "./undo.js";

const SORTABLE = '[data-orderkit="sortable"]';

function controlOf(event) {
  const { target } = event;
  return typeof target.closest === "function" ? target.closest("[data-orderkit]") : null;
}

function onClick(event, config) {
  const control = controlOf(event);
  if (!control) return;
  const kind = control.getAttribute("data-orderkit");
  if (kind === "toggle" && control.localName === "button") {
    // Handled even while busy: the form must not post behind the script's back.
    event.preventDefault();
    toggleButton(control, config);
  } else if (kind === "detach") {
    detach(control, config, event);
  } else if (kind === "attach") {
    attach(control, config, event);
  }
}

function onChange(event, config) {
  const control = controlOf(event);
  if (control && control.getAttribute("data-orderkit") === "toggle" && control.type === "checkbox") {
    toggleCheckbox(control, config);
  }
}

// A GET form, or one whose method a submit button overrides (formmethod), posts natively.
function onSubmit(event, config) {
  const form = event.target;
  if (form.matches(EDIT)) {
    event.preventDefault();
    saveEdit(form, config);
    return;
  }
  if (!form.matches(FORM)) return;
  if (!postsHere(form, event.submitter)) return;
  event.preventDefault();
  submitForm(form, event.submitter, config);
}

// Listeners sit on the document, so controls added later (htmx swaps, any script) work
// with no extra step; only SortableJS needs each container bound, which the observer does.
export function install(doc, config, Sortable) {
  useCatalog(config.catalog);
  const bound = new WeakSet();
  const keyboard = createKeyboard(config);

  function bind(root = doc) {
    const containers = Array.from(root.querySelectorAll(SORTABLE));
    if (root.matches && root.matches(SORTABLE)) containers.unshift(root);
    for (const container of containers) {
      if (bound.has(container)) continue;
      bound.add(container);
      makeSortable(Sortable, container, config);
    }
  }

  doc.addEventListener("click", (event) => onClick(event, config));
  doc.addEventListener("click", onSelectClick);
  doc.addEventListener("mousedown", onSelectMousedown);
  doc.addEventListener("change", (event) => onChange(event, config));
  doc.addEventListener("submit", (event) => onSubmit(event, config));
  doc.addEventListener("keydown", keyboard.onKeydown);
  doc.addEventListener("keydown", onEditKey);
  doc.addEventListener("focusout", keyboard.onFocusout);
  doc.addEventListener("orderkit:done", onListChanged);

  // Observing only after the first scan: while the parser is still adding a list, its
  // handles may not exist yet, and the handle option is decided once per container.
  function start() {
    prepareMessages(doc);
    bind();
    const { MutationObserver } = doc.defaultView;
    new MutationObserver((mutations) => {
      for (const mutation of mutations) {
        if (mutation.type === "attributes") bind(mutation.target);
        for (const node of mutation.addedNodes) if (node.nodeType === 1) bind(node);
      }
    }).observe(doc.documentElement, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ["data-orderkit"],
    });
  }

  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", start);
  else start();
  return { bind };
}
