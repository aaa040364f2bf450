// Creators: one row per creator with credit, cost, commission and return on spend under one
// model and window; sorted and filtered as the user chooses, which the store keeps.
import { modelNames } from "../catalogue";
import { element } from "../dom";
import { renderCreatorTable } from "../render/creator-table";
import { setCreatorView } from "../store";
import type { View } from "./view";

export const creators: View = {
  id: "creators",
  watches: ["report", "roi", "days", "creatorView", "catalogue", "lang"],
  mount() {},
  render(state) {
    const report = state.report;
    const models = report?.windows[0]?.creators?.models ?? [];
    element("creators-block").hidden = !report || models.length === 0;
    if (!report || !state.catalogue || !state.creatorView || models.length === 0) return;
    const controls = element("creator-controls");
    const table = element<HTMLTableElement>("creator-table");
    renderCreatorTable(controls, table, report, state.roi, state.days, models, state.creatorView, setCreatorView, modelNames(state.catalogue));
  },
};
