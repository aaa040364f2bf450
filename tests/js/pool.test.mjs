// The engine's worker pool in real Chromium: a report's windows shared between two workers give
// the page and the embedded element exactly what one worker gives (report, money, return on
// spend, budget, intervals, a window's resamples split between the workers), and a helper that
// dies mid-report has its windows computed by the lead instead. The machine has 2 cores, so the pool's own size would be 1: the tests force it.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { SCREENSHOTS, openPage, startBrowser } from "./browser.mjs";

let env;
before(async () => {
  env = await startBrowser();
});
after(async () => {
  await env?.close();
});

/** The names of the page's engine workers (`kol-attribution-engine`, `kol-attribution-engine-2`…). */
async function engineWorkers(page) {
  const names = await Promise.all(page.workers().map((worker) => worker.evaluate(() => self.name).catch(() => "")));
  return names.filter((name) => name.startsWith("kol-attribution-engine")).sort();
}

/**
 * Adds an element computing the sample's six default windows with the budget (so money and the
 * budget come too) on a pool of `workers`, and returns its `result` event's detail.
 */
async function elementResult(page, workers, attributes = {}) {
  return page.evaluate(
    ({ workers, attributes }) =>
      new Promise((resolve, reject) => {
        const element = document.createElement("kol-attribution-calculator");
        element.setAttribute("sample", "");
        element.setAttribute("workers", String(workers));
        for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
        element.addEventListener("result", (event) => resolve(event.detail), { once: true });
        element.addEventListener("error", (event) => reject(new Error(event.detail.message)), { once: true });
        document.body.append(element);
      }),
    { workers, attributes },
  );
}

test("the element on a pool of 2 gives, to the bit, what it gives on one worker", async () => {
  const { page, context, errors } = await openPage(env.browser, `${env.url}embed-plain.html`);
  const one = await elementResult(page, 1);
  const two = await elementResult(page, 2);
  const names = await engineWorkers(page);
  assert.equal(names.filter((name) => name === "kol-attribution-engine-2").length, 1, `the second element's helper: ${names.join(", ")}`);
  assert.deepEqual(two.report.windows.map((w) => w.days), [7, 14, 30, 60, 90, 120]);
  assert.ok(two.report.windows.every((w) => w.tiers.credits.some((c) => c.model === "markov" && c.conversions > 0)));
  assert.deepEqual(two.report, one.report);
  assert.deepEqual(two.money, one.money);
  assert.deepEqual(two.budget, one.budget);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a helper that dies mid-report: the lead computes its windows, and the result is the same", async () => {
  const { page, context } = await openPage(env.browser, `${env.url}embed-plain.html`);
  const windows = { windows: "7,30,90", views: "credit" };
  const one = await elementResult(page, 1, windows);
  // A pool of 2 whose helper is up: then it stops answering and fails, as a worker out of memory does.
  await elementResult(page, 2, windows);
  const helpers = page.workers();
  const names = await Promise.all(helpers.map((worker) => worker.evaluate(() => self.name)));
  const helper = helpers[names.indexOf("kol-attribution-engine-2")];
  await helper.evaluate(() => {
    const die = () => setTimeout(() => {
      throw new Error("simulated: the helper ran out of memory");
    });
    self.postMessage = die;
    MessagePort.prototype.postMessage = die;
  });
  const element = page.locator("kol-attribution-calculator").last();
  const again = page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const last = [...document.querySelectorAll("kol-attribution-calculator")].at(-1);
        last.addEventListener("result", (event) => resolve(event.detail), { once: true });
        last.addEventListener("error", (event) => reject(new Error(event.detail.message)), { once: true });
        // Other windows, so that the report is computed again and shared again.
        last.setAttribute("windows", "7,30,90,120");
        last.setAttribute("windows", "7,30,90");
      }),
  );
  const recovered = await again;
  assert.deepEqual(recovered.report, one.report, "the lead's own computation of the helper's windows");
  assert.match(await element.evaluate((el) => el.shadowRoot.textContent), /Attributed credit by creator tier/);
  assert.ok(!(await engineWorkers(page)).includes("kol-attribution-engine-2"), "the helper was ended (a new one starts on next use)");
  await context.close();
});

/** Records, from the next load on, each part of a window's resamples the page asks a worker for. */
async function recordResampling(page) {
  await page.addInitScript(() => {
    const Original = window.Worker;
    const names = new WeakMap();
    window.resampling = [];
    window.Worker = function Worker(url, options) {
      const worker = new Original(url, options);
      names.set(worker, options?.name);
      return worker;
    };
    window.Worker.prototype = Original.prototype;
    const post = Original.prototype.postMessage;
    Original.prototype.postMessage = function postMessage(message, transfer) {
      if (message?.method === "resampledShares") {
        const { options, range } = message.args;
        window.resampling.push({ worker: names.get(this), days: options.windows[0] ?? 0, range: [range.from, range.to, range.incremental] });
      }
      return post.call(this, message, transfer);
    };
  });
  await page.reload();
}

test("the page on a pool of 2 shows and exports exactly what it does on one worker", async () => {
  const exported = {};
  for (const workers of [1, 2]) {
    const { page, context, errors } = await openPage(env.browser, `${env.url}?workers=${workers}`);
    await recordResampling(page);
    await page.waitForFunction(() => /90% intervals from 200 resamples/.test(document.querySelector("#status")?.textContent ?? ""), null, { timeout: 180_000 });
    const names = await engineWorkers(page);
    assert.equal(names.length, workers, names.join(", "));
    // Every window's resamples, on as many workers as there are; the last window begun, with fewer
    // windows left than workers, split among them (its incremental interval a part of its own).
    const asked = await page.evaluate(() => window.resampling);
    const ranges = (days) => asked.filter((part) => part.days === days).map((part) => part.range);
    const last = workers === 1 ? [[0, 200, true]] : [[0, 0, true], [0, 100, false], [100, 200, false]];
    assert.deepEqual(ranges(120), last, JSON.stringify(asked));
    for (const days of [7, 14, 30, 60, 90]) assert.deepEqual(ranges(days), [[0, 200, true]], JSON.stringify(asked));
    assert.deepEqual([...new Set(asked.map((part) => part.worker))].sort(), names, "every worker drew resamples");
    const [file] = await Promise.all([page.waitForEvent("download"), page.click("#export-json")]);
    exported[workers] = JSON.parse(readFileSync(await file.path(), "utf8"));
    exported[workers].overview = await page.textContent("#view-overview");
    await page.screenshot({ path: `${SCREENSHOTS}pool-${workers}.png` });
    assert.deepEqual(errors, []);
    await context.close();
  }
  const [one, two] = [exported[1], exported[2]];
  assert.equal(two.report.windows.length, 6);
  assert.ok(two.report.windows.every((w) => w.tiers.credits.every((c) => Array.isArray(c.interval))), "intervals on every tier credit");
  for (const part of ["report", "money", "returnOnSpend", "budget", "settings"]) assert.deepEqual(two[part], one[part], part);
  assert.equal(two.overview, one.overview, "the same words and figures on screen");
});
