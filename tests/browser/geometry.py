"""Boxes and colours as Chromium computed them: of elements, of a text, of pseudo-elements (a
switch's track and knob, which scripts cannot measure: read through the DevTools protocol),
and the WCAG contrast ratio of computed colours."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from playwright.sync_api import Locator

#: The box of an element's first text node that is not blank (a name among its controls).
TEXT_BOX = """element => {
  const text = Array.from(element.childNodes).find(
    (node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim());
  const range = document.createRange();
  range.selectNodeContents(text);
  const box = range.getBoundingClientRect();
  return [box.left, box.top, box.right, box.bottom];
}"""
#: What marks the elements whose pseudo-elements are measured.
MARKER = "data-geometry-pseudo"
RGB = re.compile(
    r"rgba?\((\d+(?:\.\d+)?),? (\d+(?:\.\d+)?),? (\d+(?:\.\d+)?)(?:,? /? ?([\d.]+))?\)"
)


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    def overlaps(self, other: Box) -> bool:
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )

    def contains(self, other: Box) -> bool:
        return (
            self.left <= other.left
            and other.right <= self.right
            and self.top <= other.top
            and other.bottom <= self.bottom
        )

    def gap(self, other: Box) -> float:
        """The room between two boxes side by side (negative when they overlap)."""
        return max(other.left - self.right, self.left - other.right)


def box(locator: Locator) -> Box:
    found = locator.bounding_box()
    assert found is not None, f"{locator} is not shown"
    return Box(found["x"], found["y"], found["x"] + found["width"], found["y"] + found["height"])


def text_box(locator: Locator) -> Box:
    left, top, right, bottom = locator.evaluate(TEXT_BOX)
    return Box(left, top, right, bottom)


def pseudo_boxes(locator: Locator) -> list[dict[str, Box]]:
    """The border boxes of the ``::before`` and ``::after`` of each element ``locator``
    finds, as ``{"before": Box, "after": Box}``."""
    page = locator.page
    locator.evaluate_all(f"all => all.forEach(e => e.setAttribute('{MARKER}', ''))")
    session = page.context.new_cdp_session(page)
    try:
        root = session.send("DOM.getDocument", {"depth": -1})["root"]
        nodes: dict[int, dict[str, Any]] = {}
        index(root, nodes)
        query = {"nodeId": root["nodeId"], "selector": f"[{MARKER}]"}
        return [
            {
                pseudo["pseudoType"]: quad_box(
                    session.send("DOM.getBoxModel", {"nodeId": pseudo["nodeId"]})["model"]
                )
                for pseudo in nodes[node_id].get("pseudoElements", [])
            }
            for node_id in session.send("DOM.querySelectorAll", query)["nodeIds"]
        ]
    finally:
        session.detach()
        locator.evaluate_all(f"all => all.forEach(e => e.removeAttribute('{MARKER}'))")


def index(node: dict[str, Any], nodes: dict[int, dict[str, Any]]) -> None:
    nodes[node["nodeId"]] = node
    for child in node.get("children", []):
        index(child, nodes)


def quad_box(model: dict[str, Any]) -> Box:
    xs, ys = model["border"][0::2], model["border"][1::2]
    return Box(min(xs), min(ys), max(xs), max(ys))


def rgb(css: str) -> tuple[float, float, float, float]:
    """A computed colour (``rgb(1, 2, 3)``, ``rgba(1, 2, 3, 0.5)``) as red, green, blue, alpha."""
    match = RGB.fullmatch(css)
    assert match is not None, f"not a computed colour: {css}"
    red, green, blue, alpha = match.groups()
    return float(red), float(green), float(blue), float(alpha) if alpha else 1.0


def luminance(css: str) -> float:
    """WCAG's relative luminance of an opaque computed colour."""
    *channels, alpha = rgb(css)
    assert alpha == 1.0, f"{css} is not opaque"
    linear = [
        c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4
        for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def colours(locator: Locator) -> tuple[str, str]:
    """The computed text and background colours of the element."""
    found: list[str] = locator.evaluate(
        "e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]"
    )
    return found[0], found[1]
