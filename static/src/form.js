import { runAction } from "./action.js";
import { isBusy } from "./busy.js";
import { windowOf } from "./dom.js";
import { failureTexts } from "./errors.js";
import { announce, showMessage } from "./messages.js";
import { postForm } from "./request.js";

export const FORM = 'form[data-orderkit="form"]';
const AREA = "[data-orderkit-form-errors]";
const SUBMITS = "button:not([type]), button[type=submit], input[type=submit], input[type=image]";

// The form's own non-field error area, or one made at its top (and taken out when cleared).
const madeAreas = new WeakSet();

function areaOf(form) {
  let area = form.querySelector(AREA);
  if (!area) {
    area = form.ownerDocument.createElement("div");
    area.className = "orderkit-form-errors";
    area.setAttribute("data-orderkit-form-errors", "");
    form.prepend(area);
    madeAreas.add(area);
  }
  return area;
}

function clearArea(form) {
  const area = form.querySelector(AREA);
  if (!area) return;
  if (madeAreas.has(area)) area.remove();
  else for (const note of area.querySelectorAll(":scope > [data-orderkit-error]")) note.remove();
}

// __all__ errors and those of fields the form does not show: in the area, and announced.
function showInForm(result, form) {
  const texts = failureTexts(result, form);
  if (texts.length) {
    const area = areaOf(form);
    for (const text of texts) {
      const note = form.ownerDocument.createElement("p");
      note.className = "orderkit-error";
      note.setAttribute("data-orderkit-error", "");
      note.textContent = text;
      area.append(note);
    }
    announce(form.ownerDocument, texts.join(" "));
  }
  const invalid = form.querySelector('[aria-invalid="true"]');
  if (invalid) invalid.focus();
}

// Only a web address: a "javascript:" redirect would run in the page.
function follow(form, redirect) {
  if (typeof redirect !== "string" || !redirect) return;
  const { location, URL } = windowOf(form);
  let target;
  try {
    target = new URL(redirect, location.href);
  } catch {
    return;
  }
  if (target.protocol === "http:" || target.protocol === "https:") location.assign(target.href);
}

// Attributes, not properties: a field called "action" or "method" shadows the form's own.
function attributeOf(form, submitter, name) {
  const own = submitter ? submitter.getAttribute(`form${name}`) : null;
  return own === null ? form.getAttribute(name) : own;
}

export function postsHere(form, submitter) {
  return (attributeOf(form, submitter, "method") || "get").toLowerCase() === "post";
}

// The form's fields (files too, and the button that submitted it) by fetch, as
// Accept: application/json; its submit controls are disabled until the answer.
export function submitForm(form, submitter, config) {
  if (isBusy(form)) return null;
  const { FormData, URL, location } = windowOf(form);
  const body = new FormData(form, submitter || null);
  clearArea(form);
  const submits = Array.from(form.querySelectorAll(SUBMITS));
  return runAction(form, {
    url: new URL(attributeOf(form, submitter, "action") || "", location.href).href,
    body,
    config,
    form,
    busy: [form, ...submits],
    send: postForm,
    report: showInForm,
    onSuccess: (data) => {
      if (typeof data.message === "string" && data.message) showMessage(form.ownerDocument, data.message, "success");
    },
    afterDone: (data) => follow(form, data.redirect),
  });
}
