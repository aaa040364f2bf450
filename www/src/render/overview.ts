// The overview's answer: a few sentences (what creators caused and what would have happened
// anyway, which tiers and creators caused most, how sure that is), one chart and one table of
// it. Everything is read off the engine's numbers for one window (see cause.ts).
import { barX, ruleX, ruleY, text, tip, pointerY } from "@observablehq/plot";
import type { Comparison, Model, TruthScore } from "../../pkg/kol_attribution.js";
import type { ModelName } from "../catalogue";
import { h } from "../dom";
import { money, percent } from "../format";
import { tr } from "../i18n";
import type { TierLabel } from "../tiers";
import type { Cause } from "./cause";
import { type Chart, TIER_COLOURS, chart } from "./charts";

const ORGANIC_COLOUR = "#9a9aa6";
const NONE_COLOUR = "#d6d6de";
const SOURCE_COLOUR = "#4a78b5";

/** `share` as a percentage, with its 90% interval when known. */
function withInterval(share: number, interval: [number, number] | null): string {
  return interval ? tr("{share} (90%: {low}–{high})", { share: percent(share), low: percent(interval[0]), high: percent(interval[1]) }) : percent(share);
}

/** A paragraph with a bold lead. */
function said(lead: string, rest: string): HTMLParagraphElement {
  const p = h("p");
  p.append(h("strong", lead), ` ${rest}`);
  return p;
}

/** The widest range of one tier's share across the models: how far apart they are. */
interface Spread {
  tier: string;
  low: number;
  high: number;
  lowModel: Model;
  highModel: Model;
}

function widest(tiers: Comparison, peopled: Set<string>): Spread | null {
  let best: Spread | null = null;
  for (const tier of tiers.channels.filter((t) => peopled.has(t))) {
    const credits = tiers.credits.filter((c) => c.channel === tier);
    if (credits.length < 2) continue;
    const low = credits.reduce((a, b) => (b.valueShare < a.valueShare ? b : a));
    const high = credits.reduce((a, b) => (b.valueShare > a.valueShare ? b : a));
    if (!best || high.valueShare - low.valueShare > best.high - best.low) best = { tier, low: low.valueShare, high: high.valueShare, lowModel: low.model, highModel: high.model };
  }
  return best;
}

