// End to end in real Chromium: the built page, its worker and its wasm, as a user sees them.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { SCREENSHOTS, openPage, startBrowser } from "./browser.mjs";

const GOLDEN = readFileSync(new URL("../fixtures/paths/golden.csv", import.meta.url), "utf8");
const GOLDEN_PATH = new URL("../fixtures/paths/golden.csv", import.meta.url).pathname;

let env;
before(async () => {
  env = await startBrowser();
});
after(async () => {
  await env?.close();
});

/** The table as text: one array of cell texts per body row, keyed by channel. */
async function tableRows(page) {
  return page.$$eval("#results tbody tr", (rows) =>
    Object.fromEntries(
      rows.map((row) => {
        const cells = [...row.querySelectorAll("th, td")].map((cell) => cell.textContent.trim());
        return [cells[0], cells.slice(1)];
      }),
    ),
  );
}

async function waitForPaths(page, paths) {
  await page.waitForFunction(
    (n) => document.querySelector("#status")?.textContent?.includes(`over ${n} paths`),
    paths,
  );
}

test("first open shows the sample's credits, computed by the wasm in a worker, with no outside request", async () => {
  const { page, context, requests, errors } = await openPage(env.browser, env.url);
  await waitForPaths(page, 8);
  const rows = await tableRows(page);
  // Linear for 小红: 3588/3 + 1196 + 2/3 of 1794 + 2632/4 = 4246.00 (columns: FT conv, FT value, LT…, linear…).
  assert.equal(rows["小红"][5], "¥4,246.00");
  assert.equal(rows["小红"][4], "14");
  assert.equal(await page.textContent("#summary"), "Paths8Conversions61Conversion value¥16,979.00Non-converting journeys943");
  assert.match(await page.textContent("#engine-version"), /^v\d+\.\d+\.\d+$/);
  const origin = new URL(env.url).origin;
  const outside = requests.filter((u) => !u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:"));
  assert.deepEqual(outside, []);
  assert.ok(requests.some((u) => /worker.*\.js$/.test(u)), "the engine runs in a worker");
  assert.ok(requests.some((u) => u.endsWith(".wasm")), "the engine is WebAssembly");
  assert.deepEqual(errors, []);
  await page.screenshot({ path: `${SCREENSHOTS}sample.png`, fullPage: true });
  await context.close();
});

test("pasted paths give the hand-computed credits", async () => {
  const { page, context, errors } = await openPage(env.browser, env.url);
  await waitForPaths(page, 8);
  await page.fill("#paths-input", GOLDEN);
  await waitForPaths(page, 4);
  const rows = await tableRows(page);
  // [first conv, first value, last conv, last value, linear conv, linear value]
  assert.deepEqual(rows.A, ["3", "¥90.00", "4", "¥100.00", "2.5", "¥65.00"]);
  assert.deepEqual(rows.B, ["2", "¥50.00", "2", "¥50.00", "3", "¥80.00"]);
  assert.deepEqual(rows.C, ["1", "¥10.00", "0", "¥0.00", "0.5", "¥5.00"]);
  const total = await page.$$eval("#results tfoot td", (cells) => cells.map((c) => c.textContent));
  assert.deepEqual(total, ["6", "¥150.00", "6", "¥150.00", "6", "¥150.00"]);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a bad row is named, clickable to its line, and the pasted text stays exactly as it was", async () => {
  const { page, context } = await openPage(env.browser, env.url);
  await waitForPaths(page, 8);
  const broken = `${GOLDEN}D > E,abc,5,0\n`;
  await page.fill("#paths-input", broken);
  await page.waitForSelector("#problems:not([hidden]) .problem");
  const problems = await page.$$eval("#problems .problem", (items) => items.map((i) => i.textContent));
  assert.deepEqual(problems, ["Line 6, column 2 (total_conversions) “abc”: not a number: expected digits such as 12 or 2.5"]);
  assert.match(await page.textContent("#status"), /1 problem/);
  assert.equal(await page.getAttribute("#results-panel", "class"), "panel stale");
  assert.equal(await page.isDisabled("#export-csv"), true);
  assert.equal(await page.inputValue("#paths-input"), broken);
  await page.click("#problems .problem");
  const selected = await page.$eval("#paths-input", (t) => t.value.slice(t.selectionStart, t.selectionEnd));
  assert.equal(selected, "D > E,abc,5,0");
  await page.screenshot({ path: `${SCREENSHOTS}bad-row.png`, fullPage: true });
  // Fixing the row clears the problems and shows the new numbers.
  await page.fill("#paths-input", `${GOLDEN}D > E,2,5,0\n`);
  await waitForPaths(page, 5);
  assert.equal(await page.isHidden("#problems"), true);
  assert.equal(await page.getAttribute("#results-panel", "class"), "panel");
  await context.close();
});

test("a file opened with the picker is read into the text area, and CSV export is spreadsheet-safe", async () => {
  const { page, context } = await openPage(env.browser, env.url);
  await waitForPaths(page, 8);
  await page.setInputFiles("#paths-file", GOLDEN_PATH);
  await waitForPaths(page, 4);
  assert.equal(await page.inputValue("#paths-input"), GOLDEN);
  await page.fill("#paths-input", "path,total_conversions,total_conversion_value\n=cmd|' /C calc'!A0 > B,1,10\n");
  await waitForPaths(page, 1);
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-csv")]);
  const csv = readFileSync(await download.path(), "utf8");
  const lines = csv.replace(/^\ufeff/, "").trim().split("\n");
  assert.ok(csv.startsWith("\ufeff"), "a BOM lets Excel read UTF-8");
  assert.equal(lines[0], "model,channel,conversions,conversion_share,value,value_share,net_value");
  assert.equal(lines[1], "first_touch,'=cmd|' /C calc'!A0,1,1,10.00,1,10.00");
  await context.close();
});
