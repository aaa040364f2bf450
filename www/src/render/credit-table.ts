// The credit table (one row per channel, one column per model) and the model × window matrix.
import type { CampaignReport, ChannelCredit, Comparison, TruthScore } from "../../pkg/kol_attribution.js";
import type { ModelName } from "../catalogue";
import { h } from "../dom";
import { count, money, percent } from "../format";
import { tr } from "../i18n";

/** A 90% bootstrap interval of a share, e.g. `90%: 21–26%`, or nothing when there is none. */
function interval(credit: ChannelCredit): HTMLSpanElement[] {
  if (!credit.interval) return [];
  const [low, high] = credit.interval;
  const span = h("span", `90%: ${percent(low)}–${percent(high)}`, "interval");
  span.title = tr("90% bootstrap interval of this share (journeys resampled with replacement)");
  return [span];
}

/** How a channel is shown: its name, and a second line (e.g. the creator's tier). */
export type ChannelLabel = (channel: string) => { name: string; detail?: string | undefined };

function baselineLabel(comparison: Comparison, modelName: ModelName): string {
  const { model, days } = comparison.baseline;
  return days === null ? modelName(model) : tr("{model} at {days} days", { model: modelName(model), days });
}

/** The change against the baseline, e.g. `+¥1,200.00 (+35%)`, with a class for its sign. */
function change(credit: ChannelCredit, scale: number): HTMLSpanElement {
  const amount = credit.valueChange;
  const sign = amount.startsWith("-") ? "" : "+";
  const pct = credit.valueChangePercent === null ? tr("new") : `${sign}${credit.valueChangePercent.toFixed(0)}%`;
  const zero = Number(amount) === 0;
  const text = zero ? "±0" : `${sign}${money(amount.replace("-", ""), scale).replace("¥", amount.startsWith("-") ? "−¥" : "¥")} (${pct})`;
  return h("span", text, `change ${zero ? "same" : amount.startsWith("-") ? "down" : "up"}`);
}

/**
 * Fills `table` with `result`. Channels keep their order (tiers: largest first) unless `byValue`,
 * which orders them by the first model's credited value, largest first.
 */
export function renderCreditTable(table: HTMLTableElement, result: Comparison, label: ChannelLabel, byValue: boolean, modelName: ModelName): void {
  const scale = result.totals.valueScale;
  const byKey = new Map(result.credits.map((c) => [`${c.model}\u0000${c.channel}`, c]));
  const first = result.models[0];
  const key = (channel: string): number => Number(byKey.get(`${first}\u0000${channel}`)?.value ?? 0);
  const channels = byValue ? [...result.channels].sort((a, b) => key(b) - key(a) || a.localeCompare(b)) : result.channels;

  const caption = h("caption", tr("Value credited by each model; changes against {baseline}.", { baseline: baselineLabel(result, modelName) }));
  const head = h("thead");
  const columns = h("tr");
  const channelHeader = h("th", tr("Channel"), "channel-col");
  channelHeader.scope = "col";
  columns.append(channelHeader);
  for (const model of result.models) {
    const th = h("th", modelName(model), "num model-col");
    th.scope = "col";
    columns.append(th);
  }
  head.append(columns);

  const body = h("tbody");
  for (const channel of channels) {
    const row = h("tr");
    const { name, detail } = label(channel);
    const cell = h("th", undefined, "channel-col");
    cell.scope = "row";
    cell.append(h("span", name, "channel-name"));
    if (detail) cell.append(h("span", detail, "channel-detail"));
    cell.title = channel;
    row.append(cell);
    for (const model of result.models) {
      const credit = byKey.get(`${model}\u0000${channel}`);
      const valueCell = h("td", undefined, "num value-cell");
      if (credit) {
        const bar = h("span", undefined, "share-bar");
        bar.style.width = `${Math.round(credit.valueShare * 100)}%`;
        valueCell.append(
          bar,
          h("span", money(credit.value, scale), "value-text"),
          h("span", tr("{count} conv · {share}", { count: count(credit.conversions), share: percent(credit.valueShare) }), "cell-detail"),
          ...interval(credit),
          change(credit, scale),
        );
        valueCell.title = tr("net of refunds {amount}; {share} of conversions", { amount: money(credit.netValue, scale), share: percent(credit.conversionShare) });
      }
      row.append(valueCell);
    }
    body.append(row);
  }

  const foot = h("tfoot");
  const lost = h("tr");
  const lostLabel = h("th", tr("Credited to no one"), "channel-col");
  lostLabel.scope = "row";
  lost.append(lostLabel);
  for (const u of result.unattributed) lost.append(h("td", tr("{amount} · {count} conv", { amount: money(u.value, scale), count: count(u.conversions) }), "num"));
  const totalRow = h("tr");
  const totalLabel = h("th", tr("Total"), "channel-col");
  totalLabel.scope = "row";
  totalRow.append(totalLabel);
  for (const _model of result.models) totalRow.append(h("td", money(result.totals.value, scale), "num"));
  foot.append(lost, totalRow);
  table.replaceChildren(caption, head, body, foot);
}