/** The answer in sentences. */
export function answerParagraphs(cause: Cause, tiers: Comparison, peopled: Set<string>, truth: TruthScore[], modelName: ModelName, tierName: TierLabel): HTMLParagraphElement[] {
  const out: HTMLParagraphElement[] = [];
  const model = modelName(cause.model);
  if (cause.incremental && cause.organic) {
    out.push(
      said(
        tr("Creators caused {caused} of the {total} in orders ({share}).", { caused: money(cause.caused), total: money(cause.total), share: percent(cause.causedShare) }),
        tr("{organic} ({organicShare}) would have happened anyway, and {none} ({noneShare}) had no creator touch inside the {days}-day window. (Incremental model: fitted on every journey, converting or not.)", {
          organic: money(cause.organic.value),
          organicShare: percent(cause.organic.share),
          none: money(cause.none.value),
          noneShare: percent(cause.none.share),
          days: cause.days,
        }),
      ),
    );
  } else {
    out.push(
      said(
        tr("{model} credits creators with {caused} of the {total} in orders ({share}).", { model, caused: money(cause.caused), total: money(cause.total), share: percent(cause.causedShare) }),
        tr("It splits the credit by rule and does not ask what would have happened anyway; tick Incremental in Settings for what creators caused. {none} had no creator touch inside the {days}-day window.", {
          none: money(cause.none.value),
          days: cause.days,
        }),
      ),
    );
  }
  const [first, ...rest] = cause.tiers;
  if (first) {
    const others = rest.map((r) => tr("{tier} {value} ({part})", { tier: tierName(r.tier), value: money(r.value), part: percent(r.ofCaused) })).join(tr(", "));
    out.push(
      said(
        tr(cause.incremental ? "{tier} caused the most:" : "{tier} is credited the most:", { tier: tierName(first.tier) }),
        tr(others ? "{value}, {part} of the creators' part, {share} of all order value; then {others}." : "{value}, {part} of the creators' part, {share} of all order value.", {
          value: money(first.value),
          part: percent(first.ofCaused),
          share: withInterval(first.share, first.interval),
          others,
        }),
      ),
    );
  }
  if (cause.creators.length > 0) {
    const names = cause.creators
      .slice(0, 3)
      .map((c) => tr("{handle} ({tier}) {value}", { handle: c.handle, tier: tierName(c.tier), value: money(c.value) }))
      .join(tr(", "));
    const together = cause.creators.slice(0, 3).reduce((sum, c) => sum + c.ofCaused, 0);
    out.push(said(tr("Creators who caused the most:"), tr("{names}: together {part} of the creators' part.", { names, part: percent(together) })));
  }
  const spread = widest(tiers, peopled);
  const sure: string[] = [];
  if (cause.tiers.some((t) => t.interval !== null)) sure.push(tr("The 90% intervals above are how far the numbers could move on another sample of journeys."));
  if (spread) {
    sure.push(
      tr("The models differ most on {tier}: from {low} ({lowModel}) to {high} ({highModel}) of order value; rule models split credit, they do not measure cause.", {
        tier: tierName(spread.tier),
        low: percent(spread.low),
        lowModel: modelName(spread.lowModel),
        high: percent(spread.high),
        highModel: modelName(spread.highModel),
      }),
    );
  }
  const here = truth.filter((t) => t.days === cause.days);
  if (here.length > 0) {
    const best = here.reduce((a, b) => (b.error < a.error ? b : a));
    sure.push(tr("On this sample, whose truth is known, {model} comes closest at {days} days (see Model check).", { model: modelName(best.model), days: cause.days }));
  }
  if (sure.length > 0) out.push(said(tr("How sure:"), sure.join(" ")));
  return out;
}

interface Bar {
  label: string;
  share: number;
  low: number | null;
  high: number | null;
  colour: string;
  text: string;
}

/** One bar per tier with creators, then organic and no touch: each a share of all order value. */
export function causeChart(cause: Cause, width: number, tierName: TierLabel): Chart {
  const colour = (tier: string): string => TIER_COLOURS[cause.order.indexOf(tier) % TIER_COLOURS.length] ?? "#888";
  const bars: Bar[] = cause.tiers.map((t) => ({
    label: tierName(t.tier),
    share: t.share,
    low: t.interval?.[0] ?? null,
    high: t.interval?.[1] ?? null,
    colour: colour(t.tier),
    text: `${percent(t.share)} · ${money(t.value)}`,
  }));
  for (const s of cause.sources) bars.push({ label: tierName(s.tier), share: s.share, low: s.interval?.[0] ?? null, high: s.interval?.[1] ?? null, colour: SOURCE_COLOUR, text: `${percent(s.share)} · ${money(s.value)}` });
  if (cause.organic) bars.push({ label: tr("Organic"), share: cause.organic.share, low: null, high: null, colour: ORGANIC_COLOUR, text: `${percent(cause.organic.share)} · ${money(cause.organic.value)}` });
  bars.push({ label: tr("No touch"), share: cause.none.share, low: null, high: null, colour: NONE_COLOUR, text: `${percent(cause.none.share)} · ${money(cause.none.value)}` });
  const narrow = width < 560;
  const max = Math.max(0.05, ...bars.map((b) => b.high ?? b.share));
  const withInterval = bars.filter((b) => b.low !== null && b.high !== null);
  return chart(
    {
      width,
      height: 34 + bars.length * (narrow ? 50 : 34),
      marginLeft: narrow ? 92 : 140,
      marginRight: narrow ? 12 : 150,
      ariaLabel: tr("What caused the orders, as shares of order value"),
      x: { domain: [0, max], tickFormat: "%", label: tr("share of order value"), grid: true, ticks: narrow ? 3 : 6 },
      y: { domain: bars.map((b) => b.label), label: null, padding: narrow ? 0.5 : 0.25 },
      marks: [
        barX(bars, { y: "label", x: "share", fill: (b: Bar) => b.colour, title: (b: Bar) => `${b.label}: ${b.text}` }),
        ruleY(withInterval, { y: "label", x1: "low", x2: "high", stroke: "#222", strokeWidth: 1.5 }),
        ruleX([0]),
        // On a phone the figures go under each bar's label, not beside the bar.
        narrow
          ? text(bars, { y: "label", x: 0, text: "text", dy: 20, textAnchor: "start", fontSize: 10, fill: "#3b3b44" })
          : text(bars, { y: "label", x: (b: Bar) => b.high ?? b.share, text: "text", dx: 6, textAnchor: "start", fill: "#3b3b44" }),
        tip(bars, pointerY({ y: "label", x: "share", title: (b: Bar) => `${b.label}\n${b.text}${b.low !== null && b.high !== null ? `\n90%: ${percent(b.low)}–${percent(b.high)}` : ""}` })),
      ],
    },
    null,
  );
}

