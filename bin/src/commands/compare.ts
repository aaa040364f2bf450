// compare: every model's credit, from a campaign's files (each window, creators and tiers, with
// intervals) or from an aggregated paths file (one window, or every window the warehouse wrote).
import type { CampaignReport, CompareOptions, LiftCheck, PathWindows, ReadCampaign, ReportOptions, TruthScore } from "../../../www/pkg/kol_attribution.js";
import type { Parsed } from "../args.js";
import { campaignGiven, codeMatchLine, json, progress, readCampaign, withReadCampaign } from "../campaign.js";
import { modelIds, setting } from "../catalogue.js";
import { CAMPAIGN_FLAGS, CSV_FORMAT, JSON_FORMAT, PATHS_FLAG, type Command } from "../command.js";
import type { Engine } from "../engine.js";
import { UsageError, isEngineError, printProblems, shown } from "../errors.js";
import { readText } from "../files.js";
import type { Given } from "../options.js";
import { attempt, type Call } from "../refusal.js";

export const compare: Command = {
  name: "compare",
  summary: "credit under each attribution model",
  usage: ["--kols FILE --touchpoints FILE --orders FILE [options]", "--paths FILE [--sep TEXT] [options]"],
  about: () =>
    "From a campaign: credit per creator and tier under each model in each lookback window, every cell against the baseline " +
    "(--level note: per note, each creator's credit split among its notes; --level group: creators as a whole beside ads and search; --level all), " +
    "with bootstrap intervals for the tiers (computed window by window; progress on stderr). From --paths: the models that need " +
    "no touch times or types, unless the file has touch_types and touch_ages_seconds columns.",
  takes: [{ group: "report" }, { group: "model" }, { group: "campaign" }, { group: "compare", only: ["paths.separator"] }],
  files: [...CAMPAIGN_FLAGS, PATHS_FLAG],
  formats: [JSON_FORMAT, CSV_FORMAT("a row per window, level, model and channel (from --paths: per model and channel)")],
  examples: [
    "kol-attribution compare --kols kols.csv --touchpoints touches.csv --orders orders.csv --windows 7,30,90",
    "kol-attribution compare --paths paths.csv --models linear,markov --format csv",
    "kol-attribution compare --kols s/creators.csv --touchpoints s/touchpoints.csv --orders s/orders.csv --truth s/truth.json",
  ],
  run: (parsed, engine) => (parsed.local.paths === undefined ? fromCampaign(parsed, engine) : fromPaths(parsed, engine)),
};

async function fromCampaign(parsed: Parsed, engine: Engine): Promise<void> {
  if (parsed.options.has("compare", "paths.separator")) throw new UsageError("--sep is for a paths file (--paths), not for a campaign's files");
  const campaign = readCampaign(engine, parsed, true);
  const options = parsed.options.build("report", ["campaign"]);
  const report = withReadCampaign(engine, parsed, campaign, (read) => {
    const call = campaign.call("report", options);
    const resamples = options.intervals?.resamples ?? Number(setting(parsed.catalogue, "report", "intervals.resamples").default);
    const level = options.level ?? setting(parsed.catalogue, "report", "level").default;
    const windows = options.windows ?? (setting(parsed.catalogue, "report", "windows").default as number[]);
    const models = options.models ?? (setting(parsed.catalogue, "report", "models").default as string[]);
    // Intervals are the tiers': levels without tiers have none to compute.
    if (resamples === 0 || !["both", "tier", "all", "auto"].includes(level as string)) return reportByWindow(read, call, options, windows, models.length);
    // Intervals refit every model per resample: the report first without them, then the tiers'
    // intervals one window at a time, so stderr says how far it got. Same numbers as one call.
    const report = reportByWindow(read, call, { ...options, intervals: { resamples: 0 } }, windows, models.length);
    // The lift tests stay: the incremental model's fit, and so its intervals, take them in.
    const { truth: _, ...rest } = options;
    for (const [index, window] of report.windows.entries()) {
      progress(`computing the tiers' intervals (${resamples} resamples): window ${index + 1} of ${report.windows.length}, ${windowName(window.days)}...`);
      const one: ReportOptions = { ...rest, ...alone(options, window.byCategory === null ? window.days : null), level: "tier" };
      const credits = attempt(campaign.call("report", one), () => read.report(one)).windows[0]?.tiers?.credits ?? [];
      for (const credit of window.tiers?.credits ?? []) {
        credit.interval = credits.find((c) => c.model === credit.model && c.channel === credit.channel)?.interval ?? null;
      }
    }
    return report;
  });
  printProblems(report.warnings, campaign.files);
  const unused = report.windows.find((w) => w.byCategory)?.byCategory?.unused ?? [];
  if (unused.length) progress(`note: the window by category's table names ${unused.join(", ")}, which no order has`);
  const codes = codeMatchLine(report.summary.promoCodes);
  if (codes) progress(codes);
  if (report.truthScores.length) process.stderr.write(truthTable(report.truthScores));
  if (report.liftChecks.length) process.stderr.write(liftTable(report.liftChecks));
  process.stdout.write(parsed.format === "csv" ? engine.reportCsv(report) : json(report));
}

