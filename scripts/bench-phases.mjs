// The benchmark's phases, run the same way in Node and in Chromium's worker (and mirrored by
// scripts/bench_native.rs): one seeded campaign per size, each phase timed separately.

export const MODELS = ["first_touch", "last_touch", "linear", "time_decay", "position_based", "touch_weighted", "platform_last_click", "markov", "shapley", "incremental"];
export const WINDOWS = [7, 14, 30, 60, 90, 120];

/** The phases in table order, as the native bench names them too. */
export const PHASES = [
  "read and validate",
  ...MODELS.map((model) => `${model} at 30 days`),
  "time_decay at 30 days, read once",
  "full comparison",
  "full comparison, nine models",
  "full comparison, every level",
  "full comparison, every level, with sources",
  "model check at 30 days",
  "money",
  "budget",
  "bootstrap 200 at 30 days",
  "default comparison with intervals",
];

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Node's CPU time of the process so far in ms (its wasm runs on one thread), undefined in a browser. */
const cpuNow = () => (typeof process === "undefined" ? undefined : (({ user, system }) => (user + system) / 1000)(process.cpuUsage()));

/** Medians of `runs` timings of `work`: wall `ms`, and `cpuMs` where the runtime says (Node). */
export function timed(runs, work) {
  const wall = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const [started, cpuStarted] = [performance.now(), cpuNow()];
    work();
    wall.push(performance.now() - started);
    if (cpuStarted !== undefined) cpu.push(cpuNow() - cpuStarted);
  }
  return { ms: median(wall), cpuMs: cpu.length === runs ? median(cpu) : undefined };
}

/**
 * Times every phase on a sample campaign of `journeys` journeys over `creators` creators with
 * `wasm` (the module's exports), calling `report({ journeys, creators, phase, ms })` after each.
 * `bootstrap`: whether to run the phases with intervals; `only`: times only the phases whose
 * name contains it (all when empty).
 */
export function runPhases(wasm, { journeys, creators }, { bootstrap, report, only = "" }) {
  if (!PHASES.some((name) => name.includes(only))) return;
  const runs = journeys >= 1_000_000 || creators >= 10_000 ? 1 : 3;
  const { inputs } = wasm.sampleCampaign({ journeys, creators, seed: 7 });
  const quiet = (models, windows, level, resamples) => ({ models, windows, level, intervals: { resamples } });
  const wanted = (name) => name.includes(only);
  const phase = (name, n, work) => wanted(name) && report({ journeys, creators, phase: name, ...timed(n, work) });
  phase("read and validate", runs, () => wasm.campaignSummary(inputs));
  for (const model of MODELS) {
    const options = quiet([model], [30], "tier", 0);
    phase(`${model} at 30 days`, runs, () => wasm.campaignReport(inputs, options));
  }
  // The page's worker keeps the campaign it read: a new half-life only attributes again.
  if (wanted("time_decay at 30 days, read once")) {
    const read = wasm.readCampaign(inputs);
    const halfLife = { ...quiet(["time_decay"], [30], "tier", 0), modelOptions: { halfLifeDays: 3 } };
    phase("time_decay at 30 days, read once", runs, () => read.report(halfLife));
    read.free();
  }
  const full = quiet(MODELS, WINDOWS, "both", 0);
  phase("full comparison", runs, () => wasm.campaignReport(inputs, full));
  // Issue 10's and 24's target: the nine models before incremental joined the default list.
  const nine = quiet(MODELS.filter((model) => model !== "incremental"), WINDOWS, "both", 0);
  phase("full comparison, nine models", runs, () => wasm.campaignReport(inputs, nine));
  // What the page computes once a notes or spend file is given: notes and channel groups too.
  const every = quiet(MODELS, WINDOWS, "all", 0);
  phase("full comparison, every level", runs, () => wasm.campaignReport(inputs, every));
  if (wanted("full comparison, every level, with sources")) {
    const sourced = withSources(inputs);
    phase("full comparison, every level, with sources", runs, () => wasm.campaignReport(sourced, every));
  }
  // The Model check view: every model that gives a probability, five folds, one window.
  phase("model check at 30 days", runs, () => wasm.modelCheck(inputs, { days: 30 }));
  phase("money", runs, () => wasm.moneyReport(inputs));
  if (wanted("budget")) {
    const [whole, money] = [wasm.campaignReport(inputs, full), wasm.moneyReport(inputs)];
    phase("budget", runs, () => wasm.budgetPlan(whole, money));
  }
  if (bootstrap) {
    const options = quiet(MODELS, [30], "tier", 200);
    phase("bootstrap 200 at 30 days", 1, () => wasm.campaignReport(inputs, options));
    // What the page computes first: the default models and windows, with their intervals.
    phase("default comparison with intervals", 1, () => wasm.campaignReport(inputs, {}));
  }
}

