// Where the orders landed (XHS shop, Tmall/Taobao, JD, the brand's site): the creators' credit
// per sales channel under each model, and the money per sales channel under the commission
// basis. The engine splits each model's creator credit over the channels so that they sum to it
// to the fen; the page only adds the channels up and formats them.
import type { ChannelMoney, Comparison } from "../../pkg/kol_attribution.js";
import type { ModelName } from "../catalogue";
import { h } from "../dom";
import { count, money, percent, sumDecimals } from "../format";
import { tr } from "../i18n";
import { salesChannelLabel } from "../sources";

function headCell(text: string, className: string): HTMLTableCellElement {
  const th = h("th", text, className);
  th.scope = "col";
  return th;
}

function rowHead(text: string): HTMLTableCellElement {
  const th = h("th", text, "channel-col");
  th.scope = "row";
  return th;
}

/** Each model's credited value per channel, and their sum: what the model credits creators. */
export function salesCredit(sales: Comparison): { model: Comparison["models"][number]; total: string; values: string[] }[] {
  return sales.models.map((model) => {
    const credits = sales.credits.filter((c) => c.model === model);
    const values = sales.channels.map((channel) => credits.find((c) => c.channel === channel)?.value ?? "0");
    return { model, total: sumDecimals(values), values };
  });
}

/** A row per model, a column per sales channel (its value and its share of the row), then the creators' total. */
export function renderSalesCredit(table: HTMLTableElement, sales: Comparison, modelName: ModelName, days: number): void {
  const head = h("tr");
  head.append(headCell(tr("Model"), "channel-col"));
  for (const channel of sales.channels) head.append(headCell(salesChannelLabel(channel), "num"));
  head.append(headCell(tr("All creators"), "num"));
  const body = h("tbody");
  for (const { model, total, values } of salesCredit(sales)) {
    const row = h("tr");
    row.append(rowHead(modelName(model)));
    for (const value of values) {
      const cell = h("td", undefined, "num");
      const share = Number(total) === 0 ? 0 : Number(value) / Number(total);
      cell.append(h("span", money(value), "value-text"), h("span", percent(share), "cell-detail"));
      row.append(cell);
    }
    row.append(h("td", money(total), "num total"));
    body.append(row);
  }
  const thead = h("thead");
  thead.append(head);
  const caption = tr("Creators' credited value per sales channel under each model, {days}-day window, with its share of the row; each row sums to what the model credits creators.", { days });
  table.replaceChildren(h("caption", caption), thead, body);
}

/** A row per sales channel, then the total: orders, value, what the basis credits creators, commission, platform fee, return. */
export function renderSalesMoney(table: HTMLTableElement, channels: ChannelMoney[], basis: string): void {
  const columns = ["Sales channel", "Orders", "Order value", "Net of refunds", "Credited to creators", "Commission", "Platform fee", "Return on spend"];
  const head = h("tr");
  for (const [i, text] of columns.entries()) head.append(headCell(tr(text), i === 0 ? "channel-col" : "num"));
  const body = h("tbody");
  const foot = h("tfoot");
  const line = (name: string, figures: string[], into = body): void => {
    const row = h("tr");
    row.append(rowHead(name), ...figures.map((figure) => h("td", figure, "num")));
    into.append(row);
  };
  for (const c of channels) {
    line(salesChannelLabel(c.channel), [
      count(c.orders),
      money(c.value),
      money(c.netValue),
      money(c.creditedNetValue),
      money(c.commission),
      money(c.platformFee),
      c.returnOnSpend === null ? "—" : `${c.returnOnSpend.toFixed(2)}×`,
    ]);
  }
  const sum = (pick: (c: ChannelMoney) => string): string => sumDecimals(channels.map(pick));
  const [credited, commission, fee] = [sum((c) => c.creditedNetValue), sum((c) => c.commission), sum((c) => c.platformFee)];
  const spent = Number(sumDecimals([commission, fee]));
  line(
    tr("All channels"),
    [
      count(channels.reduce((n, c) => n + c.orders, 0)),
      money(sum((c) => c.value)),
      money(sum((c) => c.netValue)),
      money(credited),
      money(commission),
      money(fee),
      spent === 0 ? "—" : `${(Number(credited) / spent).toFixed(2)}×`,
    ],
    foot,
  );
  const thead = h("thead");
  thead.append(head);
  const caption = tr("Money per sales channel under {model}: the net value it credits creators, their commission and the platform's fee; return on spend is the credited value ÷ (commission + platform fee).", {
    model: basis,
  });
  table.replaceChildren(h("caption", caption), thead, body, foot);
}
