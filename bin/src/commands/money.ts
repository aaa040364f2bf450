// commission and roi: the money side of a campaign, on the files read once.
import type { CampaignReport, MoneyReport, ReadCampaign, ReportOptions } from "../../../www/pkg/kol_attribution.js";
import type { Parsed } from "../args.js";
import { type Campaign, json, readCampaign, withReadCampaign } from "../campaign.js";
import { CAMPAIGN_FLAGS, CSV_FORMAT, JSON_FORMAT, type Command, type Takes } from "../command.js";
import type { Engine } from "../engine.js";
import { attempt } from "../refusal.js";

export const MONEY_TAKES: readonly Takes[] = [{ group: "money" }, { group: "model" }, { group: "campaign" }];

export const commission: Command = {
  name: "commission",
  summary: "the commission ledger, payout calendar and every creator's cost",
  usage: ["--kols FILE --touchpoints FILE --orders FILE [options]"],
  about: () =>
    "Rounding: an order's commission is rounded half-up to the fen, then split between its creators by largest remainder, " +
    "so the parts sum exactly to the whole. The model parameters apply when the basis is that model.",
  takes: MONEY_TAKES,
  files: CAMPAIGN_FLAGS,
  formats: [JSON_FORMAT, CSV_FORMAT("the ledger")],
  examples: ["kol-attribution commission --kols kols.csv --touchpoints touches.csv --orders orders.csv --as-of 2025-05-31 --category-rate skincare=20%"],
  async run(parsed, engine) {
    const campaign = readCampaign(engine, parsed);
    const report = withReadCampaign(engine, parsed, campaign, (read) => money(parsed, campaign, read));
    process.stdout.write(parsed.format === "csv" ? engine.ledgerCsv(report) : json(report));
  },
};

/** The money report: asked first, since its options are checked before any attribution runs. */
export function money(parsed: Parsed, campaign: Campaign, read: ReadCampaign): MoneyReport {
  const options = parsed.options.build("money", ["campaign"]);
  return attempt(campaign.call("money", options), () => read.money(options));
}

/** The campaign report without intervals (neither roi nor budget uses them). */
export function reportFor(parsed: Parsed, campaign: Campaign, read: ReadCampaign, level?: ReportOptions["level"]): CampaignReport {
  const options: ReportOptions = { ...parsed.options.build("report", ["campaign"]), intervals: { resamples: 0 }, ...(level ? { level } : {}) };
  return attempt(campaign.call("report", options), () => read.report(options));
}

export const roi: Command = {
  name: "roi",
  summary: "return on spend and the gap between what is paid and what each model says was earned",
  usage: ["--kols FILE --touchpoints FILE --orders FILE [options]"],
  about: () =>
    "One row per window, level, model and channel: cost (fees, commission, bonuses), attributed net value, ROAS, " +
    "cost per attributed order, commission paid under the basis, commission the model says was earned, and the gap " +
    "(paid − earned; above 0 means overpaid).",
  takes: [{ group: "report", only: ["models", "windows", "level"] }, ...MONEY_TAKES],
  files: CAMPAIGN_FLAGS,
  formats: [JSON_FORMAT, CSV_FORMAT("the same rows")],
  examples: ["kol-attribution roi --kols kols.csv --touchpoints touches.csv --orders orders.csv --windows 30 --format csv"],
  async run(parsed: Parsed, engine: Engine) {
    const campaign = readCampaign(engine, parsed);
    const rows = withReadCampaign(engine, parsed, campaign, (read) => {
      const paid = money(parsed, campaign, read);
      return engine.roiRows(reportFor(parsed, campaign, read), paid);
    });
    process.stdout.write(parsed.format === "csv" ? engine.roiCsv(rows) : json(rows));
  },
};
