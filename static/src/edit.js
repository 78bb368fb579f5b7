import { runAction } from "./action.js";
import { isBusy } from "./busy.js";
import { clearFieldErrors } from "./errors.js";

export const EDIT = 'form[data-orderkit="edit"]';

function inputOf(form) {
  return form.querySelector('input[name="value"]');
}

// Enter in the input submits its form, as it would without the script. The input's
// defaultValue is the saved value: a refusal puts it back, Escape too. A value the server
// found invalid stays, with its error next to it, to be corrected or cancelled.
export function saveEdit(form, config) {
  const input = inputOf(form);
  if (!input || isBusy(form)) return null;
  const value = input.value;
  return runAction(form, {
    url: form.getAttribute("data-url"),
    body: { value },
    config,
    form,
    busy: [form, ...form.querySelectorAll("button")],
    onSuccess: (data) => {
      const saved = typeof data.value === "string" ? data.value : value;
      // Typed while the request was in flight: kept.
      if (input.value === value) input.value = saved;
      input.defaultValue = saved;
    },
    onFailure: (result) => {
      if (result.status !== 400) input.value = input.defaultValue;
    },
  });
}

export function onEditKey(event) {
  const input = event.target;
  const form = event.key === "Escape" && typeof input.closest === "function" ? input.closest(EDIT) : null;
  if (!form || input !== inputOf(form) || isBusy(form)) return;
  event.preventDefault();
  input.value = input.defaultValue;
  clearFieldErrors(form);
}
