// The client's texts in the page's language. {% orderkit_script %} gives the script a
// catalogue, {msgid: translation}, of its texts in the active language (the
// data-orderkit-catalog of its tag, from orderkit's gettext catalogues); a text that the
// catalogue lacks stays English. Each msgid is a string literal in a gettext() call, which
// `make messages` extracts from these sources.
let catalog = Object.create(null);

// Only strings are kept: whatever the attribute holds, a lookup answers text.
export function useCatalog(entries) {
  catalog = Object.create(null);
  if (!entries || typeof entries !== "object") return;
  for (const [msgid, text] of Object.entries(entries)) {
    if (typeof text === "string" && text) catalog[msgid] = text;
  }
}

export function gettext(msgid) {
  return catalog[msgid] || msgid;
}

// The catalogue of a script tag's attribute; a value that is not JSON is no catalogue.
export function parseCatalog(json) {
  if (!json) return null;
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}

const PLACEHOLDER = /%(?:\((\w+)\)s|%)/g;

// Python's named placeholders, %(name)s, as orderkit's catalogues write them: filled in one
// pass, so a value is never read as a placeholder, and used as text by the callers (never
// as markup). %% is a literal %; a placeholder without a value is left as it is.
export function interpolate(text, values) {
  return text.replace(PLACEHOLDER, (match, name) => {
    if (name === undefined) return "%";
    return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : match;
  });
}
