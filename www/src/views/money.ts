// Commission and payouts: totals, the pay gap per tier and model (chart), return on spend, the
// payout calendar and the first ledger lines.
import { modelNames, setting } from "../catalogue";
import { element } from "../dom";
import { tr } from "../i18n";
import { showChart } from "../render/chart-figure";
import { payGapChart } from "../render/charts";
import { renderCalendar, renderLedger, renderMoneyTotals, renderRoi } from "../render/money-tables";
import type { View } from "./view";

/** Ledger lines shown; the export has them all. */
const LEDGER_LINES = 100;

export const money: View = {
  id: "money",
  watches: ["money", "roi", "report", "days", "level", "computedFrom", "catalogue", "lang"],
  mount() {},
  render(state) {
    const money = state.money;
    const catalogue = state.catalogue;
    element("money-block").hidden = money === null;
    if (!money || !catalogue || !state.report) return;
    const modelName = modelNames(catalogue);
    const { days, level } = state;
    const basis = money.basis;
    // The engine's default basis is what the platform pays.
    const platform = setting(catalogue, "money", "basis.model").default === basis.model;
    const holding = (state.computedFrom?.money.options as { holdingDays?: number } | undefined)?.holdingDays ?? "";
    element("money-basis").textContent = tr(
      platform
        ? "Commission follows {model} (what the platform pays); payable {holding} days after the order; returns within that time cancel it, later ones are clawed back. As of {date}."
        : "Commission follows {model} at {days} days; payable {holding} days after the order; returns within that time cancel it, later ones are clawed back. As of {date}.",
      { model: modelName(basis.model), days: basis.days ?? "", holding, date: money.asOf },
    );
    renderMoneyTotals(element<HTMLDListElement>("money-totals"), money);
    const gapHost = element("gap-chart");
    gapHost.hidden = level !== "tier";
    if (level === "tier") {
      const roi = state.roi;
      showChart(gapHost, tr("Platform pays vs model says: commission paid − earned per tier, {days}-day window", { days }), `pay-gap-${days}d`, (width) =>
        payGapChart(roi, days, width, modelName),
      );
    }
    const creators = new Map(state.report.creators.map((c) => [c.id, c.handle]));
    const label = (channel: string): string => (level === "tier" ? channel : (creators.get(channel) ?? channel));
    renderRoi(element<HTMLTableElement>("roi"), state.roi, days, level, label, modelName);
    renderCalendar(element<HTMLTableElement>("calendar"), money);
    renderLedger(element<HTMLTableElement>("ledger"), money, LEDGER_LINES);
  },
};
