// Notes, ads and search in the page end to end in real Chromium: a campaign whose touch log names
// notes and non-creator sources (聚光 search ads, the brand's account, organic search), checked
// against the engine's own report of the same files (through the built wasm here): the overview's
// creators-beside-ads sentence and table, the sources marked in the creator table, the notes'
// top and long tail, the source tiers' labels, no commission for sources; the optional notes and
// spend files kept, shared and removed; 中文, axe, no overflow at 390 px, screenshots.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { SCREENSHOTS, openPage, startBrowser, waitUntilKept, wcagViolations } from "./browser.mjs";

const wasm = await import("../../www/pkg/kol_attribution.js");
wasm.initSync({ module: readFileSync(new URL("../../www/pkg/kol_attribution_bg.wasm", import.meta.url)) });
// The page sends the notes and spend files to its worker; the worker reads them into the engine
// only once its inputsOf passes them on (www/src/worker.ts). Until then the test of their fees
// is marked todo rather than failing.

/**
 * A small campaign: three creators with eight notes each, 90 journeys, a search ad's click after
 * every fourth creator touch, the brand's account after every seventh, organic search before
 * every fifth; orders on even journeys and those that searched.
 */
function campaign() {
  const creators = "kol_id,handle,tier,flat_fee,commission_rate\nA,Alice,mega,5000,10%\nB,Bo,micro,2000,10%\nC,Cai,KOC,,10%\n";
  const ids = ["A", "B", "C"];
  const noteRows = [];
  for (const id of ids) {
    for (let n = 1; n <= 8; n++) {
      noteRows.push(`${id.toLowerCase()}${n},${id},2025-03-${10 + n},${n % 2 ? "video" : "image"},${id === "C" ? "" : 300 * n},${n % 3 === 0 ? 200 : ""}`);
    }
  }
  const touches = ["journey_id,kol_id,timestamp,touch_type,source,note_id"];
  const orders = ["order_id,journey_id,timestamp,value"];
  for (let i = 1; i <= 90; i++) {
    const id = ids[i % 3];
    const day = String(1 + (i % 9)).padStart(2, "0");
    if (i % 5 === 1) touches.push(`u${i},,2025-04-${day} 08:00,view,organic_search,`);
    touches.push(`u${i},${id},2025-04-${day} 10:00,${i % 4 ? "view" : "click"},,${id.toLowerCase()}${1 + (Math.floor(i / 3) % 8)}`);
    if (i % 4 === 0) touches.push(`u${i},,2025-04-${day} 11:00,click,juguang_search,`);
    if (i % 7 === 0) touches.push(`u${i},,2025-04-${day} 12:00,view,brand_note,`);
    if (i % 2 === 0 || i % 5 === 1) orders.push(`o${i},u${i},2025-04-${day} 15:00,${50 + (i % 9) * 10}`);
  }
  return {
    creators,
    touchpoints: `${touches.join("\n")}\n`,
    orders: `${orders.join("\n")}\n`,
    notes: `note_id,kol_id,published_at,format,fee,boost_spend\n${noteRows.join("\n")}\n`,
    spend: "source,date,spend\njuguang_search,2025-04-01,800\n聚光搜索,2025-04-02,400\nbrand_note,2025-04-01,300\n",
  };
}

const files = campaign();
const threeFiles = { creators: files.creators, touchpoints: files.touchpoints, orders: files.orders };
/** What the page asks (the engine's defaults, every level), without intervals: the engine's numbers to check against. */
const expected = wasm.campaignReport(threeFiles, { level: "all", intervals: { resamples: 0 } });
const percent = (share) => `${(share * 100).toFixed(1)}%`;
const money = (value) => {
  const [integer, fraction = ""] = value.split(".");
  return `¥${integer.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${fraction.padEnd(2, "0").slice(0, 2)}`;
};
/** Creators' share of what `model` credits at `days`, from the engine's group level. */
function creatorsShare(report, model, days) {
  const credits = report.windows.find((w) => w.days === days).groups.credits.filter((c) => c.model === model);
  const cents = (v) => Math.round(Number(v) * 100);
  const total = credits.reduce((sum, c) => sum + cents(c.value), 0);
  return cents(credits.find((c) => c.channel === "creators").value) / total;
}

let env;
before(async () => {
  env = await startBrowser();
});
after(async () => {
  await env?.close();
});

