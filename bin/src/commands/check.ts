// check: which model fits this campaign, scored on journeys it was not fitted on.
import type { ModelCheck } from "../../../www/pkg/kol_attribution.js";
import { json, progress, readCampaign, withReadCampaign } from "../campaign.js";
import { CAMPAIGN_FLAGS, JSON_FORMAT, type Command } from "../command.js";
import { attempt } from "../refusal.js";

export const check: Command = {
  name: "check",
  summary: "which model fits the campaign: each model that gives a probability, scored on held-out journeys",
  usage: ["--kols FILE --touchpoints FILE --orders FILE [--window DAYS] [--folds K] [options]"],
  about: () =>
    "The window's journeys (each order with its eligible touches, and each path that did not convert) are split into folds " +
    "by user; every model that gives a journey a probability to convert (incremental, markov, shapley) is fitted on the " +
    "other folds and scored on each: held-out log-loss and Brier score (lower is better; the base rate's for reference) " +
    "and a calibration table, predicted against observed conversion rate by decile. Rule-based models give no probability.",
  takes: [{ group: "check" }, { group: "model" }, { group: "campaign" }],
  files: CAMPAIGN_FLAGS,
  formats: [JSON_FORMAT, { name: "table", help: "the scores and calibration as text" }],
  examples: ["kol-attribution check --kols kols.csv --touchpoints touches.csv --orders orders.csv --window 60 --format table"],
  async run(parsed, engine) {
    const campaign = readCampaign(engine, parsed);
    const options = parsed.options.build("check", ["campaign"]);
    progress(`fitting each model ${options.folds ?? "5"} times, once without each fold...`);
    const result = withReadCampaign(engine, parsed, campaign, (read) => attempt(campaign.call("check", options), () => read.modelCheck(options)));
    process.stdout.write(parsed.format === "table" ? table(result) : json(result));
  },
};

/** The scores, best first, then each model's calibration by decile. */
function table(check: ModelCheck): string {
  const width = Math.max(10, ...check.models.map((m) => m.model.length));
  const row = (name: string, logLoss: number, brier: number): string => `${name.padEnd(width)}  ${logLoss.toFixed(4).padStart(8)}  ${brier.toFixed(4).padStart(7)}`;
  const lines = [
    `${check.journeys.toLocaleString("en-US")} journeys (${check.conversions.toLocaleString("en-US")} converted), ${check.days}-day window, ${check.folds} folds; lower is better:`,
    `${"model".padEnd(width)}  ${"log-loss".padStart(8)}  ${"Brier".padStart(7)}`,
    ...check.models.map((m) => row(m.model, m.logLoss, m.brier)),
    row("base rate", check.baseRateLogLoss, check.baseRateBrier),
  ];
  for (const m of check.models) {
    lines.push("", `${m.model}: predicted → observed conversion rate by decile`);
    for (const bin of m.calibration) lines.push(`  ${(100 * bin.predicted).toFixed(2).padStart(6)}% → ${(100 * bin.observed).toFixed(2).padStart(6)}%  (${bin.journeys})`);
  }
  if (check.withoutProbability.length) lines.push("", `no probability to score: ${check.withoutProbability.join(", ")}`);
  return `${lines.join("\n")}\n`;
}