/**
 * The report of `options`, asked of the engine one window at a time with a line on stderr before
 * each, so that a campaign whose report takes minutes (thousands of creators) says how far it got.
 * A window's numbers do not depend on the windows asked for with it (tests/windows_alone.rs), so
 * the windows' reports put together (the first's summary, creators, notes and warnings; windows,
 * truth scores and lift checks in window order) are the one call's report to the bit. One window,
 * or windows the engine would refuse (not whole numbers), in one call, silently.
 */
function reportByWindow(read: ReadCampaign, call: Call, options: ReportOptions, windows: readonly number[], models: number): CampaignReport {
  // The engine takes the windows sorted and without repeats, the window by category last.
  const days: Array<number | null> = [...new Set(windows)].sort((a, b) => a - b);
  if (options.categoryWindows?.enabled) days.push(null);
  if (days.length < 2 || !days.every((d) => d === null || (Number.isInteger(d) && d > 0))) return attempt(call, () => read.report(options));
  const parts: CampaignReport[] = [];
  try {
    for (const [index, window] of days.entries()) {
      progress(`computing ${models} model${models === 1 ? "" : "s"}: window ${index + 1} of ${days.length}, ${window === null ? "by category" : `${window} days`}...`);
      parts.push(read.report({ ...options, ...alone(options, window) }));
    }
  } catch (error) {
    // A refusal is the whole request's (a window beyond the bound, a lift test): asked again in
    // one call, it names the option as the user gave it.
    if (!isEngineError(error)) throw error;
    return attempt(call, () => read.report(options));
  }
  const [first] = parts as [CampaignReport, ...CampaignReport[]];
  // The window by category's part has the campaign's warnings and its own (the categories that fell back), in the one call's order.
  const last = parts.at(-1) as CampaignReport;
  return {
    ...first,
    warnings: days.at(-1) === null ? last.warnings : first.warnings,
    windows: parts.flatMap((part) => part.windows),
    truthScores: parts.flatMap((part) => part.truthScores),
    liftChecks: parts.flatMap((part) => part.liftChecks),
  };
}

/** One window's options: fixed `days` without the window by category, or (`null`) that window alone. */
function alone(options: ReportOptions, days: number | null): Pick<ReportOptions, "windows" | "categoryWindows"> {
  return { windows: days === null ? [] : [days], categoryWindows: { ...options.categoryWindows, enabled: days === null } };
}

/** A window as text: `30 days`, or `by category` (its days are 0). */
function windowName(days: number): string {
  return days === 0 ? "by category" : `${days} days`;
}

/** A window's column heading: `30d`, or `cat` for the window by category. */
function windowHead(days: number): string {
  return days === 0 ? "cat" : `${days}d`;
}

/** Flags a paths file has no use for are refused, not ignored. */
function refuseForPaths(given: readonly Given[]): void {
  const [first] = given;
  if (!first) return;
  if (first.path === "baseline.days") {
    throw new UsageError(`--${first.flag} ${shown(first.text)}: with --paths each window is compared against the baseline model in the same window; give the model alone`);
  }
  throw new UsageError(`--${first.flag}${first.text ? ` ${shown(first.text)}` : ""} is for a campaign's files (--kols, --touchpoints, --orders), not for --paths`);
}

