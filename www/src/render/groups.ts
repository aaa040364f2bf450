// Creators beside ads and search: the engine's channel groups (creators as a whole, paid media,
// owned media, organic search) per model, for the window shown. How much credit creators get
// depends on the model once the brand's own ads and search are in the journeys: last touch gives
// the click that closed to the search ad; the incremental model asks what each channel added.
import type { Comparison, Model } from "../../pkg/kol_attribution.js";
import type { ModelName } from "../catalogue";
import { h } from "../dom";
import { money, percent, sumDecimals } from "../format";
import { tr } from "../i18n";
import { groupLabel } from "../sources";

/** Each model's credit per group, and each group's share of what the model credited. */
export function groupShares(groups: Comparison): { model: Model; total: string; rows: { group: string; value: string; share: number }[] }[] {
  return groups.models.map((model) => {
    const credits = groups.credits.filter((c) => c.model === model);
    const total = sumDecimals(credits.map((c) => c.value));
    const rows = credits.map((c) => ({ group: c.channel, value: c.value, share: Number(total) === 0 ? 0 : Number(c.value) / Number(total) }));
    return { model, total, rows };
  });
}

/** The sentence: creators' share of the credit under the baseline against the incremental model (else the range across models). */
export function groupsSaid(groups: Comparison, baseline: Model, modelName: ModelName): string {
  const shares = groupShares(groups);
  const creators = (model: Model): number => shares.find((s) => s.model === model)?.rows.find((r) => r.group === "creators")?.share ?? 0;
  const has = (model: Model): boolean => shares.some((s) => s.model === model);
  if (has(baseline) && has("incremental") && baseline !== "incremental") {
    return tr("Under {baseline}, creators get {before} of the credit; once ads and search are in the journeys, {incremental} gives creators {after}.", {
      baseline: modelName(baseline),
      before: percent(creators(baseline)),
      incremental: modelName("incremental"),
      after: percent(creators("incremental")),
    });
  }
  const sorted = [...shares].sort((a, b) => creators(a.model) - creators(b.model));
  const [low, high] = [sorted[0], sorted.at(-1)];
  if (!low || !high) return "";
  return tr("Across the models, creators get from {low} ({lowModel}) to {high} ({highModel}) of the credit; ads and search the rest.", {
    low: percent(creators(low.model)),
    lowModel: modelName(low.model),
    high: percent(creators(high.model)),
    highModel: modelName(high.model),
  });
}

/** A row per model, a column per group: its share of the model's credit and the amount. */
export function renderGroupTable(table: HTMLTableElement, groups: Comparison, modelName: ModelName, days: number): void {
  const head = h("tr");
  const corner = h("th", tr("Model"), "channel-col");
  corner.scope = "col";
  head.append(corner);
  for (const group of groups.channels) {
    const th = h("th", groupLabel(group), "num");
    th.scope = "col";
    head.append(th);
  }
  const body = h("tbody");
  for (const { model, rows } of groupShares(groups)) {
    const row = h("tr");
    const name = h("th", modelName(model), "channel-col");
    name.scope = "row";
    row.append(name);
    for (const group of groups.channels) {
      const found = rows.find((r) => r.group === group);
      const cell = h("td", undefined, "num");
      if (found) cell.append(h("span", percent(found.share), "value-text"), h("span", money(found.value), "cell-detail"));
      row.append(cell);
    }
    body.append(row);
  }
  const thead = h("thead");
  thead.append(head);
  table.replaceChildren(h("caption", tr("Each group's share of what the model credits, {days}-day window.", { days })), thead, body);
}
