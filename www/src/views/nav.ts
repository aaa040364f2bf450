// Moving between views: a tab per view (the results' five, the model check, the data and the
// settings), as the WAI-ARIA tabs pattern has them (only the chosen tab in the Tab order, arrows,
// Home and End move). The results' views share one panel, which the data and settings replace.
import { element } from "../dom";
import { tr } from "../i18n";
import { RESULT_VIEWS, VIEW_IDS, type ViewId, chooseView, page } from "../store";
import type { View } from "./view";

function go(view: ViewId, focus: boolean): void {
  chooseView(view);
  if (focus) element(`nav-${view}`).focus();
}

export const nav: View = {
  id: "nav",
  watches: ["view", "problems", "lang"],
  mount() {
    for (const view of VIEW_IDS) element(`nav-${view}`).addEventListener("click", () => go(view, false));
    element("view-tabs").addEventListener("keydown", (event) => {
      const at = VIEW_IDS.indexOf(page().view);
      const next =
        event.key === "ArrowRight" ? (at + 1) % VIEW_IDS.length : event.key === "ArrowLeft" ? (at - 1 + VIEW_IDS.length) % VIEW_IDS.length : event.key === "Home" ? 0 : event.key === "End" ? VIEW_IDS.length - 1 : -1;
      const view = VIEW_IDS[next];
      if (view === undefined) return;
      event.preventDefault();
      go(view, true);
    });
    element("to-creators").addEventListener("click", () => go("creators", false));
  },
  render(state) {
    for (const view of VIEW_IDS) {
      const tab = element(`nav-${view}`);
      const selected = state.view === view;
      tab.setAttribute("aria-selected", String(selected));
      tab.tabIndex = selected ? 0 : -1;
      element(`view-${view}`).hidden = !selected;
    }
    element("results-panel").hidden = !RESULT_VIEWS.includes(state.view);
    // The data tab says how many problems wait there.
    const errors = state.problems?.list.filter((p) => p.severity === "error").length ?? 0;
    const badge = element("data-badge");
    badge.hidden = errors === 0;
    badge.textContent = errors === 0 ? "" : String(errors);
    badge.title = tr(errors === 1 ? "1 problem in the input" : "{count} problems in the input", { count: errors });
  },
};