async function fromPaths(parsed: Parsed, engine: Engine): Promise<void> {
  if (campaignGiven(parsed)) throw new UsageError("give either --paths or the three campaign files, not both");
  const { options } = parsed;
  refuseForPaths([...options.givenIn("campaign"), ...options.givenIn("report", ["level", "intervals", "truth", "baseline.days", "categoryWindows"])]);
  const given = (path: string): Given | undefined => options.given.find((g) => g.group === "report" && g.path === path);
  const models = given("models");
  if (models) options.set("compare", "models", options.get("report", "models"), models);
  const baseline = given("baseline.model");
  if (baseline) options.set("compare", "baseline", options.get("report", "baseline.model"), baseline);
  const compareOptions: CompareOptions = options.build("compare");
  const path = parsed.local.paths as string;
  const files = { paths: path === "-" ? "stdin" : path };
  const text = readText(engine, "paths", path, "paths", files);
  const call = { catalogue: parsed.catalogue, group: "compare" as const, passed: compareOptions, options, files, fileOptions: { paths: { group: "compare" as const, path: "paths", flag: "paths", text: path } } };
  const result = attempt(call, () => engine.comparePathWindows(text, compareOptions));
  const windows = given("windows");
  const [only] = result.windows;
  // A plain paths file gives the plain comparison; a multi-window file (the warehouse SQL's) one per window.
  const plain = result.windows.length === 1 && only?.days === null;
  if (plain && windows) throw new UsageError(`--windows ${shown(windows.text)}: the paths file has no window_days column, so it holds one window`);
  const selected = windows ? select(result, options.get("report", "windows") as number[]) : result;
  if (!models && result.needsEvents.length) {
    const computed = modelIds(parsed.catalogue).filter((m) => !result.needsEvents.includes(m));
    process.stderr.write(`note: from paths: ${computed.join(", ")}; ${result.needsEvents.join(", ")} need each touch's time and type: give --kols, --touchpoints and --orders\n`);
  }
  if (plain && only) return void process.stdout.write(parsed.format === "csv" ? engine.creditsCsv(only.comparison) : json(only.comparison));
  process.stdout.write(parsed.format === "csv" ? engine.pathWindowsCsv(selected) : json(selected));
}

function select(result: PathWindows, wanted: readonly number[]): PathWindows {
  const present = result.windows.map((w) => w.days);
  const missing = wanted.filter((d) => !present.includes(d));
  if (missing.length) throw new UsageError(`the paths file has no ${missing.join(", ")}-day window; it has ${present.join(", ")}`);
  return { ...result, windows: result.windows.filter((w) => w.days !== null && wanted.includes(w.days)) };
}

/** Every lift test against every model: a row per test and model, a column per window. */
function liftTable(checks: readonly LiftCheck[]): string {
  const windows = [...new Set(checks.map((c) => c.days))];
  const lines: string[] = [];
  for (const test of [...new Set(checks.map((c) => c.test))]) {
    const mine = checks.filter((c) => c.test === test);
    const [first] = mine;
    if (!first) continue;
    const width = Math.max(...mine.map((c) => c.model.length));
    lines.push(`Lift test ${JSON.stringify(test)}: measured ${first.measured} (90% interval ${first.low} to ${first.high}); each model implies (* outside the interval):`);
    lines.push(`${"model".padEnd(width)}  ${windows.map((d) => windowHead(d).padStart(11)).join("")}`);
    for (const model of [...new Set(mine.map((c) => c.model))]) {
      const cell = (days: number): string => {
        const c = mine.find((x) => x.model === model && x.days === days);
        return c ? `${c.implied.toPrecision(4)}${c.inside ? " " : "*"}`.padStart(11) : "".padStart(11);
      };
      lines.push(`${model.padEnd(width)}  ${windows.map(cell).join("")}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Every model's error against the truth, a row per model and a column per window. */
function truthTable(scores: readonly TruthScore[]): string {
  const windows = [...new Set(scores.map((s) => s.days))];
  const models = [...new Set(scores.map((s) => s.model))];
  const width = Math.max(...models.map((m) => m.length));
  const cell = (model: string, days: number): string => (scores.find((s) => s.model === model && s.days === days)?.error.toFixed(3) ?? "").padStart(6);
  const lines = [
    "Distance from the true incremental conversions per tier (Σ|share − true share|, 0 is perfect):",
    `${"model".padEnd(width)}  ${windows.map((d) => windowHead(d).padStart(6)).join("")}`,
    ...models.map((model) => `${model.padEnd(width)}  ${windows.map((d) => cell(model, d)).join("")}`),
  ];
  return `${lines.join("\n")}\n`;
}
