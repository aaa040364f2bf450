#!/usr/bin/env node
// kol-attribution: the calculator's engine from the command line. Same wasm, same result objects
// as the page. Exit codes: 0 success, 1 the input has problems, 2 bad arguments or unreadable
// file, 3 internal error.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";

const ENGINE = new URL("../www/pkg/", import.meta.url);
const MODELS = ["first_touch", "last_touch", "linear", "time_decay", "position_based", "touch_weighted", "platform_last_click", "markov", "shapley"];
const TOUCH_TYPES = { view: "view", like: "like", comment: "comment", save: "save", click: "click", qr_scan: "qrScan", promo_code: "promoCode", other: "other" };
const CAMPAIGN_FILES = { kols: "creators", touchpoints: "touchpoints", orders: "orders" };

const HELP = {
  main: `kol-attribution: attribution for Xiaohongshu creator campaigns

Usage:
  kol-attribution compare (--kols FILE --touchpoints FILE --orders FILE | --paths FILE) [options]
  kol-attribution commission --kols FILE --touchpoints FILE --orders FILE [options]
  kol-attribution roi --kols FILE --touchpoints FILE --orders FILE [options]
  kol-attribution budget --kols FILE --touchpoints FILE --orders FILE [options]
  kol-attribution paths --kols FILE --touchpoints FILE --orders FILE [--window DAYS] [--level L]
  kol-attribution markov (--kols FILE --touchpoints FILE --orders FILE | --paths FILE) [options]
  kol-attribution sql [--dialect duckdb|bigquery|spark] [--windows LIST] [--level creator|tier]
  kol-attribution sample [--journeys N] [--creators N] [--seed S] --out DIR
  kol-attribution --version
  kol-attribution COMMAND --help

Commands:
  compare     credit per creator and tier under each model and lookback window
  commission  the commission ledger, payout calendar and every creator's cost
  roi         return on spend and the pay gap per creator and tier, model and window
  budget      next period's budget across tiers, proposed under every model and window
  paths       the campaign's journeys as an aggregated paths file (ChannelAttribution's input)
  markov      the exact Markov chain: removal effects and every transition
  sql         the warehouse SQL that aggregates billions of touches into the paths compare reads
  sample      write a seeded sample campaign (creators, touchpoints, orders, truth)

Files may be UTF-8 (with or without BOM), UTF-16 with BOM, or GBK/GB18030; "-" reads stdin.
Exit codes: 0 success, 1 the input has problems (listed on stderr), 2 bad arguments or unreadable
file, 3 internal error.`,
  compare: `kol-attribution compare: credit under each attribution model

Usage:
  kol-attribution compare --kols FILE --touchpoints FILE --orders FILE [options]
  kol-attribution compare --paths FILE [--sep TEXT] [options]

Options:
  --kols FILE         creator roster (kol_id, handle, tier, followers, category, flat_fee, commission_rate)
  --touchpoints FILE  touch log (journey_id, kol_id, timestamp, touch_type)
  --orders FILE       orders (order_id, journey_id, timestamp, value, refunded_amount or returned, channel, promo_code)
  --paths FILE        aggregated paths instead (path, total_conversions, total_conversion_value, total_null;
                      with a window_days column, as \`kol-attribution sql\` writes it, every window in it)
  --sep TEXT          with --paths: text between channels (default " > ")
  --models LIST       comma-separated, from: ${MODELS.join(", ")}
                      (default: all; with --paths, those that need no touch times or types)
  --windows LIST      lookback windows in days, comma-separated (default 7,14,30,60,90,120; with a
                      multi-window paths file, which of its windows)
  --baseline M[:D]    model (and window in days) every cell is compared against (default last_touch:30)
  --level L           creator, tier or both (default both)
  --half-life DAYS    time_decay half-life (default 7)
  --position F,L      position_based first and last shares (default 0.4,0.4)
  --touch-weights T=W,...  touch_weighted weights, e.g. save=3,promo_code=5 (defaults: view 1, like 1,
                      comment 2, save 3, click 3, qr_scan 4, promo_code 5, other 1)
  --unique-creators   linear splits among distinct creators, not touches
  --click-window H    platform_last_click click window in hours, 1 to 720 (default 72)
  --markov-order N    markov: channels a state remembers, 1 to 4 (default 1)
  --collapse-repeats  markov: a creator repeated back to back counts once
  --shapley-permutations N
                      shapley: random orders for a channel set above 12 (default 2000)
  --seed S            seed of every random draw (default 7)
  --intervals N       bootstrap resamples for the tiers' 90% intervals (default 200; 0 for none)
  --truth FILE        a sample's truth.json: score every model against the known truth (printed
                      on stderr, and in the JSON as truthScores)
  --utc-offset MIN    minutes east of UTC for times without an offset (default 480, China)
  --map FILE.FIELD=HEADER
                      read FIELD of kols|touchpoints|orders from the column HEADER (repeatable),
                      e.g. --map orders.value=实付款
  --format FORMAT     json (default: the same result object the page gets) or csv
  -h, --help          this help

Examples:
  kol-attribution compare --kols kols.csv --touchpoints touches.csv --orders orders.csv --windows 7,30,90
  kol-attribution compare --paths paths.csv --models last_touch,linear --format csv
  kol-attribution compare --kols s/creators.csv --touchpoints s/touchpoints.csv --orders s/orders.csv --truth s/truth.json`,
  markov: `kol-attribution markov: the exact Markov chain of a window's journeys

Usage:
  kol-attribution markov --kols FILE --touchpoints FILE --orders FILE [--window DAYS] [--level L] [options]
  kol-attribution markov --paths FILE [--sep TEXT] [options]

Options:
  --window DAYS       lookback window (default 30)
  --level L           creator or tier states (default creator)
  --order N           channels a state remembers, 1 to 4 (default 1)
  --collapse-repeats  a channel repeated back to back counts once
  --format FORMAT     json (default: P(conv), removal effects and transitions) or csv (removal effects)

Prints P(conversion), every channel's removal effect on conversions, value and net value, and every
transition with its probability. Solved exactly; the same input gives the same numbers on every run.`,
  commission: `kol-attribution commission: the commission ledger, payout calendar and costs

Usage:
  kol-attribution commission --kols FILE --touchpoints FILE --orders FILE [options]

Options:
  --basis M[:D]          which attribution earns commission (default platform_last_click:30)
  --default-rate R       rate when neither the creator nor its category has one (default 10%)
  --category-rate C=R    rate for a roster category, repeatable, e.g. skincare=20%
  --holding-days N       days before commission is payable, 0 to 90 (default 15)
  --as-of YYYY-MM-DD     the date statuses are given at (default: the latest date in the data)
  --bonus [TIER:]T:A     bonus A when attributed net value reaches T, repeatable, e.g. mega:100000:5000
  --platform-fee R       the platform's transaction fee on order value (default 5%)
  --platform-fee-for C=R the fee for orders of product category C (the orders' category column)
  --utc-offset MIN, --map FILE.FIELD=HEADER  as for compare
  --format FORMAT        json (default: the whole money report) or csv (the ledger)

Rounding: an order's commission is rounded half-up to the fen, then split between its creators by
largest remainder, so the parts sum exactly to the whole.`,
  roi: `kol-attribution roi: return on spend and the gap between what is paid and what each model says was earned

Usage:
  kol-attribution roi --kols FILE --touchpoints FILE --orders FILE [options]

Takes compare's --models, --windows, --level and model options, and commission's options. Prints one
row per window, level, model and channel: cost (fees, commission, bonuses), attributed net value,
ROAS, cost per attributed order, commission paid under the basis, commission the model says was earned,
and the gap (paid − earned; above 0 means overpaid). --format json (default) or csv.`,
  budget: `kol-attribution budget: next period's budget across tiers, under every model and window

Usage:
  kol-attribution budget --kols FILE --touchpoints FILE --orders FILE [options]

Two proposals per model and window: follow the credit (budget in proportion to each tier's
attributed return) and marginal return (each tier gets a diminishing-returns curve through its
current spend and attributed return; the budget goes where the next yuan returns most).
Current spend is each tier's cost: fees, commission and bonuses (commission's options apply).

Options:
  --budget AMOUNT        next period's budget (default: what the tiers cost now)
  --metric M             net_value (default) or conversions
  --curve C              hill (default: saturating, R = c·s^k/(s^k + h^k)) or power (R = c·s^b)
  --half-saturation X    hill: h as a multiple of current spend (default 1; 0.05 to 20)
  --slope K              hill: steepness k (default 1; 0.1 to 1)
  --exponent B           power: exponent b (default 0.5; 0.05 to 0.95)
  --min TIER=BOUND       least a tier may get, an amount or a multiple of its current spend
                         (mega=50000, koc=0.5x); TIER * applies to every tier without its own
  --max TIER=BOUND       most a tier may get, likewise (micro=2x)
  --lock TIER            keep a tier at its current spend (repeatable)
  --models LIST, --windows LIST and model options as for compare; commission's options
  --format FORMAT        json (default), csv (a row per window, model, method and tier) or table

Limits no split can meet (minimums above the budget, maximums below it) are refused with each
tier's part named; nothing is proposed.`,
  paths: `kol-attribution paths: a campaign's journeys as an aggregated paths file

Usage:
  kol-attribution paths --kols FILE --touchpoints FILE --orders FILE [--window DAYS] [--level L] [--gross] [--events]

Options:
  --window DAYS   lookback window (default 30)
  --level L       creator (default) or tier
  --gross         value before refunds (default: after refunds)
  --events        add touch_types and touch_ages_seconds to each converting path, so time decay,
                  touch-weighted and the platform's click can run on the file
  --utc-offset MIN, --map FILE.FIELD=HEADER  as for compare`,
  sql: `kol-attribution sql: SQL for your warehouse that writes the paths compare reads, every window at once

Usage:
  kol-attribution sql [--dialect D] [--windows LIST] [--level L] [--creators T] [--touchpoints T] [--orders T]

Prints one query (sql/paths.sql, filled in) that turns the creators, touchpoints and orders tables
into aggregated paths for every lookback window: window_days, path, total_conversions,
total_conversion_value, total_net_value, total_null. Save its result as CSV and run
kol-attribution compare --paths RESULT.csv, or paste it into the page. It gives exactly the paths
the calculator builds from the same rows (tested in DuckDB on every window).

Options:
  --dialect D       duckdb (default), bigquery or spark
  --windows LIST    lookback windows in days (default 7,14,30,60,90,120)
  --level L         creator (default) or tier paths
  --creators T, --touchpoints T, --orders T
                    table names (default creators, touchpoints, orders), e.g. shop.ods.xhs_touches
  --events          add each converting path's touch_types and touch_ages_seconds, so time_decay,
                    touch_weighted and platform_last_click run on the result too (orders then
                    merge only when their touches' types and ages agree: more rows)

Models on plain paths: first_touch, last_touch, linear, position_based, markov, shapley; with
--events, all nine.`,
  sample: `kol-attribution sample: write a seeded, realistic sample campaign

Usage:
  kol-attribution sample [--journeys N] [--creators N] [--seed S] --out DIR

Writes DIR/creators.csv, DIR/touchpoints.csv, DIR/orders.csv and DIR/truth.json (each tier's true
incremental conversions under the generator's causal model). The same seed gives the same bytes.

Options:
  --journeys N   users, converting or not (default 3000)
  --creators N   creators (default 40)
  --seed S       random seed (default 7)
  --out DIR      folder to write into (created if missing)`,
};

