// The budget's settings: the amount, what a tier's return is counted in, the response curve and
// its parameters (each labelled, explained and bounded by the engine's catalogue), and limits per
// tier. What is typed reaches the store at once and is drawn back only when the store's budget
// settings change from elsewhere (a restore), so typing is never interrupted.
import type { BudgetOptions } from "../../pkg/kol_attribution.js";
import { bound, local, setting } from "../catalogue";
import { element, markInvalid } from "../dom";
import { tell } from "../i18n";
import { refusalPhrase } from "../refusal";
import { fillLimits, readLimits, renderLimitInputs } from "../render/budget-tables";
import { type PageState, editBudget } from "../store";
import { tierLabels } from "../tiers";
import type { View } from "./view";

/** The curve's parameters: their inputs by the engine's names. */
const NUMBERS = { halfSaturation: "budget-half", slope: "budget-slope", exponent: "budget-exponent" } as const;
const NUMBER_KEYS = Object.keys(NUMBERS) as (keyof typeof NUMBERS)[];

const amount = (): HTMLInputElement => element<HTMLInputElement>("budget-amount");
const metric = (): HTMLSelectElement => element<HTMLSelectElement>("budget-metric");
const curve = (): HTMLSelectElement => element<HTMLSelectElement>("budget-curve");
const limits = (): HTMLTableElement => element<HTMLTableElement>("budget-limits");

/** The budget settings the view last gave the store or drew. */
let shown: BudgetOptions | null = null;

/** The budget settings as typed; the engine checks every value and names the one it refuses. */
function typed(): BudgetOptions {
  const options: BudgetOptions = {
    curve: curve().value as NonNullable<BudgetOptions["curve"]>,
    metric: metric().value as NonNullable<BudgetOptions["metric"]>,
    constraints: readLimits(limits()),
  };
  const budget = amount().value.trim();
  if (budget) options.budget = budget;
  for (const key of NUMBER_KEYS) {
    const text = element<HTMLInputElement>(NUMBERS[key]).value.trim();
    if (text !== "") options[key] = Number(text);
  }
  return options;
}

function edited(): void {
  shown = typed();
  editBudget(shown);
}

/** Puts the store's budget settings into the inputs. */
function draw(options: BudgetOptions): void {
  amount().value = options.budget === undefined || options.budget === null ? "" : String(options.budget);
  if (options.curve) curve().value = options.curve;
  if (options.metric) metric().value = options.metric;
  for (const key of NUMBER_KEYS) {
    const value = options[key];
    element<HTMLInputElement>(NUMBERS[key]).value = value === undefined ? "" : String(value);
  }
  fillLimits(limits(), options.constraints ?? []);
}

/** The input of the budget setting the engine refused: a curve parameter, the amount, or a tier's limit. */
function refusedInput(state: Readonly<PageState>): HTMLElement | null {
  const option = state.budgetError?.option;
  if (!option) return null;
  const limit = /^constraints\[(\d+)\]\.(min|max)$/u.exec(option);
  if (limit) {
    const tier = state.budgetOptions.constraints?.[Number(limit[1])]?.tier ?? "";
    return limits().querySelector<HTMLElement>(`tr[data-tier="${CSS.escape(tier)}"] [data-field="${limit[2]}"]`);
  }
  const ids: Record<string, string> = { budget: "budget-amount", metric: "budget-metric", curve: "budget-curve", ...NUMBERS };
  const id = ids[option];
  return id ? element(id) : null;
}

/** Outlines the refused budget setting, with the engine's reason under the settings. */
function markRefused(state: Readonly<PageState>): void {
  const note = element("budget-field-error");
  for (const control of document.querySelectorAll<HTMLElement>("#budget-block [aria-invalid]")) markInvalid(control, note, null);
  const control = refusedInput(state);
  if (control && state.budgetError) markInvalid(control, note, tell(refusalPhrase(state.catalogue, state.budgetError)));
}

export const budgetSettings: View = {
  id: "budget-settings",
  tab: "budget",
  watches: ["budgetOptions", "budget", "budgetError", "settings", "catalogue", "lang"],
  mount() {
    for (const id of ["budget-amount", ...Object.values(NUMBERS)]) element(id).addEventListener("input", edited);
    for (const select of [metric(), curve()]) select.addEventListener("change", edited);
  },
  render(state) {
    const catalogue = state.catalogue;
    if (catalogue) {
      for (const label of document.querySelectorAll<HTMLElement>(".budget-settings [data-setting]")) {
        const info = setting(catalogue, "budget", label.dataset.setting ?? "");
        const name = label.querySelector(".field-name");
        if (name) name.textContent = local(info.label);
        label.title = local(info.help);
        const input = label.querySelector("input");
        if (input?.type === "number") bound(input, info);
      }
    }
    const table = limits();
    const tiers = table.dataset.tiers;
    // One row of limits per tier, kept while the tiers stay the same.
    if (state.budget) renderLimitInputs(table, state.budget, edited, tierLabels(state.settings));
    if (state.budgetOptions !== shown || table.dataset.tiers !== tiers) {
      shown = state.budgetOptions;
      draw(state.budgetOptions);
    }
    for (const label of document.querySelectorAll<HTMLElement>("[data-curve]")) label.hidden = label.dataset.curve !== curve().value;
    markRefused(state);
  },
};