/** Tiers, then everyone, organic, no touch and all orders; then the creators who caused the most. */
export function renderCauseTable(table: HTMLTableElement, cause: Cause, modelName: ModelName, tierName: TierLabel): void {
  const head = h("tr");
  const columns = [tr(cause.incremental ? "Caused" : "Credited"), tr("Of order value"), tr("Of the creators' part")];
  head.append(h("th", tr("Who"), "channel-col"), ...columns.map((c) => h("th", c, "num")));
  const row = (name: string, detail: string | null, value: string, share: string, part: string, kind = "", interval: [number, number] | null = null): HTMLTableRowElement => {
    const line = h("tr", undefined, kind);
    const cell = h("th", undefined, "channel-col");
    cell.scope = "row";
    cell.append(h("span", name, "channel-name"));
    if (detail) cell.append(h("span", detail, "channel-detail"));
    const shareCell = h("td", undefined, "num");
    shareCell.append(h("span", share, "value-text"));
    if (interval) shareCell.append(h("span", `90%: ${percent(interval[0])}–${percent(interval[1])}`, "interval"));
    line.append(cell, h("td", value, "num"), shareCell, h("td", part, "num"));
    return line;
  };
  const body = h("tbody");
  for (const t of cause.tiers) body.append(row(tierName(t.tier), null, money(t.value), percent(t.share), percent(t.ofCaused), "", t.interval));
  body.append(row(tr("All creators"), null, money(cause.caused), percent(cause.causedShare), "100.0%", "subtotal"));
  // Ads and search win their own part: not the creators', not organic.
  for (const s of cause.sources) body.append(row(tierName(s.tier), tr("ads and search, not creators"), money(s.value), percent(s.share), "", "source", s.interval));
  if (cause.organic) body.append(row(tr("Organic"), tr("would have happened anyway"), money(cause.organic.value), percent(cause.organic.share), "", "organic"));
  body.append(row(tr("No touch"), tr("no creator touch inside the window"), money(cause.none.value), percent(cause.none.share), ""));
  const foot = h("tfoot");
  foot.append(row(tr("All orders"), null, money(cause.total), "100.0%", ""));
  const creators = h("tbody");
  if (cause.creators.length > 0) {
    const heading = h("tr", undefined, "group-row");
    const cell = h("th", tr("Creators who caused the most"), "channel-col");
    cell.colSpan = 4;
    cell.scope = "colgroup";
    heading.append(cell);
    creators.append(heading);
    for (const c of cause.creators) {
      const lift = c.lift === null ? "" : tr(" · lift {lift}×", { lift: c.lift.toFixed(2) });
      creators.append(row(c.handle, `${tierName(c.tier)} · ${c.id}${lift}`, money(c.value), percent(Number(c.value) / Math.max(Number(cause.total), 1e-9)), percent(c.ofCaused)));
    }
  }
  const caption = h("caption", tr("{model}, {days}-day window.", { model: modelName(cause.model), days: cause.days }));
  const thead = h("thead");
  thead.append(head);
  table.replaceChildren(caption, thead, body, creators, foot);
}
