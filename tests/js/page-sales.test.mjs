// Orders across platforms in the page end to end in real Chromium: a small campaign whose orders
// land on four sales channels and carry promo codes and a QR id, checked against the engine's own
// report of the same files (through the built wasm here) and against a hand count: the promo-code
// match under the data's figures, the creators' credit per sales channel under each model (each
// row summing to the creators' credit to the fen), the money per sales channel; the settings for
// promo-code touches, the channels the platform tracks and a channel's own fee, each recomputing;
// the embedded element's notes and spend files. 中文, axe, no overflow at 390 px, screenshots.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { SCREENSHOTS, openPage, startBrowser, waitUntilKept, wcagViolations } from "./browser.mjs";

const wasm = await import("../../www/pkg/kol_attribution.js");
wasm.initSync({ module: readFileSync(new URL("../../www/pkg/kol_attribution_bg.wasm", import.meta.url)) });

/**
 * Three creators (A's code A10, B's code B20 and QR id QRB), 40 journeys, 18 orders on XHS shop,
 * Tmall, JD and the brand's site. Codes by hand: o1 A10, o2 "a 10" (A10 written otherwise),
 * o3 and o4 SUMMER, o5 B's QR id, o7 X1. u2's log has A's promo-code touch already; u1 has no
 * touch of A and u5 no touch at all, so two touches are added.
 */
function campaign() {
  const creators = "kol_id,handle,tier,flat_fee,commission_rate,promo_code,qr_id\nA,Alice,mega,5000,10%,A10,\nB,Bo,micro,2000,10%,B20,QRB\nC,Cai,KOC,,10%,,\n";
  const touches = ["journey_id,kol_id,timestamp,touch_type"];
  const orders = ["order_id,journey_id,timestamp,value,channel,promo_code,qr_id"];
  const channels = ["xhs_shop", "tmall", "jd", "d2c"];
  const coded = { 1: ["A10", ""], 2: ["a 10", ""], 3: ["SUMMER", ""], 4: ["SUMMER", ""], 5: ["", "QRB"], 7: ["X1", ""] };
  for (let i = 1; i <= 40; i++) {
    const day = String(1 + (i % 20)).padStart(2, "0");
    if (i !== 5) {
      touches.push(`u${i},${["A", "B", "C"][i % 3]},2025-04-${day} 09:00,view`);
      if (i % 2 === 0) touches.push(`u${i},${["B", "C", "A"][i % 3]},2025-04-${day} 11:00,click`);
    }
    if (i === 2) touches.push(`u2,A,2025-04-${day} 12:00,promo_code`);
    if (i <= 7 || i % 3 === 0) {
      const [code, qr] = coded[i] ?? ["", ""];
      orders.push(`o${i},u${i},2025-04-${day} 15:00,${100 + (i % 7) * 10},${channels[i % 4]},${code},${qr}`);
    }
  }
  return { creators, touchpoints: `${touches.join("\n")}\n`, orders: `${orders.join("\n")}\n` };
}

const files = campaign();
/** What the page asks (the engine's defaults) without intervals: the engine's numbers to check against. */
const expected = wasm.campaignReport(files, { intervals: { resamples: 0 } });
const expectedMoney = wasm.moneyReport(files, {});
/** The sales channels' names, as the engine's catalogue gives them. */
const channelNames = (lang) => Object.fromEntries(wasm.catalogue().channels.salesChannels.map((c) => [c.id, c.label[lang]]));
const money = (value) => {
  const negative = value.startsWith("-");
  const [integer, fraction = ""] = (negative ? value.slice(1) : value).split(".");
  return `${negative ? "-" : ""}¥${integer.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${fraction.padEnd(2, "0").slice(0, 2)}`;
};
/** Fen of a decimal string or of the page's `¥1,234.50`, as an integer: sums without floating point. */
const fen = (text) => {
  const plain = text.replace(/[¥,]/g, "");
  const [integer, fraction = ""] = plain.split(".");
  return BigInt(integer) * 100n + BigInt((fraction + "00").slice(0, 2)) * (plain.startsWith("-") ? -1n : 1n);
};

