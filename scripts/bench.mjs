#!/usr/bin/env node
// `npm run bench [-- JOURNEYS...]`: times every phase on seeded sample campaigns natively, in
// Node (wasm) and in headless Chromium (wasm in a module worker, as the page runs it), and
// ChannelAttribution on the same paths where Python has it; then how each phase's time grows
// with journeys and with creators. Medians of 3 runs (1 at a million journeys or 10,000
// creators). Prints Markdown tables; asserts nothing.
// Sizes: JOURNEYS (default 10,000, 100,000 and 1,000,000) at 200 creators, and the wider
// campaigns of BENCH_CREATORS (default 2000,10000): each CREATORS at 100,000 journeys, or
// JOURNEYSxCREATORS (e.g. BENCH_CREATORS=50000x2000,2000).
// BENCH_BOOTSTRAP_UP_TO (default 100000): the most journeys the phases with intervals run on.
// BENCH_ONLY=TEXT: only the phases whose name contains TEXT (e.g. "markov", "with intervals");
// only what ran is printed. BENCH_RUNTIMES (default native,node,chromium): the runtimes to time.
// Natively each phase also gives the CPU time of the thread that ran it, and in Node the process's
// (its wasm runs on one thread; GC helpers add a little), which a busy machine disturbs far less
// than the wall time; the growth is fitted on the native one.
// The pool line (scripts/bench-pool.mjs; BENCH_ONLY=pool for it alone): the built page in Chromium
// on BENCH_POOL workers (default 1,2), each campaign of 100,000 journeys or more.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { startBrowser } from "../tests/js/browser.mjs";
import { PHASES, revisitingPaths, runPhases, timed } from "./bench-phases.mjs";
import { POOL_SIZES, runPool } from "./bench-pool.mjs";

const root = new URL("..", import.meta.url).pathname;
const pkg = join(root, "www/pkg");
const journeyCounts = process.argv.slice(2).map(Number).filter((n) => n > 0);
if (journeyCounts.length === 0) journeyCounts.push(10_000, 100_000, 1_000_000);
journeyCounts.sort((a, b) => a - b);
/** The wider campaigns: 100,000 journeys unless the entry says. */
const wide = (process.env.BENCH_CREATORS ?? "2000,10000")
  .split(",")
  .map((entry) => (entry.includes("x") ? entry.split("x") : [100_000, entry]).map(Number))
  .filter(([journeys, creators]) => journeys > 0 && creators > 0 && creators !== 200)
  .map(([journeys, creators]) => ({ journeys, creators }));
/** The creator counts the growth in creators is fitted over (at 100,000 journeys). */
const creatorCounts = wide.filter((size) => size.journeys === 100_000).map((size) => size.creators);
/** Every campaign timed: each number of journeys at 200 creators, then the wider ones. */
const sizes = [...journeyCounts.map((journeys) => ({ journeys, creators: 200 })), ...wide];
const bootstrapUpTo = Number(process.env.BENCH_BOOTSTRAP_UP_TO ?? 100_000);
const only = process.env.BENCH_ONLY ?? "";
const runtimes = (process.env.BENCH_RUNTIMES ?? "native,node,chromium").split(",");
const wanted = (name) => name.includes(only);
/** The phases only the native bench and the paths-file table time. */
const PATH_PHASES = ["markov order 1 on paths", "markov order 2 on paths"];
const REVISITING_PHASES = ["markov order 1 on revisiting paths", "markov order 2 on revisiting paths"];
const wasmPhases = runtimes.some((r) => r !== "native") && PHASES.some(wanted);
const label = ({ journeys, creators }) => `${journeys.toLocaleString("en-US")} × ${creators.toLocaleString("en-US")}`;
const key = ({ journeys, creators }) => `${journeys}x${creators}`;

/** times[runtime][size key][phase] = ms; CPU ms in times.nativeCpu (the thread's) and times.nodeCpu (the process's). */
const times = { native: {}, nativeCpu: {}, node: {}, nodeCpu: {}, chromium: {} };
const memory = {};
const record = (runtime) => ({ journeys, creators = 200, phase, ms, cpuMs }) => {
  const size = { journeys, creators };
  (times[runtime][key(size)] ??= {})[phase] = ms;
  if (cpuMs !== undefined) (times[`${runtime}Cpu`][key(size)] ??= {})[phase] = cpuMs;
  process.stderr.write(`${runtime} ${label(size)} ${phase}: ${ms.toFixed(1)} ms${cpuMs === undefined ? "" : ` (${cpuMs.toFixed(1)} ms CPU)`}\n`);
};

