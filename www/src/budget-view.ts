// The budget views: per-tier limit inputs, each model's proposal for the chosen window and method,
// and where the models disagree. Amounts arrive as decimal strings and are only formatted here.
import type { BudgetMethod, BudgetReport, TierConstraint } from "../pkg/kol_attribution.js";
import { MODEL_LABELS } from "./credit-table";
import { h } from "./dom";
import { money } from "./format";

const LIMIT_LABELS = { locked: "locked", minimum: "at its minimum", maximum: "at its maximum", no_curve: "no spend now: held at ¥0" } as const;

function signedMoney(amount: string): string {
  return amount.startsWith("-") ? `−${money(amount.slice(1))}` : `+${money(amount)}`;
}

function direction(amount: string): "up" | "down" | "same" {
  return /^-?0(\.0+)?$/.test(amount) ? "same" : amount.startsWith("-") ? "down" : "up";
}

/** One row of inputs per tier (min, max, locked); kept while the tiers stay the same, so typing is never interrupted. */
export function renderLimitInputs(table: HTMLTableElement, report: BudgetReport, onChange: () => void): void {
  const names = report.tiers.map((t) => t.tier).join("\n");
  if (table.dataset.tiers === names) {
    for (const tier of report.tiers) {
      const now = table.querySelector<HTMLElement>(`[data-now="${CSS.escape(tier.tier)}"]`);
      if (now) now.textContent = money(tier.currentSpend);
    }
    return;
  }
  table.dataset.tiers = names;
  const caption = h("caption", "Limits per tier: an amount (50000) or a multiple of today's spend (0.5x, 2x). Blank: no limit.");
  const head = h("tr");
  for (const text of ["Tier", "Spend now", "Minimum", "Maximum", "Keep as is"]) head.append(h("th", text, text === "Tier" ? "channel-col" : "num"));
  const body = h("tbody");
  for (const tier of report.tiers) {
    const tr = h("tr");
    tr.dataset.tier = tier.tier;
    const name = h("th", tier.tier, "channel-col");
    name.scope = "row";
    const now = h("td", money(tier.currentSpend), "num");
    now.dataset.now = tier.tier;
    tr.append(name, now);
    for (const field of ["min", "max"] as const) {
      const input = h("input");
      input.type = "text";
      input.inputMode = "decimal";
      input.size = 9;
      input.dataset.field = field;
      input.setAttribute("aria-label", `${field === "min" ? "Minimum" : "Maximum"} for ${tier.tier}`);
      input.addEventListener("input", onChange);
      const cell = h("td", undefined, "num");
      cell.append(input);
      tr.append(cell);
    }
    const lock = h("input");
    lock.type = "checkbox";
    lock.dataset.field = "locked";
    lock.setAttribute("aria-label", `Keep ${tier.tier} at its current spend`);
    lock.addEventListener("change", onChange);
    const cell = h("td", undefined, "num");
    cell.append(lock);
    tr.append(cell);
    body.append(tr);
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

/** Rows: tiers; columns: spend now, then each model's proposal with its change; footer: expected return and lift. */
export function renderBudget(table: HTMLTableElement, report: BudgetReport, days: number, method: BudgetMethod): void {
  const plans = report.plans.filter((p) => p.days === days && p.method === method);
  const unit = report.metric === "net_value" ? "net value" : "conversions";
  const caption = h(
    "caption",
    `Proposed spend per tier, ${days}-day window, ${method === "follow_credit" ? "following the credit" : "equalizing marginal return"}: budget ${money(report.budget)} (now ${money(report.currentSpend)}).`,
  );
  const head = h("tr");
  head.append(h("th", "Tier", "channel-col"), h("th", "Spend now", "num"));
  for (const plan of plans) head.append(h("th", MODEL_LABELS[plan.model], "num model-col"));
  const body = h("tbody");
  for (const [i, tier] of report.tiers.entries()) {
    const tr = h("tr");
    const name = h("th", tier.tier, "channel-col");
    name.scope = "row";
    tr.append(name, h("td", money(tier.currentSpend), "num"));
    for (const plan of plans) {
      const proposal = plan.tiers[i];
      const cell = h("td", undefined, "num");
      if (proposal) {
        cell.append(h("span", money(proposal.proposedSpend), "value-text"));
        const change = proposal.changePercent === null ? signedMoney(proposal.change) : `${signedMoney(proposal.change)} (${proposal.changePercent >= 0 ? "+" : "−"}${Math.abs(proposal.changePercent).toFixed(0)}%)`;
        cell.append(h("span", change, `change ${direction(proposal.change)}`));
        if (proposal.limit) cell.append(h("span", LIMIT_LABELS[proposal.limit], "limit-note"));
        const shown = (value: string): string => (report.metric === "net_value" ? money(value) : value);
        const marginal = proposal.marginalReturn === null ? "" : `next ¥1 → ${proposal.marginalReturn.toPrecision(2)}`;
        cell.append(h("span", `expects ${shown(proposal.expectedReturn)}${marginal ? ` · ${marginal}` : ""}`, "cell-detail"));
        cell.title = `Expected ${unit} at this spend: ${shown(proposal.expectedReturn)} (attributed now: ${shown(proposal.currentReturn)})`;
      }
      tr.append(cell);
    }
    body.append(tr);
  }
  const foot = h("tfoot");
  const lift = h("tr");
  const label = h("th", `Expected ${unit} (lift)`, "channel-col");
  label.title = `Σ expected ${unit} of the tiers at the proposal, and its change over today's split`;
  label.scope = "row";
  lift.append(label, h("td", "", "num"));
  for (const plan of plans) {
    const cell = h("td", undefined, "num");
    cell.append(h("span", report.metric === "net_value" ? money(plan.expectedReturn) : plan.expectedReturn, "value-text"));
    const percent = plan.liftPercent === null ? "" : ` (${plan.liftPercent >= 0 ? "+" : "−"}${Math.abs(plan.liftPercent).toFixed(1)}%)`;
    const amount = report.metric === "net_value" ? signedMoney(plan.lift) : plan.lift;
    cell.append(h("span", `${amount}${percent}`, `change ${direction(plan.lift)}`));
    lift.append(cell);
  }
  foot.append(lift);
  const thead = h("thead");
  thead.append(head);
  table.replaceChildren(caption, thead, body, foot);
}

/** Per tier: the least and the most any model proposes, and the gap between them. */
export function renderDisagreement(table: HTMLTableElement, report: BudgetReport, days: number, method: BudgetMethod): void {
  const rows = report.disagreements.filter((d) => d.days === days && d.method === method);
  const caption = h("caption", "What the models disagree on: the range of proposed spend per tier across models.");
  const head = h("tr");
  for (const text of ["Tier", "Least", "Most", "Spread"]) head.append(h("th", text, text === "Tier" ? "channel-col" : "num"));
  const body = h("tbody");
  for (const row of rows) {
    const tr = h("tr");
    const name = h("th", row.tier, "channel-col");
    name.scope = "row";
    tr.append(
      name,
      h("td", `${money(row.lowest)} · ${MODEL_LABELS[row.lowestModel]}`, "num"),
      h("td", `${money(row.highest)} · ${MODEL_LABELS[row.highestModel]}`, "num"),
      h("td", money(row.spread), "num"),
    );
    body.append(tr);
  }
  const thead = h("thead");
  thead.append(head);
  table.replaceChildren(caption, thead, body);
}