/** Opens the page on the sample, then gives it `inputs` through the data view's file pickers. */
async function openWith(inputs, options = {}) {
  const opened = await openPage(env.browser, env.url, { viewport: { width: 1440, height: 900 }, ...options });
  const { page } = opened;
  await page.waitForFunction(() => /6 windows × 10 models/.test(document.querySelector("#status")?.textContent ?? ""), null, { timeout: 60_000 });
  await page.click("#nav-data");
  for (const [file, text] of Object.entries(inputs)) {
    await page.setInputFiles(`#${file}-file`, { name: `${file}.csv`, mimeType: "text/csv", buffer: Buffer.from(text) });
  }
  await page.waitForFunction((orders) => (document.querySelector("#status")?.textContent ?? "").startsWith(`${orders} orders`) && !document.querySelector("#results-panel")?.classList.contains("stale"), String(expected.summary.orders), { timeout: 60_000 });
  await page.waitForSelector("#groups-block:not([hidden])", { state: "attached", timeout: 60_000 });
  return opened;
}

test("creators beside ads and search, sources marked, the top notes and the long tail: the engine's numbers; 中文, axe, 390 px", async () => {
  const { page, context, errors } = await openWith(threeFiles, { bypassCSP: true });
  const days = Number((await page.textContent("#window-buttons [aria-pressed='true']")).match(/\d+/)[0]);
  assert.ok(expected.windows.some((w) => w.days === days), `the window shown (${days}) is one the engine computed`);

  // Overview: the creators' share under the baseline (last touch) against the incremental model.
  await page.click("#nav-overview");
  const before = percent(creatorsShare(expected, "last_touch", days));
  const incremental = percent(creatorsShare(expected, "incremental", days));
  assert.equal(
    await page.textContent("#groups-said"),
    `Under Last touch, creators get ${before} of the credit; once ads and search are in the journeys, Incremental gives creators ${incremental}.`,
  );
  const groups = expected.windows.find((w) => w.days === days).groups;
  assert.deepEqual(await page.$$eval("#groups-table thead th", (ths) => ths.slice(1).map((th) => th.textContent)), groups.channels.map((g) => ({ creators: "Creators", paid: "Paid media", owned: "Owned media", organic: "Organic search" })[g]));
  assert.equal(await page.locator("#groups-table tbody tr").count(), groups.models.length);
  // The cause table gives ads and search their own rows: the creators' part is the creators' alone.
  const sourceRows = await page.$$eval("#cause-table tr.source th .channel-name", (cells) => cells.map((c) => c.textContent));
  assert.ok(sourceRows.includes("Paid media") && sourceRows.includes("Owned media"), sourceRows.join());
  const tiers = expected.windows.find((w) => w.days === days).tiers;
  const caused = tiers.credits.filter((c) => c.model === "incremental" && ["mega", "micro", "KOC"].includes(c.channel)).reduce((sum, c) => sum + Math.round(Number(c.value) * 100), 0);
  assert.match(await page.textContent("#answer"), new RegExp(`Creators caused ${money((caused / 100).toFixed(2)).replace(/[$.]/g, "\\$&")} of the`));
  assert.deepEqual(await wcagViolations(page, "#view-overview"), [], "overview");
  await page.locator("#view-overview").screenshot({ path: `${SCREENSHOTS}notes-overview-1440-en.png` });

  // Creators: every source listed and marked, with no commission.
  await page.click("#nav-creators");
  await page.waitForSelector("#creator-table tbody tr");
  const marked = await page.$$eval("#creator-table tbody tr", (rows) =>
    rows.filter((r) => r.querySelector(".source-tag")).map((r) => [r.querySelector(".cell-detail").textContent, r.children[6].textContent, r.children[7].textContent]),
  );
  const sources = expected.creators.filter((c) => c.group !== "creators").map((c) => c.id);
  assert.deepEqual(marked.map((m) => m[0]).sort(), [...sources].sort());
  for (const [id, paid, earned] of marked) assert.deepEqual([paid, earned], ["—", "—"], `${id} earns no commission`);

  // Notes: the top ten by the engine's credit under the table's model (last touch), and the tail.
  const notes = expected.windows.find((w) => w.days === days).notes.credits.filter((c) => c.model === "last_touch" && !c.channel.endsWith("(no note)"));
  const ranked = [...notes].sort((a, b) => Number(b.value) - Number(a.value) || a.channel.localeCompare(b.channel));
  const shown = await page.$$eval("#note-table tbody tr", (rows) => rows.map((r) => [r.querySelector("th .channel-name").textContent, r.children[3].textContent]));
  assert.deepEqual(shown, ranked.slice(0, 10).map((c) => [c.channel, money(c.value)]));
  const cents = (list) => list.reduce((sum, c) => sum + Math.round(Number(c.value) * 100), 0);
  const all = cents(ranked);
  assert.equal(
    await page.textContent("#notes-said"),
    `Under Last touch at ${days} days, ${ranked.length} notes carry ${money((all / 100).toFixed(2))} of credit. The top 10: ${percent(cents(ranked.slice(0, 10)) / all)}; the other ${ranked.length - 10} notes: ${percent(1 - cents(ranked.slice(0, 10)) / all)}.`,
  );
  assert.equal(await page.textContent("#note-pager .pager-text"), `1–10 of ${ranked.length}`);
  await page.click("#note-pager button[aria-label='Next page']");
  assert.equal(await page.textContent("#note-table tbody tr:first-child th .channel-name"), ranked[10].channel);
  assert.deepEqual(await wcagViolations(page, "#view-creators"), [], "creators");
  await page.locator("#notes-block").screenshot({ path: `${SCREENSHOTS}notes-notes-1440-en.png` });

  // Models × windows by tier: the creator tiers first, then the groups of sources, in words.
  await page.click("#nav-models");
  await page.click("#level-tier");
  const rows = await page.$$eval("#results tbody th .channel-name", (cells) => cells.map((c) => c.textContent));
  assert.deepEqual(rows.slice(-3), ["Paid media", "Owned media", "Organic search"]);
  assert.deepEqual(rows.slice(0, 4), tiers.channels.slice(0, 4));
  assert.deepEqual(await wcagViolations(page, "#view-models"), [], "models");

  // Commission and payouts: sources have a cost and no commission.
  await page.click("#nav-money");
  await page.click("#level-creator");
  const roi = await page.$$eval("#roi tbody tr", (trs) => trs.filter((tr) => tr.querySelector(".channel-detail")).map((tr) => tr.children[2].textContent));
  assert.equal(roi.length, sources.length);
  assert.ok(roi.every((paid) => paid === "—"));
  await page.click("#level-tier");

  // 中文: the groups, the tiers of sources and the notes in Chinese.
  await page.click("#lang-zh");
  await page.click("#nav-overview");
  assert.equal(await page.textContent("#groups-title"), "达人与广告、搜索并列");
  assert.deepEqual(await page.$$eval("#groups-table thead th", (ths) => ths.slice(1).map((th) => th.textContent)), groups.channels.map((g) => ({ creators: "达人", paid: "付费投放", owned: "自有渠道", organic: "自然流量" })[g]));
  assert.match(await page.textContent("#groups-said"), new RegExp(`达人获得 ${before.replace(".", "\\.")} 的归因`));
  assert.deepEqual(await wcagViolations(page, "#view-overview"), [], "overview 中文");
  await page.screenshot({ path: `${SCREENSHOTS}notes-1440-zh.png`, fullPage: true });
  await page.click("#nav-creators");
  assert.match(await page.textContent("#notes-title"), /笔记/);
  assert.deepEqual(await wcagViolations(page, "#view-creators"), [], "creators 中文");

  // A phone: nothing wider than the screen, in Chinese and English.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(400);
  for (const view of ["overview", "creators", "models", "data"]) {
    await page.click(`#nav-${view}`);
    await page.waitForTimeout(150);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${view} is ${overflow}px wider than 390 px`);
  }
  await page.click("#nav-overview");
  await page.screenshot({ path: `${SCREENSHOTS}notes-390-zh.png`, fullPage: true });
  await page.click("#lang-en");
  await page.click("#nav-creators");
  await page.locator("#notes-block").screenshot({ path: `${SCREENSHOTS}notes-390-en.png` });
  await page.click("#nav-overview");
  await page.screenshot({ path: `${SCREENSHOTS}notes-390-en-overview.png`, fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${SCREENSHOTS}notes-1440-en.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test("the optional notes and spend files: marked optional, kept on reload and in share links, removed with Remove", async () => {
  const { page, context, errors } = await openWith(files, { bypassCSP: true });
  await page.click("#nav-data");
  assert.match(await page.textContent("label[for='notes-input']"), /optional/);
  assert.equal(await page.inputValue("#notes-input"), files.notes);
  assert.equal(await page.inputValue("#spend-input"), files.spend);
  assert.match(await page.textContent("#notes-meta"), /^notes\.csv · UTF/);
  assert.equal(await page.isVisible("#notes-remove"), true);
  assert.deepEqual(await wcagViolations(page, "#view-data"), [], "data view");
  await page.locator("#view-data").screenshot({ path: `${SCREENSHOTS}notes-data-1440-en.png` });
  // Kept in this browser: a reload puts both back.
  await waitUntilKept(page);
  await page.reload();
  await page.waitForFunction((orders) => (document.querySelector("#status")?.textContent ?? "").startsWith(`${orders} orders`), String(expected.summary.orders), { timeout: 60_000 });
  await page.click("#nav-data");
  assert.equal(await page.inputValue("#notes-input"), files.notes);
  assert.equal(await page.inputValue("#spend-input"), files.spend);
  // A share link carries them (the data is small).
  await page.click("#share");
  await page.waitForSelector("#share-link:not([hidden])");
  const link = await page.inputValue("#share-link");
  const other = await openPage(env.browser, link, { viewport: { width: 1440, height: 900 } });
  await other.page.waitForFunction((orders) => (document.querySelector("#status")?.textContent ?? "").startsWith(`${orders} orders`), String(expected.summary.orders), { timeout: 60_000 });
  await other.page.click("#nav-data");
  assert.equal(await other.page.inputValue("#notes-input"), files.notes);
  assert.equal(await other.page.inputValue("#spend-input"), files.spend);
  assert.deepEqual(other.errors, []);
  await other.context.close();
  // Remove takes a file out; the campaign is computed without it.
  await page.click("#spend-remove");
  assert.equal(await page.inputValue("#spend-input"), "");
  assert.equal(await page.isVisible("#spend-remove"), false);
  await page.click("#notes-remove");
  assert.equal(await page.inputValue("#notes-input"), "");
  await page.waitForFunction(() => !document.querySelector("#working") || document.querySelector("#working").hidden, null, { timeout: 60_000 });
  // Saved after a pause in the changes.
  await page.waitForTimeout(1500);
  await page.reload();
  await page.waitForFunction((orders) => (document.querySelector("#status")?.textContent ?? "").startsWith(`${orders} orders`), String(expected.summary.orders), { timeout: 60_000 });
  await page.click("#nav-data");
  assert.equal(await page.inputValue("#notes-input"), "", "a removed file stays removed");
  assert.deepEqual(errors, []);
  await context.close();
});

test(
  "a note's fee and boost are its cost, and a search ad's spend its cost: the engine's figures",
  async () => {
    const withFiles = wasm.campaignReport(files, { level: "all", intervals: { resamples: 0 } });
    const moneyReport = wasm.moneyReport(files, {});
    const roiRows = wasm.roiRows(withFiles, moneyReport);
    const { page, context, errors } = await openWith(files);
    await page.click("#nav-creators");
    await page.waitForSelector("#notes-block:not([hidden])");
    const days = Number((await page.textContent("#window-buttons [aria-pressed='true']")).match(/\d+/)[0]);
    const cost = (id) => roiRows.find((r) => r.days === days && r.level === "note" && r.model === "last_touch" && r.channel === id).cost;
    const first = await page.$eval("#note-table tbody tr", (r) => [r.querySelector("th .channel-name").textContent, r.children[6].querySelector(".value-text").textContent]);
    assert.equal(first[1], money(cost(first[0])));
    await page.locator("#notes-block").screenshot({ path: `${SCREENSHOTS}notes-fees-1440-en.png` });
    const search = roiRows.find((r) => r.days === days && r.level === "creator" && r.model === "last_touch" && r.channel === "juguang_search");
    const row = await page.$$eval("#creator-table tbody tr", (rows) => rows.filter((r) => r.querySelector(".cell-detail")?.textContent === "juguang_search").map((r) => r.children[5].textContent));
    assert.deepEqual(row, [money(search.cost)]);
    assert.deepEqual(errors, []);
    await context.close();
  },
);
