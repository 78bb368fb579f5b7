import { runAction } from "./action.js";
import { labelOf } from "./dom.js";
import { announce } from "./messages.js";
import { positionOf, reorderBody, restoreOrder } from "./positions.js";

export function positionText(container, item) {
  const { index, total } = positionOf(container, item);
  return `position ${index} of ${total}`;
}

export function say(container, text) {
  announce(container.ownerDocument, text);
}

// Sends the move the page already shows; a refusal puts the item back where it started.
export function submitReorder(container, item, start, config, onSuccess = () => {}) {
  return runAction(container, {
    url: container.dataset.url,
    body: reorderBody(container, item),
    config,
    form: null,
    onSuccess,
    onFailure: () => restoreOrder(container, start),
  });
}

export function announceMoved(container, item) {
  say(container, `${labelOf(item)} moved to ${positionText(container, item)}.`);
}
