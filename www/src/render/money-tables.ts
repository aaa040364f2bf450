// The money views: totals, return on spend with the pay gap per model, the payout calendar and
// the ledger. Every amount arrives as a decimal string from the engine and is only formatted here.
import type { MoneyReport, RoiRow } from "../../pkg/kol_attribution.js";
import type { ModelName } from "../catalogue";
import { h } from "../dom";
import { money } from "../format";
import { tr } from "../i18n";

const STATUS_LABELS = { pending: "pending", payable: "payable", cancelled: "cancelled", clawed_back: "clawed back" } as const;

function signed(amount: string): string {
  return amount.startsWith("-") ? `−${money(amount.slice(1))}` : money(amount);
}

export function renderMoneyTotals(list: HTMLDListElement, report: MoneyReport): void {
  const t = report.totals;
  list.replaceChildren();
  for (const [term, value] of [
    ["Commission payable", money(t.payable)],
    ["Pending (holding period)", money(t.pending)],
    ["Clawed back", signed(t.clawedBack)],
    ["Flat fees", money(t.flatFees)],
    ["Bonuses", money(t.bonuses)],
    ["Platform fee (brand side)", money(t.platformFee)],
  ] as const) {
    const item = h("div", undefined, "summary-item");
    item.append(h("dt", tr(term)), h("dd", value));
    list.append(item);
  }
}

/**
 * Rows: channels of `level`; columns: cost, commission paid, then per model ROAS and pay gap. An
 * ad or search source (`isSource`) earns no commission: its cost is its spend, and it has no gap.
 */
export function renderRoi(
  table: HTMLTableElement,
  rows: RoiRow[],
  days: number,
  level: string,
  names: { label: (c: string) => string; isSource: (c: string) => boolean },
  modelName: ModelName,
): void {
  const { label, isSource } = names;
  const here = rows.filter((r) => r.days === days && r.level === level);
  const models = [...new Set(here.map((r) => r.model))];
  const channels = [...new Set(here.map((r) => r.channel))];
  // Looked up, not searched for: by creator a million journeys' window has thousands of rows.
  const byCell = new Map<string, RoiRow>();
  const firsts = new Map<string, RoiRow>();
  for (const r of here) {
    const cell = `${r.channel}\u0000${r.model}`;
    if (!byCell.has(cell)) byCell.set(cell, r);
    if (!firsts.has(r.channel)) firsts.set(r.channel, r);
  }
  const caption = h(
    "caption",
    tr("Return on spend (net value ÷ cost) and pay gap (commission paid − what the model says was earned; above 0 is overpaid), {days}-day window.", { days }),
  );
  const head = h("tr");
  for (const text of ["Channel", "Cost", "Commission paid"]) head.append(h("th", tr(text), text === "Channel" ? "channel-col" : "num"));
  for (const model of models) head.append(h("th", modelName(model), "num model-col"));
  const body = h("tbody");
  for (const channel of channels) {
    const first = firsts.get(channel);
    if (!first) continue;
    const row = h("tr");
    const name = h("th", label(channel), "channel-col");
    name.scope = "row";
    const source = isSource(channel);
    if (source) name.append(h("span", tr("ads / search: no commission"), "channel-detail"));
    row.append(name, h("td", money(first.cost), "num"), h("td", source ? "—" : money(first.paidCommission), "num"));
    for (const model of models) {
      const r = byCell.get(`${channel}\u0000${model}`);
      const cell = h("td", undefined, "num");
      if (r) {
        const gap = Number(r.payGap);
        cell.append(
          h("span", r.roas === null ? "—" : `${r.roas.toFixed(2)}×`, "value-text"),
          h(
            "span",
            source ? "" : gap === 0 ? tr("paid as earned") : tr(gap > 0 ? "overpaid {amount}" : "underpaid {amount}", { amount: money(r.payGap.replace("-", "")) }),
            `change ${gap > 0 ? "down" : gap < 0 ? "up" : "same"}`,
          ),
        );
      }
      row.append(cell);
    }
    body.append(row);
  }
  const thead = h("thead");
  thead.append(head);
  table.replaceChildren(caption, thead, body);
}

/** Payouts per week (all creators), newest last. */
export function renderCalendar(table: HTMLTableElement, report: MoneyReport): void {
  const weeks = new Map<string, { creators: Set<string>; cents: bigint }>();
  for (const w of report.calendar) {
    const entry = weeks.get(w.week) ?? { creators: new Set<string>(), cents: 0n };
    entry.creators.add(w.kolId);
    // Sum in fen as integers: money never goes through floating point.
    entry.cents += BigInt(w.amount.replace(".", ""));
    weeks.set(w.week, entry);
  }
  const caption = h("caption", tr("Payout calendar: commission that becomes payable (or is clawed back) each week, from Monday."));
  const head = h("tr");
  for (const text of ["Week of", "Creators", "Amount"]) head.append(h("th", tr(text), text === "Week of" ? "channel-col" : "num"));
  const body = h("tbody");
  for (const [week, { creators, cents }] of weeks) {
    const negative = cents < 0n;
    const digits = (negative ? -cents : cents).toString().padStart(3, "0");
    const amount = `${negative ? "-" : ""}${digits.slice(0, -2)}.${digits.slice(-2)}`;
    const row = h("tr");
    row.append(h("th", week, "channel-col"), h("td", String(creators.size), "num"), h("td", signed(amount), "num"));
    body.append(row);
  }
  const thead = h("thead");
  thead.append(head);
  table.replaceChildren(caption, thead, body);
}

/** Ledger lines `from` to `from + count` (0-based), the caption saying how many there are in all. */
export function renderLedger(table: HTMLTableElement, report: MoneyReport, from: number, count: number, label: (kolId: string) => string = (id) => id): void {
  const caption = h(
    "caption",
    tr("Ledger ({count} lines), as of {date}. {rounding}.", {
      count: report.ledger.length.toLocaleString("en-US"),
      date: report.asOf,
      rounding: tr(report.rounding),
    }),
  );
  const head = h("tr");
  for (const text of ["Date", "Creator", "Order", "Status", "Rate", "Amount"]) head.append(h("th", tr(text), ["Rate", "Amount"].includes(text) ? "num" : "channel-col"));
  const body = h("tbody");
  for (const line of report.ledger.slice(from, from + count)) {
    const row = h("tr");
    const creator = h("td", undefined, "channel-col");
    creator.append(h("span", label(line.kolId), "channel-name"), h("span", line.kolId, "cell-detail"));
    row.append(
      h("td", line.date, "channel-col"),
      creator,
      h("td", line.orderId, "channel-col"),
      h("td", tr(STATUS_LABELS[line.status]), `status-${line.status}`),
      h("td", `${(Number(line.rate) * 100).toFixed(1)}%`, "num"),
      h("td", signed(line.amount), "num"),
    );
    body.append(row);
  }
  const thead = h("thead");
  thead.append(head);
  table.replaceChildren(caption, thead, body);
}
