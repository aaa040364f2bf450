// Opens a seeded sample campaign through the page's file pickers, as a user would, and records
// every task that held the page's main thread for more than 50 ms (the browser's long tasks)
// from the first file chosen until the report is on screen. Shared by the end-to-end test and
// `scripts/longtasks.mjs`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openPage } from "./browser.mjs";

/** A sample campaign of `journeys` journeys (over `creators` creators), as the three CSV files in a scratch folder. */
export async function sampleFiles(journeys, creators = 200) {
  const wasm = await import("../../www/pkg/kol_attribution.js");
  wasm.initSync({ module: readFileSync(new URL("../../www/pkg/kol_attribution_bg.wasm", import.meta.url)) });
  const { inputs } = wasm.sampleCampaign({ journeys, creators, seed: 7 });
  const dir = mkdtempSync(join(tmpdir(), "kol-longtasks-"));
  for (const file of ["creators", "touchpoints", "orders"]) writeFileSync(join(dir, `${file}.csv`), inputs[file]);
  return {
    dir,
    orders: inputs.orders.trim().split("\n").length - 1,
    megabytes: (inputs.creators.length + inputs.touchpoints.length + inputs.orders.length) / 1e6,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Opens `files` in a new page of `env` and returns the long tasks (start in ms after the first
 * file, duration), the seconds until the report was on screen, and the status line. `profile`:
 * also the main thread's functions by self time, from Chromium's CPU profiler.
 */
export async function openCampaign(env, files, { profile = false } = {}) {
  const { page, context } = await openPage(env.browser, env.url);
  try {
    await page.waitForFunction(() => /6 windows × 10 models/.test(document.querySelector("#status")?.textContent ?? ""), null, { timeout: 60_000 });
    await page.evaluate(() => {
      const tasks = [];
      window.__longTasks = tasks;
      window.__t0 = performance.now();
      // Held by the page, so that no garbage collection can take the observer away mid-run.
      window.__longTaskObserver = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) tasks.push({ start: entry.startTime - window.__t0, ms: entry.duration });
      });
      window.__longTaskObserver.observe({ type: "longtask" });
    });
    const cdp = profile ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 1000 });
      await cdp.send("Profiler.start");
    }
    const started = Date.now();
    for (const file of ["creators", "touchpoints", "orders"]) await page.setInputFiles(`#${file}-file`, join(files.dir, `${file}.csv`));
    const done = `^${files.orders.toLocaleString("en-US")} orders`;
    await page.waitForFunction((source) => new RegExp(source).test(document.querySelector("#status")?.textContent ?? ""), done, { timeout: 600_000 });
    const seconds = (Date.now() - started) / 1000;
    // What the report's arrival sets off (tables, charts) is part of it.
    await page.waitForTimeout(2000);
    // Each long task with the views drawn in it (the page names each drawing in the timeline).
    const tasks = await page.evaluate(() => {
      const draws = performance.getEntriesByType("measure").filter((m) => m.name.startsWith("draw "));
      return window.__longTasks.map((task) => {
        const start = task.start + window.__t0;
        const inside = draws.filter((m) => m.startTime >= start && m.startTime < start + task.ms);
        return { ...task, draws: inside.map((m) => `${m.name.slice(5)} ${m.duration.toFixed(0)} ms`) };
      });
    });
    const status = await page.textContent("#status");
    const profiled = cdp ? (await cdp.send("Profiler.stop")).profile : null;
    return { tasks, seconds, status, selfTimes: profiled ? selfTimes(profiled) : [], busySpans: profiled ? busySpans(profiled) : [] };
  } finally {
    await context.close();
  }
}

/** A sample's function as `name file:line:column`. */
function frameKey({ functionName, url, lineNumber, columnNumber }) {
  return `${functionName || "(anonymous)"} ${url.split("/").at(-1)}:${lineNumber + 1}:${columnNumber + 1}`;
}

/**
 * The profile's stretches of main-thread work of at least `minMs` (consecutive samples that are
 * not idle, a long task as the profiler saw it), each with the functions it spent its time in by
 * self time and by the outermost page function on the stack (what set the work off).
 */
function busySpans(profile, minMs = 50) {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node);
  const outermost = (node) => {
    let found = null;
    for (let at = node; at; at = parent.get(at.id)) if (at.callFrame.url) found = at;
    return found ? frameKey(found.callFrame) : frameKey(node.callFrame);
  };
  const spans = [];
  let span = null;
  let time = profile.startTime;
  profile.timeDeltas.forEach((delta, i) => {
    time += delta;
    const node = byNode.get(profile.samples[i]);
    const idle = node.callFrame.functionName === "(idle)";
    if (idle) {
      if (span) spans.push(span);
      span = null;
      return;
    }
    span ??= { start: time, end: time, self: new Map(), roots: new Map() };
    const ms = (profile.timeDeltas[i + 1] ?? delta) / 1000;
    span.end = time + ms * 1000;
    const key = frameKey(node.callFrame);
    span.self.set(key, (span.self.get(key) ?? 0) + ms);
    const root = outermost(node);
    span.roots.set(root, (span.roots.get(root) ?? 0) + ms);
  });
  if (span) spans.push(span);
  const sorted = (map) => [...map].sort((a, b) => b[1] - a[1]);
  return spans
    .map((s) => ({ start: (s.start - profile.startTime) / 1000, ms: (s.end - s.start) / 1000, self: sorted(s.self), roots: sorted(s.roots) }))
    .filter((s) => s.ms >= minMs);
}

/** A CPU profile's functions by self time in ms, largest first. */
function selfTimes(profile) {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  profile.timeDeltas.forEach((delta, i) => {
    const key = frameKey(byNode.get(profile.samples[i]).callFrame);
    self.set(key, (self.get(key) ?? 0) + delta / 1000);
  });
  return [...self].sort((a, b) => b[1] - a[1]);
}
