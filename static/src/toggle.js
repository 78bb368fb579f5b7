import { runAction } from "./action.js";
import { canAct } from "./busy.js";

function setPressed(button, value) {
  button.setAttribute("aria-pressed", String(value));
}

function setChecked(box, value) {
  box.checked = value;
}

// Sends the new value rather than "flip", so a retry or a second tab cannot invert it.
function send(control, value, write, config) {
  return runAction(control, {
    url: control.dataset.url,
    body: { value },
    config,
    onSuccess: (data) => write(control, typeof data.value === "boolean" ? data.value : value),
    onFailure: () => write(control, !value),
  });
}

export function toggleButton(button, config) {
  if (!canAct(button)) return null;
  const value = button.getAttribute("aria-pressed") !== "true";
  setPressed(button, value);
  return send(button, value, setPressed, config);
}

// The browser has already flipped the box: that is the optimistic change.
export function toggleCheckbox(box, config) {
  if (!canAct(box)) return null;
  return send(box, box.checked, setChecked, config);
}
