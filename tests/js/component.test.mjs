// The embeddable element in real Chromium: the example host page (www/public/embed.html, with
// deliberately hostile CSS) loads it from one script tag, it shows results and emits `result`, and
// none of the host's CSS changes a single computed style inside it.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { SCREENSHOTS, openPage, startBrowser } from "./browser.mjs";

let env;
before(async () => {
  env = await startBrowser();
});
after(async () => {
  await env?.close();
});

/** Opens a host page, recording every `result` and `error` event the element sends. */
async function openHost(name) {
  const { page, context, requests, errors } = await openPage(env.browser, "about:blank");
  await page.addInitScript(() => {
    window.events = [];
    for (const type of ["result", "error"]) {
      document.addEventListener(type, (event) => window.events.push({ type, detail: event.detail }));
    }
  });
  await page.goto(env.url + name);
  await page.waitForFunction(() => window.events.length > 0, null, { timeout: 60_000 });
  return { page, context, requests, errors };
}

/** Computed styles of the element's insides that any leak would change. */
async function insideStyles(page) {
  return page.evaluate(() => {
    const root = document.querySelector("kol-attribution-calculator").shadowRoot;
    const props = ["color", "font-family", "font-size", "line-height", "letter-spacing", "text-transform", "display", "border-top-style", "padding-top", "background-color", "box-sizing", "text-align"];
    const picks = { root: ".kol-root", status: ".status", button: "button", th: "th", cell: "td .value-text", change: "td .change" };
    return Object.fromEntries(
      Object.entries(picks).map(([name, selector]) => {
        const style = getComputedStyle(root.querySelector(selector));
        return [name, Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)]))];
      }),
    );
  });
}

test("the hostile host page shows the element's results, sends `result`, and its CSS changes nothing inside", async () => {
  const hostile = await openHost("embed.html");
  const plain = await openHost("embed-plain.html");
  for (const { page, requests, errors } of [hostile, plain]) {
    const events = await page.evaluate(() => window.events);
    assert.equal(events[0].type, "result");
    assert.ok(events[0].detail.report.summary.orders > 0);
    assert.deepEqual(events[0].detail.report.windows.map((w) => w.days), [7, 30, 90]);
    assert.ok(events[0].detail.budget.plans.length > 0, "budget view asked for, so proposals come with the result");
    assert.deepEqual(errors, []);
    assert.ok(requests.every((url) => url.startsWith(env.url) || url.startsWith("data:") || url === "about:blank"), requests.join("\n"));
  }
  // The host's own text did take the hostile CSS: the test would notice a host that ignored it.
  const hostColor = await hostile.page.$eval("h1", (h1) => getComputedStyle(h1).color);
  assert.equal(hostColor, "rgb(255, 0, 255)");
  assert.deepEqual(await insideStyles(hostile.page), await insideStyles(plain.page));
  const tiers = await hostile.page.evaluate(() =>
    [...document.querySelector("kol-attribution-calculator").shadowRoot.querySelectorAll("table")[0].querySelectorAll("tbody th")].map((th) => th.textContent),
  );
  assert.deepEqual(tiers.slice(0, 4).map((t) => t.replace(/\s+/g, "")), ["mega", "mid-tier", "micro", "KOC"]);
  await hostile.page.screenshot({ path: `${SCREENSHOTS}embed-hostile.png`, fullPage: true });
  await hostile.context.close();
  await plain.context.close();
});

test("inline CSV, a broken file and a file from another site: results, or an `error` event naming the problem", async () => {
  const { page, context, errors } = await openHost("embed-plain.html");
  const outcome = (html) =>
    page.evaluate(async (markup) => {
      window.events = [];
      const holder = document.createElement("div");
      holder.innerHTML = markup;
      document.body.append(holder);
      while (window.events.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      holder.remove();
      return window.events[0];
    }, html);
  const csv = (file, text) => `<script type="text/csv" data-file="${file}">${text}</script>`;
  const good = await outcome(
    `<kol-attribution-calculator views="credit" windows="30">${csv("creators", "kol_id,tier\nA,mega\nB,KOC\n")}${csv("touchpoints", "journey_id,kol_id,timestamp,touch_type\nu1,A,2025-04-01 10:00,view\nu1,B,2025-04-02 10:00,click\n")}${csv("orders", "order_id,journey_id,timestamp,value\no1,u1,2025-04-03 10:00,300\n")}</kol-attribution-calculator>`,
  );
  assert.equal(good.type, "result");
  const linear = good.detail.report.windows[0].tiers.credits.find((c) => c.model === "linear" && c.channel === "KOC");
  assert.equal(linear.value, "150.00");

  // lang="zh": every label in Chinese; switching the attribute relabels without recomputing.
  const labels = await page.evaluate(async (markup) => {
    window.events = [];
    const holder = document.createElement("div");
    holder.innerHTML = markup;
    document.body.append(holder);
    while (window.events.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    const element = holder.querySelector("kol-attribution-calculator");
    const text = () => element.shadowRoot.textContent;
    const zh = text();
    element.setAttribute("lang", "en");
    const en = text();
    holder.remove();
    return { zh, en, events: window.events.length };
  }, `<kol-attribution-calculator lang="zh-CN" views="credit,budget" windows="30">${csv("creators", "kol_id,tier,flat_fee\nA,mega,100\nB,KOC,100\n")}${csv("touchpoints", "journey_id,kol_id,timestamp,touch_type\nu1,A,2025-04-01 10:00,view\nu1,B,2025-04-02 10:00,click\n")}${csv("orders", "order_id,journey_id,timestamp,value\no1,u1,2025-04-03 10:00,300\n")}</kol-attribution-calculator>`);
  for (const text of ["按达人层级的归因价值", "30 天", "首次触点", "末次触点", "未归因", "合计", "下期预算：使边际回报相等", "当前花费"]) {
    assert.ok(labels.zh.includes(text), `${text} in ${labels.zh.slice(0, 300)}`);
  }
  assert.ok(!labels.zh.includes("First touch"));
  assert.ok(labels.en.includes("Attributed credit by creator tier") && labels.en.includes("First touch"));
  assert.equal(labels.events, 1, "a language switch does not recompute");
  const broken = await outcome(
    `<kol-attribution-calculator>${csv("creators", "kol_id,tier\nA,giant\n")}${csv("touchpoints", "journey_id,kol_id,timestamp\n")}${csv("orders", "order_id,journey_id,timestamp,value\n")}</kol-attribution-calculator>`,
  );
  assert.equal(broken.type, "error");
  assert.equal(broken.detail.problems[0].file, "creators");
  assert.equal(broken.detail.problems[0].value, "giant");
  const foreign = await outcome(`<kol-attribution-calculator creators-src="https://example.com/c.csv" touchpoints-src="t.csv" orders-src="o.csv"></kol-attribution-calculator>`);
  assert.equal(foreign.type, "error");
  assert.match(foreign.detail.message, /creators-src must be on this site/);
  assert.deepEqual(errors, []);
  await context.close();
});
