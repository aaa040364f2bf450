// Model check: how far to trust each model. A held-out check of the models that give a
// probability and lift tests the user enters (the engine's check is being written; until it is
// in this build, the view says so), what the incremental model learned, and, on the sample, each
// model's distance from the known truth.
import { modelNames } from "../catalogue";
import { element, h } from "../dom";
import { tr } from "../i18n";
import { renderTruth } from "../render/credit-table";
import { fitNote, renderTierEffects, renderTypeStrengths } from "../render/fit";
import { peopledTiers, tierLabels } from "../tiers";
import type { View } from "./view";

export const check: View = {
  id: "check",
  watches: ["report", "days", "settings", "catalogue", "lang"],
  mount() {},
  render(state) {
    element("model-check-body").replaceChildren(
      h(
        "p",
        tr("Coming: each model that gives a journey a probability (incremental, Markov, Shapley) fitted on part of the journeys and scored on the rest (log-loss, Brier score, calibration), and your own lift tests (a tier or creators held out for a period) set against what each model implies."),
        "note",
      ),
    );
    const report = state.report;
    const window = report?.windows.find((w) => w.days === state.days);
    const fit = window?.tiers?.incremental ?? null;
    element("fit-block").hidden = fit === null;
    if (report && fit) {
      element("fit-note").textContent = fitNote(fit, state.days);
      renderTypeStrengths(element<HTMLTableElement>("fit-types"), fit);
      renderTierEffects(element<HTMLTableElement>("fit-tiers"), fit, tierLabels(state.settings), peopledTiers(report.summary));
    }
    const scores = report?.truthScores ?? [];
    element("truth-block").hidden = scores.length === 0;
    if (state.catalogue && report) renderTruth(element<HTMLTableElement>("truth"), scores, modelNames(state.catalogue));
  },
};