let env;
before(async () => {
  env = await startBrowser();
});
after(async () => {
  await env?.close();
});

/** Opens the page on the sample, then gives it the campaign through the data view's file pickers. */
async function openCampaign(options = {}) {
  const opened = await openPage(env.browser, env.url, { viewport: { width: 1440, height: 900 }, bypassCSP: true, ...options });
  const { page } = opened;
  await page.waitForFunction(() => /6 windows × 10 models/.test(document.querySelector("#status")?.textContent ?? ""), null, { timeout: 60_000 });
  await page.click("#nav-data");
  for (const [file, text] of Object.entries(files)) {
    await page.setInputFiles(`#${file}-file`, { name: `${file}.csv`, mimeType: "text/csv", buffer: Buffer.from(text) });
  }
  await page.waitForFunction(
    (orders) => (document.querySelector("#status")?.textContent ?? "").startsWith(`${orders} orders`) && !document.querySelector("#results-panel")?.classList.contains("stale"),
    String(expected.summary.orders),
    { timeout: 60_000 },
  );
  return opened;
}

/** The sales-channel credit table as shown: per model row, its channel cells' values and its total. */
function shownCredit(page) {
  return page.$$eval("#sales-credit tbody tr", (rows) =>
    rows.map((r) => ({
      model: r.querySelector("th").textContent,
      values: [...r.querySelectorAll("td:not(.total) .value-text")].map((c) => c.textContent),
      total: r.querySelector("td.total").textContent,
    })),
  );
}

/** The money-per-channel table as shown: each channel's credited value, commission and platform fee. */
function shownMoney(page) {
  return page.$$eval("#sales-money tbody tr", (rows) => rows.map((r) => [r.querySelector("th").textContent, ...[...r.querySelectorAll("td")].map((c) => c.textContent)]));
}

