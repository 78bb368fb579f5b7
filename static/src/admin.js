import { readConfig } from "./config.js";
import { installInlines } from "./inlines.js";
import { placeRelationPanels } from "./panels.js";

// The admin's glue (orderkit/orderkit-admin.js), next to Django's own actions.js and
// orderkit's client.
//
// Django's actions.js takes any "change" event inside #result_list's body for an edit of a
// list_editable field, and then asks "You have unsaved changes…" before running an action.
// SortableJS fires its own bubbling "change" events on that body while a row moves.
// Stopping those events here, before they reach actions.js, keeps the prompt away.
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

const ROW_ATTRIBUTES = ["data-orderkit-item", "data-pk", "data-orderkit-label", "data-orderkit-group"];

// Django writes the change list's <table>; orderkit's handle cells carry each row's item
// attributes and the element above the list the container's. They are put where orderkit's
// client reads them (the <tr>s, the <tbody>), the container's last: the client binds a
// container when it gets data-orderkit="sortable", and then its rows must be ready.
export function adoptChangeList(doc) {
  const settings = doc.querySelector("[data-orderkit-changelist]");
  const body = doc.querySelector("#result_list tbody");
  if (!settings || !body) return;
  for (const marker of body.querySelectorAll("[data-orderkit-row]")) {
    const row = marker.closest("tr");
    for (const name of ROW_ATTRIBUTES) {
      if (marker.hasAttribute(name)) row.setAttribute(name, marker.getAttribute(name));
    }
  }
  if (settings.hasAttribute("data-orderkit-reversed")) body.setAttribute("data-orderkit-reversed", "");
  body.setAttribute("data-url", settings.getAttribute("data-url"));
  body.setAttribute("data-orderkit", "sortable");
}

// adminsortable2's action form has a "step" and a "page" number box: each is shown only
// for the action that reads it.
const NUMBER_FOR = { move_to_back_page: "step", move_to_forward_page: "step", move_to_exact_page: "page" };

export function showPageNumbers(doc) {
  const select = doc.querySelector('#changelist-form select[name="action"]');
  const boxes = { step: doc.getElementById("changelist-form-step"), page: doc.getElementById("changelist-form-page") };
  if (!select || !boxes.step || !boxes.page) return;
  const update = () => {
    for (const [name, box] of Object.entries(boxes)) box.style.display = NUMBER_FOR[select.value] === name ? "inline-block" : "none";
  };
  select.addEventListener("change", update);
  update();
}

function start(doc, config) {
  adoptChangeList(doc);
  showPageNumbers(doc);
  placeRelationPanels(doc);
  installInlines(doc, config);
}

if (typeof document !== "undefined" && !window.orderkitAdmin) {
  window.orderkitAdmin = true;
  stopSortableChanges(document);
  // The client's texts, from this script's own tag: read while it runs.
  const config = readConfig(document.currentScript);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => start(document, config));
  } else start(document, config);
}
