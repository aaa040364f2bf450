// The page's first answer, in words: how far apart the models put each tier, and where they
// disagree most about next period's budget. Everything else on the page is the evidence.
import type { Baseline, BudgetMethod, BudgetReport, Comparison, Model, RoiRow } from "../../pkg/kol_attribution.js";
import type { ModelName } from "../catalogue";
import { h } from "../dom";
import { money, percent, sumDecimals } from "../format";
import { tr } from "../i18n";
import type { TierLabel } from "../tiers";

/** What the commission is paid under: the platform's own rule (the engine's default basis), or the model and window the user chose. */
export interface PaidUnder {
  basis: Baseline;
  /** Whether it is the platform's rule. */
  platform: boolean;
}

/**
 * One line per tier with creators (its lowest and highest share and which models give them), then
 * the commission paid against what the models say was earned, then the budget's widest
 * disagreement.
 */
export function renderTakeaway(
  list: HTMLUListElement,
  tiers: Comparison,
  days: number,
  roi: RoiRow[],
  budget: BudgetReport | null,
  method: BudgetMethod,
  modelName: ModelName,
  shown: { peopled: Set<string>; tierName: TierLabel; paid: PaidUnder | null },
): void {
  const items: HTMLLIElement[] = [];
  for (const tier of tiers.channels.filter((t) => shown.peopled.has(t))) {
    const credits = tiers.credits.filter((c) => c.channel === tier);
    if (credits.length === 0) continue;
    const low = credits.reduce((a, b) => (b.valueShare < a.valueShare ? b : a));
    const high = credits.reduce((a, b) => (b.valueShare > a.valueShare ? b : a));
    const item = h("li");
    item.append(
      h("strong", shown.tierName(tier)),
      tr(": {low} to {high} of order value ({lowModel} least, {highModel} most).", {
        low: percent(low.valueShare),
        high: percent(high.valueShare),
        lowModel: modelName(low.model),
        highModel: modelName(high.model),
      }),
    );
    items.push(item);
  }
  const here = roi.filter((r) => r.days === days && r.level === "tier");
  const models = [...new Set(here.map((r) => r.model))];
  const earned = models.map((model): [Model, string] => [model, sumDecimals(here.filter((r) => r.model === model).map((r) => r.earnedCommission))]);
  const byAmount = [...earned].sort((a, b) => Number(a[1]) - Number(b[1]));
  const [lowest, highest] = [byAmount[0], byAmount.at(-1)];
  if (lowest && highest) {
    const paid = sumDecimals(here.filter((r) => r.model === models[0]).map((r) => r.paidCommission));
    const [lowModel, low] = lowest;
    const [highModel, high] = highest;
    const item = h("li");
    const values = { paid: money(paid), low: money(low), lowModel: modelName(lowModel), high: money(high), highModel: modelName(highModel) };
    const under = shown.paid;
    item.append(
      under === null || under.platform
        ? tr("Commission: the platform pays {paid}; by the models, creators earned from {low} ({lowModel}) to {high} ({highModel}).", values)
        : tr("Commission: paid by {basis} at {basisDays} days, {paid}; by the models, creators earned from {low} ({lowModel}) to {high} ({highModel}).", {
            ...values,
            basis: modelName(under.basis.model),
            basisDays: under.basis.days ?? days,
          }),
    );
    items.push(item);
  }
  const disagreements = (budget?.disagreements ?? []).filter((d) => d.days === days && d.method === method);
  if (disagreements.length > 0) {
    const widest = disagreements.reduce((a, b) => (Number(b.spread) > Number(a.spread) ? b : a));
    const item = h("li");
    item.append(
      tr("Next budget: the models disagree most on {tier}, from {lowest} ({lowModel}) to {highest} ({highModel}).", {
        tier: shown.tierName(widest.tier),
        lowest: money(widest.lowest),
        lowModel: modelName(widest.lowestModel),
        highest: money(widest.highest),
        highModel: modelName(widest.highestModel),
      }),
    );
    items.push(item);
  }
  list.replaceChildren(...items);
  list.hidden = items.length === 0;
}
