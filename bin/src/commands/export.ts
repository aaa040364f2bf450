// paths and markov: one window's journeys as a paths file, and the exact Markov chain.
import type { MarkovChain, PathsMarkov } from "../../../www/pkg/kol_attribution.js";
import { campaignGiven, json, readCampaign } from "../campaign.js";
import { CAMPAIGN_FLAGS, CSV_FORMAT, PATHS_FLAG, type Command } from "../command.js";
import { UsageError, shown } from "../errors.js";
import { readText } from "../files.js";
import { attempt } from "../refusal.js";

export const paths: Command = {
  name: "paths",
  summary: "a campaign's journeys as an aggregated paths file",
  usage: ["--kols FILE --touchpoints FILE --orders FILE [--window DAYS] [--level L] [--gross] [--events]"],
  about: () => "Writes ChannelAttribution's input: path, total_conversions, total_conversion_value, total_null; `compare --paths` reads it back.",
  takes: [{ group: "pathsExport" }, { group: "campaign" }],
  files: CAMPAIGN_FLAGS,
  flags: [{ name: "gross", metavar: "", help: "write value before refunds instead of after", boolean: true }],
  examples: ["kol-attribution paths --kols kols.csv --touchpoints touches.csv --orders orders.csv --window 30 --level tier"],
  async run(parsed, engine) {
    const campaign = readCampaign(engine, parsed);
    if (parsed.local.gross) parsed.options.set("pathsExport", "net", false, { flag: "gross", text: "" });
    const options = parsed.options.build("pathsExport");
    process.stdout.write(attempt(campaign.call("pathsExport", options), () => engine.campaignPathsCsv(campaign.inputs, options)));
  },
};

export const markov: Command = {
  name: "markov",
  summary: "the exact Markov chain of a window's journeys",
  usage: ["--kols FILE --touchpoints FILE --orders FILE [--window DAYS] [--level L] [options]", "--paths FILE [--sep TEXT] [options]"],
  about: () =>
    "Prints P(conversion), every channel's removal effect on conversions, value and net value, and every transition with " +
    "its probability. Solved exactly; the same input gives the same numbers on every run.",
  takes: [{ group: "markovExport" }, { group: "campaign" }, { group: "compare", only: ["paths.separator"] }],
  files: [...CAMPAIGN_FLAGS, PATHS_FLAG],
  formats: [{ name: "json", help: "P(conv), removal effects and transitions" }, CSV_FORMAT("the removal effects")],
  examples: ["kol-attribution markov --kols kols.csv --touchpoints touches.csv --orders orders.csv --window 30 --order 2"],
  async run(parsed, engine) {
    const { options } = parsed;
    let chain: MarkovChain;
    if (parsed.local.paths === undefined) {
      if (options.has("compare", "paths.separator")) throw new UsageError("--sep is for a paths file (--paths), not for a campaign's files");
      const campaign = readCampaign(engine, parsed, true);
      const chainOptions = options.build("markovExport");
      chain = attempt(campaign.call("markovExport", chainOptions), () => engine.campaignMarkov(campaign.inputs, chainOptions));
    } else {
      if (campaignGiven(parsed)) throw new UsageError("give either --paths or the three campaign files, not both");
      // A paths file is one window of one level already: those flags are refused, not ignored.
      const unused = [...options.givenIn("campaign"), ...options.givenIn("markovExport", ["days", "level"])][0];
      if (unused) throw new UsageError(`--${unused.flag} ${shown(unused.text)} is for a campaign's files (--kols, --touchpoints, --orders), not for --paths`);
      const chainOptions = options.build("markovExport");
      const separator = options.get("compare", "paths.separator") as string | undefined;
      const pathsOptions: PathsMarkov = {
        ...(chainOptions.order === undefined ? {} : { order: chainOptions.order }),
        ...(chainOptions.collapseRepeats === undefined ? {} : { collapseRepeats: chainOptions.collapseRepeats }),
        paths: separator === undefined ? {} : { separator },
      };
      const path = parsed.local.paths as string;
      const files = { paths: path === "-" ? "stdin" : path };
      const text = readText(engine, "paths", path, "paths", files);
      const fileOptions = { paths: { group: "compare" as const, path: "paths", flag: "paths", text: path } };
      const call = { catalogue: parsed.catalogue, group: "markovExport" as const, also: ["compare" as const], passed: pathsOptions, options, files, fileOptions };
      chain = attempt(call, () => engine.pathsMarkov(text, pathsOptions));
    }
    process.stdout.write(parsed.format === "csv" ? engine.removalEffectsCsv(chain) : json(chain));
  },
};
