#!/usr/bin/env node
// `npm run bench [-- JOURNEYS...]`: times every phase on seeded sample campaigns (default 10,000,
// 100,000 and 1,000,000 journeys, 200 creators) natively, in Node (wasm) and in headless Chromium
// (wasm in a module worker, as the page runs it), and ChannelAttribution on the same paths where
// Python has it. Medians of 3 runs (1 at a million). Prints Markdown tables; asserts nothing.
// BENCH_BOOTSTRAP_UP_TO (default 100000): the largest campaign the bootstrap phase runs on.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { startBrowser } from "../tests/js/browser.mjs";
import { PHASES, runPhases } from "./bench-phases.mjs";

const root = new URL("..", import.meta.url).pathname;
const pkg = join(root, "www/pkg");
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
if (sizes.length === 0) sizes.push(10_000, 100_000, 1_000_000);
sizes.sort((a, b) => a - b);
const bootstrapUpTo = Number(process.env.BENCH_BOOTSTRAP_UP_TO ?? 100_000);

/** times[runtime][journeys][phase] = ms */
const times = { native: {}, node: {}, chromium: {} };
const memory = {};
const record = (runtime) => ({ journeys, phase, ms }) => {
  (times[runtime][journeys] ??= {})[phase] = ms;
  process.stderr.write(`${runtime} ${journeys.toLocaleString("en-US")} ${phase}: ${ms.toFixed(1)} ms\n`);
};

// Native: the same phases in scripts/bench_native.rs.
const native = spawnSync("cargo", ["bench", "--bench", "native", "--locked", "--", ...sizes.map(String), "--bootstrap-up-to", String(bootstrapUpTo)], {
  cwd: root,
  encoding: "utf8",
  stdio: ["ignore", "pipe", "inherit"],
  maxBuffer: 1 << 26,
});
if (native.status !== 0) throw new Error("the native bench failed");
for (const line of native.stdout.split("\n").filter((l) => l.startsWith("{"))) {
  const row = JSON.parse(line);
  if ("peakRssKib" in row) (memory[row.journeys] ??= {}).nativeRss = row.peakRssKib * 1024;
  else record("native")(row);
}

// Node: wasm, as the CLI and the npm package run it.
const wasmBytes = readFileSync(join(pkg, "kol_attribution_bg.wasm"));
const wasm = await import(join(pkg, "kol_attribution.js"));
const exports = wasm.initSync({ module: wasmBytes });
for (const journeys of sizes) {
  runPhases(wasm, journeys, { bootstrap: journeys <= bootstrapUpTo, report: record("node") });
  Object.assign((memory[journeys] ??= {}), { nodeWasm: exports.memory.buffer.byteLength, nodeRss: process.resourceUsage().maxRSS * 1024 });
}