test("promo codes matched as counted by hand; credit and money per sales channel: the engine's, summing to the creators' to the fen; 中文, axe, 390 px", async () => {
  const { page, context, errors } = await openCampaign();
  // The hand count: six orders carry a code, three match (A10, "a 10", QRB), two touches added.
  assert.deepEqual(expected.summary.promoCodes, {
    ordersWithCode: 6,
    matched: 3,
    touchesAdded: 2,
    unmatched: [
      { column: "promo_code", code: "SUMMER", orders: 2, line: 4 },
      { column: "promo_code", code: "X1", orders: 1, line: 8 },
    ],
  });
  await page.click("#nav-overview");
  const figures = await page.$$eval("#summary .summary-item", (items) => Object.fromEntries(items.map((i) => [i.querySelector("dt").textContent, i.querySelector("dd").textContent])));
  assert.equal(figures["Promo codes matched"], "3 of 6 (50.0%)");
  assert.equal(await page.textContent("#promo-codes p"), "6 orders carry a promo code or QR id; 3 matched a creator's in the roster, adding 2 touches where the touch log had none.");
  assert.equal(await page.textContent("#promo-codes summary"), "2 codes no creator has (3 orders)");
  assert.equal(await page.getAttribute("#promo-codes details", "open"), "", "a short list is open");
  assert.deepEqual(await page.$$eval("#promo-codes li", (items) => items.map((i) => i.textContent)), [
    "SUMMER: 2 orders, the first on line 4 of the orders",
    "X1: 1 order, on line 8 of the orders",
  ]);
  assert.deepEqual(await wcagViolations(page, "#view-overview"), [], "overview");
  await page.locator("#summary-title").scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOTS}sales-promo-1440-en.png` });

  // Money: the creators' credit per sales channel under each model, at the window shown.
  await page.click("#nav-money");
  await page.waitForSelector("#sales-block:not([hidden])");
  const days = Number((await page.textContent("#window-buttons [aria-pressed='true']")).match(/\d+/)[0]);
  const window = expected.windows.find((w) => w.days === days);
  const sales = window.salesChannels;
  assert.deepEqual(await page.$$eval("#sales-credit thead th", (ths) => ths.map((th) => th.textContent)), ["Model", ...sales.channels.map((c) => channelNames("en")[c]), "All creators"]);
  assert.deepEqual(sales.channels, ["xhs_shop", "tmall", "jd", "d2c"]);
  const credit = await shownCredit(page);
  assert.equal(credit.length, sales.models.length);
  for (const [i, model] of sales.models.entries()) {
    const own = sales.channels.map((channel) => sales.credits.find((c) => c.model === model && c.channel === channel).value);
    assert.deepEqual(credit[i].values, own.map(money), `${model}: the engine's value per channel`);
    // The channels sum to the creators' credit under the same model, to the fen.
    const creators = window.creators.credits.filter((c) => c.model === model).reduce((sum, c) => sum + fen(c.value), 0n);
    assert.equal(credit[i].values.reduce((sum, v) => sum + fen(v), 0n), creators, `${model}: channels sum to the creators' credit`);
    assert.equal(fen(credit[i].total), creators, `${model}: the total shown is the creators'`);
  }
  // Money per sales channel, under the commission basis: the engine's money report.
  const rows = await shownMoney(page);
  assert.deepEqual(
    rows,
    expectedMoney.salesChannels.map((c) => [
      channelNames("en")[c.channel],
      String(c.orders),
      money(c.value),
      money(c.netValue),
      money(c.creditedNetValue),
      money(c.commission),
      money(c.platformFee),
      c.returnOnSpend === null ? "—" : `${c.returnOnSpend.toFixed(2)}×`,
    ]),
  );
  const foot = await page.$$eval("#sales-money tfoot td", (cells) => cells.map((c) => c.textContent));
  assert.equal(foot[0], String(expected.summary.orders));
  assert.equal(fen(foot[5]), fen(expectedMoney.totals.platformFee), "the channels' fees sum to the total fee");
  assert.match(await page.textContent("#sales-said"), /^The orders landed on 4 sales channels: XHS shop \(\d+ orders\), Tmall \/ Taobao/);
  assert.deepEqual(await wcagViolations(page, "#view-money"), [], "money");
  await page.locator("#sales-block").screenshot({ path: `${SCREENSHOTS}sales-channels-1440-en.png` });

  // 中文.
  await page.click("#lang-zh");
  assert.equal(await page.textContent("#sales-title"), "销售渠道：订单落在哪里");
  assert.deepEqual(await page.$$eval("#sales-credit thead th", (ths) => ths.slice(1, 5).map((th) => th.textContent)), ["小红书店铺", "天猫 / 淘宝", "京东", "品牌官网"]);
  assert.deepEqual(sales.channels.map((c) => channelNames("zh")[c]), ["小红书店铺", "天猫 / 淘宝", "京东", "品牌官网"]);
  assert.deepEqual(await wcagViolations(page, "#view-money"), [], "money 中文");
  await page.locator("#sales-block").screenshot({ path: `${SCREENSHOTS}sales-channels-1440-zh.png` });
  await page.click("#nav-overview");
  assert.match(await page.textContent("#summary"), /优惠码匹配6 单中 3 单（50\.0%）/);
  assert.match(await page.textContent("#promo-codes summary"), /2 个码不属于任何达人（3 单）/);
  assert.deepEqual(await wcagViolations(page, "#view-overview"), [], "overview 中文");
  await page.locator("#summary-title").scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOTS}sales-promo-1440-zh.png` });

  // A phone: nothing wider than the screen, in Chinese and English.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(400);
  for (const lang of ["zh", "en"]) {
    await page.click(`#lang-${lang}`);
    for (const view of ["overview", "money", "settings"]) {
      await page.click(`#nav-${view}`);
      await page.waitForTimeout(150);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${view} (${lang}) is ${overflow}px wider than 390 px`);
    }
    await page.click("#nav-money");
    await page.locator("#sales-block").screenshot({ path: `${SCREENSHOTS}sales-channels-390-${lang}.png` });
    await page.click("#nav-overview");
    await page.locator("#summary-title").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOTS}sales-promo-390-${lang}.png` });
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test("settings: promo-code touches off, the channels the platform tracks and a channel's own fee each recompute to the engine's figures; a bad rate is refused", async () => {
  const { page, context, errors } = await openCampaign();
  await page.click("#nav-settings");
  assert.equal(await page.textContent("label[for='setting-promoCodeTouches']"), "Touches from promo codes");
  assert.equal(await page.inputValue("#setting-promoCodeTouches"), "add");
  assert.deepEqual(await page.$$eval("#setting-platformChannels input", (boxes) => boxes.map((b) => [b.value, b.checked])), [
    ["xhs_shop", true],
    ["tmall", true],
    ["jd", true],
    ["d2c", true],
    ["other", true],
  ]);
  assert.deepEqual(await wcagViolations(page, "#view-settings"), [], "settings");
  await page.locator("fieldset", { hasText: "Orders across platforms" }).screenshot({ path: `${SCREENSHOTS}sales-settings-1440-en.png` });

  // Off: the codes are matched and counted, and add no touch; the report is computed again.
  await page.selectOption("#setting-promoCodeTouches", "off");
  await page.click("#nav-overview");
  await page.waitForFunction(() => /no touch was added/.test(document.querySelector("#promo-codes p")?.textContent ?? ""), null, { timeout: 60_000 });
  const off = wasm.campaignReport(files, { intervals: { resamples: 0 }, input: { promoCodeTouches: "off" } });
  assert.equal(off.summary.promoCodes.touchesAdded, 0);
  await page.click("#nav-money");
  await page.waitForFunction(() => !document.querySelector("#results-panel")?.classList.contains("stale"));
  const days = Number((await page.textContent("#window-buttons [aria-pressed='true']")).match(/\d+/)[0]);
  const sales = off.windows.find((w) => w.days === days).salesChannels;
  const lastTouch = sales.channels.map((channel) => money(sales.credits.find((c) => c.model === "last_touch" && c.channel === channel).value));
  await page.waitForFunction(
    (want) => [...(document.querySelector("#sales-credit tbody tr:nth-child(2)")?.querySelectorAll("td:not(.total) .value-text") ?? [])].map((c) => c.textContent).join() === want,
    lastTouch.join(),
    { timeout: 60_000 },
  );
  const before = expected.windows.find((w) => w.days === days).salesChannels;
  assert.notDeepEqual(
    lastTouch,
    before.channels.map((channel) => money(before.credits.find((c) => c.model === "last_touch" && c.channel === channel).value)),
    "u5's order, with no touch but B's QR id, is no longer credited",
  );

  // The platform tracks XHS shop alone: its click rule pays commission there only.
  await page.click("#nav-settings");
  for (const channel of ["tmall", "jd", "d2c", "other"]) await page.uncheck(`#setting-platformChannels input[value='${channel}']`);
  await page.click("#nav-money");
  const tracked = wasm.moneyReport(files, { input: { promoCodeTouches: "off" }, platformChannels: ["xhs_shop"] }).salesChannels;
  await page.waitForFunction(() => /pays commission only on orders of XHS shop\./.test(document.querySelector("#sales-said")?.textContent ?? ""), null, { timeout: 60_000 });
  assert.deepEqual(
    (await shownMoney(page)).map((r) => r[5]),
    tracked.map((c) => money(c.commission)),
  );
  assert.deepEqual(tracked.slice(1).map((c) => c.commission), ["0.00", "0.00", "0.00"]);
  // The last channel cannot be unticked.
  await page.click("#nav-settings");
  await page.uncheck("#setting-platformChannels input[value='xhs_shop']").catch(() => {});
  assert.equal(await page.isChecked("#setting-platformChannels input[value='xhs_shop']"), true);

  // The brand's site pays no platform fee: its own rate wins over the default.
  await page.fill("[data-option='platformFeeChannelRates.d2c']", "0%");
  await page.click("#nav-money");
  await page.waitForFunction(() => document.querySelector("#sales-money tbody tr:nth-child(4) td:nth-child(7)")?.textContent === "¥0.00", null, { timeout: 60_000 });
  const fees = wasm.moneyReport(files, { input: { promoCodeTouches: "off" }, platformChannels: ["xhs_shop"], platformFeeChannelRates: { d2c: "0%" } }).salesChannels;
  assert.deepEqual((await shownMoney(page)).map((r) => r[6]), fees.map((c) => money(c.platformFee)));

  // A rate the engine refuses is outlined on its field with the engine's reason.
  await page.click("#nav-settings");
  await page.fill("[data-option='platformFeeChannelRates.tmall']", "abc");
  await page.waitForSelector("[data-option='platformFeeChannelRates.tmall'][aria-invalid='true']", { timeout: 60_000 });
  const reason = await page.textContent("#setting-platformFeeChannelRates-error");
  assert.match(reason, /abc/);
  assert.doesNotMatch(reason, /platformFeeChannelRates/, "the option's path never reaches the screen");
  await page.fill("[data-option='platformFeeChannelRates.tmall']", "");
  await page.waitForSelector("[data-option='platformFeeChannelRates.tmall']:not([aria-invalid])", { timeout: 60_000 });

  // Kept in this browser: a reload brings the settings back.
  await waitUntilKept(page);
  await page.reload();
  await page.waitForFunction((orders) => (document.querySelector("#status")?.textContent ?? "").startsWith(`${orders} orders`), String(expected.summary.orders), { timeout: 60_000 });
  await page.click("#nav-settings");
  assert.equal(await page.inputValue("#setting-promoCodeTouches"), "off");
  assert.deepEqual(await page.$$eval("#setting-platformChannels input:checked", (boxes) => boxes.map((b) => b.value)), ["xhs_shop"]);
  assert.equal(await page.inputValue("[data-option='platformFeeChannelRates.d2c']"), "0%");
  await page.click("#lang-zh");
  await page.locator("fieldset", { hasText: "跨平台订单" }).screenshot({ path: `${SCREENSHOTS}sales-settings-1440-zh.png` });
  assert.deepEqual(await wcagViolations(page, "#view-settings"), [], "settings 中文");
  assert.deepEqual(errors, []);
  await context.close();
});

