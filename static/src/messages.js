const MAX_MESSAGES = 5;

export function messageRegion(doc) {
  let region = doc.querySelector("[data-orderkit-messages]");
  if (!region) {
    region = doc.createElement("div");
    region.className = "orderkit-messages";
    region.setAttribute("data-orderkit-messages", "");
    region.setAttribute("role", "status");
    region.setAttribute("aria-live", "polite");
    doc.body.append(region);
  }
  return region;
}

function dropOldest(region) {
  const shown = region.querySelectorAll(".orderkit-message");
  for (let i = 0; i < shown.length - MAX_MESSAGES; i += 1) shown[i].remove();
}

// level: "success" | "error" | "info". action: {label, run(button)} adds a button.
// Text only: labels and server messages are data, never markup.
export function showMessage(doc, text, level, action = null) {
  const region = messageRegion(doc);
  const message = doc.createElement("p");
  message.className = `orderkit-message orderkit-message--${level}`;
  message.textContent = text;
  if (action) {
    const button = doc.createElement("button");
    button.type = "button";
    button.className = "orderkit-message-action";
    button.textContent = action.label;
    button.addEventListener("click", () => action.run(button));
    message.append(" ", button);
  }
  region.append(message);
  dropOldest(region);
  return message;
}

// One element whose text is replaced at every step, so a screen reader reads each step
// once instead of a growing list.
export function announce(doc, text) {
  const region = messageRegion(doc);
  let announcement = region.querySelector(".orderkit-announcement");
  if (!announcement) {
    announcement = doc.createElement("p");
    announcement.className = "orderkit-announcement orderkit-visually-hidden";
    region.append(announcement);
  }
  announcement.textContent = text;
}
