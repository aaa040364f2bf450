// Models × windows: one tier's share under every model at every lookback window, and its change
// against the baseline, as two heatmaps and a table; a button per tier picks which.
import { modelNames } from "../catalogue";
import { element, h } from "../dom";
import { tr } from "../i18n";
import { showChart } from "../render/chart-figure";
import { matrixChart } from "../render/charts";
import { renderMatrix } from "../render/credit-table";
import { chooseTier } from "../store";
import type { View } from "./view";

export const matrix: View = {
  id: "matrix",
  watches: ["report", "days", "tier", "catalogue", "lang"],
  mount() {},
  render(state) {
    const block = element("matrix-block");
    const report = state.report;
    const tiers = report?.windows.find((w) => w.days === state.days)?.tiers?.channels ?? [];
    block.hidden = !report || tiers.length === 0;
    if (!report || !state.catalogue || tiers.length === 0) return;
    const modelName = modelNames(state.catalogue);
    const tier = state.tier;
    const buttons = element("tier-buttons");
    buttons.replaceChildren();
    for (const name of tiers) {
      const button = h("button", name);
      button.type = "button";
      button.setAttribute("aria-pressed", String(name === tier));
      button.addEventListener("click", () => chooseTier(name));
      buttons.append(button);
    }
    renderMatrix(element<HTMLTableElement>("matrix"), report, tier, modelName);
    showChart(element("matrix-share-chart"), tr("{tier}'s share by model and window", { tier }), `share-matrix-${tier}`, (width) =>
      matrixChart(report, tier, "share", width, modelName),
    );
    showChart(element("matrix-change-chart"), tr("{tier}'s change against the baseline, in points", { tier }), `change-matrix-${tier}`, (width) =>
      matrixChart(report, tier, "change", width, modelName),
    );
  },
};
