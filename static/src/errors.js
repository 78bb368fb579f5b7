import { restoreAttribute } from "./dom.js";
import { findField, placeNote } from "./fields.js";
import { gettext, interpolate } from "./i18n.js";

// form -> what applyFieldErrors changed, so clearing restores exactly that.
const marks = new WeakMap();
let serial = 0;

function messagesOf(list) {
  return Array.isArray(list) ? list.map((error) => String((error && error.message) || "")).filter(Boolean) : [];
}

function nextErrorId(doc) {
  let id;
  do {
    serial += 1;
    id = `orderkit-error-${serial}`;
  } while (doc.getElementById(id));
  return id;
}

// Class names that a form asks for (data-orderkit-invalid-class="is-invalid" for Bootstrap).
function classesOf(form, attribute) {
  return (form.getAttribute(attribute) || "").split(/\s+/).filter(Boolean);
}

function markControl(control, noteId, added) {
  const mark = {
    control,
    invalid: control.getAttribute("aria-invalid"),
    describedBy: control.getAttribute("aria-describedby"),
    added: added.filter((name) => !control.classList.contains(name)),
  };
  control.setAttribute("aria-invalid", "true");
  control.setAttribute("aria-describedby", mark.describedBy ? `${mark.describedBy} ${noteId}` : noteId);
  control.classList.add(...mark.added);
  return mark;
}

function markField(form, found, text) {
  const doc = form.ownerDocument;
  const note = doc.createElement("span");
  note.classList.add("orderkit-error", ...classesOf(form, "data-orderkit-error-class"));
  note.setAttribute("data-orderkit-error", "");
  note.id = nextErrorId(doc);
  note.textContent = text;
  const added = classesOf(form, "data-orderkit-invalid-class");
  const controls = found.controls.map((control) => markControl(control, note.id, added));
  placeNote(found, note);
  return { note, controls };
}

export function clearFieldErrors(form) {
  if (!form) return;
  for (const mark of marks.get(form) || []) {
    mark.note.remove();
    for (const { control, invalid, describedBy, added } of mark.controls) {
      restoreAttribute(control, "aria-invalid", invalid);
      restoreAttribute(control, "aria-describedby", describedBy);
      control.classList.remove(...added);
    }
  }
  marks.delete(form);
}

// Marks the fields the form shows; returns the texts that have no field to sit next to.
export function applyFieldErrors(form, errors) {
  const unplaced = [];
  const applied = [];
  for (const [name, list] of Object.entries(errors || {})) {
    const texts = messagesOf(list);
    if (!texts.length) continue;
    const found = findField(form, name);
    if (found) applied.push(markField(form, found, texts.join(" ")));
    else unplaced.push(...texts);
  }
  if (applied.length) marks.set(form, [...(marks.get(form) || []), ...applied]);
  return unplaced;
}

function errorsOf(data) {
  const errors = data && typeof data === "object" ? data.errors : null;
  return errors && typeof errors === "object" ? errors : null;
}

// Answers that trying again may cure, for when they come without orderkit's own message
// (a proxy's or a load balancer's page): the user learns to try again. Translated when
// shown, once the page's catalogue is known.
const TRY_AGAIN = {
  409: () => gettext("Someone else changed these rows at the same time. Reload and try again."),
  503: () => gettext("The server is unavailable for a moment. Try again."),
};

// Marks the form's fields; returns the texts of the rest ([] when the form shows every error).
export function failureTexts(result, form) {
  if (result.status === 0) return [gettext("The server could not be reached.")];
  const errors = errorsOf(result.data);
  const unplaced = errors ? applyFieldErrors(form, errors) : [];
  if (unplaced.length) return unplaced;
  if (errors && Object.values(errors).some((list) => messagesOf(list).length)) return [];
  const again = TRY_AGAIN[result.status];
  if (again) return [again()];
  return [interpolate(gettext("The server answered %(status)s without details."), { status: result.status })];
}

// The same, as one text for the message list ("" when the form shows every error).
export function applyFailure(result, form) {
  return failureTexts(result, form).join(" ");
}
