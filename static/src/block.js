import { runAction } from "./action.js";
import { stepAcross } from "./board.js";
import { gettext } from "./i18n.js";
import { showMessage } from "./messages.js";
import { inKitOrder, itemsOf, pkOf, restoreOrder, startItems } from "./positions.js";
import { offerBlockUndo } from "./blockundo.js";

// Block moves: the selected items of a list (selection.js) move together, in their list's
// order, as one request {"pks": [...], "after"|"before": Q} named by a row that is not among
// them. On a board they may go into another list (the kit moves them into its group, under
// move_between_groups); in a list of several groups they stay among their group's rows.

// Puts the other items of `block` (in list order) right around `item`: those listed before it
// above it, the others below it.
export function gather(list, item, block) {
  const index = block.indexOf(item);
  for (const other of block.slice(0, index)) list.insertBefore(other, item);
  let last = item;
  for (const other of block.slice(index + 1)) {
    list.insertBefore(other, last.nextSibling);
    last = other;
  }
}

// Moves the gathered block one place up (-1) or down (+1) by moving its neighbour across it,
// so the block (and the focused handle in it) never leaves the document.
export function stepBlock(list, block, direction) {
  const items = itemsOf(list);
  const first = block[0];
  const last = block[block.length - 1];
  const neighbour = items[items.indexOf(direction < 0 ? first : last) + direction];
  if (!neighbour) return false;
  if (direction < 0) list.insertBefore(neighbour, last.nextSibling);
  else list.insertBefore(neighbour, first);
  return true;
}

// The move the page shows for the gathered block: after the item above it, else before the
// item below it; null when there is no other item (everything selected moves nowhere).
export function blockBody(list, block) {
  const items = itemsOf(list);
  const pks = block.map(pkOf);
  const above = items[items.indexOf(block[0]) - 1];
  const below = items[items.indexOf(block[block.length - 1]) + 1];
  if (above) return { pks, after: pkOf(above) };
  if (below) return { pks, before: pkOf(below) };
  return null;
}

// Whether the list's order differs from the one at the start of the move.
export function orderChanged(list, start) {
  const before = startItems(start);
  const now = itemsOf(list);
  return now.length !== before.length || now.some((item, index) => item !== before[index]);
}

function groupOf(node) {
  return node.getAttribute("data-orderkit-group");
}

// A list of several groups takes a block only next to a row of the block's own group.
function staysInGroup(list, block, body) {
  const anchor = itemsOf(list).find((item) => pkOf(item) === (body.after || body.before));
  return block.every((item) => groupOf(item) === groupOf(anchor));
}

export function refuseBlock(list, text) {
  showMessage(list.ownerDocument, text, "error");
}

// Puts every item of the block back where it started in `origin`, from whichever list it
// is in now.
export function restoreBlock(origin, block, start) {
  for (const item of block) if (item.parentNode !== origin) origin.append(item);
  restoreOrder(origin, start);
}

// Sends the move into another list of the board that the page already shows (the block
// gathered in `target`); a refusal puts every item back where it started in `origin`.
export function submitBlockAcross(origin, target, block, start, config) {
  const body = blockBody(target, block);
  if (body === null) {
    restoreBlock(origin, block, start);
    refuseBlock(origin, gettext("That list has no row for the selected rows to go next to."));
    return Promise.resolve(false);
  }
  return runAction(target, {
    url: origin.dataset.url,
    body: inKitOrder(target, body),
    config,
    form: null,
    busy: [origin, target],
    onSuccess: (data) => offerBlockUndo(origin, block, start, data, config),
    onFailure: () => restoreBlock(origin, block, start),
  });
}

// Moves the held block into `target` at the place its first item held in its list (or
// last, in a shorter one), in its order: the first item as one item moves, the others
// after it.
export function stepBlockAcross(container, target, block) {
  stepAcross(container, target, block[0]);
  block.slice(1).reduce((previous, item) => target.insertBefore(item, previous.nextSibling), block[0]);
}

// Sends the block move the page already shows; a refusal puts every item back where it
// started, a success offers to undo it.
export function submitBlock(list, block, start, config) {
  const body = blockBody(list, block);
  if (body === null || !orderChanged(list, start)) {
    restoreOrder(list, start);
    return Promise.resolve(false);
  }
  if (!staysInGroup(list, block, body)) {
    restoreOrder(list, start);
    refuseBlock(list, gettext("The selected rows can only move among the rows of their group."));
    return Promise.resolve(false);
  }
  return runAction(list, {
    url: list.dataset.url,
    body: inKitOrder(list, body),
    config,
    form: null,
    onSuccess: (data) => offerBlockUndo(list, block, start, data, config),
    onFailure: () => restoreOrder(list, start),
  });
}

// The end of a drag that carried a block (`item` the dragged one, now in `target`): the rest
// of the block joins it there, in its own list or in another list of its board.
export function dropBlock(list, target, item, block, start, config) {
  for (const other of block) other.classList.remove("orderkit-carried");
  gather(target, item, block);
  // SortableJS lets an item into another list only on its board.
  if (target !== list) return submitBlockAcross(list, target, block, start, config);
  return submitBlock(list, block, start, config);
}
