// The budget views: per-tier limit inputs, each model's proposal for the chosen window and method,
// and where the models disagree. Amounts arrive as decimal strings and are only formatted here.
import type { BudgetMethod, BudgetReport, TierConstraint } from "../../pkg/kol_attribution.js";
import type { ModelName } from "../catalogue";
import { h } from "../dom";
import { money } from "../format";
import { language, tr } from "../i18n";

const LIMIT_LABELS = { locked: "locked", minimum: "at its minimum", maximum: "at its maximum", no_curve: "no spend now: held at ¥0" } as const;

function signedMoney(amount: string): string {
  return amount.startsWith("-") ? `−${money(amount.slice(1))}` : `+${money(amount)}`;
}

function direction(amount: string): "up" | "down" | "same" {
  return /^-?0(\.0+)?$/.test(amount) ? "same" : amount.startsWith("-") ? "down" : "up";
}

/** One row of inputs per tier (min, max, locked); kept while the tiers stay the same, so typing is never interrupted. */
export function renderLimitInputs(table: HTMLTableElement, report: BudgetReport, onChange: () => void, tierName: (tier: string) => string = (t) => t): void {
  // Rebuilt when the tiers or the language change (its headings are in the language shown).
  const names = [language(), ...report.tiers.map((t) => tierName(t.tier))].join("\n");
  if (table.dataset.tiers === names) {
    for (const tier of report.tiers) {
      const now = table.querySelector<HTMLElement>(`[data-now="${CSS.escape(tier.tier)}"]`);
      if (now) now.textContent = money(tier.currentSpend);
    }
    return;
  }
  table.dataset.tiers = names;
  const caption = h("caption", tr("Limits per tier: an amount (50000) or a multiple of today's spend (0.5x, 2x). Blank: no limit."));
  const head = h("tr");
  for (const text of ["Tier", "Spend now", "Minimum", "Maximum", "Keep as is"]) head.append(h("th", tr(text), text === "Tier" ? "channel-col" : "num"));
  const body = h("tbody");
  for (const tier of report.tiers) {
    const line = h("tr");
    line.dataset.tier = tier.tier;
    const name = h("th", tierName(tier.tier), "channel-col");
    name.scope = "row";
    const now = h("td", money(tier.currentSpend), "num");
    now.dataset.now = tier.tier;
    line.append(name, now);
    for (const field of ["min", "max"] as const) {
      const input = h("input");
      input.type = "text";
      input.inputMode = "decimal";
      input.size = 9;
      input.dataset.field = field;
      input.setAttribute("aria-label", tr(field === "min" ? "Minimum for {tier}" : "Maximum for {tier}", { tier: tierName(tier.tier) }));
      input.addEventListener("input", onChange);
      const cell = h("td", undefined, "num");
      cell.append(input);
      line.append(cell);
    }
    const lock = h("input");
    lock.type = "checkbox";
    lock.dataset.field = "locked";
    lock.setAttribute("aria-label", tr("Keep {tier} at its current spend", { tier: tierName(tier.tier) }));
    lock.addEventListener("change", onChange);
    const cell = h("td", undefined, "num");
    cell.append(lock);
    line.append(cell);
    body.append(line);
  }
  const thead = h("thead");
  thead.append(head);
  table.replaceChildren(caption, thead, body);
}

/** The limits typed into the table, as the engine reads them (it checks the values). */
export function readLimits(table: HTMLTableElement): TierConstraint[] {
  const constraints: TierConstraint[] = [];
  for (const row of table.querySelectorAll<HTMLTableRowElement>("tbody tr")) {
    const value = (field: string): string => row.querySelector<HTMLInputElement>(`[data-field="${field}"]`)?.value.trim() ?? "";
    const locked = row.querySelector<HTMLInputElement>('[data-field="locked"]')?.checked ?? false;
    const [min, max] = [value("min"), value("max")];
    if (!min && !max && !locked) continue;
    constraints.push({ tier: row.dataset.tier ?? null, min: min || null, max: max || null, locked });
  }
  return constraints;
}

/** Puts limits into the inputs `renderLimitInputs` made; a tier without one is blank. */
export function fillLimits(table: HTMLTableElement, constraints: TierConstraint[]): void {
  for (const row of table.querySelectorAll<HTMLTableRowElement>("tbody tr")) {
    const constraint = constraints.find((c) => (c.tier ?? "") === row.dataset.tier);
    for (const field of ["min", "max"] as const) {
      const input = row.querySelector<HTMLInputElement>(`[data-field="${field}"]`);
      const value = constraint?.[field];
      if (input) input.value = value === undefined || value === null ? "" : String(value);
    }
    const lock = row.querySelector<HTMLInputElement>('[data-field="locked"]');
    if (lock) lock.checked = constraint?.locked === true;
  }
}

type Plan = BudgetReport["plans"][number];

/** A model's proposal for one tier: the spend, its change, a limit it met, and what the curve expects there. */
function proposalCell(report: BudgetReport, proposal: Plan["tiers"][number] | undefined, unit: string): HTMLTableCellElement {
  const cell = h("td", undefined, "num");
  if (!proposal) return cell;
  cell.append(h("span", money(proposal.proposedSpend), "value-text"));
  const change = proposal.changePercent === null ? signedMoney(proposal.change) : `${signedMoney(proposal.change)} (${proposal.changePercent >= 0 ? "+" : "−"}${Math.abs(proposal.changePercent).toFixed(0)}%)`;
  cell.append(h("span", change, `change ${direction(proposal.change)}`));
  if (proposal.limit) cell.append(h("span", tr(LIMIT_LABELS[proposal.limit]), "limit-note"));
  const shown = (value: string): string => (report.metric === "net_value" ? money(value) : value);
  const marginal = proposal.marginalReturn === null ? "" : tr("next ¥1 → {value}", { value: proposal.marginalReturn.toPrecision(2) });
  const expects = tr("expects {amount}", { amount: shown(proposal.expectedReturn) });
  cell.append(h("span", marginal ? `${expects} · ${marginal}` : expects, "cell-detail"));
  cell.title = tr("Expected {unit} at this spend: {expected} (attributed now: {now})", { unit, expected: shown(proposal.expectedReturn), now: shown(proposal.currentReturn) });
  return cell;
}

