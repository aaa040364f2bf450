// budget: next period's budget across tiers, proposed under every model and window.
import type { BudgetPlan, BudgetReport } from "../../../www/pkg/kol_attribution.js";
import { json, readCampaign, withReadCampaign } from "../campaign.js";
import { CAMPAIGN_FLAGS, CSV_FORMAT, JSON_FORMAT, type Command } from "../command.js";
import { attempt } from "../refusal.js";
import { MONEY_TAKES, money, reportFor } from "./money.js";

export const budget: Command = {
  name: "budget",
  summary: "next period's budget across tiers, under every model and window",
  usage: ["--kols FILE --touchpoints FILE --orders FILE [options]"],
  about: () =>
    "Two proposals per model and window: follow the credit (budget in proportion to each tier's attributed return) and " +
    "marginal return (each tier gets a diminishing-returns curve through its current spend and attributed return; the " +
    "budget goes where the next yuan returns most). Current spend is each tier's cost: fees, commission and bonuses " +
    "(the commission options apply).\n\n" +
    "Limits no split can meet (minimums above the budget, maximums below it) are refused with each tier's part named; " +
    "nothing is proposed.",
  takes: [{ group: "budget" }, { group: "report", only: ["models", "windows"] }, ...MONEY_TAKES],
  files: CAMPAIGN_FLAGS,
  formats: [JSON_FORMAT, CSV_FORMAT("a row per window, model, method and tier"), { name: "table", help: "each window and method as a table of tiers by model" }],
  examples: ["kol-attribution budget --kols kols.csv --touchpoints touches.csv --orders orders.csv --budget 800000 --max '*=2x' --lock mega --format table"],
  async run(parsed, engine) {
    const campaign = readCampaign(engine, parsed);
    const options = parsed.options.build("budget");
    const result = withReadCampaign(engine, parsed, campaign, (read) => {
      const paid = money(parsed, campaign, read);
      const report = reportFor(parsed, campaign, read, "tier");
      return attempt(campaign.call("budget", options), () => engine.budgetPlan(report, paid, options));
    });
    const text = { json: () => json(result), csv: () => engine.budgetCsv(result), table: () => budgetTable(result) };
    process.stdout.write(text[parsed.format as keyof typeof text]());
  },
};

const yuan = (amount: string): string => Number(amount).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Per window and method: a row per tier, its spend now and each model's proposal; lift below. */
export function budgetTable(result: BudgetReport): string {
  const lines = [`Budget ¥${yuan(result.budget)} (now ¥${yuan(result.currentSpend)}); return counted as ${result.metric}; ${result.curve}`];
  const groups = new Map<string, BudgetPlan[]>();
  for (const plan of result.plans) {
    const key = `${plan.days} ${plan.method}`;
    groups.set(key, [...(groups.get(key) ?? []), plan]);
  }
  for (const plans of groups.values()) {
    const [{ days, method }] = plans as [BudgetPlan];
    const width = Math.max(14, ...plans.map((p) => p.model.length + 2));
    const tierWidth = Math.max(6, ...result.tiers.map((t) => t.tier.length + 2));
    const row = (label: string, now: string, cells: string[]): string => `${label.padEnd(tierWidth)}${now.padStart(14)}${cells.map((c) => c.padStart(width)).join("")}`;
    lines.push("", `${days}-day window, ${method.replace("_", " ")}:`);
    lines.push(row("tier", "now", plans.map((p) => p.model)));
    for (const [i, tier] of result.tiers.entries()) {
      lines.push(row(tier.tier, yuan(tier.currentSpend), plans.map((p) => yuan(p.tiers[i]?.proposedSpend ?? "0"))));
    }
    lines.push(row("lift", "", plans.map((p) => `${p.lift.startsWith("-") ? "" : "+"}${yuan(p.lift)}`)));
  }
  return `${lines.join("\n")}\n`;
}
