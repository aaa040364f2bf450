// Creators: one row per creator with credit, cost, commission and return on spend under one
// model and window; sorted and filtered as the user chooses, which the store keeps.
import { modelNames } from "../catalogue";
import { element } from "../dom";
import { type CreatorView, renderCreatorTable } from "../render/creator-table";
import { renderPager } from "../render/pager";
import { type PageState, setCreatorView } from "../store";
import { tierLabels } from "../tiers";
import type { View } from "./view";

/** Creators a page. */
const PAGE_ROWS = 25;
/** The page shown, and the sort and filter it is a page of (a new one opens on its first page). */
let paging: { page: number; view: CreatorView | null } = { page: 0, view: null };

function draw(state: Readonly<PageState>): void {
  const report = state.report;
  const view = state.creatorView;
  const models = report?.windows[0]?.creators?.models ?? [];
  if (!report || !state.catalogue || !view) return;
  const sameFilter = paging.view !== null && paging.view.tier === view.tier && paging.view.search === view.search && paging.view.sort === view.sort && paging.view.descending === view.descending;
  if (!sameFilter) paging = { page: 0, view };
  paging.view = view;
  const { total, page } = renderCreatorTable(element("creator-controls"), element<HTMLTableElement>("creator-table"), report, state.roi, state.days, models, view, setCreatorView, modelNames(state.catalogue), {
    page: paging.page,
    size: PAGE_ROWS,
    tierName: tierLabels(state.settings),
  });
  renderPager(element("creator-pager"), total, page, PAGE_ROWS, (next) => {
    paging.page = next;
    draw(state);
  });
}

export const creators: View = {
  id: "creators",
  tab: "creators",
  watches: ["report", "roi", "days", "creatorView", "settings", "catalogue", "lang"],
  mount() {},
  render(state) {
    const models = state.report?.windows[0]?.creators?.models ?? [];
    element("creators-block").hidden = !state.report || models.length === 0;
    if (models.length > 0) draw(state);
  },
};
