// Writes docs/options.md from the engine's own catalogue(), so no default, bound or flag in the
// docs is written by hand. Reads the built engine in www/pkg: run `bash scripts/build.sh` first.
//   node scripts/docs.mjs          rewrite docs/options.md
// tests/js/docs.test.mjs fails when the file is not what this script writes now.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
export const OPTIONS_FILE = `${ROOT}docs/options.md`;
export const REGENERATE = "bash scripts/build.sh && node scripts/docs.mjs";

/** The catalogue of the engine built into www/pkg. */
export async function loadCatalogue() {
  const wasm = `${ROOT}www/pkg/kol_attribution_bg.wasm`;
  if (!existsSync(wasm)) throw new Error(`${wasm} is missing: run bash scripts/build.sh first`);
  const engine = await import(pathToFileURL(`${ROOT}www/pkg/kol_attribution.js`).href);
  engine.initSync({ module: readFileSync(wasm) });
  return engine.catalogue();
}

// A table cell: one line, and a `|` that does not end the cell.
const cell = (text) => String(text).replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
const code = (text) => (String(text).includes("`") ? `\`\` ${text} \`\`` : `\`${text}\``);
const row = (cells) => `| ${cells.map(cell).join(" | ")} |`;
const table = (head, rows) => [row(head), row(head.map(() => "---")), ...rows.map(row)].join("\n");
const NONE = "—";
const listed = (items) => (items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);

function defaultText(setting, models) {
  const value = setting.default;
  if (value === null) return NONE;
  if (setting.kind === "models" && Array.isArray(value) && value.length === models.length && models.every((m) => value.includes(m.id))) {
    return `every model (${value.length})`;
  }
  return code(JSON.stringify(value));
}

function rangeText(setting, models) {
  const unit = setting.unit ? ` ${setting.unit}` : "";
  if (setting.min !== null || setting.max !== null) {
    const [min, max] = [setting.min, setting.max].map((bound) => (bound === null ? null : number(bound)));
    const low = min === null ? null : setting.aboveMin ? `above ${min}` : min;
    const span = low !== null && max !== null ? (setting.aboveMin ? `${low}, at most ${max}` : `${low} to ${max}`) : low !== null ? `at least ${low}` : `at most ${max}`;
    const each = setting.kind === "windows" ? "each " : "";
    // The engine's refusal sometimes says why the bound is there ("…: below 1 for diminishing returns").
    const why = setting.rule?.includes(": ") ? `: ${setting.rule.slice(setting.rule.indexOf(": ") + 2)}` : "";
    return `${each}${span}${unit}${setting.whole ? ", whole" : ""}${why}`;
  }
  if (setting.kind === "model" || setting.kind === "models") {
    const all = setting.values.length === models.length;
    return all ? "any model" : setting.values.map(code).join(", ");
  }
  if (setting.values.length) return `one of ${setting.values.map(code).join(", ")}`;
  // A syntax is either a pattern (`CATEGORY=RATE`) or words (one ASCII character).
  if (setting.syntax) return `written ${/\s/.test(setting.syntax) ? setting.syntax : code(setting.syntax)}`;
  return unit ? unit.trim() : NONE;
}

const flagText = (flag, metavar) => (flag === null ? NONE : code(metavar ? `--${flag} ${metavar}` : `--${flag}`));
const yes = (value) => (value ? "yes" : NONE);
// Bounds as a reader writes them: 1,000,000 rather than 1000000, and the largest exact integer by name.
function number(value) {
  if (Math.abs(value) === Number.MAX_SAFE_INTEGER) return `${value < 0 ? "-" : ""}(2^53 − 1)`;
  return Math.abs(value) >= 10_000 ? value.toLocaleString("en-US") : String(value);
}

/** docs/options.md for this catalogue. */
export function optionsMarkdown(catalogue) {
  const { models, groups, settings, shorthands } = catalogue;
  const typeOf = Object.fromEntries(groups.map((g) => [g.id, g.typeName]));
  const out = [];
  out.push(
    "# Every option",
    "",
    `<!-- Written by scripts/docs.mjs from the engine's catalogue(); do not edit by hand. To regenerate: ${REGENERATE} -->`,
    "",
    `The engine (version ${catalogue.version}) describes every model and option once, in its catalogue`,
    "(`catalogue()` in JavaScript, `src/catalogue/` in Rust): the options' defaults and the engine's",
    "checks on every value come from it, and so does this page. A lookback window is 1 to",
    `${catalogue.maxWindowDays} days wherever one is asked for.`,
    "",
    "How to read the tables:",
    "- **JSON path**: where the option sits in its group's options object, and how an error names it",
    "  (`error.option`). A group nested in another sits under the key given (for example",
    "  `modelOptions.halfLifeDays` in `ReportOptions`).",
    "- **CLI flag**: the flag the command line reads for it on its own; `—` when it is set another way",
    "  (a shorthand below, or only through JSON). `kol-attribution COMMAND --help` lists which flags",
    "  each command takes.",
    "- **Default**: as JSON; `—` when there is none or it is worked out from the data (the help says which).",
    "- **Range**: what the engine accepts; anything else is refused with the option's path named.",
    "",
    "## Models",
    "",
    table(
      ["id", "name", "中文", "what it credits", "needs touch times or types", "data-driven", "commission basis", "in the default list", "parameters"],
      models.map((m) => [
        code(m.id),
        m.label.en,
        m.label.zh,
        m.about.en,
        yes(m.needsEvents),
        yes(m.dataDriven),
        yes(m.commissionBasis),
        yes(m.inDefault),
        m.settings.length ? m.settings.map(code).join(", ") : NONE,
      ]),
    ),
    "",
    "A model that needs touch times or types runs on a campaign, or on a paths file with `touch_types`",
    "and `touch_ages_seconds` columns. A data-driven model is fitted on every journey at once and gives",
    "no per-order share, so it cannot decide commission.",
    "",
    "## Shorthand flags",
    "",
    "Command-line flags that set several options at once.",
    "",
    table(
      ["CLI flag", "group", "sets", "help"],
      shorthands.map((s) => [
        flagText(s.flag, s.metavar),
        code(s.group),
        s.parts.map(([name, path]) => `${name} → ${code(path)}`).join(", "),
        s.help.en,
      ]),
    ),
  );
  for (const group of groups) {
    const own = settings.filter((s) => s.group === group.id);
    if (!own.length) continue;
    const withModel = own.some((s) => s.model !== null);
    out.push("", `## \`${group.id}\`: ${group.typeName}`, "");
    if (group.nestedIn.length) {
      const parents = new Map();
      for (const [parent, key] of group.nestedIn) parents.set(key, [...(parents.get(key) ?? []), typeOf[parent] ?? parent]);
      const where = [...parents].map(([key, types]) => `${code(key)} in ${listed(types)}`).join("; ");
      out.push(`Sits under ${where}.`, "");
    }
    const head = ["JSON path", "CLI flag", "kind", "default", "range", ...(withModel ? ["model"] : []), "label", "help"];
    out.push(
      table(
        head,
        own.map((s) => [
          code(s.path),
          flagText(s.flag, s.metavar),
          s.kind,
          defaultText(s, models),
          rangeText(s, models),
          ...(withModel ? [s.model === null ? NONE : code(s.model)] : []),
          s.label.en,
          s.help.en,
        ]),
      ),
    );
  }
  return `${out.join("\n")}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const text = optionsMarkdown(await loadCatalogue());
  writeFileSync(OPTIONS_FILE, text);
  console.log(`wrote ${OPTIONS_FILE} (${text.split("\n").length - 1} lines)`);
}
