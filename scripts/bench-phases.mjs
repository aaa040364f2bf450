// The benchmark's phases, run the same way in Node and in Chromium's worker (and mirrored by
// scripts/bench_native.rs): one seeded campaign per size, each phase timed separately.

export const MODELS = ["first_touch", "last_touch", "linear", "time_decay", "position_based", "touch_weighted", "platform_last_click", "markov", "shapley"];
export const WINDOWS = [7, 14, 30, 60, 90, 120];

/** The phases in table order, as the native bench names them too. */
export const PHASES = [
  "read and validate",
  ...MODELS.map((model) => `${model} at 30 days`),
  "time_decay at 30 days, read once",
  "full comparison",
  "money",
  "budget",
  "bootstrap 200 at 30 days",
];

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(runs, work) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  return median(times);
}

/**
 * Times every phase on a `journeys`-journey sample campaign with `wasm` (the module's exports),
 * calling `report({ journeys, phase, ms })` after each. `bootstrap`: whether to run that phase.
 */
export function runPhases(wasm, journeys, { bootstrap, report }) {
  const runs = journeys >= 1_000_000 ? 1 : 3;
  const { inputs } = wasm.sampleCampaign({ journeys, creators: 200, seed: 7 });
  const quiet = (models, windows, level, resamples) => ({ models, windows, level, intervals: { resamples } });
  report({ journeys, phase: "read and validate", ms: time(runs, () => wasm.campaignSummary(inputs)) });
  for (const model of MODELS) {
    const options = quiet([model], [30], "tier", 0);
    report({ journeys, phase: `${model} at 30 days`, ms: time(runs, () => wasm.campaignReport(inputs, options)) });
  }
  // The page's worker keeps the campaign it read: a new half-life only attributes again.
  const read = wasm.readCampaign(inputs);
  const halfLife = { ...quiet(["time_decay"], [30], "tier", 0), modelOptions: { halfLifeDays: 3 } };
  report({ journeys, phase: "time_decay at 30 days, read once", ms: time(runs, () => read.report(halfLife)) });
  read.free();
  const full = quiet(MODELS, WINDOWS, "both", 0);
  const whole = wasm.campaignReport(inputs, full);
  report({ journeys, phase: "full comparison", ms: time(runs, () => wasm.campaignReport(inputs, full)) });
  const money = wasm.moneyReport(inputs);
  report({ journeys, phase: "money", ms: time(runs, () => wasm.moneyReport(inputs)) });
  report({ journeys, phase: "budget", ms: time(runs, () => wasm.budgetPlan(whole, money)) });
  if (bootstrap) {
    const options = quiet(MODELS, [30], "tier", 200);
    report({ journeys, phase: "bootstrap 200 at 30 days", ms: time(1, () => wasm.campaignReport(inputs, options)) });
  }
}
