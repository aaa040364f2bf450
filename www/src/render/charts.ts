// The page's pictures, drawn by Observable Plot from the engine's results. Amounts arrive as
// decimal strings and are turned into numbers only to place marks; every figure a reader copies
// stays in the tables below the charts.
import { arrow, axisX, barX, barY, cell, dot, plot, pointer, pointerX, pointerY, ruleX, ruleY, text, tip } from "@observablehq/plot";
import type { BudgetMethod, BudgetReport, CampaignReport, Comparison, RoiRow } from "../../pkg/kol_attribution.js";
import type { ModelName } from "../catalogue";
import { money, percent } from "../format";
import { tr } from "../i18n";
import type { TierLabel } from "../tiers";

/** The class every chart's SVG carries; style.css gives it what Plot's own inline style would. */
const CHART_CLASS = "kol-plot";

/** Tier colours, colour-blind safe (Okabe–Ito), in tier order from the top. */
export const TIER_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

/** Which colour stands for which tier; drawn by the page (and into exports), not by Plot. */
export interface Legend {
  domain: string[];
  colours: string[];
}

export interface Chart {
  svg: SVGSVGElement;
  legend: Legend | null;
}

/**
 * A Plot chart without the `<style>` element Plot adds to every SVG: the page's CSP allows no
 * inline style, and style.css carries the same rules. Legends are left to the page, so Plot
 * always returns a bare SVG.
 */
export function chart(options: Parameters<typeof plot>[0], legend: Legend | null): Chart {
  const node = plot({ className: CHART_CLASS, ...options });
  for (const style of node.querySelectorAll("style")) style.remove();
  // Plot names its mark groups; a named group needs a role to carry the name.
  for (const group of node.querySelectorAll("g[aria-label]")) group.setAttribute("role", "group");
  if (!(node instanceof SVGSVGElement)) throw new Error("a chart without a bare SVG");
  return { svg: node, legend };
}

interface ShareRow {
  model: string;
  tier: string;
  share: number;
  low: number | null;
  high: number | null;
}

/** Which tiers a chart shows (those with creators) and what it calls them; all, as named, by default. */
export interface TierShown {
  tiers?: string[];
  tierName?: TierLabel;
}

/** The colours of `tiers` (as labelled), each tier keeping its colour in `order` whichever tiers are shown. */
function tierColours(tiers: string[], order: string[], name: TierLabel): Legend {
  return { domain: tiers.map(name), colours: tiers.map((t) => TIER_COLOURS[Math.max(0, order.indexOf(t)) % TIER_COLOURS.length] ?? "#888") };
}

/** Below this many pixels per model, the models are rows rather than columns: their names would overlap. */
const COLUMN_PER_MODEL = 100;

/**
 * Each tier's share of order value under each model (grouped bars), with 90% intervals when known:
 * a column per model where there is room, else a row per model (a phone).
 */
