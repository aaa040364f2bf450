// Model check: on the sample, whose true incremental conversions are known, how far each model's
// tier shares are from the truth in each window.
import { modelNames } from "../catalogue";
import { element } from "../dom";
import { renderTruth } from "../render/credit-table";
import type { View } from "./view";

export const truth: View = {
  id: "truth",
  watches: ["report", "catalogue", "lang"],
  mount() {},
  render(state) {
    const scores = state.report?.truthScores ?? [];
    element("truth-block").hidden = scores.length === 0;
    if (state.catalogue && state.report) renderTruth(element<HTMLTableElement>("truth"), scores, modelNames(state.catalogue));
  },
};
