// The overview's evidence: the data in figures, the orders no model could credit, and "in short"
// in words (how far apart the models put each tier that has creators, commission against what
// the models say was earned, the budget's widest disagreement).
import type { Comparison } from "../../pkg/kol_attribution.js";
import { modelNames, setting } from "../catalogue";
import { element, h } from "../dom";
import { count, money } from "../format";
import { tr } from "../i18n";
import { hasCodes, matchFigure, renderPromoCodes } from "../render/promo-codes";
import { renderTakeaway } from "../render/takeaway";
import { type PageState, shownPaths } from "../store";
import { isSourceTier } from "../sources";
import { peopledTiers, tierLabels } from "../tiers";
import type { View } from "./view";

function summaryList(items: [string, string][]): void {
  const list = element("summary");
  list.replaceChildren();
  for (const [term, value] of items) {
    const item = h("div", undefined, "summary-item");
    item.append(h("dt", term), h("dd", value));
    list.append(item);
  }
}

/** The orders without a touch inside the window: the fewest any model leaves uncredited (the platform's click leaves more). */
function unattributed(comparison: Comparison | null, days: number): void {
  const note = element("unattributed");
  const least = (comparison?.unattributed ?? []).reduce<Comparison["unattributed"][number] | undefined>((a, b) => (a === undefined || b.conversions < a.conversions ? b : a), undefined);
  note.hidden = least === undefined;
  if (!least) return;
  const orders = least.conversions;
  note.textContent =
    orders === 0
      ? tr("Every order has a touch inside {days} days.", { days })
      : tr(
          orders === 1
            ? "{count} order ({value}) had no touch inside {days} days and is credited to no one."
            : "{count} orders ({value}) had no touch inside {days} days and are credited to no one.",
          { count: count(orders), value: money(least.value), days },
        );
  note.className = orders === 0 ? "note" : "note attention";
}

function campaign(state: Readonly<PageState>): void {
  const report = state.report;
  if (!report || !state.catalogue) return;
  const s = report.summary;
  const days = (range: [string, string] | null): string => (range ? `${range[0].slice(0, 10)} → ${range[1].slice(0, 10)}` : tr("none"));
  const tierName = tierLabels(state.settings);
  summaryList([
    // The engine counts ads and search sources among its channels; creators are the creators alone.
    [tr("Creators"), `${s.creators}`],
    [tr("By tier"), s.tiers.filter((t) => t.creators > 0 && !isSourceTier(t.tier)).map((t) => `${t.creators} ${tierName(t.tier)}`).join(" · ")],
    [tr("Touches"), s.touchpoints.toLocaleString("en-US")],
    [tr("Journeys"), s.journeys.toLocaleString("en-US")],
    [tr("Orders"), s.orders.toLocaleString("en-US")],
    [tr("Order value"), money(s.value)],
    [tr("Refunded"), money(s.refunded)],
    [tr("Touch dates"), days(s.touchRange)],
    // Only a campaign whose orders carry codes has a match to report.
    ...(hasCodes(s.promoCodes) ? [[tr("Promo codes matched"), matchFigure(s.promoCodes)] as [string, string]] : []),
  ]);
  const codes = element("promo-codes");
  codes.hidden = !hasCodes(s.promoCodes);
  if (!codes.hidden) renderPromoCodes(codes, s.promoCodes);
  const window = report.windows.find((w) => w.days === state.days);
  const comparison = (state.level === "tier" ? window?.tiers : window?.creators) ?? null;
  unattributed(comparison, state.days);
  const takeaway = element<HTMLUListElement>("takeaway");
  if (window?.tiers) {
    const basis = state.money?.basis ?? null;
    const platform = basis !== null && setting(state.catalogue, "money", "basis.model").default === basis.model;
    renderTakeaway(takeaway, window.tiers, window.days, state.roi, state.budget, state.method, modelNames(state.catalogue), {
      peopled: peopledTiers(report.summary),
      tierName,
      paid: basis ? { basis, platform } : null,
    });
  } else takeaway.hidden = true;
  element("takeaway-block").hidden = takeaway.hidden;
}

function paths(state: Readonly<PageState>): void {
  const result = shownPaths(state)?.comparison;
  element("unattributed").hidden = true;
  element("takeaway").hidden = true;
  element("takeaway-block").hidden = true;
  element("promo-codes").hidden = true;
  if (!result) return;
  summaryList([
    [tr("Paths"), result.totals.paths.toLocaleString("en-US")],
    [tr("Conversions"), count(result.totals.conversions)],
    [tr("Conversion value"), money(result.totals.value, result.totals.valueScale)],
    [tr("Non-converting journeys"), count(result.totals.nulls)],
  ]);
}

export const summary: View = {
  id: "summary",
  tab: "overview",
  watches: ["report", "paths", "days", "level", "roi", "budget", "method", "money", "settings", "catalogue", "lang"],
  mount() {},
  render(state) {
    if (state.report) campaign(state);
    else paths(state);
  },
};
