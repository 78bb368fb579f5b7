import { findCsrfToken } from "./csrf.js";

function headersFor(element, config) {
  const headers = { Accept: "application/json" };
  const token = findCsrfToken(element, config.csrfCookie);
  if (token) headers[config.csrfHeader] = token;
  return headers;
}

export function buildRequest(element, body, config) {
  const headers = { "Content-Type": "application/json", ...headersFor(element, config) };
  return { method: "POST", credentials: "same-origin", headers, body: JSON.stringify(body) };
}

async function parseJson(response) {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

// Never throws: a network failure is status 0 and a non-JSON answer has data null,
// so every caller handles one shape.
async function send(url, init) {
  let response;
  try {
    response = await fetch(url, init);
  } catch {
    return { status: 0, data: null };
  }
  return { status: response.status, data: await parseJson(response) };
}

export function post(element, url, body, config) {
  return send(url, buildRequest(element, body, config));
}

// A form's own fields, files included (FormData): the browser writes the multipart body.
export function postForm(form, url, body, config) {
  return send(url, { method: "POST", credentials: "same-origin", headers: headersFor(form, config), body });
}

export function succeeded(result) {
  const { status, data } = result;
  return status >= 200 && status < 300 && data !== null && typeof data === "object";
}