class UsageError extends Error {}

function fail(message, code) {
  process.stderr.write(`kol-attribution: ${message}\n`);
  process.exit(code);
}

let engine;
function wasm() {
  if (engine) return engine;
  let bytes;
  try {
    bytes = readFileSync(new URL("kol_attribution_bg.wasm", ENGINE));
  } catch {
    fail("the engine is not built; run `npm run build` first", 2);
  }
  return import(new URL("kol_attribution.js", ENGINE).href).then((module) => {
    module.initSync({ module: bytes });
    engine = module;
    return module;
  });
}

function parse(argv, options) {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: "boolean", short: "h" } }, strict: true }).values;
  } catch (error) {
    throw new UsageError(error.message);
  }
}

/** A file's text, decoded by the engine (UTF-8, UTF-16 with BOM, GBK); problems name `label`. */
function readText(module, path, label) {
  let bytes;
  try {
    bytes = path === "-" ? readFileSync(0) : readFileSync(path);
  } catch (error) {
    throw new UsageError(`cannot read ${path === "-" ? "standard input" : path}: ${error.code ?? error.message}`);
  }
  return module.decodeFile(bytes, label).text;
}

function list(text, name, check) {
  const items = text.split(",").map((s) => s.trim()).filter(Boolean);
  const bad = items.filter((item) => !check(item));
  if (bad.length || !items.length) throw new UsageError(`bad --${name}: ${bad.join(", ") || "(empty)"}`);
  return items;
}

