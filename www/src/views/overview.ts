// The overview: which data this is (the sample or the user's own, one click from the data view),
// then the answer for the window shown, in a few sentences, one chart and one table: what
// creators caused and what would have happened anyway (the incremental model), which tiers and
// creators caused most, and how sure that is.
import { modelNames } from "../catalogue";
import { element, h } from "../dom";
import { tr } from "../i18n";
import { causeOf } from "../render/cause";
import { showChart } from "../render/chart-figure";
import { groupsSaid, renderGroupTable } from "../render/groups";
import { answerParagraphs, causeChart, renderCauseTable } from "../render/overview";
import { type PageState, chooseView, mixedInputs } from "../store";
import { peopledTiers, tierLabels } from "../tiers";
import { type View, drawPart } from "./view";

/** Which data the results are of, and the way to one's own. */
function dataLine(state: Readonly<PageState>): void {
  const line = element("data-line");
  const sample = state.mode === "campaign" && ["creators", "touchpoints", "orders"].every((f) => state.sources[f as "creators"] === "sample");
  const mixed = mixedInputs(state) !== null;
  const said = state.mode === "paths" ? tr("A paths file.") : sample ? tr("The sample campaign (made-up data).") : mixed ? tr("Your files mixed with the sample's.") : tr("Your campaign.");
  const open = h("button", tr(sample ? "Use your own data →" : "Data →"), "link-button");
  open.type = "button";
  open.addEventListener("click", () => chooseView("data"));
  line.replaceChildren(said, " ", open);
}

export const overview: View = {
  id: "overview",
  tab: "overview",
  watches: ["report", "paths", "days", "sources", "mode", "settings", "view", "catalogue", "lang"],
  mount() {},
  render(state) {
    dataLine(state);
    const answer = element("answer");
    const chartHost = element("cause-chart");
    const block = element("cause-block");
    const report = state.report;
    const window = report?.windows.find((w) => w.days === state.days);
    // Creators beside ads and search, when the campaign has sources: the group level per model.
    const groups = window?.groups ?? null;
    const hasSources = groups !== null && groups.channels.some((g) => g !== "creators");
    element("groups-block").hidden = !hasSources || !state.catalogue || !state.settings;
    if (hasSources && state.catalogue && state.settings && window) {
      const modelName = modelNames(state.catalogue);
      element("groups-said").textContent = groupsSaid(groups, state.settings.baselineModel, modelName);
      renderGroupTable(element<HTMLTableElement>("groups-table"), groups, modelName, window.days);
    }
    if (!report || !window?.tiers || !state.catalogue || !state.settings) {
      block.hidden = true;
      chartHost.replaceChildren();
      answer.replaceChildren(
        ...(state.paths ? [h("p", tr("A paths file gives each model's credit per channel: see Models × windows. What creators caused (the incremental model) needs the creators, touches and orders."))] : []),
      );
      return;
    }
    const modelName = modelNames(state.catalogue);
    const tierName = tierLabels(state.settings);
    const cause = causeOf(report, window, state.settings.baselineModel);
    if (!cause) return;
    answer.replaceChildren(...answerParagraphs(cause, window.tiers, peopledTiers(report.summary), report.truthScores, modelName, tierName));
    const title = tr(cause.incremental ? "What caused the orders, {days}-day window" : "What {model} credits, {days}-day window", { days: cause.days, model: modelName(cause.model) });
    drawPart("chart", () => showChart(chartHost, title, `cause-${cause.days}d`, (width) => causeChart(cause, width, tierName)));
    renderCauseTable(element<HTMLTableElement>("cause-table"), cause, modelName, tierName);
    block.hidden = false;
  },
};
