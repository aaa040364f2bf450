// The credit table (one row per tier or creator, one column per model) for the window shown, and
// the chart of each tier's share under each model; for a paths file, its window's table alone.
import { modelNames } from "../catalogue";
import { element } from "../dom";
import { tr } from "../i18n";
import { showChart } from "../render/chart-figure";
import { tierShareChart } from "../render/charts";
import { type ChannelLabel, renderCreditTable } from "../render/credit-table";
import { shownPaths } from "../store";
import { isSourceTier, sourceLabel } from "../sources";
import { peopledTiers, tierLabels } from "../tiers";
import { type View, drawPart } from "./view";

export const credit: View = {
  id: "credit",
  tab: "models",
  watches: ["report", "paths", "days", "level", "settings", "view", "catalogue", "lang"],
  mount() {},
  render(state) {
    const table = element<HTMLTableElement>("results");
    const chartHost = element("share-chart");
    if (!state.catalogue) return;
    const modelName = modelNames(state.catalogue);
    const report = state.report;
    if (!report) {
      chartHost.hidden = true;
      const paths = shownPaths(state);
      if (paths) renderCreditTable(table, paths.comparison, (channel) => ({ name: channel }), true, modelName);
      return;
    }
    const window = report.windows.find((w) => w.days === state.days);
    const comparison = state.level === "tier" ? window?.tiers : window?.creators;
    if (!window || !comparison) return;
    const creators = new Map(report.creators.map((c) => [c.id, c]));
    const tierName = tierLabels(state.settings);
    // A tier's name is data and stays as written; in Chinese its Chinese name goes under it. A
    // group of ads and search sources (paid, owned, organic) is named in words.
    const label: ChannelLabel =
      state.level === "tier"
        ? (channel) =>
            isSourceTier(channel) ? { name: tierName(channel), detail: channel } : { name: channel, detail: tierName(channel) !== channel ? tierName(channel) : undefined }
        : (channel) => {
            const creator = creators.get(channel);
            const source = creator !== undefined && creator.group !== "creators";
            return { name: source ? sourceLabel(channel) : (creator?.handle ?? channel), detail: creator ? `${tierName(creator.tier)} · ${creator.id}` : undefined };
          };
    renderCreditTable(table, comparison, label, state.level !== "tier", modelName);
    const tiers = window.tiers;
    chartHost.hidden = tiers === null;
    if (tiers) {
      const title = tr("Each tier's share of order value by model, {days}-day window", { days: window.days });
      const peopled = peopledTiers(report.summary);
      const shown = { tiers: tiers.channels.filter((t) => peopled.has(t)), tierName };
      drawPart("chart", () => showChart(chartHost, title, `tier-share-${window.days}d`, (width) => tierShareChart(tiers, width, modelName, shown)));
    }
  },
};
