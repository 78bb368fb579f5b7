import { runAction } from "./action.js";
import { labelOf } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";
import { announce } from "./messages.js";
import { positionOf, reorderBody, restoreOrder } from "./positions.js";
import { offerUndo } from "./undo.js";

// Announces `text`, a translated text with the item's %(label)s, its %(index)s in the list
// and the list's %(total)s.
export function sayWhere(container, item, text) {
  const { index, total } = positionOf(container, item);
  announce(container.ownerDocument, interpolate(text, { label: labelOf(item), index, total }));
}

// Sends the move the page already shows; a refusal puts the item back where it started, a
// success offers to undo it.
export function submitReorder(container, item, start, config, onSuccess = () => {}) {
  return runAction(container, {
    url: container.dataset.url,
    body: reorderBody(container, item),
    config,
    form: null,
    onSuccess: (data) => {
      offerUndo(container, item, start, data, config);
      onSuccess(data);
    },
    onFailure: () => restoreOrder(container, start),
  });
}

export function announceMoved(container, item) {
  sayWhere(container, item, gettext("%(label)s moved to position %(index)s of %(total)s."));
}
