// Commission and payouts: totals, the pay gap per tier and model (chart), return on spend, the
// payout calendar and the first ledger lines.
import { modelNames, setting } from "../catalogue";
import { element } from "../dom";
import { tr } from "../i18n";
import { showChart } from "../render/chart-figure";
import { payGapChart } from "../render/charts";
import { renderCalendar, renderLedger, renderMoneyTotals, renderRoi } from "../render/money-tables";
import { pageOf, renderPager } from "../render/pager";
import type { PageState } from "../store";
import { isSourceTier, sourceIds, sourceLabel } from "../sources";
import { creatorTiers, tierLabels } from "../tiers";
import { type View, drawPart } from "./view";

/** Ledger lines a page; the export has them all. */
const LEDGER_LINES = 20;
/** The ledger's page shown, and the ledger it is a page of (a new one opens on its first page). */
let ledgerPage = { page: 0, of: null as PageState["money"] };

function drawLedger(state: Readonly<PageState>, label: (kolId: string) => string): void {
  const money = state.money;
  if (!money) return;
  if (ledgerPage.of !== money) ledgerPage = { page: 0, of: money };
  const { page } = pageOf(money.ledger, ledgerPage.page, LEDGER_LINES);
  renderLedger(element<HTMLTableElement>("ledger"), money, page * LEDGER_LINES, LEDGER_LINES, label);
  renderPager(element("ledger-pager"), money.ledger.length, page, LEDGER_LINES, (next) => {
    ledgerPage.page = next;
    drawLedger(state, label);
  });
}

export const money: View = {
  id: "money",
  tab: "money",
  watches: ["money", "roi", "report", "days", "level", "computedFrom", "settings", "view", "catalogue", "lang"],
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
    const tierName = tierLabels(state.settings);
    // Ads and search earn no commission: their tiers have no pay gap to draw.
    const peopled = creatorTiers(state.report.summary);
    if (level === "tier") {
      const roi = state.roi;
      const order = [...new Set(roi.filter((r) => r.days === days && r.level === "tier").map((r) => r.channel))];
      const shown = { tiers: order.filter((t) => peopled.has(t)), tierName };
      drawPart("chart", () =>
        showChart(gapHost, tr("Platform pays vs model says: commission paid − earned per tier, {days}-day window", { days }), `pay-gap-${days}d`, (width) =>
          payGapChart(roi, days, width, modelName, shown),
        ),
      );
    }
    const creators = new Map(state.report.creators.map((c) => [c.id, c.handle]));
    const sources = sourceIds(state.report);
    const isSource = (channel: string): boolean => (level === "tier" ? isSourceTier(channel) : sources.has(channel));
    const label = (channel: string): string => (level === "tier" ? tierName(channel) : sources.has(channel) ? sourceLabel(channel) : (creators.get(channel) ?? channel));
    renderRoi(element<HTMLTableElement>("roi"), state.roi, days, level, { label, isSource }, modelName);
    renderCalendar(element<HTMLTableElement>("calendar"), money);
    drawLedger(state, (id) => creators.get(id) ?? id);
  },
};
