import { markBusy } from "./busy.js";
import { emit, formOf, windowOf } from "./dom.js";
import { applyFailure, clearFieldErrors } from "./errors.js";
import { showMessage } from "./messages.js";
import { post, succeeded } from "./request.js";

function reportInMessages(result, form, control) {
  const text = applyFailure(result, form);
  if (text) showMessage(windowOf(control).document, text, "error");
}

// One request for one control. The page is settled (onSuccess(data) or onFailure(result))
// before the event fires, so listeners see the final state; afterDone(data) runs after a
// done event that no listener cancelled. A control that left the page meanwhile (a detached item, a
// used Undo button) cannot bubble to document: `fallbackTarget` gets the event instead.
export async function runAction(control, options) {
  const { url, body, config, form = formOf(control), busy = [control], fallbackTarget = null } = options;
  const { onSuccess = () => {}, onFailure = () => {}, afterDone = () => {} } = options;
  const { send = post, report = reportInMessages } = options;
  clearFieldErrors(form);
  const releases = busy.map(markBusy);
  const result = await send(control, url, body, config);
  for (const release of releases) release();
  const ok = succeeded(result);
  if (ok) {
    onSuccess(result.data);
  } else {
    onFailure(result);
    report(result, form, control);
  }
  const target = control.isConnected || !fallbackTarget ? control : fallbackTarget;
  const event = emit(target, ok ? "orderkit:done" : "orderkit:fail", result);
  if (ok && !event.defaultPrevented) afterDone(result.data);
  return ok;
}
