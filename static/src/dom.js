// The element's own window, so the code works across frames and in a test's jsdom.
export function windowOf(element) {
  return element.ownerDocument.defaultView;
}

export function formOf(element) {
  return element.form || element.closest("form");
}

export function labelOf(item) {
  return item.getAttribute("data-orderkit-label") || item.textContent.trim();
}

// Cancelable: a listener may keep a form's page from following its redirect.
export function emit(element, name, detail) {
  const { CustomEvent } = windowOf(element);
  const event = new CustomEvent(name, { bubbles: true, cancelable: true, detail });
  element.dispatchEvent(event);
  return event;
}

// Restoring to "absent" matters: aria-pressed="false" or disabled="" would mean something.
export function restoreAttribute(element, name, value) {
  if (value === null) element.removeAttribute(name);
  else element.setAttribute(name, value);
}

// Where a node sits, to put it back after a refused change.
export function placeOf(node) {
  return { parent: node.parentNode, next: node.nextSibling };
}

// Puts the node back; focus inside it survives the move (browsers drop it on removal).
export function putBack(node, place) {
  const active = node.ownerDocument.activeElement;
  const next = place.next && place.next.parentNode === place.parent ? place.next : null;
  place.parent.insertBefore(node, next);
  if (active && node.contains(active) && node.ownerDocument.activeElement !== active) active.focus();
}
