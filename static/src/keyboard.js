import { gather, restoreBlock, stepBlock, stepBlockAcross, submitBlock, submitBlockAcross } from "./block.js";
import { neighbourList, restoreAcross, sayWhereOnBoard, stepAcross, submitAcross } from "./board.js";
import { isBusy } from "./busy.js";
import { restoreAttribute } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";
import { announce } from "./messages.js";
import { hasMoved, itemOf, positionOf, startOf, step } from "./positions.js";
import { sayWhere, submitReorder } from "./reorder.js";
import { blockOf, clearSelection, toggleItem } from "./selection.js";

const SORTABLE = '[data-orderkit="sortable"]';
const PICK_OR_DROP = new Set([" ", "Spacebar", "Enter"]);
const STEPS = { ArrowUp: -1, ArrowDown: 1 };
// To the neighbouring list of a board; the left one is the previous in a right-to-left page.
const ACROSS = { ArrowLeft: -1, ArrowRight: 1 };
// Escape in these belongs to them (an edit in place cancels), not to the selection.
const FIELDS = "input, select, textarea, [contenteditable]";

function handleOf(target, sortable) {
  const handle = typeof target.closest === "function" ? target.closest("[data-orderkit-handle]") : null;
  return handle && handle.closest(sortable) ? handle : null;
}

