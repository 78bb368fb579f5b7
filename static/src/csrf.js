import { formOf } from "./dom.js";

const TOKEN_INPUT = "input[name=csrfmiddlewaretoken]";

function cookieValue(doc, name) {
  for (const pair of doc.cookie.split(";")) {
    const separator = pair.indexOf("=");
    if (separator !== -1 && pair.slice(0, separator).trim() === name) {
      return decodeURIComponent(pair.slice(separator + 1).trim());
    }
  }
  return "";
}

// Most specific source first: a token given to the element (or its region) wins over its
// form's, which wins over any form's, so pages that mix sources send the intended one.
// The cookie comes last because CSRF_COOKIE_HTTPONLY hides it from scripts.
export function findCsrfToken(element, cookieName) {
  const marked = element.closest("[data-csrf-token]");
  if (marked) return marked.getAttribute("data-csrf-token");
  const form = formOf(element);
  const input =
    (form && form.querySelector(TOKEN_INPUT)) || element.ownerDocument.querySelector(TOKEN_INPUT);
  if (input) return input.value;
  return cookieValue(element.ownerDocument, cookieName);
}
