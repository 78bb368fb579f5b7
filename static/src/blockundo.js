import { runAction } from "./action.js";
import { canAct, isBusy, markBusy } from "./busy.js";
import { gettext, interpolate } from "./i18n.js";
import { showMessage } from "./messages.js";
import { inKitOrder, itemsOf, pkOf, startItems } from "./positions.js";
import { offer, withdrawUndo } from "./undo.js";

// Undo of a block move. The block's items may have come from several runs (a selection of
// rows apart): each run goes back by a block request of its own, in the list's order, named
// by the row that was above it (or below it, for a run at the top). Those rows did not move,
// so once every run is back, the list is in its former order.

// The runs of `block` in the list as it was at `start`: their items and former neighbours.
export function formerRuns(start, block) {
  const items = startItems(start);
  const runs = [];
  let run = null;
  items.forEach((item, index) => {
    if (!block.includes(item)) {
      run = null;
      return;
    }
    if (run === null) {
      run = { items: [], after: pkOf(items[index - 1]) };
      runs.push(run);
    }
    run.items.push(item);
    run.before = pkOf(items[index + 1]);
  });
  return runs;
}

// The request that puts a run back (the list as the page shows it; see inKitOrder).
export function runBody(run) {
  const pks = run.items.map(pkOf);
  if (run.after !== null) return { pks, after: run.after };
  return { pks, before: run.before };
}

function putRunBack(list, run) {
  const anchor = itemsOf(list).find((item) => pkOf(item) === (run.after !== null ? run.after : run.before));
  if (!anchor) return;
  let next = run.after !== null ? anchor.nextSibling : anchor;
  for (const item of [...run.items].reverse()) {
    list.insertBefore(item, next);
    next = item;
  }
}

// One run after the other; the first refusal puts that run's items back where they were
// (the runs already back stay back, as on the server) and stops.
async function undoBlock(button, { list, runs, count, config }) {
  if (!canAct(button) || isBusy(list)) return false;
  const doc = button.ownerDocument;
  const hadFocus = doc.activeElement === button;
  const release = markBusy(button);
  for (const [index, run] of runs.entries()) {
    // Where the run's items are now: in this list, or in another list of its board.
    const places = run.items.map((item) => [item, item.parentNode, item.nextSibling]);
    const lists = [...new Set([list, ...places.map(([, parent]) => parent)])];
    putRunBack(list, run);
    const last = index === runs.length - 1;
    const ok = await runAction(button, {
      url: list.dataset.url,
      body: inKitOrder(list, runBody(run)),
      config,
      form: null,
      busy: lists,
      fallbackTarget: list,
      onSuccess: () => {
        if (!last) return;
        release();
        withdrawUndo(list);
        const handle = hadFocus ? runs[0].items[0].querySelector("[data-orderkit-handle]") : null;
        if (handle) handle.focus();
        showMessage(doc, interpolate(gettext("Moved %(count)s rows back."), { count }), "success");
      },
      onFailure: () => {
        release();
        for (const [item, parent, next] of places.reverse()) parent.insertBefore(item, next);
      },
    });
    if (!ok) return false;
  }
  return true;
}

// After a block move that the server made, offers to undo it in a message.
export function offerBlockUndo(list, block, start, data, config) {
  const runs = formerRuns(start, block);
  const count = block.length;
  const text = interpolate(gettext("Moved %(count)s rows."), { count });
  offer(list, data, text, (button) => undoBlock(button, { list, runs, count, config }));
}