// A paths file from another generator, whose journeys keep coming back to creators they saw.
const onPaths = ["markov order 1 on paths", REVISITING_PHASES[1]].some(wanted);
const revisiting = onPaths || REVISITING_PHASES.some(wanted) ? revisitingPaths(100_000, 200) : undefined;
const revisitingFile = join(mkdtempSync(join(tmpdir(), "kol-bench-")), "revisiting.csv");
if (revisiting) writeFileSync(revisitingFile, revisiting);

// Native: the same phases in scripts/bench_native.rs.
const nativeOther = {};
if (runtimes.includes("native") && [...PHASES, ...PATH_PHASES, ...REVISITING_PHASES].some(wanted)) {
  const nativeArgs = [...sizes.map(key), "--bootstrap-up-to", String(bootstrapUpTo), ...(revisiting ? ["--paths", revisitingFile] : []), "--only", only];
  const native = spawnSync("cargo", ["bench", "--bench", "native", "--locked", "--", ...nativeArgs], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 1 << 26,
  });
  if (native.status !== 0) throw new Error("the native bench failed");
  for (const line of native.stdout.split("\n").filter((l) => l.startsWith("{"))) {
    const row = JSON.parse(line);
    if ("peakRssKib" in row) (memory[key(row)] ??= {}).nativeRss = row.peakRssKib * 1024;
    else if (row.journeys === undefined) nativeOther[row.phase] = row;
    else record("native")(row);
  }
}

// Node: wasm, as the CLI and the npm package run it.
const wasmBytes = readFileSync(join(pkg, "kol_attribution_bg.wasm"));
const wasm = await import(join(pkg, "kol_attribution.js"));
const exports = wasm.initSync({ module: wasmBytes });
if (runtimes.includes("node") && PHASES.some(wanted)) {
  for (const size of sizes) {
    runPhases(wasm, size, { bootstrap: size.journeys <= bootstrapUpTo, only, report: record("node") });
    Object.assign((memory[key(size)] ??= {}), { nodeWasm: exports.memory.buffer.byteLength, nodeRss: process.resourceUsage().maxRSS * 1024 });
  }
}

