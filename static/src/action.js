import { markBusy } from "./busy.js";
import { emit, formOf, windowOf } from "./dom.js";
import { applyFailure, clearFieldErrors } from "./errors.js";
import { showMessage } from "./messages.js";
import { post, succeeded } from "./request.js";

// One request for one control. The page is settled (onSuccess or onFailure) before the
// event fires, so listeners see the final state. A control that left the page meanwhile
// (a detached item, a used Undo button) cannot bubble to document: `fallbackTarget` gets
// the event instead.
export async function runAction(control, options) {
  const { url, body, config, form = formOf(control), busy = control, fallbackTarget = null } = options;
  const { onSuccess = () => {}, onFailure = () => {} } = options;
  clearFieldErrors(form);
  const release = markBusy(busy);
  const result = await post(control, url, body, config);
  release();
  const ok = succeeded(result);
  if (ok) {
    onSuccess(result.data);
  } else {
    onFailure();
    const text = applyFailure(result, form);
    if (text) showMessage(windowOf(control).document, text, "error");
  }
  const target = control.isConnected || !fallbackTarget ? control : fallbackTarget;
  emit(target, ok ? "orderkit:done" : "orderkit:fail", result);
  return ok;
}
