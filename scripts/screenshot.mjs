// Takes docs/screenshot.png: the built page on the sample campaign at 1440 px, its first screen,
// once the report and its intervals are in. Retake after a change to the page:
//   bash scripts/build.sh && node scripts/screenshot.mjs
// Serves www/dist with `vite preview` (as `npm start` does) and drives Debian's Chromium.
import { spawn } from "node:child_process";
import { statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const OUT = `${ROOT}docs/screenshot.png`;
// Not 4190: browsers refuse that port (it is ManageSieve's), so Chromium would not load the page.
const PORT = Number(process.env.PORT ?? 4191);
const WIDTH = 1440;
const HEIGHT = 900;

async function waitForServer(url, server) {
  for (let i = 0; i < 100; i += 1) {
    if (server.exitCode !== null) throw new Error(`vite preview exited with code ${server.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within 20 s`);
}

const server = spawn(
  `${ROOT}node_modules/.bin/vite`,
  ["preview", "--config", "www/vite.config.ts", "--host", "127.0.0.1", "--port", String(PORT), "--strictPort"],
  { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] },
);
const url = `http://127.0.0.1:${PORT}/`;
let browser;
try {
  await waitForServer(url, server);
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  // A fresh context: no stored input, English, so the page opens on the sample.
  const context = await browser.newContext({ viewport: { width: WIDTH, height: HEIGHT }, locale: "en-US", serviceWorkers: "block" });
  const page = await context.newPage();
  await page.goto(url);
  // The report, then its intervals, which the page computes afterwards window by window.
  const status = (pattern) =>
    page.waitForFunction((source) => new RegExp(source).test(document.querySelector("#status")?.textContent ?? ""), pattern.source, { timeout: 120_000 });
  await status(/orders, .* touches, \d+ windows × \d+ models/);
  await status(/90% intervals/);
  await page.waitForSelector("#working", { state: "hidden" });
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: OUT, clip: { x: 0, y: 0, width: WIDTH, height: HEIGHT } });
  console.log(`wrote ${OUT} (${statSync(OUT).size.toLocaleString("en-US")} bytes)`);
} finally {
  await browser?.close();
  server.kill();
}
