import { runAction } from "./action.js";
import { labelOf } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";
import { announce } from "./messages.js";
import { itemsOf, positionOf, reorderBody, restoreOrder } from "./positions.js";

// A board: the sortable lists of one kit whose containers carry the same
// data-orderkit-board, which exchange items (the kit moves rows between groups).
const BOARD_LIST = '[data-orderkit="sortable"][data-orderkit-board]';

export function boardOf(container) {
  return container.getAttribute("data-orderkit-board");
}

// The lists of the container's board, in document order (the container among them).
export function boardLists(container) {
  const board = boardOf(container);
  if (board === null) return [container];
  const lists = Array.from(container.ownerDocument.querySelectorAll(BOARD_LIST));
  return lists.filter((list) => boardOf(list) === board);
}

// The list beside the container on its board: the previous one (-1) or the next (+1).
export function neighbourList(container, direction) {
  const lists = boardLists(container);
  return lists[lists.indexOf(container) + direction] || null;
}

// The body of a move into `target`, where the item now is: next to a neighbour there, or,
// in a list that holds no other item, to the end of the group that the list names.
export function crossBody(target, item) {
  if (itemsOf(target).length > 1) return reorderBody(target, item);
  const group = JSON.parse(target.getAttribute("data-orderkit-group"));
  return { pk: item.getAttribute("data-pk"), to: "last", group };
}

// Puts the item, now in another list, back where it started in `origin`, as it was.
export function restoreAcross(origin, item, start) {
  const active = item.ownerDocument.activeElement;
  if (item.parentNode !== origin) origin.append(item);
  restoreOrder(origin, start);
  if (active && item.contains(active) && item.ownerDocument.activeElement !== active) active.focus();
}

// Sends the move into another list that the page already shows; a refusal puts the item
// back exactly where it started.
export function submitAcross(origin, target, item, start, config, onSuccess = () => {}) {
  return runAction(target, {
    url: target.dataset.url,
    body: crossBody(target, item),
    config,
    form: null,
    busy: [origin, target],
    onSuccess,
    onFailure: () => restoreAcross(origin, item, start),
  });
}

// Announces `text`, a translated text with the item's %(label)s, its %(index)s, the list's
// %(total)s and the list's name, %(list)s.
export function sayWhereOnBoard(container, item, text) {
  const { index, total } = positionOf(container, item);
  const list = container.getAttribute("data-orderkit-group-label") || "";
  announce(container.ownerDocument, interpolate(text, { label: labelOf(item), index, total, list }));
}

export function announceMovedAcross(container, item) {
  sayWhereOnBoard(container, item, gettext("%(label)s moved to %(list)s, position %(index)s of %(total)s."));
}

// Moves the item into `target` at the place it held in its list (or last, in a shorter one).
export function stepAcross(container, target, item) {
  const index = positionOf(container, item).index - 1;
  const there = itemsOf(target);
  const last = there[there.length - 1];
  target.insertBefore(item, there[index] || (last ? last.nextSibling : null));
}