function integer(text, name, min, max) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
  return value;
}

/** Runs `compute`; on input problems lists each on stderr (file paths named as given) and exits 1. */
function run(compute, files) {
  try {
    return compute();
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const problems = error.problems ?? [];
    if (problems.length === 0) fail(error.message, error.option ? 2 : 1);
    report(problems, files);
    const errors = problems.filter((p) => p.severity !== "warning").length;
    fail(`${errors} problem${errors === 1 ? "" : "s"} in the input; nothing was computed`, 1);
  }
}

function report(problems, files) {
  for (const p of problems) {
    const file = files[p.file] ?? p.file;
    const column = p.column === null ? "" : `, column ${p.column}${p.columnName ? ` (${p.columnName})` : ""}`;
    const value = p.value === null ? "" : `, value ${JSON.stringify(p.value)}`;
    const prefix = p.severity === "warning" ? "warning: " : "";
    process.stderr.write(`${prefix}${file} line ${p.line}${column}${value}: ${p.message}\n`);
  }
}

function campaignArgs(values) {
  const given = Object.keys(CAMPAIGN_FILES).filter((k) => values[k] !== undefined);
  if (given.length !== 3) {
    throw new UsageError("a campaign needs all of --kols, --touchpoints and --orders (or use --paths)");
  }
  const input = { now: Math.floor(Date.now() / 1000) };
  if (values["utc-offset"] !== undefined) input.utcOffsetMinutes = integer(values["utc-offset"], "utc-offset", -1080, 1080);
  for (const mapping of values.map ?? []) {
    const match = /^(kols|touchpoints|orders)\.([a-z_]+)=(.+)$/.exec(mapping);
    if (!match) throw new UsageError(`bad --map ${JSON.stringify(mapping)}: write FILE.FIELD=HEADER, e.g. orders.value=实付款`);
    const [, flag, field, header] = match;
    input.columns ??= {};
    (input.columns[CAMPAIGN_FILES[flag]] ??= {})[field] = header;
  }
  return input;
}

