#!/usr/bin/env node
// The truth grid (issue 21): how far every model's credit is from what tiers and creators really
// caused, on generated campaigns whose true incremental conversions are known, over several seeds,
// generator structures and sizes. A benchmark: it prints Markdown tables and asserts nothing.
//
//   node scripts/truth-grid.mjs [--quick] [--million] [--seeds N] [--sizes 20000,50000]
//                               [--structures today,roles] [--creators N] [--windows 30,90] [--json FILE]
//   npm run truth-grid -- [the same options]        (builds the engine first)
//
// Default: seeds 1-3, every structure, 20k, 50k, 100k and 200k journeys (--million adds 1M), 40
// creators, windows 30 and 90 days. --quick: seeds 1-2, 20k and 50k journeys (a few minutes on two
// cores). Uses the built engine (www/pkg, through the npm package's lib/node.js): run
// `bash scripts/build.sh` first.
import { writeFileSync } from "node:fs";

const engine = await import("../lib/node.js");

/** Each structure of the generator, as SampleOptions on top of the defaults (today's sample). */
const EVERYTHING = {
  organic: 0.01,
  halfLifeDays: 7,
  typeContrast: 2,
  creatorSpread: 0.8,
  roles: true,
  categories: true,
  repeats: 0.4,
  repeatReturn: 0.5,
};
const STRUCTURES = {
  today: {},
  spread: { creatorSpread: 0.8 },
  roles: { roles: true },
  types: { typeContrast: 2 },
  decay: { halfLifeDays: 4 },
  categories: { categories: true },
  repeats: { repeats: 0.4, repeatReturn: 0.5 },
  organic: { organic: 0.02 },
  all: EVERYTHING,
  hazard: { process: "hazard" },
  "hazard+all": { ...EVERYTHING, process: "hazard" },
  logistic: { process: "logistic" },
  "logistic+all": { ...EVERYTHING, process: "logistic" },
};

function parseArgs(argv) {
  const args = { quick: false, million: false, seeds: null, sizes: null, structures: null, creators: 40, windows: [30, 90], json: null };
  const list = (text, what) => {
    const values = text.split(",").map((x) => x.trim()).filter(Boolean);
    if (!values.length) throw new Error(`${what} needs a comma-separated list`);
    return values;
  };
  const whole = (text, what) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${what} must be a whole number above 0, not ${text}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === "--quick") args.quick = true;
    else if (arg === "--million") args.million = true;
    else if (arg === "--seeds") args.seeds = whole(value(), arg);
    else if (arg === "--sizes") args.sizes = list(value(), arg).map((x) => whole(x, arg));
    else if (arg === "--structures") args.structures = list(value(), arg);
    else if (arg === "--creators") args.creators = whole(value(), arg);
    else if (arg === "--windows") args.windows = list(value(), arg).map((x) => whole(x, arg));
    else if (arg === "--json") args.json = value();
    else throw new Error(`unknown option ${arg}; see the comment at the top of scripts/truth-grid.mjs`);
  }
  args.seeds ??= args.quick ? 2 : 3;
  args.sizes ??= args.quick ? [20_000, 50_000] : [20_000, 50_000, 100_000, 200_000];
  if (args.million && !args.sizes.includes(1_000_000)) args.sizes.push(1_000_000);
  args.structures ??= Object.keys(STRUCTURES);
  for (const s of args.structures) if (!(s in STRUCTURES)) throw new Error(`no structure ${s}; structures: ${Object.keys(STRUCTURES).join(", ")}`);
  return args;
}

/** One campaign: generated, read once, every model in every window at both levels. */
function run(models, structure, journeys, seed, args) {
  const started = performance.now();
  const sample = engine.sampleCampaign({ ...STRUCTURES[structure], journeys, seed, creators: args.creators });
  const read = engine.readCampaign(sample.inputs);
  let report;
  try {
    report = read.report({ models, windows: args.windows, level: "both", intervals: { resamples: 0 }, truth: sample.truth });
  } finally {
    read.free();
  }
  const truth = sample.process;
  const oracle = oracleErrors(sample);
  const windows = report.windows.map((w) => {
    const tiers = w.tiers;
    const fit = tiers.incremental;
    const organic = tiers.organic.find((o) => o.model === "incremental");
    const credited = tiers.credits.filter((c) => c.model === "incremental").reduce((sum, c) => sum + c.conversions, 0);
    const scores = Object.fromEntries(
      report.truthScores.filter((s) => s.days === w.days).map((s) => [s.model, { tier: s.error, creator: s.creatorError }]),
    );
    return {
      days: w.days,
      scores: { ...scores, oracle },
      incremental: fit && {
        organicShare: organic ? organic.conversions / (organic.conversions + credited) : null,
        halfLifeDays: fit.halfLifeDays,
        touchTypes: Object.fromEntries(fit.touchTypes.map((t) => [t.touchType, t.strength])),
        roles: Object.fromEntries(fit.tiers.map((t) => [t.tier, { opening: t.opening, closing: t.closing }])),
        converged: fit.converged,
      },
    };
  });
  return {
    structure,
    journeys,
    seed,
    orders: report.summary.orders,
    seconds: (performance.now() - started) / 1000,
    truth: {
      organicShare: truth.organicConversions / truth.conversions,
      halfLifeDays: truth.halfLifeDays,
      touchTypes: Object.fromEntries(truth.touchTypes.map((t) => [t.touchType, t.strength])),
      roles: Object.fromEntries(truth.roles.map((r) => [r.tier, { opening: r.opening, closing: r.closing }])),
    },
    windows,
  };
}