/** A model's expected return at its proposal, and the lift over today's split. */
function liftCell(report: BudgetReport, plan: Plan): HTMLTableCellElement {
  const cell = h("td", undefined, "num");
  cell.append(h("span", report.metric === "net_value" ? money(plan.expectedReturn) : plan.expectedReturn, "value-text"));
  const percent = plan.liftPercent === null ? "" : ` (${plan.liftPercent >= 0 ? "+" : "−"}${Math.abs(plan.liftPercent).toFixed(1)}%)`;
  const amount = report.metric === "net_value" ? signedMoney(plan.lift) : plan.lift;
  cell.append(h("span", `${amount}${percent}`, `change ${direction(plan.lift)}`));
  return cell;
}

function liftLabel(unit: string): HTMLTableCellElement {
  const label = h("th", tr("Expected {unit} (lift)", { unit }), "channel-col");
  label.title = tr("Σ expected {unit} of the tiers at the proposal, and its change over today's split", { unit });
  return label;
}

function rowHead(text: string): HTMLTableCellElement {
  const cell = h("th", text, "channel-col");
  cell.scope = "row";
  return cell;
}

/**
 * Rows: tiers; columns: spend now, then each model's proposal with its change; footer: expected
 * return and lift. `modelsDown`: the same cells turned a quarter, a row per model (after a row of
 * today's spend) and a column per tier, the lift last, for a screen too narrow for every model
 * side by side (tiers are few; models are ten and more).
 */
export function renderBudget(
  table: HTMLTableElement,
  report: BudgetReport,
  days: number,
  method: BudgetMethod,
  modelName: ModelName,
  tierName: (tier: string) => string = (t) => t,
  modelsDown = false,
): void {
  const plans = report.plans.filter((p) => p.days === days && p.method === method);
  const unit = tr(report.metric === "net_value" ? "net value" : "conversions");
  const caption = h(
    "caption",
    tr("Proposed spend per tier, {days}-day window, {method}: budget {budget} (now {now}).", {
      days,
      method: tr(method === "follow_credit" ? "following the credit" : "equalizing marginal return"),
      budget: money(report.budget),
      now: money(report.currentSpend),
    }),
  );
  const head = h("tr");
  const body = h("tbody");
  const thead = h("thead");
  thead.append(head);
  table.classList.toggle("models-down", modelsDown);
  if (modelsDown) {
    head.append(h("th", tr("Model"), "channel-col"));
    for (const tier of report.tiers) head.append(h("th", tierName(tier.tier), "num"));
    const lift = liftLabel(unit);
    lift.className = "num";
    head.append(lift);
    const now = h("tr");
    now.append(rowHead(tr("Spend now")), ...report.tiers.map((tier) => h("td", money(tier.currentSpend), "num")), h("td", "", "num"));
    body.append(now);
    for (const plan of plans) {
      const line = h("tr");
      line.append(rowHead(modelName(plan.model)), ...report.tiers.map((_, i) => proposalCell(report, plan.tiers[i], unit)), liftCell(report, plan));
      body.append(line);
    }
    table.replaceChildren(caption, thead, body);
    return;
  }
  head.append(h("th", tr("Tier"), "channel-col"), h("th", tr("Spend now"), "num"));
  for (const plan of plans) head.append(h("th", modelName(plan.model), "num model-col"));
  for (const [i, tier] of report.tiers.entries()) {
    const line = h("tr");
    line.append(rowHead(tierName(tier.tier)), h("td", money(tier.currentSpend), "num"));
    for (const plan of plans) line.append(proposalCell(report, plan.tiers[i], unit));
    body.append(line);
  }
  const foot = h("tfoot");
  const lift = h("tr");
  const label = liftLabel(unit);
  label.scope = "row";
  lift.append(label, h("td", "", "num"));
  for (const plan of plans) lift.append(liftCell(report, plan));
  foot.append(lift);
  table.replaceChildren(caption, thead, body, foot);
}

/** Per tier: the least and the most any model proposes, and the gap between them. */
export function renderDisagreement(table: HTMLTableElement, report: BudgetReport, days: number, method: BudgetMethod, modelName: ModelName, tierName: (tier: string) => string = (t) => t): void {
  const rows = report.disagreements.filter((d) => d.days === days && d.method === method);
  const caption = h("caption", tr("What the models disagree on: the range of proposed spend per tier across models."));
  const head = h("tr");
  for (const text of ["Tier", "Least", "Most", "Spread"]) head.append(h("th", tr(text), text === "Tier" ? "channel-col" : "num"));
  const body = h("tbody");
  for (const row of rows) {
    const line = h("tr");
    const name = h("th", tierName(row.tier), "channel-col");
    name.scope = "row";
    line.append(
      name,
      h("td", `${money(row.lowest)} · ${modelName(row.lowestModel)}`, "num"),
      h("td", `${money(row.highest)} · ${modelName(row.highestModel)}`, "num"),
      h("td", money(row.spread), "num"),
    );
    body.append(line);
  }
  const thead = h("thead");
  thead.append(head);
  table.replaceChildren(caption, thead, body);
}
