import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";

const css = await readFile(new URL("../src/orderkit.css", import.meta.url), "utf8");
const rules = css.replace(/\/\*[\s\S]*?\*\//g, "");

// A right-to-left page (dir="rtl") mirrors orderkit's controls only if no rule names a
// physical side: margin-inline-start, not margin-left; inset-inline-start, not left.
test("orderkit.css names no physical side: logical properties only", () => {
  const physical = /(?:^|[\s;{])((?:margin|padding|border|inset|scroll-margin|scroll-padding)-(?:left|right)[\w-]*|left|right|float|clear|text-align)\s*:\s*([^;}]*)/gm;
  const found = [];
  for (const [, property, value] of rules.matchAll(physical)) {
    const mirrored = ["float", "clear", "text-align"].includes(property);
    if (!mirrored || /\b(left|right)\b/.test(value)) found.push(`${property}: ${value.trim()}`);
  }
  assert.deepEqual(found, []);
});

test("orderkit.css moves no box sideways by a physical offset", () => {
  assert.doesNotMatch(rules, /translate(?:X|3d)?\(|\btranslate\s*:/);
});

// Every colour of a light-dark() pair has its light value for browsers without it.
test("orderkit.css gives every light-dark() colour a fallback", () => {
  const declared = (block) => new Set(Array.from(block.matchAll(/(--orderkit-[\w-]+)\s*:/g), (m) => m[1]));
  const themed = Array.from(rules.matchAll(/(--orderkit-[\w-]+)\s*:\s*light-dark\(/g), (m) => m[1]);
  const fallback = /@supports not \(color: light-dark\(#000, #fff\)\)\s*{([\s\S]*?)}\s*}/.exec(rules);
  assert.ok(fallback, "no @supports not (color: light-dark(...)) block");
  const given = declared(fallback[1]);
  assert.deepEqual(themed.filter((name) => !given.has(name)), []);
  assert.ok(themed.length >= 10);
});

// A selected item keeps a mark when forced colours drop its background.
test("orderkit.css outlines a selected item in the system's highlight under forced colours", () => {
  // After the plain rule, which would otherwise win with the same specificity.
  const plain = rules.search(/\.orderkit-selected\s*{[^}]*outline:\s*2px solid var\(--orderkit-selected\)/);
  const forced = /@media \(forced-colors: active\)\s*{\s*\.orderkit-selected\s*{[^}]*outline-color:\s*Highlight/g;
  forced.lastIndex = plain;
  assert.ok(plain >= 0, "no outline for a selected item");
  assert.ok(forced.exec(rules), "no forced-colours outline after it");
});