// Chromium: the engine in a module worker, served with the shared phases from a scratch folder.
// (`vite preview` serves the `dist` folder of the root it is given.)
if (runtimes.includes("chromium") && PHASES.some(wanted)) {
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
    worker.postMessage(${JSON.stringify({ sizes, bootstrapUpTo, only })});
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
        for (const m of state.memory) (memory[key(m)] ??= {}).chromiumWasm = m.bytes;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await env.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

// The pool: the page itself (`npm run build` first), as many workers as BENCH_POOL says.
const poolPhases = ["pool: default comparison", "pool: its intervals"];
const poolSizes = runtimes.includes("chromium") && poolPhases.some(wanted) ? sizes.filter((size) => size.journeys >= 100_000) : [];
if (poolSizes.length > 0) {
  const env = await startBrowser();
  try {
    for (const size of poolSizes) {
      const intervals = size.journeys <= bootstrapUpTo && wanted(poolPhases[1]);
      await runPool(env, size, { intervals, report: record("chromium") });
    }
  } finally {
    await env.close();
  }
}

// ChannelAttribution on the 30-day creator-level paths of the largest campaign up to 100,000 journeys.
// With BENCH_ONLY, the paths files are timed only when it names them ("on paths", "markov").
const caSize = [...journeyCounts].reverse().find((n) => n <= 100_000) ?? journeyCounts[0];
const paths = onPaths ? wasm.campaignPathsCsv(wasm.sampleCampaign({ journeys: caSize, creators: 200, seed: 7 }).inputs, { days: 30, level: "creator" }) : "";
const pathsFile = join(mkdtempSync(join(tmpdir(), "kol-bench-")), "paths.csv");
writeFileSync(pathsFile, paths);
const markov = (order) => ({ models: ["markov"], modelOptions: { markovOrder: order } });
const ours = onPaths
  ? {
      heuristic: timed(5, () => wasm.comparePaths(paths, { models: ["first_touch", "last_touch", "linear"] })),
      markov1: timed(5, () => wasm.comparePaths(paths, markov(1))),
      markov2: timed(1, () => wasm.comparePaths(paths, markov(2))),
      revisiting1: timed(3, () => wasm.comparePaths(revisiting, markov(1))),
      revisiting2: timed(3, () => wasm.comparePaths(revisiting, markov(2))),
    }
  : {};
const python = onPaths ? spawnSync("python3", [join(root, "scripts/bench_ca.py"), pathsFile], { encoding: "utf8" }) : { status: 1, stderr: `BENCH_ONLY=${only}` };
const theirs = python.status === 0 ? JSON.parse(python.stdout.trim().split("\n").at(-1)) : { skipped: python.error?.message ?? python.stderr.trim() };
rmSync(pathsFile, { force: true });
rmSync(revisitingFile, { force: true });

// The tables.
const fmt = (ms) => (ms === undefined ? "–" : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)}`);
const ratio = (a, b) => (a === undefined || b === undefined || b === 0 ? "–" : `${(a / b).toFixed(2)}×`);
const mb = (bytes) => (bytes === undefined ? "–" : `${(bytes / 1e6).toFixed(0)}`);
console.log(`\nwasm ${wasmBytes.length.toLocaleString("en-US")} bytes, ${gzipSync(wasmBytes, { level: 9 }).length.toLocaleString("en-US")} gzip; ${runtimes.join(", ")} (Node ${process.version}, Chromium headless); journeys × creators: ${sizes.map(label).join(", ")}; seed 7.`);
/** A Markdown table of `rows` (its first `text` columns text, the rest numbers), or nothing when no row ran. */
const table = (header, rows, text = 1) => {
  if (rows.length === 0) return;
  console.log(`\n| ${header.join(" | ")} |`);
  console.log(`|${header.map((_, i) => (i < text ? "---" : "---:")).join("|")}|`);
  for (const row of rows) console.log(`| ${row.join(" | ")} |`);
};
const phaseRows = sizes.flatMap((size) =>
  PHASES.flatMap((phase) => {
    const [n, cpu, w, wCpu, c] = ["native", "nativeCpu", "node", "nodeCpu", "chromium"].map((runtime) => times[runtime][key(size)]?.[phase]);
    if (n === undefined && w === undefined && c === undefined) return [];
    return [[label(size), phase, fmt(n), fmt(cpu), fmt(w), fmt(wCpu), fmt(c), ratio(w, n), ratio(c, n)]];
  }),
);
table(["journeys × creators", "phase", "native ms", "native CPU ms", "Node ms", "Node CPU ms", "Chromium ms", "Node ÷ native", "Chromium ÷ native"], phaseRows, 2);
const memoryRows = sizes.flatMap((size) => {
  const m = memory[key(size)];
  return m ? [[label(size), mb(m.nativeRss), mb(m.nodeRss), mb(m.nodeWasm), mb(m.chromiumWasm)]] : [];
});
table(["journeys × creators", "native peak RSS MB", "Node peak RSS MB", "Node wasm memory MB", "Chromium wasm memory MB"], memoryRows);

if (poolSizes.length > 0) {
  const workers = (n) => `${n} worker${n > 1 ? "s" : ""}`;
  console.log("\nThe worker pool: the page in Chromium opening the campaign with `?workers=N` (the report: default models × six windows × both levels, reading included; then its intervals, a window per worker at a time), and the speed-up against one worker.\n");
  console.log("| journeys × creators | workers | default comparison ms | speed-up | its intervals ms | speed-up |");
  console.log("|---|---:|---:|---:|---:|---:|");
  for (const size of poolSizes) {
    const row = times.chromium[key(size)] ?? {};
    const [report1, intervals1] = poolPhases.map((phase) => row[`${phase}, ${workers(1)}`]);
    for (const n of POOL_SIZES) {
      const [report, intervals] = poolPhases.map((phase) => row[`${phase}, ${workers(n)}`]);
      console.log(`| ${label(size)} | ${n} | ${fmt(report)} | ${ratio(report1, report)} | ${fmt(intervals)} | ${ratio(intervals1, intervals)} |`);
    }
  }
}

// How each phase grows: the slope of log time against log size (natively, where the machine's
// own noise is smallest), over the journeys at 200 creators and over the creators at 100,000
// journeys. Above about 1.15 a phase grows faster than n log n over these sizes.
const slope = (points) => {
  const usable = points.filter(([x, y]) => x > 0 && y > 0).map(([x, y]) => [Math.log(x), Math.log(y)]);
  if (usable.length < 2) return undefined;
  const mx = usable.reduce((s, [x]) => s + x, 0) / usable.length;
  const my = usable.reduce((s, [, y]) => s + y, 0) / usable.length;
  const sxx = usable.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return usable.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) / sxx;
};
// The thread's CPU time where the native bench gave it, the wall time otherwise.
const nativeTimes = (size) => ({ ...times.native[key(size)], ...times.nativeCpu[key(size)] });
const native200 = journeyCounts.map((journeys) => [journeys, nativeTimes({ journeys, creators: 200 })]);
const native100k = [200, ...creatorCounts].map((creators) => [creators, nativeTimes({ journeys: 100_000, creators })]);
const exponent = (e) => (e === undefined ? "–" : `${e.toFixed(2)}${e > 1.15 ? " (> n log n)" : ""}`);
const growthRows = [...PHASES, ...PATH_PHASES].flatMap((phase) => {
  const byJourneys = slope(native200.map(([n, t]) => [n, t[phase]]));
  const byCreators = journeyCounts.includes(100_000) ? slope(native100k.map(([n, t]) => [n, t[phase]])) : undefined;
  return byJourneys === undefined && byCreators === undefined ? [] : [[phase, exponent(byJourneys), exponent(byCreators)]];
});
if (growthRows.length > 0) {
  console.log(`\nGrowth natively, fitted on the thread's CPU time (time ∝ size^exponent): journeys ${journeyCounts.map((n) => n.toLocaleString("en-US")).join(", ")} at 200 creators; creators ${[200, ...creatorCounts].map((n) => n.toLocaleString("en-US")).join(", ")} at 100,000 journeys.`);
  table(["phase", "exponent in journeys", "exponent in creators"], growthRows);
}

