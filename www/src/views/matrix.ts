// Models × windows: one tier's share under every model at every lookback window, and its change
// against the baseline, as two heatmaps and a table; a button per tier picks which.
import { modelNames } from "../catalogue";
import { element, h } from "../dom";
import { tr } from "../i18n";
import { showChart } from "../render/chart-figure";
import { matrixChart } from "../render/charts";
import { renderMatrix } from "../render/credit-table";
import { chooseTier } from "../store";
import { peopledTiers, tierLabels } from "../tiers";
import { type View, drawPart } from "./view";

export const matrix: View = {
  id: "matrix",
  tab: "models",
  watches: ["report", "days", "tier", "settings", "view", "catalogue", "lang"],
  mount() {},
  render(state) {
    const block = element("matrix-block");
    const report = state.report;
    // Only tiers with creators: a tier nobody is in has 0% under every model.
    const peopled = report ? peopledTiers(report.summary) : new Set<string>();
    const tiers = (report?.windows.find((w) => w.days === state.days)?.tiers?.channels ?? []).filter((t) => peopled.has(t));
    block.hidden = !report || tiers.length === 0;
    if (!report || !state.catalogue || tiers.length === 0) return;
    const modelName = modelNames(state.catalogue);
    const tier = state.tier;
    const tierName = tierLabels(state.settings);
    const named = tierName(tier);
    const buttons = element("tier-buttons");
    buttons.replaceChildren();
    for (const name of tiers) {
      const button = h("button", tierName(name));
      button.type = "button";
      button.setAttribute("aria-pressed", String(name === tier));
      button.addEventListener("click", () => chooseTier(name));
      buttons.append(button);
    }
    renderMatrix(element<HTMLTableElement>("matrix"), report, tier, modelName, tierName(tier));
    drawPart("share", () =>
      showChart(element("matrix-share-chart"), tr("{tier}'s share by model and window", { tier: named }), `share-matrix-${tier}`, (width) =>
        matrixChart(report, tier, "share", width, modelName),
      ),
    );
    drawPart("change", () =>
      showChart(element("matrix-change-chart"), tr("{tier}'s change against the baseline, in points", { tier: named }), `change-matrix-${tier}`, (width) =>
        matrixChart(report, tier, "change", width, modelName),
      ),
    );
  },
};
