// Shared set-up for browser tests: the built page served by `vite preview` (what `npm start`
// runs) and Debian's Chromium driven by playwright-core. No tool downloads a browser.
import { mkdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { chromium } from "playwright-core";
import { preview } from "vite";

export const SCREENSHOTS = new URL("../../test-output/screenshots/", import.meta.url).pathname;

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts the page server and the browser; `close()` stops both. `root`: serve another project's
 * `dist/` (a test app) instead of the calculator's own page.
 */
export async function startBrowser(root) {
  const port = await freePort();
  const server = await preview({
    ...(root ? { root, configFile: false } : { configFile: new URL("../../www/vite.config.ts", import.meta.url).pathname }),
    logLevel: "silent",
    preview: { host: "127.0.0.1", port, strictPort: true, open: false },
  });
  const url = `http://127.0.0.1:${port}/`;
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    url,
    browser,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.httpServer.close(resolve));
    },
  };
}

/**
 * A new page that records every request and every console error, so tests can assert the page
 * stays on its own origin and logs no CSP violation or failure. `options` go to the browser
 * context (e.g. `serviceWorkers: "block"` where a test intercepts requests itself).
 */
export async function openPage(browser, url, options = {}) {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1360, height: 900 }, ...options });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  context.on("request", (request) => requests.push(request.url()));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto(url);
  return { page, context, requests, errors };
}

/**
 * Waits until this browser has kept every change made so far. The "Kept in this browser" note alone
 * cannot tell: it stays on screen from the save before the last change, so a reload right after it
 * may bring back the state before that change; the note is busy while a change waits to be kept.
 */
export async function waitUntilKept(page, note = /Kept in this browser|仅保存在本浏览器中/, timeout = 30_000) {
  await page.waitForFunction(
    (source) => {
      const kept = document.querySelector("#save-state");
      return kept?.getAttribute("aria-busy") === "false" && new RegExp(source).test(kept.textContent ?? "");
    },
    note.source,
    { timeout },
  );
}

const AXE = readFileSync(new URL("../../node_modules/axe-core/axe.min.js", import.meta.url), "utf8");

/** WCAG 2.1 A and AA violations axe-core finds within `context` (a selector; the whole page by default), as readable lines. */
export async function wcagViolations(page, context = null) {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: AXE });
  const result = await page.evaluate((within) => window.axe.run(within ?? document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }), context);
  return result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(" ")} ${v.nodes[0]?.failureSummary ?? ""}`);
}
