const MAX_MESSAGES = 5;

// The Django admin's pages (their <body> carries data-admin-utc-offset) have a message list
// of their own, ul.messagelist at the top of the content: orderkit's messages go there,
// written as the admin writes its own, so they look and read the same.
function isAdmin(doc) {
  return doc.body !== null && doc.body.hasAttribute("data-admin-utc-offset");
}

function adminRegion(doc) {
  let list = doc.querySelector("ul.messagelist");
  if (!list) {
    list = doc.createElement("ul");
    list.className = "messagelist";
    const content = doc.getElementById("content");
    if (content) content.before(list);
    else doc.body.prepend(list);
  }
  return list;
}

function makeLive(region) {
  region.setAttribute("data-orderkit-messages", "");
  region.setAttribute("role", "status");
  region.setAttribute("aria-live", "polite");
  return region;
}

export function messageRegion(doc) {
  const found = doc.querySelector("[data-orderkit-messages]");
  if (found) return found;
  if (isAdmin(doc)) return makeLive(adminRegion(doc));
  const region = doc.createElement("div");
  region.className = "orderkit-messages";
  doc.body.append(makeLive(region));
  return region;
}

function dropOldest(region) {
  const shown = region.querySelectorAll(".orderkit-message, :scope > li:not(.orderkit-announcement)");
  for (let i = 0; i < shown.length - MAX_MESSAGES; i += 1) shown[i].remove();
}

// A list's entries are <li>; the admin styles its levels by class (success, error, info)
// and orderkit.css leaves them to it.
function entryOf(region, level) {
  const doc = region.ownerDocument;
  if (region.localName !== "ul") {
    const message = doc.createElement("p");
    message.className = `orderkit-message orderkit-message--${level}`;
    return message;
  }
  const entry = doc.createElement("li");
  entry.className = `orderkit-message ${level}`;
  return entry;
}

// level: "success" | "error" | "info". action: {label, run(button)} adds a button.
// Text only: labels and server messages are data, never markup.
export function showMessage(doc, text, level, action = null) {
  const region = messageRegion(doc);
  const message = entryOf(region, level);
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
    announcement = doc.createElement(region.localName === "ul" ? "li" : "p");
    announcement.className = "orderkit-announcement orderkit-visually-hidden";
    region.append(announcement);
  }
  announcement.textContent = text;
}

// An admin page's list is made live before anything is said in it: a screen reader may
// miss what is added to a region in the moment it becomes live.
export function prepareMessages(doc) {
  if (isAdmin(doc)) messageRegion(doc);
}
