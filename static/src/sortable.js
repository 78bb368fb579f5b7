import { dropBlock } from "./block.js";
import { announceMovedAcross, boardOf, submitAcross } from "./board.js";
import { isBusy } from "./busy.js";
import { hasMoved, startOf } from "./positions.js";
import { announceMoved, submitReorder } from "./reorder.js";
import { blockOf } from "./selection.js";

// Without handles the whole item drags, so its own controls must still click and type.
const INTERACTIVE = "a, button, input, select, textarea, label, [contenteditable]";

// SortableJS options for one container; kept apart from SortableJS so it can be tested
// where SortableJS cannot run.
export function sortableOptions(container, config) {
  const hasHandle = container.querySelector("[data-orderkit-handle]") !== null;
  let start = null;
  // The selection that the dragged item carries along (see selection.js), if any.
  let block = null;
  const options = {
    draggable: ">[data-pk]",
    animation: 150,
    ghostClass: "orderkit-ghost",
    chosenClass: "orderkit-chosen",
    dragClass: "orderkit-drag",
    filter: (event) => isBusy(container) || (!hasHandle && event.target.closest(INTERACTIVE) !== null),
    preventOnFilter: false,
    onChoose: (event) => {
      start = startOf(container, event.item);
      block = null;
    },
    onStart: (event) => {
      block = blockOf(container, event.item);
      for (const other of block || []) if (other !== event.item) other.classList.add("orderkit-carried");
    },
    onEnd: (event) => {
      const item = event.item;
      const target = event.to || container;
      if (start && block) {
        dropBlock(container, target, item, block, start, config);
        start = block = null;
        return;
      }
      if (start && target !== container) {
        submitAcross(container, target, item, start, config, () => announceMovedAcross(target, item));
        start = null;
        return;
      }
      if (!start || !hasMoved(container, item, start)) return;
      submitReorder(container, item, start, config, () => announceMoved(container, item));
      start = null;
    },
  };
  if (hasHandle) options.handle = "[data-orderkit-handle]";
  // Lists of one board exchange items; a busy one takes none.
  const board = boardOf(container);
  if (board !== null) options.group = { name: `orderkit:${board}`, put: (to) => !isBusy(to.el) };
  return options;
}

export function makeSortable(Sortable, container, config) {
  return new Sortable(container, sortableOptions(container, config));
}