// Chromium: the engine in a module worker, served with the shared phases from a scratch folder.
// (`vite preview` serves the `dist` folder of the root it is given.)
const scratch = mkdtempSync(join(tmpdir(), "kol-bench-"));
const served = join(scratch, "dist");
mkdirSync(served);
for (const file of ["kol_attribution.js", "kol_attribution_bg.wasm"]) copyFileSync(join(pkg, file), join(served, file));
for (const file of ["bench-phases.mjs", "bench-worker.mjs"]) copyFileSync(join(root, "scripts", file), join(served, file));
writeFileSync(
  join(served, "index.html"),
  `<!doctype html><meta charset="utf-8"><title>bench</title><script type="module">
  window.rows = []; window.memory = []; window.done = false;
  const worker = new Worker("./bench-worker.mjs", { type: "module" });
  worker.onmessage = (e) => { if (e.data.row) rows.push(e.data.row); if (e.data.memory) memory.push(e.data.memory); if (e.data.done) done = true; };
  worker.onerror = (e) => { window.failed = e.message || "worker error"; };
  worker.postMessage(${JSON.stringify({ sizes, bootstrapUpTo })});
</script>`,
);
const env = await startBrowser(scratch);
try {
  const page = await env.browser.newPage();
  await page.goto(`${env.url}index.html`);
  let seen = 0;
  for (;;) {
    const state = await page.evaluate(() => ({ rows: window.rows, memory: window.memory, done: window.done, failed: window.failed }));
    for (const row of state.rows.slice(seen)) record("chromium")(row);
    seen = state.rows.length;
    if (state.failed) throw new Error(`Chromium: ${state.failed}`);
    if (state.done) {
      for (const m of state.memory) (memory[m.journeys] ??= {}).chromiumWasm = m.bytes;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
} finally {
  await env.close();
  rmSync(scratch, { recursive: true, force: true });
}

// ChannelAttribution on the 30-day creator-level paths of the largest campaign up to 100,000 journeys.
const caSize = [...sizes].reverse().find((n) => n <= 100_000) ?? sizes[0];
const { inputs } = wasm.sampleCampaign({ journeys: caSize, creators: 200, seed: 7 });
const paths = wasm.campaignPathsCsv(inputs, { days: 30, level: "creator" });
const pathsFile = join(mkdtempSync(join(tmpdir(), "kol-bench-")), "paths.csv");
writeFileSync(pathsFile, paths);
const medianOf = (runs, work) => {
  const t = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    t.push(performance.now() - started);
  }
  return t.sort((a, b) => a - b)[Math.floor(runs / 2)];
};
const ours = {
  heuristic: medianOf(5, () => wasm.comparePaths(paths, { models: ["first_touch", "last_touch", "linear"] })),
  markov1: medianOf(5, () => wasm.comparePaths(paths, { models: ["markov"] })),
  markov2: medianOf(1, () => wasm.comparePaths(paths, { models: ["markov"], modelOptions: { markovOrder: 2 } })),
};
const python = spawnSync("python3", [join(root, "scripts/bench_ca.py"), pathsFile], { encoding: "utf8" });
const theirs = python.status === 0 ? JSON.parse(python.stdout.trim().split("\n").at(-1)) : { skipped: python.error?.message ?? python.stderr.trim() };
rmSync(pathsFile, { force: true });

// The tables.
const fmt = (ms) => (ms === undefined ? "–" : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)}`);
const ratio = (a, b) => (a === undefined || b === undefined || b === 0 ? "–" : `${(a / b).toFixed(2)}×`);
const mb = (bytes) => (bytes === undefined ? "–" : `${(bytes / 1e6).toFixed(0)}`);
console.log(`\nwasm ${wasmBytes.length.toLocaleString("en-US")} bytes, ${gzipSync(wasmBytes, { level: 9 }).length.toLocaleString("en-US")} gzip; Node ${process.version}; Chromium headless; ${sizes.map((n) => n.toLocaleString("en-US")).join(", ")} journeys, 200 creators, seed 7.\n`);
console.log("| journeys | phase | native ms | Node ms | Chromium ms | Node ÷ native | Chromium ÷ native |");
console.log("|---:|---|---:|---:|---:|---:|---:|");
for (const journeys of sizes) {
  for (const phase of PHASES) {
    const [n, w, c] = [times.native[journeys]?.[phase], times.node[journeys]?.[phase], times.chromium[journeys]?.[phase]];
    if (n === undefined && w === undefined && c === undefined) continue;
    console.log(`| ${journeys.toLocaleString("en-US")} | ${phase} | ${fmt(n)} | ${fmt(w)} | ${fmt(c)} | ${ratio(w, n)} | ${ratio(c, n)} |`);
  }
}
console.log("\n| journeys | native peak RSS MB | Node peak RSS MB | Node wasm memory MB | Chromium wasm memory MB |");
console.log("|---:|---:|---:|---:|---:|");
for (const journeys of sizes) {
  const m = memory[journeys] ?? {};
  console.log(`| ${journeys.toLocaleString("en-US")} | ${mb(m.nativeRss)} | ${mb(m.nodeRss)} | ${mb(m.nodeWasm)} | ${mb(m.chromiumWasm)} |`);
}
const rows = paths.split("\n").length - 2;
console.log(`\nChannelAttribution on the same paths (${caSize.toLocaleString("en-US")} journeys, 30-day window, creator level, ${rows.toLocaleString("en-US")} path rows), Node wasm for ours:\n`);
console.log("| model | ours ms | ours natively ms | ChannelAttribution ms | ratio |");
console.log("|---|---:|---:|---:|---:|");
const theirsMs = (key) => (theirs.skipped ? undefined : theirs[key] * 1000);
const nativeOf = (order) => times.native[caSize]?.[`markov order ${order} on paths`];
console.log(`| first, last touch and linear | ${fmt(ours.heuristic)} | – | ${fmt(theirsMs("heuristic"))} | ${ratio(theirsMs("heuristic"), ours.heuristic)} faster |`);
console.log(`| Markov order 1 | ${fmt(ours.markov1)} | ${fmt(nativeOf(1))} | ${fmt(theirsMs("markov1"))} | ${ratio(theirsMs("markov1"), ours.markov1)} faster |`);
console.log(`| Markov order 2 | ${fmt(ours.markov2)} | ${fmt(nativeOf(2))} | not run (about 280 s) | – |`);
if (theirs.skipped) console.log(`\nChannelAttribution column skipped: ${theirs.skipped}`);
