// sql and sample: the warehouse query, and a seeded sample campaign with its truth.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Catalogue } from "../../../www/pkg/kol_attribution.js";
import type { Command } from "../command.js";
import { UsageError } from "../errors.js";
import { attempt } from "../refusal.js";

/** The models plain paths can run, and how many in all, from the catalogue. */
function pathModels(catalogue: Catalogue): string {
  const plain = catalogue.models.filter((m) => !m.needsEvents).map((m) => m.id);
  return `Models on plain paths: ${plain.join(", ")}; with --events, all ${catalogue.models.length}.`;
}

export const sql: Command = {
  name: "sql",
  summary: "SQL for your warehouse that writes the paths compare reads, every window at once",
  usage: ["[--dialect D] [--windows LIST] [--level L] [--creators T] [--touchpoints T] [--orders T] [--events]"],
  about: (catalogue) =>
    "Prints one query that turns the creators, touchpoints and orders tables into aggregated paths for every lookback " +
    "window: window_days, path, total_conversions, total_conversion_value, total_net_value, total_null. Save its result " +
    "as CSV and run kol-attribution compare --paths RESULT.csv, or paste it into the page. It gives exactly the paths the " +
    "calculator builds from the same rows (tested in DuckDB on every window). This is the way for data larger than one " +
    `run of the calculator holds.\n\n${pathModels(catalogue)}`,
  takes: [{ group: "sql" }],
  files: [],
  examples: ["kol-attribution sql --dialect bigquery --level tier --touchpoints shop.ods.xhs_touches --events > paths.sql"],
  async run(parsed, engine) {
    const options = parsed.options.build("sql");
    const call = { catalogue: parsed.catalogue, group: "sql" as const, passed: options, options: parsed.options, files: {} };
    process.stdout.write(attempt(call, () => engine.warehouseSql(options)));
  },
};

export const sample: Command = {
  name: "sample",
  summary: "write a seeded, realistic sample campaign",
  usage: ["[--journeys N] [--creators N] [--seed S] --out DIR"],
  about: () =>
    "Writes DIR/creators.csv, DIR/touchpoints.csv, DIR/orders.csv and DIR/truth.json (each tier's true incremental " +
    "conversions under the generator's causal model). The same seed gives the same bytes.",
  takes: [{ group: "sample" }],
  files: [{ name: "out", metavar: "DIR", help: "folder to write into (created if missing)" }],
  examples: ["kol-attribution sample --journeys 3000 --out sample/"],
  async run(parsed, engine) {
    const out = parsed.local.out;
    if (typeof out !== "string" || !out) throw new UsageError("sample needs --out DIR (see kol-attribution sample --help)");
    const options = parsed.options.build("sample");
    const call = { catalogue: parsed.catalogue, group: "sample" as const, passed: options, options: parsed.options, files: {} };
    const result = attempt(call, () => engine.sampleCampaign(options));
    const written = Object.entries(result.inputs).filter(([, text]) => typeof text === "string" && text !== "");
    try {
      mkdirSync(out, { recursive: true });
      // The optional files only when the sample has them (it has notes, and no spend file).
      for (const [name, text] of written) writeFileSync(join(out, `${name}.csv`), text);
      writeFileSync(join(out, "truth.json"), `${JSON.stringify(result.truth, null, 2)}\n`);
    } catch (error) {
      throw new UsageError(`cannot write to ${out}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    process.stderr.write(`wrote ${written.map(([name]) => `${name}.csv`).join(", ")} and truth.json to ${out} (give notes.csv as --notes)\n`);
  },
};
