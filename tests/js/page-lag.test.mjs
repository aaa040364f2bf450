// Time lag in the models view end to end in real Chromium: the suggested window against the
// engine's own timeLag (computed here through the built wasm, for the same sample), the histogram
// and the tiers' table, 中文, axe, no overflow at 390 px, and screenshots to look at.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { SCREENSHOTS, openPage, startBrowser, wcagViolations } from "./browser.mjs";

const wasm = await import("../../www/pkg/kol_attribution.js");
wasm.initSync({ module: readFileSync(new URL("../../www/pkg/kol_attribution_bg.wasm", import.meta.url)) });
/** The sample the page opens with: the engine's own sample defaults. */
const sample = wasm.sampleCampaign({});

let env;
before(async () => {
  env = await startBrowser();
});
after(async () => {
  await env?.close();
});

async function openLag(options = {}) {
  const opened = await openPage(env.browser, env.url, { viewport: { width: 1440, height: 900 }, ...options });
  await opened.page.waitForFunction(() => /6 windows × 10 models/.test(document.querySelector("#status")?.textContent ?? ""), null, { timeout: 60_000 });
  await opened.page.click("#nav-models");
  await opened.page.waitForSelector("#lag-block:not([hidden]) #lag-said p");
  return opened;
}

test("the models view says the engine's suggested window, draws the histogram and each tier's covering lag; 中文, axe, 390 px", async () => {
  const { page, context, errors } = await openLag({ bypassCSP: true });
  const lag = wasm.timeLag(sample.inputs, {});
  const n = lag.fromFirstTouch.covering;
  assert.ok(Number.isInteger(n) && n > 0, "the sample has a suggested window");
  assert.equal(
    await page.textContent("#lag-said p"),
    `${lag.coveragePercent}% of orders came within ${n} days of the journey's first touch; suggested window: ${n} days.`,
  );
  // A bar per bucket of the histogram, and a row per tier with its covering lag.
  assert.equal(await page.locator("#lag-chart svg g[aria-label='bar'] rect").count(), lag.fromFirstTouch.buckets.length);
  const rows = await page.$$eval("#lag-tiers tbody tr", (trs) => trs.map((tr) => tr.querySelector("td").textContent));
  assert.deepEqual(
    rows,
    lag.tiers.filter((t) => t.fromLatestTouch.covering !== null).map((t) => `${t.fromLatestTouch.covering} day${t.fromLatestTouch.covering === 1 ? "" : "s"}`),
  );
  // Days from another touch: the menu offers the last touch and each tier that touched an order.
  const choices = await page.$$eval("#lag-from option", (options) => options.map((o) => o.value));
  const tiersTouching = lag.tiers.filter((t) => t.fromLatestTouch.orders > 0);
  assert.deepEqual(choices, ["first", "last", ...tiersTouching.map((t) => `tier:${t.tier}`)]);
  const koc = tiersTouching.at(-1);
  await page.selectOption("#lag-from", `tier:${koc.tier}`);
  assert.match(await page.textContent("#lag-chart figcaption"), new RegExp(`^Orders by days from ${koc.tier}'s latest touch$`));
  assert.equal(await page.locator("#lag-chart svg g[aria-label='bar'] rect").count(), koc.fromLatestTouch.buckets.length);
  await page.selectOption("#lag-from", "first");
  // Touches per converting journey: a bar per bucket, and the count said.
  assert.equal(await page.locator("#lag-touches svg g[aria-label='bar'] rect").count(), lag.touches.buckets.length);
  assert.match(await page.textContent("#lag-block"), new RegExp(`Converting journeys had ${lag.touchesTotal.toLocaleString("en-US")} touches in all; ${lag.coveragePercent}% of them had at most ${lag.touches.covering}\\.`));
  // Note age (the sample's notes have publish dates): the engine's three shares, a bar per age, the top notes.
  const age = lag.noteAge;
  assert.ok(age, "the sample's notes are dated");
  const share = (x) => `${(x * 100).toFixed(1)}%`;
  assert.match(await page.textContent("#note-age-said"), new RegExp(`, ${share(age.after[0])} came more than 30 days after the note was published, ${share(age.after[1])} after 60 days and ${share(age.after[2])} after 90 days\\.$`));
  assert.equal(await page.locator("#note-age-chart svg g[aria-label='bar'] rect").count(), age.buckets.length);
  const top = await page.$$eval("#note-age-notes tbody tr", (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
  assert.equal(top.length, Math.min(10, age.notes.length));
  assert.deepEqual(top[0], [age.notes[0].noteId, age.notes[0].kolId, age.notes[0].conversions.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 }), ...age.notes[0].after.map(share)]);
  const tierRows = await page.$$eval("#note-age-tiers tbody tr", (rows) => rows.map((r) => [...r.querySelectorAll("td")].map((c) => c.textContent)));
  assert.deepEqual(tierRows, age.tiers.map((t) => t.after.map(share)));
  // The section sits below the model × window block.
  const [matrixBottom, lagTop] = await page.evaluate(() => [document.querySelector("#matrix-block").getBoundingClientRect().bottom, document.querySelector("#lag-block").getBoundingClientRect().top]);
  assert.ok(lagTop >= matrixBottom, "below the model × window block");
  assert.deepEqual(await wcagViolations(page, "#view-models"), [], "English");
  await page.locator("#lag-block").screenshot({ path: `${SCREENSHOTS}lag-1440-en.png` });

  await page.click("#lang-zh");
  assert.equal(await page.textContent("#lag-title"), "转化时滞");
  assert.equal(await page.textContent("#note-age-title"), "笔记发布时长");
  assert.equal(await page.textContent("#lag-touches figcaption"), "转化旅程按触点数分布");
  assert.equal(await page.textContent("#lag-said p"), `${lag.coveragePercent}% 的订单在旅程首次触达后 ${n} 天内成交；建议窗口：${n} 天。`);
  assert.doesNotMatch(await page.textContent("#lag-block"), /\b(orders|days|Tier|window)\b/);
  assert.deepEqual(await wcagViolations(page, "#view-models"), [], "中文");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(400);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the models view is ${overflow}px wider than 390 px`);
  const tables = await page.$$eval("#lag-block table", (all) => all.map((t) => [t.id, t.scrollWidth, t.parentElement.clientWidth]));
  for (const [id, width, room] of tables) assert.ok(width <= room + 1, `#${id} is ${width} px wide in ${room} px`);
  await page.locator("#lag-block").screenshot({ path: `${SCREENSHOTS}lag-390-zh.png` });
  assert.deepEqual(errors, []);
  await context.close();
});

test("a paths file has no campaign to measure: the section is hidden", async () => {
  const { page, context, errors } = await openLag();
  await page.click("#nav-data");
  await page.click("#tab-paths");
  await page.waitForFunction(() => /over 8 paths/.test(document.querySelector("#status")?.textContent ?? ""), null, { timeout: 30_000 });
  await page.click("#nav-models");
  await page.waitForSelector("#results tbody tr");
  assert.equal(await page.isVisible("#lag-block"), false);
  assert.deepEqual(errors, []);
  await context.close();
});
