// The Creators view's notes: when the campaign names notes, the top notes by credit under the
// model the creator table shows, and the long tail, ten a page.
import { modelNames } from "../catalogue";
import { element } from "../dom";
import { tr } from "../i18n";
import { noteRows, notesSaid, renderNoteTable } from "../render/note-table";
import { renderPager } from "../render/pager";
import type { PageState } from "../store";
import type { View } from "./view";

/** Notes a page; the first page is the "top notes" the sentence speaks of. */
const PAGE_ROWS = 10;
let shownPage = 0;

function draw(state: Readonly<PageState>): void {
  const block = element("notes-block");
  const report = state.report;
  const model = state.creatorView?.model;
  const rows = report && model && state.catalogue ? noteRows(report, state.roi, state.days, model) : null;
  block.hidden = rows === null || rows.length === 0;
  if (!rows || rows.length === 0 || !model || !state.catalogue) return;
  const name = modelNames(state.catalogue)(model);
  element("notes-said").textContent = notesSaid(rows, PAGE_ROWS, name, state.days);
  const caption = tr("Notes by credited value under {model} at {days} days; cost is the note's fee and boost and its part of the creator's commission.", { model: name, days: state.days });
  shownPage = renderNoteTable(element<HTMLTableElement>("note-table"), rows, shownPage, PAGE_ROWS, caption);
  renderPager(element("note-pager"), rows.length, shownPage, PAGE_ROWS, (next) => {
    shownPage = next;
    draw(state);
  });
}

export const notes: View = {
  id: "notes",
  tab: "creators",
  watches: ["report", "roi", "days", "creatorView", "catalogue", "lang"],
  mount() {},
  render(state) {
    draw(state);
  },
};
