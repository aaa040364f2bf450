// The docs stay true to the engine: docs/options.md is exactly what scripts/docs.mjs writes from
// the built engine's catalogue, no other page writes a bound by hand, and every relative link of
// README.md and docs/ reaches a file (and a heading, when it names one). Needs www/pkg built.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { test } from "node:test";
import { OPTIONS_FILE, REGENERATE, loadCatalogue, optionsMarkdown } from "../../scripts/docs.mjs";

const ROOT = resolve(new URL("../../", import.meta.url).pathname);
const pages = () => [join(ROOT, "README.md"), ...readdirSync(join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => join(ROOT, "docs", f))];

test("docs/options.md is what scripts/docs.mjs writes from the engine's catalogue", async () => {
  const expected = optionsMarkdown(await loadCatalogue());
  const actual = existsSync(OPTIONS_FILE) ? readFileSync(OPTIONS_FILE, "utf8") : "";
  if (actual === expected) return;
  const [have, want] = [actual.split("\n"), expected.split("\n")];
  const line = want.findIndex((text, i) => have[i] !== text);
  const at = line < 0 ? have.length : line;
  assert.fail(
    `docs/options.md is out of date with the engine's catalogue; run: ${REGENERATE}\n` +
      `first difference at line ${at + 1}:\n  file:   ${JSON.stringify(have[at] ?? "(end of file)")}\n  script: ${JSON.stringify(want[at] ?? "(end of file)")}`,
  );
});

test("no page but docs/options.md writes the longest window by hand (it links there instead)", async () => {
  const { maxWindowDays } = await loadCatalogue();
  for (const page of pages()) {
    if (page === OPTIONS_FILE) continue;
    const lines = readFileSync(page, "utf8").split("\n");
    const found = lines.flatMap((text, i) => (new RegExp(`\\b${maxWindowDays}\\b`).test(text) ? [`${relative(ROOT, page)}:${i + 1}: ${text.trim()}`] : []));
    assert.deepEqual(found, [], `${maxWindowDays} written by hand; link to docs/options.md instead`);
  }
});

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchor(heading) {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function anchorsOf(file) {
  const seen = new Map();
  const anchors = new Set();
  let fenced = false;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const heading = !fenced && /^#{1,6}\s+(.*)$/.exec(line);
    if (!heading) continue;
    const base = anchor(heading[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n ? `${base}-${n}` : base);
  }
  return anchors;
}

/** Markdown links and images outside code, as [target, line]. */
function linksOf(file) {
  const links = [];
  let fenced = false;
  readFileSync(file, "utf8")
    .split("\n")
    .forEach((line, i) => {
      if (/^\s*```/.test(line)) fenced = !fenced;
      if (fenced) return;
      const prose = line.replace(/`[^`]*`/g, "");
      for (const match of prose.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) links.push([match[1], i + 1]);
    });
  return links;
}

test("every relative link in README.md and docs/ reaches a file, and a heading when it names one", () => {
  const broken = [];
  let count = 0;
  for (const page of pages()) {
    for (const [target, line] of linksOf(page)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
      count += 1;
      const [path, fragment] = target.split("#");
      const file = path ? resolve(dirname(page), decodeURIComponent(path)) : page;
      const where = `${relative(ROOT, page)}:${line}: ${target}`;
      if (!file.startsWith(ROOT) || !existsSync(file)) broken.push(`${where} (no such file)`);
      else if (fragment && statSync(file).isFile() && file.endsWith(".md") && !anchorsOf(file).has(fragment)) broken.push(`${where} (no such heading)`);
    }
  }
  assert.ok(count > 0, "no relative links found: is the link pattern right?");
  assert.deepEqual(broken, []);
});
