#!/usr/bin/env node
// `node scripts/longtasks.mjs [JOURNEYS] [--profile]`: opens the built page in headless Chromium,
// loads a seeded sample campaign of JOURNEYS journeys (default 1,000,000) through the file
// pickers, as a user would, and prints every task that held the page's main thread for more than
// 50 ms from the first file to the report on screen. `--profile`: also the main thread's
// functions by self time (Chromium's CPU profiler), and each stretch of work over 50 ms the profiler
// saw with what it spent its time in. Measures; asserts nothing.
import { startBrowser } from "../tests/js/browser.mjs";
import { openCampaign, sampleFiles } from "../tests/js/long-tasks.mjs";

const journeys = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const files = await sampleFiles(journeys);
const env = await startBrowser();
try {
  const { tasks, seconds, status, selfTimes, busySpans } = await openCampaign(env, files, { profile: process.argv.includes("--profile") });
  console.log(`${journeys.toLocaleString("en-US")} journeys (${files.megabytes.toFixed(0)} MB of CSV): report on screen ${seconds.toFixed(1)} s after the first file was chosen`);
  console.log(`status: ${status}`);
  console.log(`${tasks.length} long tasks; longest ${Math.max(0, ...tasks.map((t) => t.ms)).toFixed(0)} ms; in all ${tasks.reduce((a, t) => a + t.ms, 0).toFixed(0)} ms`);
  for (const task of tasks) console.log(`  at ${(task.start / 1000).toFixed(2)} s: ${task.ms.toFixed(0)} ms${task.draws.length ? `; views drawn: ${task.draws.join(", ")}` : ""}`);
  if (selfTimes.length) console.log("main thread, by self time:");
  for (const [key, ms] of selfTimes.slice(0, 25)) console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${key}`);
  if (busySpans.length) console.log("the profile's stretches of work over 50 ms (from the profile's start), by self time and by what set them off:");
  for (const span of busySpans) {
    console.log(`  at ${(span.start / 1000).toFixed(2)} s: ${span.ms.toFixed(0)} ms`);
    for (const [key, ms] of span.self.slice(0, 6)) console.log(`    ${ms.toFixed(0).padStart(5)} ms  ${key}`);
    console.log("    set off by:");
    for (const [key, ms] of span.roots.slice(0, 4)) console.log(`    ${ms.toFixed(0).padStart(5)} ms  ${key}`);
  }
} finally {
  await env.close();
  files.remove();
}