async function loadCampaign(values) {
  const module = await wasm();
  const files = {};
  const inputs = {};
  for (const [flag, label] of Object.entries(CAMPAIGN_FILES)) {
    files[label] = values[flag] === "-" ? "stdin" : values[flag];
    inputs[label] = run(() => readText(module, values[flag], label), files);
  }
  return { module, files, inputs };
}

/** Reads `--paths` (refusing campaign files beside it), for compare and markov. */
async function loadPaths(values) {
  if (values.kols ?? values.touchpoints ?? values.orders) throw new UsageError("give either --paths or the three campaign files, not both");
  const module = await wasm();
  const files = { paths: values.paths === "-" ? "stdin" : values.paths };
  return { module, files, text: run(() => readText(module, values.paths, "paths"), files) };
}

const MODEL_FLAGS = {
  "half-life": { type: "string" },
  position: { type: "string" },
  "touch-weights": { type: "string" },
  "unique-creators": { type: "boolean" },
  "click-window": { type: "string" },
  "markov-order": { type: "string" },
  "collapse-repeats": { type: "boolean" },
  "shapley-permutations": { type: "string" },
  seed: { type: "string" },
};

const CAMPAIGN_OPTIONS = {
  kols: { type: "string" },
  touchpoints: { type: "string" },
  orders: { type: "string" },
  "utc-offset": { type: "string" },
  map: { type: "string", multiple: true },
};

async function compare(argv) {
  const values = parse(argv, {
    ...CAMPAIGN_OPTIONS,
    paths: { type: "string" },
    sep: { type: "string" },
    models: { type: "string" },
    windows: { type: "string" },
    baseline: { type: "string" },
    level: { type: "string" },
    ...MODEL_FLAGS,
    intervals: { type: "string" },
    truth: { type: "string" },
    format: { type: "string", default: "json" },
  });
  if (values.help) return void console.log(HELP.compare);
  if (!["json", "csv"].includes(values.format)) throw new UsageError(`--format must be json or csv, not ${JSON.stringify(values.format)}`);
  const models = values.models === undefined ? undefined : list(values.models, "models", () => true);
  const unknown = (models ?? []).filter((m) => !MODELS.includes(m));
  if (unknown.length) throw new UsageError(`unknown model ${unknown.join(", ")}; choose from ${MODELS.join(", ")}`);
  const write = (result, toCsv) =>
    process.stdout.write(values.format === "csv" ? toCsv(result) : `${JSON.stringify(result, null, 2)}\n`);

  const modelOptions = modelOptionsFrom(values);
  const [baselineModel, baselineDays] = (values.baseline ?? "").split(":");
  if (values.baseline !== undefined && !MODELS.includes(baselineModel)) throw new UsageError(`unknown baseline model ${baselineModel}; choose from ${MODELS.join(", ")}`);
  if (values.level !== undefined && !["creator", "tier", "both"].includes(values.level)) throw new UsageError("--level must be creator, tier or both");
  if (values.paths !== undefined) {
    const { module, files, text } = await loadPaths(values);
    const options = { paths: {}, modelOptions };
    if (values.sep !== undefined) options.paths.separator = values.sep;
    if (models) options.models = models;
    if (values.baseline !== undefined) options.baseline = baselineModel;
    const result = run(() => module.comparePathWindows(text, options), files);
    if (!models && result.needsEvents.length) {
      const computed = MODELS.filter((m) => !result.needsEvents.includes(m));
      process.stderr.write(`note: from paths: ${computed.join(", ")}; ${result.needsEvents.join(", ")} need each touch's time and type: give --kols, --touchpoints and --orders\n`);
    }
    // A plain paths file gives the plain comparison; a multi-window file (the warehouse SQL's) one per window.
    if (result.windows.length === 1 && result.windows[0].days === null) return write(result.windows[0].comparison, module.creditsCsv);
    if (values.windows !== undefined) {
      const wanted = list(values.windows, "windows", (w) => /^\d+$/.test(w)).map(Number);
      const present = result.windows.map((w) => w.days);
      const missing = wanted.filter((d) => !present.includes(d));
      if (missing.length) throw new UsageError(`the paths file has no ${missing.join(", ")}-day window; it has ${present.join(", ")}`);
      result.windows = result.windows.filter((w) => wanted.includes(w.days));
    }
    return write(result, (r) => windowsCsv(module, r));
  }
  const input = campaignArgs(values);
  const options = { input, modelOptions };
  if (models) options.models = models;
  if (values.level !== undefined) options.level = values.level;
  if (values.baseline !== undefined) {
    options.baseline = { model: baselineModel };
    if (baselineDays !== undefined) options.baseline.days = integer(baselineDays, "baseline days", 1, 3650);
  }
  if (values.windows !== undefined) options.windows = list(values.windows, "windows", (w) => /^\d+$/.test(w)).map(Number);
  if (values.intervals !== undefined) options.intervals = { resamples: integer(values.intervals, "intervals", 0, 10_000) };
  if (values.truth !== undefined) {
    try {
      options.truth = JSON.parse(readFileSync(values.truth, "utf8"));
    } catch (error) {
      throw new UsageError(`cannot read --truth ${values.truth}: ${error.code ?? error.message}`);
    }
  }
  const { module, files, inputs } = await loadCampaign(values);
  const result = run(() => module.campaignReport(inputs, options), files);
  report(result.warnings, files);
  if (result.truthScores.length) process.stderr.write(truthTable(result.truthScores));
  write(result, module.reportCsv);
}

