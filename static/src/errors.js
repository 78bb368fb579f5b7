import { restoreAttribute } from "./dom.js";

// form -> what applyFieldErrors changed, so clearing restores exactly that.
const marks = new WeakMap();
let serial = 0;

// A hidden input cannot show or describe an error: its errors go to the message list.
function fieldNamed(form, name) {
  for (const element of form.querySelectorAll("[name]")) {
    if (element.getAttribute("name") === name && element.type !== "hidden") return element;
  }
  return null;
}

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

function markField(field, text) {
  const doc = field.ownerDocument;
  const note = doc.createElement("span");
  note.className = "orderkit-error";
  note.setAttribute("data-orderkit-error", "");
  note.id = nextErrorId(doc);
  note.textContent = text;
  const mark = {
    field,
    note,
    invalid: field.getAttribute("aria-invalid"),
    describedBy: field.getAttribute("aria-describedby"),
  };
  field.setAttribute("aria-invalid", "true");
  field.setAttribute("aria-describedby", mark.describedBy ? `${mark.describedBy} ${note.id}` : note.id);
  field.after(note);
  return mark;
}

export function clearFieldErrors(form) {
  if (!form) return;
  for (const mark of marks.get(form) || []) {
    mark.note.remove();
    restoreAttribute(mark.field, "aria-invalid", mark.invalid);
    restoreAttribute(mark.field, "aria-describedby", mark.describedBy);
  }
  marks.delete(form);
}

// Marks the fields the form holds; returns the texts that have no field to sit next to.
export function applyFieldErrors(form, errors) {
  const unplaced = [];
  const applied = [];
  for (const [name, list] of Object.entries(errors || {})) {
    const texts = messagesOf(list);
    if (!texts.length) continue;
    const field = name !== "__all__" && form ? fieldNamed(form, name) : null;
    if (field) applied.push(markField(field, texts.join(" ")));
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
// (a proxy's or a load balancer's page): the user learns to try again.
const TRY_AGAIN = {
  409: "Someone else changed these rows at the same time. Reload and try again.",
  503: "The server is unavailable for a moment. Try again.",
};

// Marks the form's fields; returns the text of the rest for the message list
// ("" when the form shows every error).
export function applyFailure(result, form) {
  if (result.status === 0) return "The server could not be reached.";
  const errors = errorsOf(result.data);
  const unplaced = errors ? applyFieldErrors(form, errors) : [];
  if (unplaced.length) return unplaced.join(" ");
  if (errors && Object.values(errors).some((list) => messagesOf(list).length)) return "";
  return TRY_AGAIN[result.status] || `The server answered ${result.status} without details.`;
}
