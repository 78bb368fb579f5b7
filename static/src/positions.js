export function pkOf(node) {
  return node ? node.getAttribute("data-pk") : null;
}

export function itemsOf(container) {
  return Array.from(container.children).filter((child) => child.hasAttribute("data-pk"));
}

// The container's item that holds `node` (a handle may sit deep inside its item).
export function itemOf(container, node) {
  return itemsOf(container).find((item) => item.contains(node)) || null;
}

export function positionOf(container, item) {
  const items = itemsOf(container);
  return { index: items.indexOf(item) + 1, total: items.length };
}

// The list as it was when a move began, text nodes included: enough to tell whether the
// item moved, and to put back exactly the markup there was.
export function startOf(container, item) {
  return { nodes: Array.from(container.childNodes), index: positionOf(container, item).index };
}

// The items of the list at the start (see startOf), in their order then.
export function startItems(start) {
  return start.nodes.filter((node) => node.nodeType === 1 && node.hasAttribute("data-pk"));
}

// Puts the container's children back in their order at the start. A keyboard step moves the
// neighbour rather than the item, so putting the item alone back would leave the text nodes
// between items shuffled. Focus inside the list survives (browsers drop it on a move).
export function restoreOrder(container, start) {
  const active = container.ownerDocument.activeElement;
  start.nodes.forEach((node, index) => {
    if (node.parentNode !== container) return;
    const current = container.childNodes[index] || null;
    if (current !== node) container.insertBefore(node, current);
  });
  if (active && container.contains(active) && container.ownerDocument.activeElement !== active) {
    active.focus();
  }
}

export function hasMoved(container, item, start) {
  return positionOf(container, item).index !== start.index;
}

// Relative to a neighbour, not an index: the server places the row next to that row
// wherever it is now, so rows that others moved meanwhile do not shift the result.
export function reorderBody(container, item) {
  const items = itemsOf(container);
  const index = items.indexOf(item);
  const pk = item.getAttribute("data-pk");
  if (index > 0) return { pk, after: items[index - 1].getAttribute("data-pk") };
  return { pk, before: items[index + 1].getAttribute("data-pk") };
}

// Moves the item one place up (-1) or down (+1) among the items by moving its neighbour,
// so the item itself (and its focused handle) never leaves the document.
export function step(container, item, direction) {
  const items = itemsOf(container);
  const neighbour = items[items.indexOf(item) + direction];
  if (!neighbour) return false;
  if (direction < 0) container.insertBefore(neighbour, item.nextSibling);
  else container.insertBefore(neighbour, item);
  return true;
}

// A list shown in the kit's order reversed (data-orderkit-reversed) has "after on the page"
// for "before in the order": `body`, a move named as the page shows it, as the kit orders.
// A block's rows are listed in the kit's order too: the page's order reversed.
export function inKitOrder(container, body) {
  if (!container.hasAttribute("data-orderkit-reversed")) return body;
  const rows = "pks" in body ? { pks: [...body.pks].reverse() } : { pk: body.pk };
  if ("before" in body) return { ...rows, after: body.before };
  if ("after" in body) return { ...rows, before: body.after };
  return body;
}