// One item at most is held per document; the state lives in this closure. `sortable` is
// the containers' selector; `onDrop(container, item, start)` saves a move (by default, the
// reorder request; an admin inline renumbers its sort keys instead).
export function createKeyboard(config, options = {}) {
  const sortable = options.sortable || SORTABLE;
  const onDrop = options.onDrop || ((container, item, start) => submitReorder(container, item, start, config));
  let held = null;
  // While the held item changes lists: the handle's focus may leave and come back.
  let crossing = false;

  function pickUp(handle) {
    const container = handle.closest(sortable);
    const item = itemOf(container, handle);
    if (!item || isBusy(container) || handle.matches(":disabled")) return;
    const start = startOf(container, item);
    const block = blockOf(container, item);
    held = { handle, item, container, origin: container, start, block, pressed: handle.getAttribute("aria-pressed"), classes: item.getAttribute("class") };
    item.classList.add("orderkit-grabbed");
    handle.setAttribute("aria-pressed", "true");
    if (block) {
      gather(container, item, block);
      for (const other of block) other.classList.add("orderkit-grabbed");
      if (handle.ownerDocument.activeElement !== handle) handle.focus();
      sayBlock(
        held,
        gettext(
          "Picked up %(count)s rows, position %(index)s of %(total)s. " +
            "Use the arrow keys to move them, Space or Enter to drop them, Escape to cancel.",
        ),
      );
      return;
    }
    sayWhere(
      container,
      item,
      gettext(
        "Picked up %(label)s, position %(index)s of %(total)s. " +
          "Use the arrow keys to move it, Space or Enter to drop it, Escape to cancel.",
      ),
    );
  }

  // Forgets the held item first, so focus events caused by what follows find nothing held.
  function letGo() {
    const released = held;
    held = null;
    restoreAttribute(released.item, "class", released.classes);
    restoreAttribute(released.handle, "aria-pressed", released.pressed);
    for (const other of released.block || []) if (other !== released.item) other.classList.remove("orderkit-grabbed");
    return released;
  }

  // Where the held block is: %(count)s rows, the first at %(index)s of %(total)s (of the
  // list named %(list)s, on a board).
  function sayBlock({ container, block }, text) {
    const { index, total } = positionOf(container, block[0]);
    const list = container.getAttribute("data-orderkit-group-label") || "";
    announce(container.ownerDocument, interpolate(text, { count: block.length, index, total, list }));
  }

  function move(direction) {
    const { container, item, handle, block } = held;
    if (block) {
      stepBlock(container, block, direction);
      if (handle.ownerDocument.activeElement !== handle) handle.focus();
      sayBlock(held, gettext("%(count)s rows, position %(index)s of %(total)s."));
      return;
    }
    step(container, item, direction);
    if (handle.ownerDocument.activeElement !== handle) handle.focus();
    sayWhere(container, item, gettext("%(label)s, position %(index)s of %(total)s."));
  }

  function moveAcross(direction) {
    const { container, item, handle, block } = held;
    const rtl = handle.ownerDocument.defaultView.getComputedStyle(container).direction === "rtl";
    const target = neighbourList(container, rtl ? -direction : direction);
    if (!target || isBusy(target)) return;
    crossing = true;
    if (block) stepBlockAcross(container, target, block);
    else stepAcross(container, target, item);
    held.container = target;
    if (handle.ownerDocument.activeElement !== handle) handle.focus();
    crossing = false;
    if (block) {
      sayBlock(held, gettext("%(count)s rows, in %(list)s, position %(index)s of %(total)s."));
      return;
    }
    sayWhereOnBoard(target, item, gettext("%(label)s, in %(list)s, position %(index)s of %(total)s."));
  }

  function drop() {
    const released = letGo();
    const { container, origin, item, start, block } = released;
    if (block && container !== origin) {
      sayBlock(released, gettext("%(count)s rows dropped in %(list)s at position %(index)s of %(total)s."));
      submitBlockAcross(origin, container, block, start, config);
      return;
    }
    if (block) {
      sayBlock(released, gettext("%(count)s rows dropped at position %(index)s of %(total)s."));
      submitBlock(container, block, start, config);
      return;
    }
    if (container !== origin) {
      sayWhereOnBoard(container, item, gettext("%(label)s dropped in %(list)s at position %(index)s of %(total)s."));
      submitAcross(origin, container, item, start, config);
      return;
    }
    sayWhere(container, item, gettext("%(label)s dropped at position %(index)s of %(total)s."));
    if (hasMoved(container, item, start)) onDrop(container, item, start);
  }

  function cancel() {
    const released = letGo();
    const { origin, item, start, block } = released;
    if (block) restoreBlock(origin, block, start);
    else restoreAcross(origin, item, start);
    if (block) {
      announce(origin.ownerDocument, interpolate(gettext("%(count)s rows are back where they were."), { count: block.length }));
      return;
    }
    sayWhere(origin, item, gettext("%(label)s is back at position %(index)s of %(total)s."));
  }

  // Escape with nothing held empties the selection; Shift+Space on a handle adds its item to
  // the selection or takes it away.
  function onSelectionKey(event, handle) {
    if (held || event.defaultPrevented) return false;
    if (event.key === "Escape" && !event.target.closest(FIELDS) && clearSelection(event.target.ownerDocument)) {
      event.preventDefault();
      return true;
    }
    if (!handle || !event.shiftKey || (event.key !== " " && event.key !== "Spacebar")) return false;
    event.preventDefault();
    const container = handle.closest(sortable);
    const item = itemOf(container, handle);
    if (item && container.matches(SORTABLE)) toggleItem(container, item);
    return true;
  }

  function onKeydown(event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const handle = handleOf(event.target, sortable);
    if (typeof event.target.closest !== "function" || onSelectionKey(event, handle) || !handle) return;
    const holding = held && held.handle === handle;
    if (PICK_OR_DROP.has(event.key)) {
      event.preventDefault();
      if (holding) drop();
      else pickUp(handle);
    } else if (holding && event.key in STEPS) {
      event.preventDefault();
      move(STEPS[event.key]);
    } else if (holding && event.key in ACROSS) {
      event.preventDefault();
      moveAcross(ACROSS[event.key]);
    } else if (holding && event.key === "Escape") {
      event.preventDefault();
      cancel();
    }
  }

  // Leaving the handle (Tab, a click elsewhere) must not leave a half-done move behind.
  function onFocusout(event) {
    if (held && !crossing && event.target === held.handle) cancel();
  }

  return { onKeydown, onFocusout };
}
