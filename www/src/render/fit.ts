// What the incremental model learned, as tables: each touch type's strength against a view, and
// per tier how much more its touches do when they open or close a journey, and the conversions
// its touches added. Each creator's lift is in the creator table.
import type { IncrementalSummary } from "../../pkg/kol_attribution.js";
import { h } from "../dom";
import { count, percent } from "../format";
import { tr } from "../i18n";
import type { TierLabel } from "../tiers";

function table(target: HTMLTableElement, caption: string, heads: string[], rows: string[][]): void {
  const head = h("tr");
  heads.forEach((text, i) => head.append(h("th", text, i === 0 ? "channel-col" : "num")));
  const body = h("tbody");
  for (const cells of rows) {
    const row = h("tr");
    cells.forEach((text, i) => {
      if (i > 0) {
        row.append(h("td", text, "num"));
        return;
      }
      const th = h("th", text, "channel-col");
      th.scope = "row";
      row.append(th);
    });
    body.append(row);
  }
  const thead = h("thead");
  thead.append(head);
  target.replaceChildren(h("caption", caption), thead, body);
}

const times = (x: number): string => `${x.toFixed(2)}×`;

/** The fit in a sentence: half-life, the chance to buy with no touch, and how the fit went. */
export function fitNote(fit: IncrementalSummary, days: number): string {
  return tr(
    fit.converged
      ? "Fitted on {journeys} journeys of the {days}-day window, converting or not ({iterations} steps). A touch's effect halves in {halfLife} days; a journey with no touch at all buys with probability {baseline}."
      : "Fitted on {journeys} journeys of the {days}-day window, converting or not; the fit stopped after {iterations} steps without converging, so read it with care. A touch's effect halves in {halfLife} days; a journey with no touch at all buys with probability {baseline}.",
    {
      journeys: fit.journeys.toLocaleString("en-US"),
      days,
      iterations: fit.iterations,
      halfLife: fit.halfLifeDays.toFixed(1),
      baseline: percent(fit.baselineProbability),
    },
  );
}

/** Touch types, strongest first, against a view. */
export function renderTypeStrengths(target: HTMLTableElement, fit: IncrementalSummary): void {
  const rows = [...fit.touchTypes].sort((a, b) => b.strength - a.strength).map((t) => [t.touchType, times(t.strength)]);
  table(target, tr("Each touch type's effect against a view's (a view is 1×)."), [tr("Touch type"), tr("Effect")], rows);
}

/** Per tier: opening and closing multipliers and the conversions its touches added. */
export function renderTierEffects(target: HTMLTableElement, fit: IncrementalSummary, tierName: TierLabel, shown: Set<string>): void {
  const rows = fit.tiers.filter((t) => shown.has(t.tier)).map((t) => [tierName(t.tier), times(t.opening), times(t.closing), count(Math.round(t.expectedIncremental * 100) / 100)]);
  table(
    target,
    tr("Per tier: how much more (or less) its touches do when they open or close a journey, and the conversions they added."),
    [tr("Tier"), tr("Opening"), tr("Closing"), tr("Conversions added")],
    rows,
  );
}
