import { parseCatalog } from "./i18n.js";

const DEFAULTS = { csrfHeader: "X-CSRFToken", csrfCookie: "csrftoken" };

// Read once while the script runs: document.currentScript is null afterwards.
export function readConfig(script) {
  const data = (script && script.dataset) || {};
  return {
    csrfHeader: data.orderkitCsrfHeader || DEFAULTS.csrfHeader,
    csrfCookie: data.orderkitCsrfCookie || DEFAULTS.csrfCookie,
    catalog: parseCatalog(data.orderkitCatalog),
  };
}