/** Each window's credits as CSV under one header, with the window in the first column. */
function windowsCsv(module, result) {
  const lines = [];
  for (const { days, comparison } of result.windows) {
    const [header, ...rows] = module.creditsCsv(comparison).trimEnd().split("\n");
    if (!lines.length) lines.push(`window_days,${header}`);
    for (const row of rows) lines.push(`${days},${row}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Every model's error against the truth, a row per model and a column per window. */
function truthTable(scores) {
  const windows = [...new Set(scores.map((s) => s.days))];
  const models = [...new Set(scores.map((s) => s.model))];
  const width = Math.max(...models.map((m) => m.length));
  const lines = [
    "Distance from the true incremental conversions per tier (Σ|share − true share|, 0 is perfect):",
    `${"model".padEnd(width)}  ${windows.map((d) => `${d}d`.padStart(6)).join("")}`,
    ...models.map((model) => `${model.padEnd(width)}  ${windows.map((d) => scores.find((s) => s.model === model && s.days === d).error.toFixed(3).padStart(6)).join("")}`),
  ];
  return `${lines.join("\n")}\n`;
}

function number(text, name) {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value)) throw new UsageError(`--${name} needs a number, not ${JSON.stringify(text)}`);
  return value;
}

/** The models' parameters from the command line; the engine checks their ranges. */
function modelOptionsFrom(values) {
  const options = {};
  if (values["half-life"] !== undefined) options.halfLifeDays = number(values["half-life"], "half-life");
  if (values.position !== undefined) {
    const [first, last, extra] = values.position.split(",");
    if (last === undefined || extra !== undefined) throw new UsageError("--position needs two shares, FIRST,LAST, e.g. 0.4,0.4");
    options.firstShare = number(first, "position");
    options.lastShare = number(last, "position");
  }
  if (values["touch-weights"] !== undefined) {
    options.touchWeights = {};
    for (const pair of values["touch-weights"].split(",")) {
      const [type, weight] = pair.split("=");
      if (!Object.hasOwn(TOUCH_TYPES, type) || weight === undefined) {
        throw new UsageError(`bad --touch-weights ${JSON.stringify(pair)}: write TYPE=WEIGHT with TYPE one of ${Object.keys(TOUCH_TYPES).join(", ")}`);
      }
      options.touchWeights[TOUCH_TYPES[type]] = number(weight, "touch-weights");
    }
  }
  if (values["unique-creators"]) options.uniqueCreators = true;
  if (values["click-window"] !== undefined) options.clickWindowHours = integer(values["click-window"], "click-window", 1, 720);
  if (values["markov-order"] !== undefined) options.markovOrder = integer(values["markov-order"], "markov-order", 1, 4);
  if (values["collapse-repeats"]) options.collapseRepeats = true;
  if (values["shapley-permutations"] !== undefined) options.shapleyPermutations = integer(values["shapley-permutations"], "shapley-permutations", 10, 1_000_000);
  if (values.seed !== undefined) options.seed = integer(values.seed, "seed", 0, Number.MAX_SAFE_INTEGER);
  return options;
}

const MONEY_OPTIONS = {
  basis: { type: "string" },
  "default-rate": { type: "string" },
  "category-rate": { type: "string", multiple: true },
  "holding-days": { type: "string" },
  "as-of": { type: "string" },
  bonus: { type: "string", multiple: true },
  "platform-fee": { type: "string" },
  "platform-fee-for": { type: "string", multiple: true },
};

async function commission(argv) {
  const values = parse(argv, { ...CAMPAIGN_OPTIONS, ...MONEY_OPTIONS, format: { type: "string", default: "json" } });
  if (values.help) return void console.log(HELP.commission);
  if (!["json", "csv"].includes(values.format)) throw new UsageError(`--format must be json or csv, not ${JSON.stringify(values.format)}`);
  const options = moneyOptionsFrom(values, campaignArgs(values));
  const { module, files, inputs } = await loadCampaign(values);
  const result = run(() => module.moneyReport(inputs, options), files);
  process.stdout.write(values.format === "csv" ? module.ledgerCsv(result) : `${JSON.stringify(result, null, 2)}\n`);
}

const REPORT_FLAGS = {
  ...CAMPAIGN_OPTIONS,
  ...MONEY_OPTIONS,
  ...MODEL_FLAGS,
  models: { type: "string" },
  windows: { type: "string" },
  format: { type: "string", default: "json" },
};

/** The campaign report (no intervals: neither roi nor budget uses them) and money report. */
async function reportAndMoney(values, level) {
  const input = campaignArgs(values);
  const money = moneyOptionsFrom(values, input);
  const modelOptions = modelOptionsFrom(values);
  money.modelOptions = modelOptions;
  const options = { input, modelOptions, level, intervals: { resamples: 0 } };
  if (values.models !== undefined) options.models = list(values.models, "models", (m) => MODELS.includes(m));
  if (values.windows !== undefined) options.windows = list(values.windows, "windows", (w) => /^\d+$/.test(w)).map(Number);
  const { module, files, inputs } = await loadCampaign(values);
  const report = run(() => module.campaignReport(inputs, options), files);
  return { module, report, money: run(() => module.moneyReport(inputs, money), files) };
}

function checkFormat(format, allowed) {
  if (!allowed.includes(format)) throw new UsageError(`--format must be ${allowed.join(" or ")}, not ${JSON.stringify(format)}`);
}

async function roi(argv) {
  const values = parse(argv, { ...REPORT_FLAGS, level: { type: "string" } });
  if (values.help) return void console.log(HELP.roi);
  checkFormat(values.format, ["json", "csv"]);
  const level = values.level ?? "both";
  if (!["creator", "tier", "both"].includes(level)) throw new UsageError("--level must be creator, tier or both");
  const { module, report, money } = await reportAndMoney(values, level);
  const rows = module.roiRows(report, money);
  process.stdout.write(values.format === "csv" ? module.roiCsv(rows) : `${JSON.stringify(rows, null, 2)}\n`);
}

async function budget(argv) {
  const values = parse(argv, {
    ...REPORT_FLAGS,
    budget: { type: "string" },
    metric: { type: "string" },
    curve: { type: "string" },
    "half-saturation": { type: "string" },
    slope: { type: "string" },
    exponent: { type: "string" },
    min: { type: "string", multiple: true },
    max: { type: "string", multiple: true },
    lock: { type: "string", multiple: true },
  });
  if (values.help) return void console.log(HELP.budget);
  checkFormat(values.format, ["json", "csv", "table"]);
  const options = budgetOptionsFrom(values);
  const { module, report, money } = await reportAndMoney(values, "tier");
  const result = run(() => module.budgetPlan(report, money, options), {});
  const text = { json: () => `${JSON.stringify(result, null, 2)}\n`, csv: () => module.budgetCsv(result), table: () => budgetTable(result) };
  process.stdout.write(text[values.format]());
}

/** Budget options from the command line; the engine checks their values and the tiers named. */
function budgetOptionsFrom(values) {
  const options = {};
  if (values.budget !== undefined) options.budget = values.budget;
  if (values.metric !== undefined) {
    if (!["net_value", "conversions"].includes(values.metric)) throw new UsageError("--metric must be net_value or conversions");
    options.metric = values.metric;
  }
  if (values.curve !== undefined) {
    if (!["hill", "power"].includes(values.curve)) throw new UsageError("--curve must be hill or power");
    options.curve = values.curve;
  }
  if (values["half-saturation"] !== undefined) options.halfSaturation = number(values["half-saturation"], "half-saturation");
  if (values.slope !== undefined) options.slope = number(values.slope, "slope");
  if (values.exponent !== undefined) options.exponent = number(values.exponent, "exponent");
  const constraints = new Map();
  const constraint = (tier) => {
    if (!tier) throw new UsageError("a tier limit needs a tier name (or * for every tier without its own)");
    if (!constraints.has(tier)) constraints.set(tier, tier === "*" ? {} : { tier });
    return constraints.get(tier);
  };
  for (const flag of ["min", "max"]) {
    for (const pair of values[flag] ?? []) {
      const at = pair.indexOf("=");
      if (at < 0) throw new UsageError(`bad --${flag} ${JSON.stringify(pair)}: write TIER=AMOUNT or TIER=MULTIPLEx, e.g. mega=50000 or koc=0.5x`);
      constraint(pair.slice(0, at))[flag] = pair.slice(at + 1);
    }
  }
  for (const tier of values.lock ?? []) constraint(tier).locked = true;
  if (constraints.size) options.constraints = [...constraints.values()];
  return options;
}

/** Per window and method: a row per tier, its spend now and each model's proposal; lift below. */
function budgetTable(result) {
  const yuan = (amount) => Number(amount).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const lines = [`Budget ¥${yuan(result.budget)} (now ¥${yuan(result.currentSpend)}); return counted as ${result.metric}; ${result.curve}`];
  const groups = new Map();
  for (const plan of result.plans) {
    const key = `${plan.days} ${plan.method}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(plan);
  }
  for (const plans of groups.values()) {
    const { days, method } = plans[0];
    const width = Math.max(14, ...plans.map((p) => p.model.length + 2));
    const tierWidth = Math.max(6, ...result.tiers.map((t) => t.tier.length + 2));
    const row = (label, now, cells) => `${label.padEnd(tierWidth)}${now.padStart(14)}${cells.map((c) => c.padStart(width)).join("")}`;
    lines.push("", `${days}-day window, ${method.replace("_", " ")}:`);
    lines.push(row("tier", "now", plans.map((p) => p.model)));
    for (const [i, tier] of result.tiers.entries()) {
      lines.push(row(tier.tier, yuan(tier.currentSpend), plans.map((p) => yuan(p.tiers[i].proposedSpend))));
    }
    lines.push(row("lift", "", plans.map((p) => `${p.lift.startsWith("-") ? "" : "+"}${yuan(p.lift)}`)));
  }
  return `${lines.join("\n")}\n`;
}

/** Commission options from the command line; the engine checks their values. */
function moneyOptionsFrom(values, input) {
  const options = { input };
  if (values.basis !== undefined) {
    const [model, days] = values.basis.split(":");
    if (!MODELS.includes(model)) throw new UsageError(`unknown basis model ${model}; choose from ${MODELS.join(", ")}`);
    options.basis = { model, days: days === undefined ? null : integer(days, "basis days", 1, 3650) };
  }
  if (values["default-rate"] !== undefined) options.defaultRate = values["default-rate"];
  if (values["platform-fee"] !== undefined) options.platformFeeRate = values["platform-fee"];
  if (values["holding-days"] !== undefined) options.holdingDays = integer(values["holding-days"], "holding-days", 0, 90);
  for (const pair of values["platform-fee-for"] ?? []) {
    const [category, rate] = pair.split("=");
    if (!category || rate === undefined) throw new UsageError(`bad --platform-fee-for ${JSON.stringify(pair)}: write CATEGORY=RATE, e.g. electronics=2%`);
    (options.platformFeeRates ??= {})[category] = rate;
  }
  for (const pair of values["category-rate"] ?? []) {
    const [category, rate] = pair.split("=");
    if (!category || rate === undefined) throw new UsageError(`bad --category-rate ${JSON.stringify(pair)}: write CATEGORY=RATE, e.g. skincare=20%`);
    (options.categoryRates ??= {})[category] = rate;
  }
  for (const rule of values.bonus ?? []) {
    const parts = rule.split(":");
    if (parts.length < 2 || parts.length > 3) throw new UsageError(`bad --bonus ${JSON.stringify(rule)}: write [TIER:]THRESHOLD:AMOUNT, e.g. mega:100000:5000`);
    const [threshold, amount] = parts.slice(-2);
    (options.bonuses ??= []).push(parts.length === 3 ? { tier: parts[0], threshold, amount } : { threshold, amount });
  }
  if (values["as-of"] !== undefined) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(values["as-of"]);
    if (!match) throw new UsageError("--as-of must be a date, YYYY-MM-DD");
    const offset = input.utcOffsetMinutes ?? 480;
    options.asOf = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / 1000 - offset * 60;
  }
  return options;
}