/** A campaign with notes and a search ad: the element's optional files. */
const withNotes = {
  creators: "kol_id,handle,tier,flat_fee,commission_rate\nA,Alice,mega,5000,10%\nB,Bo,KOC,1000,10%\n",
  touchpoints:
    "journey_id,kol_id,timestamp,touch_type,source,note_id\nu1,A,2025-04-01 10:00,view,,a1\nu1,,2025-04-02 10:00,click,juguang_search,\nu1,B,2025-04-03 10:00,click,,b1\nu2,B,2025-04-02 10:00,view,,b1\nu3,A,2025-04-04 10:00,view,,a2\n",
  orders: "order_id,journey_id,timestamp,value\no1,u1,2025-04-03 12:00,300\no2,u2,2025-04-03 12:00,200\no3,u3,2025-04-05 12:00,150\n",
  notes: "note_id,kol_id,published_at,format,fee,boost_spend\na1,A,2025-03-20,video,800,200\na2,A,2025-03-25,image,500,\nb1,B,2025-03-28,image,300,\n",
  spend: "source,date,spend\njuguang_search,2025-04-01,400\n",
};

test("the element reads notes-src and spend-src (and inline notes and spend): every level, and the notes' fees as cost", async () => {
  const { page, context, errors } = await openPage(env.browser, "about:blank", { serviceWorkers: "block" });
  // The host's own files, served from its origin.
  await page.route(`${env.url}campaign/*.csv`, (route) => route.fulfill({ contentType: "text/csv", body: withNotes[new URL(route.request().url()).pathname.split("/").pop().replace(".csv", "")] }));
  await page.goto(`${env.url}embed-plain.html`);
  const outcome = (html) =>
    page.evaluate(async (markup) => {
      const events = [];
      const holder = document.createElement("div");
      holder.innerHTML = markup;
      holder.addEventListener("result", (event) => events.push({ type: "result", detail: event.detail }));
      holder.addEventListener("error", (event) => events.push({ type: "error", detail: event.detail }));
      document.body.append(holder);
      while (events.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      const text = holder.querySelector("kol-attribution-calculator").shadowRoot.textContent;
      holder.remove();
      return { ...events[0], text };
    }, html);
  const report = wasm.campaignReport(withNotes, { level: "all", intervals: { resamples: 0 }, windows: [30] });
  const moneyReport = wasm.moneyReport(withNotes, {});
  const srcs = ["creators", "touchpoints", "orders", "notes", "spend"].map((f) => `${f}-src="campaign/${f}.csv"`).join(" ");
  const fetched = await outcome(`<kol-attribution-calculator ${srcs} windows="30" views="credit,budget"></kol-attribution-calculator>`);
  assert.equal(fetched.type, "result", JSON.stringify(fetched.detail.message ?? ""));
  assert.deepEqual(fetched.detail.report.notes, report.notes);
  assert.deepEqual(fetched.detail.report.windows, report.windows, "every level: notes and channel groups");
  assert.deepEqual(fetched.detail.money.totals, moneyReport.totals, "the notes' fees replace the roster's");
  assert.match(fetched.text, /Paid media/, "the search ad's group is named in words in the credit table");
  assert.notDeepEqual(moneyReport.totals, wasm.moneyReport({ creators: withNotes.creators, touchpoints: withNotes.touchpoints, orders: withNotes.orders }, {}).totals);

  const csv = (file) => `<script type="text/csv" data-file="${file}">${withNotes[file]}</script>`;
  const inline = await outcome(`<kol-attribution-calculator windows="30" views="credit,budget">${["creators", "touchpoints", "orders", "notes", "spend"].map(csv).join("")}</kol-attribution-calculator>`);
  assert.equal(inline.type, "result");
  assert.deepEqual(inline.detail.report.windows, report.windows);
  assert.deepEqual(inline.detail.money.totals, moneyReport.totals);

  // Without them, the three files' campaign at tier level, as before.
  const three = await outcome(`<kol-attribution-calculator windows="30" views="credit">${["creators", "touchpoints", "orders"].map(csv).join("")}</kol-attribution-calculator>`);
  assert.equal(three.detail.report.windows[0].notes, null);
  assert.equal(three.detail.report.windows[0].creators, null);

  // A notes file the host does not have: an error naming the attribute.
  await page.route(`${env.url}missing/*.csv`, (route) => route.fulfill({ status: 404, body: "" }));
  const missing = await outcome(
    `<kol-attribution-calculator ${["creators", "touchpoints", "orders"].map((f) => `${f}-src="campaign/${f}.csv"`).join(" ")} notes-src="missing/notes.csv"></kol-attribution-calculator>`,
  );
  assert.equal(missing.type, "error");
  assert.match(missing.detail.message, /^notes-src \/missing\/notes\.csv: HTTP 404/);
  assert.deepEqual(errors.filter((e) => !/404/.test(e)), []);
  await context.close();
});
