import Sortable from "sortablejs/modular/sortable.core.esm.js";
import { readConfig } from "./config.js";
import { install } from "./install.js";

// A page that includes the script twice must not send every request twice.
if (!window.orderkit) {
  const config = readConfig(document.currentScript);
  const { bind } = install(document, config, Sortable);
  window.orderkit = { version: ORDERKIT_VERSION, bind };
}
