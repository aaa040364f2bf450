// A window's resamples drawn in parts (`ReadCampaign.resampledShares`, as the page's workers draw
// them) and put together by the engine (`intervalsOf`) give, to the bit, the tier intervals one
// report gives: through the built wasm, the parts passed as the page passes them between workers
// (structured clone), in any order. Bad ranges and parts are refused with the engine's words.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

const wasm = await import("../../www/pkg/kol_attribution.js");
wasm.initSync({ module: readFileSync(new URL("../../www/pkg/kol_attribution_bg.wasm", import.meta.url)) });
const catalogue = wasm.catalogue();
const resamples = catalogue.settings.find((s) => s.group === "report" && s.path === "intervals.resamples").default;
const sample = wasm.sampleCampaign({ journeys: 2000, creators: 60 });
const campaign = wasm.readCampaign(sample.inputs, {});

/** The page's options for one window's intervals. */
const optionsOf = (windows, extra = {}) => ({ windows, level: "tier", intervals: { resamples }, ...extra });

/** Each tier credit's interval, as exact bits, keyed by model and tier. */
function bits(entries) {
  const view = new DataView(new ArrayBuffer(8));
  const bitsOf = (x) => {
    view.setFloat64(0, x);
    return view.getBigUint64(0).toString(16);
  };
  return entries.map(({ model, channel, interval }) => `${model} ${channel} ${interval.map(bitsOf).join(" ")}`);
}

/**
 * The window's intervals from parts cut at `cuts`, handed over as the page does, last part first;
 * the incremental model's interval in a part of its own (`alone`) or with the first.
 */
function inParts(options, cuts, alone = false) {
  const bounds = [0, ...cuts, resamples];
  const ranges = bounds.slice(1).map((to, i) => ({ from: bounds[i], to, incremental: !alone && i === 0 }));
  if (alone) ranges.push({ from: 0, to: 0, incremental: true });
  const parts = ranges.map((range) => structuredClone(campaign.resampledShares(options, range)));
  return wasm.intervalsOf(parts.reverse());
}

test("a window's resamples in parts give one report's intervals to the bit", () => {
  const options = optionsOf([30]);
  const report = campaign.report(options);
  const credits = report.windows[0].tiers.credits;
  assert.ok(credits.every((c) => Array.isArray(c.interval)));
  assert.ok(new Set(credits.map((c) => c.model)).has("markov") && new Set(credits.map((c) => c.model)).has("incremental"));
  const once = bits(credits);
  for (const cuts of [[], [1], [100], [199], [50, 100, 150], [3, 3, 117]]) {
    for (const alone of [false, true]) {
      const merged = inParts(options, cuts, alone);
      assert.equal(merged.days, 30);
      assert.deepEqual(bits(merged.intervals), once, `cut at ${cuts}${alone ? ", the incremental interval alone" : ""}`);
    }
  }
});

test("the window by category and rule-based models alone split the same way", () => {
  const byCategory = optionsOf([], { categoryWindows: { enabled: true }, models: ["linear", "shapley", "position_based"] });
  const report = campaign.report(byCategory);
  assert.equal(report.windows[0].days, 0);
  const merged = inParts(byCategory, [67, 133], true);
  assert.equal(merged.days, 0);
  assert.deepEqual(bits(merged.intervals), bits(report.windows[0].tiers.credits));
});

test("bad ranges and parts are refused, naming what is wrong", () => {
  const options = optionsOf([7]);
  const range = (from, to) => ({ from, to, incremental: true });
  assert.throws(() => campaign.resampledShares(options, range(5, 4)), { name: "KolAttributionError", option: "range.from" });
  assert.throws(() => campaign.resampledShares(options, range(0, resamples + 1)), (error) => error.option === "range.to" && error.message.includes("intervals.resamples"));
  assert.throws(() => campaign.resampledShares(optionsOf([7, 30]), range(0, 1)), { option: "windows" });
  assert.throws(() => campaign.resampledShares(options, { ...range(0, 1), step: 2 }), { option: "range" });
  const first = campaign.resampledShares(options, range(0, 100));
  assert.throws(() => wasm.intervalsOf([first]), (error) => error.option === "parts" && /100 to 200 are missing/.test(error.message));
  assert.throws(() => wasm.intervalsOf([{ days: 7 }]), (error) => error.option === "parts" && !/serde|missing field/.test(error.message));
});