export function tierShareChart(comparison: Comparison, width: number, modelName: ModelName, shown: TierShown = {}): Chart {
  const tiers = shown.tiers ?? comparison.channels;
  const name = shown.tierName ?? ((t: string) => t);
  const labels = tiers.map(name);
  const rows: ShareRow[] = comparison.credits
    .filter((c) => tiers.includes(c.channel))
    .map((c) => ({
      model: modelName(c.model),
      tier: name(c.channel),
      share: c.valueShare,
      low: c.interval?.[0] ?? null,
      high: c.interval?.[1] ?? null,
    }));
  const withInterval = rows.filter((r) => r.low !== null);
  const models = comparison.models.map(modelName);
  const top = Math.max(0.05, ...rows.map((r) => r.high ?? r.share));
  const title = (r: ShareRow): string => `${r.model} · ${r.tier}: ${percent(r.share)}`;
  const tipTitle = (r: ShareRow): string => `${r.model} · ${r.tier}\n${percent(r.share)}${r.low !== null && r.high !== null ? `\n90%: ${percent(r.low)}–${percent(r.high)}` : ""}`;
  const legend = tierColours(tiers, comparison.channels, name);
  const color = { domain: legend.domain, range: legend.colours };
  if (width / Math.max(1, models.length) < COLUMN_PER_MODEL) {
    return chart(
      {
        width,
        height: 40 + models.length * (tiers.length * 8 + 14),
        marginLeft: 104,
        ariaLabel: tr("Tier share of order value by model"),
        fy: { domain: models, label: null, padding: 0.15 },
        y: { domain: labels, axis: null, paddingInner: 0.1 },
        x: { label: tr("share of order value"), tickFormat: "%", grid: true, domain: [0, top], ticks: 4 },
        color,
        marks: [
          barX(rows, { fy: "model", y: "tier", x: "share", fill: "tier", title }),
          ruleY(withInterval, { fy: "model", y: "tier", x1: "low", x2: "high", stroke: "#222", strokeWidth: 1.5 }),
          ruleX([0]),
          tip(rows, pointerY({ fy: "model", y: "tier", x: "share", title: tipTitle })),
        ],
      },
      legend,
    );
  }
  return chart(
    {
      width,
      height: 300,
      marginBottom: 40,
      ariaLabel: tr("Tier share of order value by model"),
      fx: { domain: models, label: null, padding: 0.12 },
      x: { domain: labels, axis: null, paddingInner: 0.1 },
      y: { label: tr("share of order value"), tickFormat: "%", grid: true, domain: [0, top] },
      color,
      marks: [
        barY(rows, { fx: "model", x: "tier", y: "share", fill: "tier", title }),
        ruleX(withInterval, { fx: "model", x: "tier", y1: "low", y2: "high", stroke: "#222", strokeWidth: 1.5 }),
        ruleY([0]),
        tip(rows, pointerX({ fx: "model", x: "tier", y: "share", title: tipTitle })),
      ],
    },
    legend,
  );
}

interface CellRow {
  model: string;
  window: string;
  share: number;
  change: number;
}

function matrixRows(report: CampaignReport, tier: string, modelName: ModelName): { rows: CellRow[]; models: string[]; windows: string[] } {
  const windows = report.windows.filter((w) => w.tiers !== null);
  const rows: CellRow[] = [];
  for (const w of windows) {
    for (const c of w.tiers?.credits ?? []) {
      if (c.channel !== tier) continue;
      rows.push({ model: modelName(c.model), window: tr("{days} d", { days: w.days }), share: c.valueShare, change: c.valueShareChange * 100 });
    }
  }
  return {
    rows,
    models: (windows[0]?.tiers?.models ?? []).map(modelName),
    windows: windows.map((w) => tr("{days} d", { days: w.days })),
  };
}

/** Model × window heatmap of one tier's share: `measure` picks the share itself or its change against the baseline. */
export function matrixChart(report: CampaignReport, tier: string, measure: "share" | "change", width: number, modelName: ModelName): Chart {
  const { rows, models, windows } = matrixRows(report, tier, modelName);
  const extreme = Math.max(1, ...rows.map((r) => Math.abs(r.change)));
  const share = measure === "share";
  const narrow = width < 560;
  return chart({
    width,
    height: 40 + models.length * 26,
    marginLeft: narrow ? 96 : 110,
    ariaLabel: share ? tr("{tier}'s share by model and window", { tier }) : tr("{tier}'s change against the baseline", { tier }),
    x: { domain: windows, label: null, axis: "top" },
    y: { domain: models, label: null },
    color: share
      ? { type: "linear", domain: [0, Math.max(0.01, ...rows.map((r) => r.share))], scheme: "blues" }
      : { type: "linear", domain: [-extreme, extreme], scheme: "rdbu" },
    marks: [
      cell(rows, { x: "window", y: "model", fill: share ? "share" : "change", inset: 1 }),
      text(rows, {
        x: "window",
        y: "model",
        text: (r: CellRow) => (share ? percent(r.share) : `${r.change >= 0 ? "+" : "−"}${Math.abs(r.change).toFixed(1)}`),
        fill: (r: CellRow) => ((share ? r.share > 0.6 * Math.max(...rows.map((x) => x.share)) : Math.abs(r.change) > 0.6 * extreme) ? "white" : "black"),
        fontSize: narrow ? 8.5 : 10,
      }),
    ],
  }, null);
}

