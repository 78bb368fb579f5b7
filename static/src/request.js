import { findCsrfToken } from "./csrf.js";

export function buildRequest(element, body, config) {
  const headers = { "Content-Type": "application/json", Accept: "application/json" };
  const token = findCsrfToken(element, config.csrfCookie);
  if (token) headers[config.csrfHeader] = token;
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
export async function post(element, url, body, config) {
  let response;
  try {
    response = await fetch(url, buildRequest(element, body, config));
  } catch {
    return { status: 0, data: null };
  }
  return { status: response.status, data: await parseJson(response) };
}

export function succeeded(result) {
  const { status, data } = result;
  return status >= 200 && status < 300 && data !== null && typeof data === "object";
}
