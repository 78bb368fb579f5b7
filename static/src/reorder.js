import { runAction } from "./action.js";
import { labelOf } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";
import { announce, showMessage } from "./messages.js";
import { inKitOrder, positionOf, reorderBody, restoreOrder } from "./positions.js";
import { offerUndo } from "./undo.js";

// Announces `text`, a translated text with the item's %(label)s, its %(index)s in the list
// and the list's %(total)s.
export function sayWhere(container, item, text) {
  const { index, total } = positionOf(container, item);
  announce(container.ownerDocument, interpolate(text, { label: labelOf(item), index, total }));
}

function groupOf(container, pk) {
  const item = Array.from(container.children).find((child) => child.getAttribute("data-pk") === pk);
  return item ? item.getAttribute("data-orderkit-group") : null;
}

// A list of several groups (data-orderkit-group on its items) is sorted within each
// group's run of items: a row dropped next to another group's row is refused here.
function leftItsGroup(container, body) {
  const neighbour = body.before || body.after;
  return groupOf(container, body.pk) !== groupOf(container, neighbour);
}

// Sends the move the page already shows; a refusal puts the item back where it started, a
// success offers to undo it.
export function submitReorder(container, item, start, config, onSuccess = () => {}) {
  const doc = container.ownerDocument;
  const body = reorderBody(container, item);
  if (leftItsGroup(container, body)) {
    restoreOrder(container, start);
    showMessage(doc, interpolate(gettext("%(label)s can only move among the rows of its group."), { label: labelOf(item) }), "error");
    return Promise.resolve(false);
  }
  return runAction(container, {
    url: container.dataset.url,
    body: inKitOrder(container, body),
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
