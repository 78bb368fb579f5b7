import { restoreAttribute } from "./dom.js";

const inFlight = new WeakSet();

export function isBusy(element) {
  return inFlight.has(element);
}

// A control the server disabled (no permission) or a request is waiting for is left alone.
export function canAct(control) {
  return !isBusy(control) && !control.matches(":disabled");
}

// Marks the element busy; returns the function that puts it back as it was. Disabling a
// focused control drops focus to <body>: when nothing else took it meanwhile, it comes back.
export function markBusy(element) {
  inFlight.add(element);
  const doc = element.ownerDocument;
  const focused = doc.activeElement === element;
  const ariaBusy = element.getAttribute("aria-busy");
  const disabled = element.getAttribute("disabled");
  element.setAttribute("aria-busy", "true");
  if ("disabled" in element) element.setAttribute("disabled", "");
  return () => {
    inFlight.delete(element);
    restoreAttribute(element, "aria-busy", ariaBusy);
    if ("disabled" in element) restoreAttribute(element, "disabled", disabled);
    const lost = !doc.activeElement || doc.activeElement === doc.body;
    if (focused && lost && element.isConnected && !element.matches(":disabled")) element.focus();
  };
}
