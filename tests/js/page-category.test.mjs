// The window by category in the page, end to end in real Chromium: turned on in Settings (the
// catalogue's label and default table), the report gains a window named "By category" / "按品类"
// whose sentences say so, a table that does not read is marked and not sent, and the window's
// credit is the engine's own (the sample's orders name no category, so every order looks back the
// other categories' days: the fixed window of as many days, to the bit).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { SCREENSHOTS, openPage, startBrowser } from "./browser.mjs";

const wasm = await import("../../www/pkg/kol_attribution.js");
wasm.initSync({ module: readFileSync(new URL("../../www/pkg/kol_attribution_bg.wasm", import.meta.url)) });
const catalogue = wasm.catalogue();
const setting = (path) => catalogue.settings.find((s) => s.group === "report" && s.path === path);

let env;
before(async () => {
  env = await startBrowser();
});
after(async () => {
  await env?.close();
});

/** The credit table's body, row by row, without the 90% intervals (resampled with the window in the seed, and filled in later). */
const tableRows = (page) =>
  page.$$eval("#results tbody tr", (rows) => rows.map((r) => [...r.children].map((c) => (c.textContent ?? "").replace(/90%: [\d.]+%–[\d.]+%/, ""))));

test("Settings turn the window by category on; it is shown as By category beside the fixed windows, in English and 中文", async () => {
  const { page, context, errors } = await openPage(env.browser, env.url, { viewport: { width: 1440, height: 900 } });
  const windows = setting("windows").default.length;
  await page.waitForFunction((n) => new RegExp(`${n} windows × 10 models`).test(document.querySelector("#status")?.textContent ?? ""), windows, { timeout: 60_000 });
  await page.click("#nav-settings");
  const enabled = page.locator("#setting-categoryWindows-enabled");
  assert.equal(await enabled.isChecked(), false, "off by default");
  const table = page.locator("#setting-categoryWindows-days");
  const defaults = Object.entries(setting("categoryWindows.days").default).map(([c, d]) => `${c}=${d}`).join(", ");
  assert.equal(await table.inputValue(), defaults, "the catalogue's default table");
  assert.equal(await page.locator("#setting-categoryWindows-otherDays").inputValue(), String(setting("categoryWindows.otherDays").default));
  assert.match(await page.textContent("#settings"), new RegExp(setting("categoryWindows.enabled").label.en));
  // A table that does not read is marked, with why, and the last one that read stands.
  await table.fill("skincare=abc");
  assert.equal(await table.getAttribute("aria-invalid"), "true");
  assert.match(await page.textContent("#setting-categoryWindows-days-error"), /skincare: the days must be a whole number from 1 to /);
  await table.fill(defaults);
  assert.equal(await table.getAttribute("aria-invalid"), null);
  await enabled.check();
  await page.waitForFunction((n) => new RegExp(`${n} windows × 10 models`).test(document.querySelector("#status")?.textContent ?? ""), windows + 1, { timeout: 60_000 });
  await page.click("#nav-models");
  const buttons = await page.$$eval("#window-buttons button", (all) => all.map((b) => b.textContent));
  assert.equal(buttons.at(-1), "By category", "after the fixed windows");
  await page.click("#window-buttons button:has-text('30 days')");
  await page.waitForSelector("#results tbody tr");
  const thirty = await tableRows(page);
  await page.click("#window-buttons button:has-text('By category')");
  await page.waitForFunction(() => document.querySelector("#window-buttons button[aria-pressed='true']")?.textContent === "By category");
  assert.match(await page.textContent("#view-models"), /window by category/);
  assert.doesNotMatch(await page.textContent("#view-models"), /\b0 days|0-day/);
  // No order of the sample names a category: each looks back the other categories' days.
  const other = setting("categoryWindows.otherDays").default;
  assert.equal(other, 30, "the comparison below is with the 30-day window");
  assert.deepEqual(await tableRows(page), thirty);
  await page.locator("#view-models").screenshot({ path: `${SCREENSHOTS}category-window-en.png` });
  await page.click("#lang-zh");
  assert.equal(await page.textContent("#window-buttons button[aria-pressed='true']"), "按品类");
  assert.match(await page.textContent("#view-models"), /按品类窗口/);
  assert.doesNotMatch(await page.textContent("#view-models"), /\b0 天/);
  await page.click("#nav-settings");
  assert.match(await page.textContent("#settings"), new RegExp(setting("categoryWindows.enabled").label.zh));
  await page.locator("#settings").screenshot({ path: `${SCREENSHOTS}category-window-settings-zh.png` });
  assert.deepEqual(errors, []);
  await context.close();
});
