// The credit table: one row per channel (creator or tier), a column group per model.
import type { Comparison, Model } from "../pkg/kol_attribution.js";
import { h } from "./dom";
import { count, money, percent } from "./format";

export const MODEL_LABELS: Record<Model, string> = {
  first_touch: "First touch",
  last_touch: "Last touch",
  linear: "Linear",
};

/** How a channel is shown: its name, and a second line (e.g. the creator's tier). */
export type ChannelLabel = (channel: string) => { name: string; detail?: string };

/**
 * Fills `table` with `result`. Channels keep their order (tiers: largest first) unless `byValue`,
 * which orders them by the first model's credited value, largest first.
 */
export function renderCreditTable(table: HTMLTableElement, result: Comparison, label: ChannelLabel, byValue: boolean): void {
  const scale = result.totals.valueScale;
  const byKey = new Map(result.credits.map((c) => [`${c.model}\u0000${c.channel}`, c]));
  const first = result.models[0];
  const key = (channel: string): number => Number(byKey.get(`${first}\u0000${channel}`)?.value ?? 0);
  const channels = byValue ? [...result.channels].sort((a, b) => key(b) - key(a) || a.localeCompare(b)) : result.channels;

  const head = h("thead");
  const groups = h("tr");
  groups.append(h("th", "", "channel-col"));
  const columns = h("tr");
  const channelHeader = h("th", "Channel", "channel-col");
  channelHeader.scope = "col";
  columns.append(channelHeader);
  for (const model of result.models) {
    const group = h("th", MODEL_LABELS[model], "model-group");
    group.colSpan = 2;
    group.scope = "colgroup";
    groups.append(group);
    for (const text of ["Conversions", "Value"]) {
      const th = h("th", text, "num");
      th.scope = "col";
      columns.append(th);
    }
  }
  head.append(groups, columns);

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
      row.append(h("td", count(credit?.conversions ?? 0), "num"));
      const valueCell = h("td", undefined, "num value-cell");
      const bar = h("span", undefined, "share-bar");
      bar.style.width = `${Math.round((credit?.valueShare ?? 0) * 100)}%`;
      valueCell.append(bar, h("span", money(credit?.value ?? "0", scale), "value-text"));
      valueCell.title = `${percent(credit?.valueShare ?? 0)} of value, ${percent(credit?.conversionShare ?? 0)} of conversions; net of refunds ${money(credit?.netValue ?? "0", scale)}`;
      row.append(valueCell);
    }
    body.append(row);
  }

  const foot = h("tfoot");
  const totalRow = h("tr");
  const totalLabel = h("th", "Total", "channel-col");
  totalLabel.scope = "row";
  totalRow.append(totalLabel);
  for (const _model of result.models) {
    totalRow.append(h("td", count(result.totals.conversions), "num"), h("td", money(result.totals.value, scale), "num"));
  }
  foot.append(totalRow);
  table.replaceChildren(head, body, foot);
}
