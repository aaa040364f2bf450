// The benchmark's pool line: the built page in headless Chromium, as a user meets it, opening a
// sample campaign through its file pickers with `?workers=N`, for each N of `BENCH_POOL` (default
// 1,2). Timed by the page's own status line: the report (every default model × six windows × both
// levels, reading included: "computed in … ms") and its intervals afterwards, one window per worker
// at a time ("90% intervals … in … s"). The engine's times, not the drawing.
import { openPage } from "../tests/js/browser.mjs";
import { sampleFiles } from "../tests/js/long-tasks.mjs";
import { join } from "node:path";

export const POOL_SIZES = (process.env.BENCH_POOL ?? "1,2").split(",").map(Number).filter((n) => Number.isInteger(n) && n > 0);

/** The page's status line, once it matches `pattern`. */
async function statusMatching(page, pattern, timeout) {
  await page.waitForFunction((source) => new RegExp(source).test(document.querySelector("#status")?.textContent ?? ""), pattern.source, { timeout });
  return page.textContent("#status");
}

/**
 * Times the report and (with `intervals`) its intervals on a campaign of `journeys` journeys for
 * each pool size, calling `report({ journeys, creators, phase, ms })` after each, in the browser
 * of `env` (`startBrowser()`, the built page).
 */
export async function runPool(env, { journeys, creators }, { intervals, report }) {
  const files = await sampleFiles(journeys, creators);
  try {
    for (const workers of POOL_SIZES) {
      const { page, context } = await openPage(env.browser, `${env.url}?workers=${workers}`);
      try {
        // The sample the page opens with, intervals and all, before the campaign timed.
        await statusMatching(page, /90% intervals from/, 120_000);
        for (const file of ["creators", "touchpoints", "orders"]) await page.setInputFiles(`#${file}-file`, join(files.dir, `${file}.csv`));
        const computed = await statusMatching(page, new RegExp(`^${files.orders.toLocaleString("en-US")} orders.*computed in`), 1_800_000);
        const ms = Number(/computed in (\d+) ms/.exec(computed)?.[1]);
        report({ journeys, creators, phase: `pool: default comparison, ${workers} worker${workers > 1 ? "s" : ""}`, ms });
        if (intervals) {
          const done = await statusMatching(page, /90% intervals from \d+ resamples of the journeys in/, 3_600_000);
          const seconds = Number(/journeys in ([\d.]+) s/.exec(done)?.[1]);
          report({ journeys, creators, phase: `pool: its intervals, ${workers} worker${workers > 1 ? "s" : ""}`, ms: seconds * 1000 });
        }
      } finally {
        await context.close();
      }
    }
  } finally {
    files.remove();
  }
}