/**
 * How far a model knowing the generator's process exactly lands from the truth on this campaign
 * (its orders are one draw of the process; the truth is the expectation): the floor no fit can be
 * expected to beat, with every touch eligible.
 */
function oracleErrors(sample) {
  const distance = (credited, truth) => {
    const c = credited.reduce((a, b) => a + b, 0);
    const t = truth.reduce((a, b) => a + Math.max(b, 0), 0);
    return credited.reduce((sum, x, i) => sum + Math.abs(x / c - Math.max(truth[i], 0) / t), 0);
  };
  const { tiers, creators } = sample.process.oracle;
  const trueCreators = sample.truth.flatMap((t) => t.creators ?? []);
  return {
    tier: distance(tiers, sample.truth.map((t) => t.incrementalConversions)),
    // The truth lists creators by tier in roster order, as the oracle does.
    creator: distance(creators, trueCreators.map((c) => c.incrementalConversions)),
  };
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const fixed = (x, digits = 3) => (x === null || x === undefined || Number.isNaN(x) ? "–" : x.toFixed(digits));
const grouped = (results) => {
  const groups = new Map();
  for (const r of results) {
    const key = `${r.structure}|${r.journeys}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(r);
  }
  return groups;
};

/** Each model's error (mean and worst over seeds) per structure and size, in one window at one level. */
function errorTable(results, models, days, level) {
  const short = (m) => m.replace("platform_last_click", "platform").replace("position_based", "position").replace("touch_weighted", "touch_wt");
  const lines = [
    `| structure | journeys | ${models.map(short).join(" | ")} | floor |`,
    `|---|---:|${models.map(() => "---:").join("|")}|---:|`,
  ];
  for (const runs of grouped(results).values()) {
    const cells = models.map((model) => {
      const errors = runs.map((r) => r.windows.find((w) => w.days === days)?.scores[model]?.[level]).filter((e) => typeof e === "number");
      if (!errors.length) return "–";
      const best = models.every((other) => {
        const theirs = runs.map((r) => r.windows.find((w) => w.days === days)?.scores[other]?.[level]).filter((e) => typeof e === "number");
        return !theirs.length || mean(errors) <= mean(theirs);
      });
      const text = `${fixed(mean(errors))} (${fixed(Math.max(...errors))})`;
      return best ? `**${text}**` : text;
    });
    const floor = mean(runs.map((r) => r.windows.find((w) => w.days === days)?.scores.oracle[level]));
    lines.push(`| ${runs[0].structure} | ${runs[0].journeys.toLocaleString("en-US")} | ${cells.join(" | ")} | ${fixed(floor)} |`);
  }
  return lines.join("\n");
}

/** How often `incremental` is lowest, and at or below 0.02, per window and level. */
function summary(results, models, args) {
  const lines = [
    "| window | level | campaigns | incremental lowest | ≤ 0.02 (all sizes) | ≤ 0.02 (50k and up) | ≤ floor + 0.01 (50k and up) | incremental mean | floor mean | next best model, mean |",
    "|---:|---|---:|---:|---:|---:|---:|---:|---:|---|",
  ];
  for (const days of args.windows) {
    for (const level of ["tier", "creator"]) {
      let lowest = 0, within = 0, withinLarge = 0, large = 0, nearFloor = 0;
      const floors = [];
      const byModel = Object.fromEntries(models.map((m) => [m, []]));
      for (const r of results) {
        const scores = r.windows.find((w) => w.days === days)?.scores ?? {};
        const own = scores.incremental?.[level];
        if (typeof own !== "number") continue;
        for (const m of models) if (typeof scores[m]?.[level] === "number") byModel[m].push(scores[m][level]);
        if (models.every((m) => m === "incremental" || !(scores[m]?.[level] < own))) lowest++;
        if (own <= 0.02) within++;
        floors.push(scores.oracle[level]);
        if (r.journeys >= 50_000) {
          large++;
          if (own <= 0.02) withinLarge++;
          if (own <= scores.oracle[level] + 0.01) nearFloor++;
        }
      }
      const n = byModel.incremental.length;
      const others = models.filter((m) => m !== "incremental" && byModel[m].length).map((m) => [m, mean(byModel[m])]).sort((a, b) => a[1] - b[1]);
      const [next] = others;
      const nextBest = next ? `${next[0]} ${fixed(next[1])}` : "–";
      lines.push(`| ${days} | ${level} | ${n} | ${lowest} | ${within} | ${withinLarge} of ${large} | ${nearFloor} of ${large} | ${fixed(mean(byModel.incremental))} | ${fixed(mean(floors))} | ${nextBest} |`);
    }
  }
  return lines.join("\n");
}

/** What `incremental` learned against the generator's own values, in one window (mean over seeds). */
function learnedTable(results, days) {
  const types = ["save", "click", "promo_code"];
  const lines = [
    `| structure | journeys | organic share | half-life days | ${types.map((t) => `${t} ×`).join(" | ")} | mega opens × | KOC closes × |`,
    `|---|---:|---:|---:|${types.map(() => "---:").join("|")}|---:|---:|`,
  ];
  const pair = (runs, learned, truth, digits) => {
    const l = runs.map(learned).filter((x) => typeof x === "number");
    return `${fixed(l.length ? mean(l) : null, digits)} (${fixed(truth(runs[0]), digits)})`;
  };
  for (const runs of grouped(results).values()) {
    const fit = (r) => r.windows.find((w) => w.days === days)?.incremental;
    const cells = [
      pair(runs, (r) => fit(r)?.organicShare, (r) => r.truth.organicShare, 3),
      pair(runs, (r) => fit(r)?.halfLifeDays, (r) => r.truth.halfLifeDays, 1),
      ...types.map((t) => pair(runs, (r) => fit(r)?.touchTypes[t], (r) => r.truth.touchTypes[t], 2)),
      pair(runs, (r) => fit(r)?.roles.mega?.opening, (r) => r.truth.roles.mega.opening, 2),
      pair(runs, (r) => fit(r)?.roles.KOC?.closing, (r) => r.truth.roles.KOC.closing, 2),
    ];
    const unconverged = runs.filter((r) => fit(r) && !fit(r).converged).length;
    const note = unconverged ? ` (${unconverged} not converged)` : "";
    lines.push(`| ${runs[0].structure}${note} | ${runs[0].journeys.toLocaleString("en-US")} | ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}

const args = parseArgs(process.argv.slice(2));
const models = engine.catalogue().models.map((m) => m.id);
const results = [];
const started = performance.now();
const total = args.structures.length * args.sizes.length * args.seeds;
for (const structure of args.structures) {
  for (const journeys of args.sizes) {
    for (let seed = 1; seed <= args.seeds; seed++) {
      const result = run(models, structure, journeys, seed, args);
      results.push(result);
      const own = result.windows.map((w) => `${w.days}d ${fixed(w.scores.incremental?.tier)}/${fixed(w.scores.incremental?.creator)}`).join(", ");
      process.stderr.write(`[${results.length}/${total}] ${structure}, ${journeys.toLocaleString("en-US")} journeys, seed ${seed}: ${result.orders} orders, ${result.seconds.toFixed(1)} s; incremental tier/creator error ${own}\n`);
    }
  }
}
const minutes = (performance.now() - started) / 60_000;
if (args.json) writeFileSync(args.json, `${JSON.stringify({ args, models, results }, null, 1)}\n`);

const out = [];
out.push(`# Truth grid`, "");
out.push(
  `${args.structures.length} structures × ${args.sizes.map((s) => s.toLocaleString("en-US")).join(", ")} journeys × seeds 1–${args.seeds}, ` +
    `${args.creators} creators, windows ${args.windows.join(" and ")} days; ${models.length} models; ${minutes.toFixed(1)} min, Node ${process.version}.`,
  "",
);
out.push(
  "Error = Σ|a model's share of attributed conversions − the true share of incremental conversions| (0 perfect, 2 as wrong as possible); " +
    "cells are the mean over seeds (the worst in brackets), the lowest mean in bold. Floor: the same error for a model that knows the " +
    "generator's process exactly and splits each order drawn by it (every touch eligible): the orders are one draw, the truth their " +
    "expectation, so no fit can be expected to do better.",
  "",
);
out.push("## Summary", "", summary(results, models, args), "");
for (const days of args.windows) {
  for (const level of ["tier", "creator"]) {
    out.push(`## ${level === "tier" ? "Tier" : "Creator"} level, ${days}-day window`, "", errorTable(results, models, days, level), "");
  }
}
for (const days of args.windows) {
  out.push(`## What incremental learned, ${days}-day window (mean over seeds; the generator's value in brackets)`, "", learnedTable(results, days), "");
}
process.stdout.write(`${out.join("\n")}\n`);