/** The layout both per-tier charts share: one band of model rows per tier, tier names on the right. */
function byTierAndModel(legend: Legend, models: string[], rowHeight: number, width: number): Parameters<typeof plot>[0] {
  return {
    height: 40 + legend.domain.length * (models.length * rowHeight + 24),
    marginLeft: 104,
    marginRight: width < 560 ? 64 : 80,
    y: { domain: models, label: null },
    fy: { domain: legend.domain, label: null },
    color: { domain: legend.domain, range: legend.colours },
  };
}

interface SpendRow {
  model: string;
  tier: string;
  now: number;
  proposed: number;
  label: string;
}

/** Spend now → proposed per tier (one arrow per model), for one window and method. */
export function budgetChart(report: BudgetReport, days: number, method: BudgetMethod, width: number, modelName: ModelName, shown: TierShown = {}): Chart {
  const plans = report.plans.filter((p) => p.days === days && p.method === method);
  const order = report.tiers.map((t) => t.tier);
  const tiers = shown.tiers ?? order;
  const name = shown.tierName ?? ((t: string) => t);
  const rows: SpendRow[] = plans.flatMap((p) =>
    p.tiers.filter((t) => tiers.includes(t.tier)).map((t) => ({
      model: modelName(p.model),
      tier: name(t.tier),
      now: Number(t.currentSpend),
      proposed: Number(t.proposedSpend),
      label: `${money(t.currentSpend)} → ${money(t.proposedSpend)}`,
    })),
  );
  const legend = tierColours(tiers, order, name);
  const ticks = width < 560 ? 3 : undefined;
  return chart({
    ...byTierAndModel(legend, plans.map((p) => modelName(p.model)), 16, width),
    width,
    ariaLabel: tr("Spend now and proposed per tier, by model"),
    x: { label: tr("spend (¥)"), grid: true, tickFormat: "~s", ...(ticks ? { ticks } : {}) },
    marks: [
      dot(rows, { x: "now", y: "model", fy: "tier", fill: "#888", r: 3 }),
      arrow(rows, {
        x1: "now",
        x2: "proposed",
        y: "model",
        fy: "tier",
        stroke: "tier",
        headLength: 6,
        strokeWidth: 1.5,
        title: (r: SpendRow) => `${r.model} · ${r.tier}: ${r.label}`,
      }),
      tip(rows, pointer({ x: "proposed", y: "model", fy: "tier", title: (r: SpendRow) => `${r.model} · ${r.tier}\n${r.label}` })),
      axisX({ anchor: "bottom", facetAnchor: "bottom", label: tr("spend (¥)"), tickFormat: "~s", ...(ticks ? { ticks } : {}) }),
    ],
  }, legend);
}

interface GapRow {
  model: string;
  tier: string;
  gap: number;
  text: string;
}

/** Commission the platform pays minus what each model says was earned, per tier: above 0 is overpaid. */
export function payGapChart(rows: RoiRow[], days: number, width: number, modelName: ModelName, shown: TierShown = {}): Chart {
  const here = rows.filter((r) => r.days === days && r.level === "tier");
  const order = [...new Set(here.map((r) => r.channel))];
  const tiers = shown.tiers ?? order;
  const name = shown.tierName ?? ((t: string) => t);
  const data: GapRow[] = here.filter((r) => tiers.includes(r.channel)).map((r) => ({ model: modelName(r.model), tier: name(r.channel), gap: Number(r.payGap), text: money(r.payGap) }));
  const models = [...new Set(data.map((r) => r.model))];
  const legend = tierColours(tiers, order, name);
  return chart({
    ...byTierAndModel(legend, models, 14, width),
    width,
    ariaLabel: tr("Commission paid minus earned, per tier and model"),
    x: { label: tr("paid − earned (¥): above 0 is overpaid"), grid: true, tickFormat: "~s", ...(width < 560 ? { ticks: 3 } : {}) },
    marks: [
      barX(data, { x: "gap", y: "model", fy: "tier", fill: "tier", title: (r: GapRow) => `${r.model} · ${r.tier}: ${r.text}` }),
      ruleX([0]),
      tip(data, pointer({ x: "gap", y: "model", fy: "tier", title: (r: GapRow) => `${r.model} · ${r.tier}\n${r.text}` })),
    ],
  }, legend);
}