/** Rows: models; columns: windows; cells: `tier`'s share of value and its change in points. */
export function renderMatrix(table: HTMLTableElement, report: CampaignReport, tier: string, modelName: ModelName, tierLabel = tier): void {
  const windows = report.windows.filter((w) => w.tiers !== null);
  const first = windows[0]?.tiers;
  if (!first) {
    table.replaceChildren();
    return;
  }
  const caption = h(
    "caption",
    tr("{tier}'s share of all order value, by model and lookback window; change in points against {baseline}.", { tier: tierLabel, baseline: baselineLabel(first, modelName) }),
  );
  const head = h("tr");
  head.append(h("th", tr("Model"), "channel-col"));
  for (const w of windows) head.append(h("th", tr("{days} d", { days: w.days }), "num"));
  const body = h("tbody");
  for (const model of first.models) {
    const row = h("tr");
    const label = h("th", modelName(model), "channel-col");
    label.scope = "row";
    row.append(label);
    for (const w of windows) {
      const credit = w.tiers?.credits.find((c) => c.model === model && c.channel === tier);
      const share = credit?.valueShare ?? 0;
      const points = (credit?.valueShareChange ?? 0) * 100;
      const cell = h("td", undefined, "num heat");
      cell.style.backgroundColor = `rgba(224, 36, 59, ${Math.min(0.45, share * 0.6).toFixed(3)})`;
      cell.append(
        h("span", percent(share), "value-text"),
        h("span", tr("{points} pt", { points: `${points >= 0 ? "+" : "−"}${Math.abs(points).toFixed(1)}` }), "cell-detail"),
        ...(credit ? interval(credit) : []),
      );
      row.append(cell);
    }
    body.append(row);
  }
  const thead = h("thead");
  thead.append(head);
  table.replaceChildren(caption, thead, body);
}

/** Rows: models; columns: windows; cells: distance from the known truth, the best per window marked. */
export function renderTruth(table: HTMLTableElement, scores: TruthScore[], modelName: ModelName): void {
  const windows = [...new Set(scores.map((s) => s.days))];
  const models = [...new Set(scores.map((s) => s.model))];
  const best = new Map(windows.map((d) => [d, Math.min(...scores.filter((s) => s.days === d).map((s) => s.error))]));
  const caption = h(
    "caption",
    tr(
      "Distance of each model's tier shares from the sample's true incremental conversions per tier (Σ |share − true share|; 0 is perfect, 2 is as wrong as possible). The best model in each window is marked.",
    ),
  );
  const head = h("tr");
  head.append(h("th", tr("Model"), "channel-col"));
  for (const d of windows) head.append(h("th", tr("{days} d", { days: d }), "num"));
  const body = h("tbody");
  for (const model of models) {
    const row = h("tr");
    const label = h("th", modelName(model), "channel-col");
    label.scope = "row";
    row.append(label);
    for (const d of windows) {
      const score = scores.find((s) => s.model === model && s.days === d);
      const cell = h("td", score ? score.error.toFixed(3) : "", "num");
      if (score && score.error === best.get(d)) cell.classList.add("best");
      row.append(cell);
    }
    body.append(row);
  }
  const thead = h("thead");
  thead.append(head);
  table.replaceChildren(caption, thead, body);
}
