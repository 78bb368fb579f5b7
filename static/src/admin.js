import { readConfig } from "./config.js";
import { installInlines } from "./inlines.js";
import { placeRelationPanels } from "./panels.js";

// The admin's glue (orderkit/orderkit-admin.js), next to Django's own actions.js and
// adminsortable2's client.
//
// Django's actions.js takes any "change" event inside #result_list's body for an edit of a
// list_editable field, and then asks "You have unsaved changes…" before running an action.
// SortableJS, which adminsortable2 drags rows with, fires its own bubbling "change" events
// on that body while a row moves. adminsortable2 ships a patched actions.js per Django
// version for this (and none for the newest, a 404); stopping those events here, before
// they reach actions.js, does the same on every version.
export function stopSortableChanges(doc) {
  doc.addEventListener(
    "change",
    (event) => {
      const { target } = event;
      if (target && target.localName === "tbody" && target.closest("#result_list")) {
        event.stopPropagation();
      }
    },
    true,
  );
}

if (typeof document !== "undefined" && !window.orderkitAdmin) {
  window.orderkitAdmin = true;
  stopSortableChanges(document);
  // The client's texts, from this script's own tag: read while it runs.
  const config = readConfig(document.currentScript);
  const start = () => {
    placeRelationPanels(document);
    installInlines(document, config);
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}