if (onPaths) {
  const rows = paths.split("\n").length - 2;
  const revisitingRows = revisiting.split("\n").length - 2;
  console.log(`\nMarkov on paths files, Node wasm for ours: the 30-day creator-level paths of the ${caSize.toLocaleString("en-US")}-journey sample (${rows.toLocaleString("en-US")} path rows), against ChannelAttribution on the same file, and a file of 100,000 journeys over 200 creators from another generator whose journeys keep coming back to creators (${revisitingRows.toLocaleString("en-US")} path rows):\n`);
  console.log("| paths | model | ours ms | ours CPU ms | ours natively ms | natively CPU ms | ChannelAttribution ms | ratio |");
  console.log("|---|---|---:|---:|---:|---:|---:|---:|");
  const theirsMs = (name) => (theirs.skipped ? undefined : theirs[name] * 1000);
  const sampleNative = (order) => {
    const phase = `markov order ${order} on paths`;
    const size = key({ journeys: caSize, creators: 200 });
    return { ms: times.native[size]?.[phase], cpuMs: times.nativeCpu[size]?.[phase] };
  };
  /** Order 2 against order 1, on CPU time where Node gave it (a busy machine moves wall times apart). */
  const against = (two, one) => (two.cpuMs !== undefined && one.cpuMs !== undefined ? `${ratio(two.cpuMs, one.cpuMs)} order 1 (CPU)` : `${ratio(two.ms, one.ms)} order 1`);
  const line = (file, model, mine, native, theirsCell, ratioCell) =>
    console.log(`| ${file} | ${model} | ${fmt(mine.ms)} | ${fmt(mine.cpuMs)} | ${fmt(native?.ms)} | ${fmt(native?.cpuMs)} | ${theirsCell} | ${ratioCell} |`);
  const faster = (name, mine) => (theirs.skipped ? "–" : `${ratio(theirsMs(name), mine.ms)} faster`);
  line("sample", "first, last touch and linear", ours.heuristic, undefined, fmt(theirsMs("heuristic")), faster("heuristic", ours.heuristic));
  line("sample", "Markov order 1", ours.markov1, sampleNative(1), fmt(theirsMs("markov1")), faster("markov1", ours.markov1));
  line("sample", "Markov order 2", ours.markov2, sampleNative(2), "not run (about 280 s)", against(ours.markov2, ours.markov1));
  line("revisiting", "Markov order 1", ours.revisiting1, nativeOther["markov order 1 on revisiting paths"], "–", "–");
  line("revisiting", "Markov order 2", ours.revisiting2, nativeOther["markov order 2 on revisiting paths"], "–", against(ours.revisiting2, ours.revisiting1));
  if (theirs.skipped) console.log(`\nChannelAttribution column skipped: ${theirs.skipped}`);
}