async function paths(argv) {
  const values = parse(argv, { ...CAMPAIGN_OPTIONS, window: { type: "string" }, level: { type: "string" }, gross: { type: "boolean" }, events: { type: "boolean" } });
  if (values.help) return void console.log(HELP.paths);
  const input = campaignArgs(values);
  const level = values.level ?? "creator";
  if (!["creator", "tier"].includes(level)) throw new UsageError("--level must be creator or tier");
  const days = values.window === undefined ? 30 : integer(values.window, "window", 1, 3650);
  const { module, files, inputs } = await loadCampaign(values);
  process.stdout.write(run(() => module.campaignPathsCsv(inputs, { days, level, net: !values.gross, events: values.events === true, input }), files));
}

async function markov(argv) {
  const values = parse(argv, {
    ...CAMPAIGN_OPTIONS,
    paths: { type: "string" },
    sep: { type: "string" },
    window: { type: "string" },
    level: { type: "string" },
    order: { type: "string" },
    "collapse-repeats": { type: "boolean" },
    format: { type: "string", default: "json" },
  });
  if (values.help) return void console.log(HELP.markov);
  if (!["json", "csv"].includes(values.format)) throw new UsageError(`--format must be json or csv, not ${JSON.stringify(values.format)}`);
  const order = values.order === undefined ? 1 : integer(values.order, "order", 1, 4);
  const collapseRepeats = Boolean(values["collapse-repeats"]);
  let chain;
  if (values.paths !== undefined) {
    const { module, files, text } = await loadPaths(values);
    const paths = values.sep === undefined ? {} : { separator: values.sep };
    chain = run(() => module.pathsMarkov(text, { order, collapseRepeats, paths }), files);
  } else {
    const input = campaignArgs(values);
    const level = values.level ?? "creator";
    if (!["creator", "tier"].includes(level)) throw new UsageError("--level must be creator or tier");
    const days = values.window === undefined ? 30 : integer(values.window, "window", 1, 3650);
    const { module, files, inputs } = await loadCampaign(values);
    chain = run(() => module.campaignMarkov(inputs, { days, level, order, collapseRepeats, input }), files);
  }
  if (values.format === "json") return void process.stdout.write(`${JSON.stringify(chain, null, 2)}\n`);
  const csvCell = (text) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text).replace(/^(.*[",\n].*)$/s, (t) => `"${t.replaceAll('"', '""')}"`);
  const rows = chain.removalEffects.map((e) => [csvCell(e.channel), e.conversion, e.value, e.netValue].join(","));
  process.stdout.write(`channel,removal_effect_conversion,removal_effect_value,removal_effect_net_value\n${rows.join("\n")}\n`);
}

async function sample(argv) {
  const values = parse(argv, { journeys: { type: "string" }, creators: { type: "string" }, seed: { type: "string" }, out: { type: "string" } });
  if (values.help) return void console.log(HELP.sample);
  if (!values.out) throw new UsageError("sample needs --out DIR (see kol-attribution sample --help)");
  const options = {};
  if (values.journeys !== undefined) options.journeys = integer(values.journeys, "journeys", 1, 5_000_000);
  if (values.creators !== undefined) options.creators = integer(values.creators, "creators", 4, 100_000);
  if (values.seed !== undefined) options.seed = integer(values.seed, "seed", 0, Number.MAX_SAFE_INTEGER);
  const module = await wasm();
  const result = run(() => module.sampleCampaign(options), {});
  try {
    mkdirSync(values.out, { recursive: true });
    for (const [name, text] of Object.entries(result.inputs)) writeFileSync(join(values.out, `${name}.csv`), text);
    writeFileSync(join(values.out, "truth.json"), `${JSON.stringify(result.truth, null, 2)}\n`);
  } catch (error) {
    throw new UsageError(`cannot write to ${values.out}: ${error.code ?? error.message}`);
  }
  process.stderr.write(`wrote creators.csv, touchpoints.csv, orders.csv and truth.json to ${values.out}\n`);
}

async function sql(argv) {
  const values = parse(argv, {
    dialect: { type: "string", default: "duckdb" },
    windows: { type: "string" },
    level: { type: "string", default: "creator" },
    creators: { type: "string", default: "creators" },
    touchpoints: { type: "string", default: "touchpoints" },
    orders: { type: "string", default: "orders" },
    events: { type: "boolean" },
  });
  if (values.help) return void console.log(HELP.sql);
  const dialects = ["duckdb", "bigquery", "spark"];
  if (!dialects.includes(values.dialect)) throw new UsageError(`--dialect must be one of ${dialects.join(", ")}`);
  if (!["creator", "tier"].includes(values.level)) throw new UsageError("--level must be creator or tier");
  const windows = values.windows === undefined ? undefined : list(values.windows, "windows", (w) => /^\d+$/.test(w)).map((w) => integer(w, "windows", 1, 3650));
  const tables = {};
  for (const name of ["creators", "touchpoints", "orders"]) tables[name] = values[name];
  const module = await wasm();
  const options = { dialect: values.dialect, level: values.level, tables, events: values.events === true, ...(windows ? { windows } : {}) };
  try {
    process.stdout.write(module.warehouseSql(options));
  } catch (error) {
    const flag = error.option?.startsWith("tables.") ? error.option.slice(7) : error.option;
    throw new UsageError(flag ? `--${flag} ${error.message.replace(/^option \S+ = /, "")}` : error.message);
  }
}

async function main(argv) {
  const [command, ...rest] = argv;
  if (command === undefined || command === "-h" || command === "--help" || command === "help") {
    return void console.log(HELP.main);
  }
  if (command === "--version" || command === "-V") return void console.log((await wasm()).version());
  const commands = { compare, commission, roi, budget, paths, markov, sql, sample };
  if (!Object.hasOwn(commands, command)) {
    throw new UsageError(`unknown command ${JSON.stringify(command)}; commands: ${Object.keys(commands).join(", ")} (see --help)`);
  }
  return commands[command](rest);
}

main(process.argv.slice(2)).catch((error) => {
  if (error instanceof UsageError) fail(error.message, 2);
  fail(`internal error: ${error.stack ?? error}`, 3);
});
