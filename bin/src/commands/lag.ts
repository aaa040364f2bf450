// lag: how long before an order its journey began, and the lookback window that covers it.
import type { AgeBucket, LagBucket, LagHistogram, NoteAge, TimeLag } from "../../../www/pkg/kol_attribution.js";
import { json, readCampaign, withReadCampaign } from "../campaign.js";
import { CAMPAIGN_FLAGS, CSV_FORMAT, JSON_FORMAT, type Command } from "../command.js";
import type { Engine } from "../engine.js";
import { printProblems } from "../errors.js";
import { attempt } from "../refusal.js";

export const lag: Command = {
  name: "lag",
  summary: "time lag, path length and note age: days from the first, last and each tier's touch to the order; the window to choose",
  usage: ["--kols FILE --touchpoints FILE --orders FILE [--coverage PERCENT] [options]"],
  about: (catalogue) =>
    "For every order with touches before it (since the user's previous order, within the longest lookback window, " +
    `${catalogue.maxWindowDays} days): the lag from its journey's first touch, from its last touch and from each tier's ` +
    "latest touch, and the touches in its journey, as histograms. A lag of d days is the smallest lookback window that " +
    "reaches the touch, so a bucket's cumulative share is the share of orders that window keeps. The suggested window " +
    "covers the first touch of --coverage percent of orders, overall and per product category (the orders' category column). " +
    "With a notes file giving publish dates (--notes), note age: the credit of dated notes (each touch an equal part of its order) " +
    "by days since the note was published, per tier, and the share that came after 30, 60 and 90 days.",
  takes: [{ group: "lag" }, { group: "campaign" }],
  files: CAMPAIGN_FLAGS,
  formats: [
    { name: "table", help: "the histograms and suggested windows as text" },
    JSON_FORMAT,
    CSV_FORMAT("a row per histogram bucket: first_touch, last_touch, touches, each tier and category; with dated notes note_age (per tier) and note_after (per note)"),
  ],
  examples: [
    "kol-attribution lag --kols kols.csv --touchpoints touches.csv --orders orders.csv --coverage 80",
    "kol-attribution lag --kols kols.csv --touchpoints touches.csv --orders orders.csv --notes notes.csv",
  ],
  async run(parsed, engine) {
    const campaign = readCampaign(engine, parsed);
    const options = parsed.options.build("lag", ["campaign"]);
    const result = withReadCampaign(engine, parsed, campaign, (read) => attempt(campaign.call("lag", options), () => read.timeLag(options)));
    printProblems(result.warnings, campaign.files);
    process.stdout.write(format(parsed.format, result, engine));
  },
};

function format(name: string, lag: TimeLag, engine: Engine): string {
  if (name === "json") return json(lag);
  if (name === "csv") return engine.timeLagCsv(lag);
  return table(lag);
}

const range = (b: { from: number; to: number | null }): string => (b.to === null ? `${b.from}+` : b.to === b.from ? `${b.from}` : `${b.from}–${b.to}`);
const percent = (share: number): string => `${(100 * share).toFixed(1)}%`;
const cell = (b: LagBucket): string => `${b.orders} ${percent(b.share).padStart(6)}`;
const days = (n: number | null): string => (n === null ? "—" : `${n} day${n === 1 ? "" : "s"}`);
const plural = (n: number, word: string, words = `${word}s`): string => `${n.toLocaleString("en-US")} ${n === 1 ? word : words}`;

/** Rows of cells as aligned columns, the first left-aligned, the others right-aligned. */
function columns(rows: readonly string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("   ").trimEnd());
}

function table(lag: TimeLag): string {
  const cover = `${lag.coveragePercent}%`;
  const lines = [
    `${plural(lag.converting, "order")} of ${lag.orders.toLocaleString("en-US")} had touches before them (${lag.withoutTouches.toLocaleString("en-US")} without).`,
  ];
  if (lag.note !== null) return `${[...lines, lag.note].join("\n")}\n`;
  lines.push(
    `Suggested window: ${days(lag.fromFirstTouch.covering)} (reaches the first touch of ${cover} of orders; ` +
      `${days(lag.fromLastTouch.covering)} keeps at least one touch for ${cover}).`,
    "",
    "Days from touch to order (the smallest lookback window that reaches the touch), orders and share:",
  );
  const histograms: Array<[string, LagHistogram]> = [
    ["first touch", lag.fromFirstTouch],
    ["kept", lag.fromFirstTouch],
    ["last touch", lag.fromLastTouch],
    ...lag.tiers.filter((t) => t.fromLatestTouch.orders > 0).map((t): [string, LagHistogram] => [t.tier, t.fromLatestTouch]),
  ];
  const rows = [["days", ...histograms.map(([name]) => name)]];
  lag.fromFirstTouch.buckets.forEach((b, i) => {
    rows.push([range(b), ...histograms.map(([name, h]) => (name === "kept" ? percent(b.cumulativeShare) : cell(h.buckets[i] as LagBucket)))]);
  });
  rows.push([`covers ${cover}`, ...histograms.map(([name, h]) => (name === "kept" ? "" : days(h.covering)))]);
  lines.push(...columns(rows));
  lines.push("(tiers: from each tier's latest touch, over the orders it touched; kept: the share a window of that many days keeps whole)", "");
  lines.push(`Touches per converting journey (${plural(lag.touchesTotal, "touch", "touches")} in all):`);
  lines.push(...columns([["touches", "orders"], ...lag.touches.buckets.map((b) => [range(b), cell(b)])]));
  lines.push(`${cover} of journeys have at most ${plural(lag.touches.covering ?? 0, "touch", "touches")}.`);
  if (lag.categories.length) {
    lines.push("", `Suggested window by product category (reaches the first touch of ${cover} of its orders):`);
    lines.push(...columns([["category", "orders", "window"], ...lag.categories.map((c) => [c.category, String(c.fromFirstTouch.orders), days(c.fromFirstTouch.covering)])]));
    if (lag.withoutCategory) lines.push(`(${plural(lag.withoutCategory, "order")} without a category: counted overall only)`);
  }
  if (lag.noteAge) lines.push("", ...noteAge(lag.noteAge));
  return `${lines.join("\n")}\n`;
}

const credit = (n: number): string => n.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const ageCell = (b: AgeBucket): string => `${credit(b.conversions)} ${percent(b.share).padStart(6)}`;

/** Note age: the credit of dated notes by days since publishing, overall and per tier, and how much came late. */
function noteAge(age: NoteAge): string[] {
  const lines = [`Note age: ${credit(age.conversions)} conversions credited to notes with a publish date (each touch an equal part of its order), by days since publishing:`];
  const rows = [["days", "all", ...age.tiers.map((t) => t.tier)]];
  age.buckets.forEach((b, i) => rows.push([range(b), ageCell(b), ...age.tiers.map((t) => ageCell(t.buckets[i] as AgeBucket))]));
  lines.push(...columns(rows));
  lines.push(`Credit more than ${age.afterDays.join(" / ")} days after publishing: ${age.after.map(percent).join(" / ")}.`);
  const top = age.notes.slice(0, 10);
  if (top.length) {
    lines.push("", `The ${top.length} most credited notes, and the share of their credit after ${age.afterDays.join(" / ")} days:`);
    lines.push(...columns([["note", "creator", "conversions", ...age.afterDays.map((d) => `>${d}d`)], ...top.map((n) => [n.noteId, n.kolId, credit(n.conversions), ...n.after.map(percent)])]));
  }
  return lines;
}
