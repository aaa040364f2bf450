// Budget: how each model would split the next period's budget across tiers by the method chosen
// (chart, table, and where the models disagree). A budget the engine refuses leaves the last
// proposal dimmed, with why.
import type { BudgetMethod } from "../../pkg/kol_attribution.js";
import { modelNames } from "../catalogue";
import { element, h } from "../dom";
import { tell, tr } from "../i18n";
import { refusalPhrase } from "../refusal";
import { renderBudget, renderDisagreement } from "../render/budget-tables";
import { showChart } from "../render/chart-figure";
import { budgetChart } from "../render/charts";
import { chooseMethod } from "../store";
import { peopledTiers, tierLabels } from "../tiers";
import { type View, drawPart } from "./view";

const METHODS: BudgetMethod[] = ["marginal_return", "follow_credit"];

/** The narrowest a proposal's column is readable at (its spend, change and what the curve expects, wrapped). */
const PROPOSAL_PX = 100;

/**
 * Whether the budget table turns a row per model: when the models side by side (beside the tier
 * and today's spend) would not fit the width there is, and the tiers are fewer than the models.
 */
function modelsDown(table: HTMLElement, models: number, tiers: number): boolean {
  const room = table.parentElement?.clientWidth || window.innerWidth;
  return (models + 2) * PROPOSAL_PX > room && tiers < models;
}

/** The words in the engine's formula of a response curve (its symbols and numbers stay as written). */
const CURVE_WORDS = ["c so that", "current spend", "attributed return", "Power"];

/** The engine's formula of the curve in the language shown. */
function curveWords(formula: string): string {
  return CURVE_WORDS.reduce((text, words) => text.replaceAll(words, tr(words)), formula);
}

export const budget: View = {
  id: "budget",
  tab: "budget",
  watches: ["budget", "budgetError", "method", "days", "report", "settings", "view", "catalogue", "lang"],
  mount() {
    for (const method of METHODS) element(`method-${method}`).addEventListener("click", () => chooseMethod(method));
  },
  render(state) {
    const report = state.budget;
    const block = element("budget-block");
    block.hidden = report === null;
    const error = element("budget-error");
    error.hidden = state.budgetError === null;
    error.replaceChildren(...(state.budgetError === null ? [] : [h("p", tell(refusalPhrase(state.catalogue, state.budgetError)), "problems-title")]));
    // The last proposal stays for reference, dimmed: it does not answer the settings shown.
    block.classList.toggle("stale", state.budgetError !== null);
    for (const method of METHODS) element(`method-${method}`).setAttribute("aria-pressed", String(state.method === method));
    if (!report || !state.catalogue) return;
    const modelName = modelNames(state.catalogue);
    const tierName = tierLabels(state.settings);
    const { days, method } = state;
    element("budget-curve-note").textContent = tr("Response curve: {curve}. Under each proposal: the return the curve expects there, and what the next ¥1 would return.", {
      curve: curveWords(report.curve),
    });
    const peopled = state.report ? peopledTiers(state.report.summary) : null;
    const shown = { tiers: report.tiers.map((t) => t.tier).filter((t) => peopled === null || peopled.has(t)), tierName };
    drawPart("chart", () =>
      showChart(element("budget-chart"), tr("Spend now → proposed per tier, {days}-day window", { days }), `budget-${method}-${days}d`, (width) =>
        budgetChart(report, days, method, width, modelName, shown),
      ),
    );
    const table = element<HTMLTableElement>("budget");
    const models = new Set(report.plans.map((p) => p.model)).size;
    renderBudget(table, report, days, method, modelName, tierName, modelsDown(table, models, report.tiers.length));
    renderDisagreement(element<HTMLTableElement>("budget-disagreement"), report, days, method, modelName, tierName);
  },
};