/** The ads and search sources `withSources` adds, in turn. */
export const SOURCES = ["juguang_search", "juguang_feed", "brand_note", "live_stream", "organic_search"];

/**
 * A sample campaign's inputs with ads and search in its journeys (the sample has none): a
 * `source` column, and after every fourth touch a source's touch in the same journey at the same
 * time (the sources in turn), so a quarter more touches; a spend file with each source's cost.
 * Mirrored by `with_sources` in scripts/bench_native.rs, so every runtime reads the same bytes.
 */
export function withSources(inputs) {
  const [header, ...rows] = inputs.touchpoints.split("\n").filter((line) => line !== "");
  const touchpoints = [`${header},source`];
  rows.forEach((row, n) => {
    touchpoints.push(`${row},`);
    if (n % 4 === 0) {
      const [journey, , timestamp, type] = row.split(",");
      touchpoints.push(`${journey},,${timestamp},${type},,${SOURCES[(n / 4) % SOURCES.length]}`);
    }
  });
  const spend = ["source,date,spend", ...SOURCES.map((source, i) => `${source},,${(i + 1) * 10_000}.00`)];
  return { ...inputs, touchpoints: `${touchpoints.join("\n")}\n`, spend: `${spend.join("\n")}\n` };
}

/**
 * A paths file from a generator other than the sample's: `journeys` journeys over `creators`
 * creators, a third of touches going back to a creator the journey already saw (so that a
 * second-order chain loops far more than the sample's), popular creators drawn more often, and
 * longer journeys converting more. Integer arithmetic only, so every runtime writes the same bytes.
 */
export function revisitingPaths(journeys, creators, seed = 11) {
  let state = BigInt(seed) * 0x9e3779b97f4a7c15n + 1n;
  const mask = (1n << 64n) - 1n;
  const next = (bound) => {
    state ^= (state << 13n) & mask;
    state ^= state >> 7n;
    state ^= (state << 17n) & mask;
    return Number(state % BigInt(bound));
  };
  const rows = new Map();
  for (let j = 0; j < journeys; j++) {
    const path = [];
    do {
      // Popular creators first: the smaller of two draws.
      const fresh = Math.min(next(creators), next(creators));
      path.push(path.length > 0 && next(3) === 0 ? path[next(path.length)] : fresh);
    } while (path.length < 12 && next(10) < 7);
    const converts = next(100) < 4 + 3 * path.length;
    const key = path.map((c) => `k${c}`).join(" > ");
    const row = rows.get(key) ?? { conversions: 0, value: 0, nulls: 0 };
    if (converts) {
      row.conversions += 1;
      row.value += 50 + next(450);
    } else row.nulls += 1;
    rows.set(key, row);
  }
  let csv = "path,total_conversions,total_conversion_value,total_null\n";
  for (const [path, row] of rows) csv += `${path},${row.conversions},${row.value},${row.nulls}\n`;
  return csv;
}
