import { neighbourList, restoreAcross, sayWhereOnBoard, stepAcross, submitAcross } from "./board.js";
import { isBusy } from "./busy.js";
import { restoreAttribute } from "./dom.js";
import { gettext } from "./i18n.js";
import { hasMoved, itemOf, startOf, step } from "./positions.js";
import { sayWhere, submitReorder } from "./reorder.js";

const SORTABLE = '[data-orderkit="sortable"]';
const PICK_OR_DROP = new Set([" ", "Spacebar", "Enter"]);
const STEPS = { ArrowUp: -1, ArrowDown: 1 };
// To the neighbouring list of a board; the left one is the previous in a right-to-left page.
const ACROSS = { ArrowLeft: -1, ArrowRight: 1 };

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
    held = { handle, item, container, origin: container, start: startOf(container, item), pressed: handle.getAttribute("aria-pressed"), classes: item.getAttribute("class") };
    item.classList.add("orderkit-grabbed");
    handle.setAttribute("aria-pressed", "true");
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
    return released;
  }

  function move(direction) {
    const { container, item, handle } = held;
    step(container, item, direction);
    if (handle.ownerDocument.activeElement !== handle) handle.focus();
    sayWhere(container, item, gettext("%(label)s, position %(index)s of %(total)s."));
  }

  function moveAcross(direction) {
    const { container, item, handle } = held;
    const rtl = handle.ownerDocument.defaultView.getComputedStyle(container).direction === "rtl";
    const target = neighbourList(container, rtl ? -direction : direction);
    if (!target || isBusy(target)) return;
    crossing = true;
    stepAcross(container, target, item);
    held.container = target;
    if (handle.ownerDocument.activeElement !== handle) handle.focus();
    crossing = false;
    sayWhereOnBoard(target, item, gettext("%(label)s, in %(list)s, position %(index)s of %(total)s."));
  }

  function drop() {
    const { container, origin, item, start } = letGo();
    if (container !== origin) {
      sayWhereOnBoard(container, item, gettext("%(label)s dropped in %(list)s at position %(index)s of %(total)s."));
      submitAcross(origin, container, item, start, config);
      return;
    }
    sayWhere(container, item, gettext("%(label)s dropped at position %(index)s of %(total)s."));
    if (hasMoved(container, item, start)) onDrop(container, item, start);
  }

  function cancel() {
    const { origin, item, start } = letGo();
    restoreAcross(origin, item, start);
    sayWhere(origin, item, gettext("%(label)s is back at position %(index)s of %(total)s."));
  }

  function onKeydown(event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const handle = handleOf(event.target, sortable);
    if (!handle) return;
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
