import { runAction } from "./action.js";
import { canAct, isBusy } from "./busy.js";
import { labelOf } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";
import { showMessage } from "./messages.js";
import { inKitOrder, itemsOf, pkOf, restoreOrder, startItems, startOf } from "./positions.js";

// Undo of a move. After a move, its message offers Undo, which puts the item back between its
// former neighbours with a move request of its own (guarded and logged like any other). A
// list has one offer at most: the next change of that list withdraws it.

const SORTABLE = '[data-orderkit="sortable"]';
// list -> { button, data }: the Undo button offered for the list's last move, and the answer
// of that move (its own orderkit:done event must not withdraw it).
const offers = new WeakMap();

// Where the item was when the move began (`start`, from startOf): the list element and the
// pks of its neighbours there. The list is recorded, not assumed, so that a move that took
// the item into another list can be undone the same way.
export function formerPlace(list, item, start) {
  const items = startItems(start);
  const index = items.indexOf(item);
  return { list, after: pkOf(items[index - 1]), before: pkOf(items[index + 1]) };
}

// The move that puts the item back: after its former upper neighbour, else before its former
// lower one, else first (it was alone in its list).
export function undoBody(pk, place) {
  if (place.after !== null) return { pk, after: place.after };
  if (place.before !== null) return { pk, before: place.before };
  return { pk, to: "first" };
}

function shownItem(list, pk) {
  return itemsOf(list).find((item) => pkOf(item) === pk) || null;
}

// The same place in the page, next to the neighbour's item; nothing when the list no longer
// shows that neighbour (the next page load shows where the server put it).
function putBackInPage(item, place) {
  const { list, after, before } = place;
  const upper = after !== null ? shownItem(list, after) : null;
  const lower = before !== null ? shownItem(list, before) : null;
  if (upper) list.insertBefore(item, upper.nextSibling);
  else if (lower) list.insertBefore(item, lower);
  else if (after === null && before === null) list.insertBefore(item, itemsOf(list)[0] || null);
}

// Takes back the list's offer, if any: its Undo button leaves its message.
export function withdrawUndo(list) {
  const offer = offers.get(list);
  if (!offer) return;
  offer.button.remove();
  offers.delete(list);
}

export function undoOffered(list) {
  return offers.has(list);
}

function focusHandleOf(item) {
  const handle = item.querySelector("[data-orderkit-handle]");
  if (handle) handle.focus();
}

function undoMove(button, { item, place, label, config }) {
  const { list } = place;
  if (!canAct(button) || isBusy(list)) return null;
  const doc = button.ownerDocument;
  const current = item.parentNode;
  const now = startOf(current, item);
  const hadFocus = doc.activeElement === button;
  putBackInPage(item, place);
  return runAction(button, {
    url: list.dataset.url,
    body: inKitOrder(list, undoBody(pkOf(item), place)),
    config,
    form: null,
    busy: [button, list],
    fallbackTarget: list,
    onSuccess: () => {
      withdrawUndo(list);
      if (hadFocus) focusHandleOf(item);
      showMessage(doc, interpolate(gettext("Moved “%(label)s” back."), { label }), "success");
    },
    onFailure: () => restoreOrder(current, now),
  });
}

// After a move that the server made (`data`, its answer), offers to undo it in a message;
// the list's earlier offer is withdrawn.
export function offerUndo(list, item, start, data, config) {
  const place = formerPlace(list, item, start);
  const label = labelOf(item);
  const text = interpolate(gettext("Moved “%(label)s”."), { label });
  offer(list, data, text, (button) => undoMove(button, { item, place, label, config }));
}

// The list's offer: a success message, `text`, whose Undo button calls `run(button)`; none
// for a move that changed nothing. The list's earlier offer is withdrawn.
export function offer(list, data, text, run) {
  withdrawUndo(list);
  if (data.changed === false) return;
  const message = showMessage(list.ownerDocument, text, "success", { label: gettext("Undo"), run });
  offers.set(list, { button: message.querySelector(".orderkit-message-action"), data });
}

// orderkit:done listener: a change inside a list (a newer move, a toggle, an edit of one of
// its rows) makes the list's offer stale, except the done event of the offered move itself.
export function onListChanged(event) {
  const { target, detail } = event;
  const list = typeof target.closest === "function" ? target.closest(SORTABLE) : null;
  const offer = list && offers.get(list);
  if (offer && !(detail && detail.data === offer.data)) withdrawUndo(list);
}
