// --help, written from the command's declaration and the catalogue: every option with its metavar,
// its one line of help, its default and its range, as the engine states them.
import type { Catalogue, SettingGroup, SettingInfo } from "../../www/pkg/kol_attribution.js";
import { flagTable, type FlagEntry } from "./args.js";
import { defaultText, rangeText } from "./catalogue.js";
import type { Command } from "./command.js";

const WIDTH = 100;
const FLAG_COLUMN = 28;

/** Headings for the catalogue's groups, as a reader of --help thinks of them. */
const SECTIONS: Record<SettingGroup, string> = {
  campaign: "Reading the files",
  report: "Report",
  model: "Model parameters",
  compare: "Paths file",
  money: "Commission",
  budget: "Budget",
  pathsExport: "Export",
  markovExport: "Chain",
  sample: "Sample",
  sql: "SQL",
  check: "Model check",
  lag: "Time lag",
};

/** Words wrapped to the width, every line after the first indented by `indent`. */
export function wrap(text: string, indent: number, first = indent): string {
  const lines: string[] = [];
  let line = "";
  let room = WIDTH - first;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
      room = WIDTH - indent;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.join(`\n${" ".repeat(indent)}`);
}

function option(flag: string, text: string): string {
  const head = `  ${flag}`;
  if (head.length >= FLAG_COLUMN) return `${head}\n${" ".repeat(FLAG_COLUMN)}${wrap(text, FLAG_COLUMN)}`;
  return `${head.padEnd(FLAG_COLUMN)}${wrap(text, FLAG_COLUMN)}`;
}

const sentence = (text: string): string => (/[.!?]$/.test(text) ? text : `${text}.`);

/** Capitalised, unless it starts with an identifier (position_based, net_value). */
const capital = (text: string): string => (/^[a-z]+\b(?!_)/.test(text) ? text.charAt(0).toUpperCase() + text.slice(1) : text);

const facts = (items: ReadonlyArray<string | null>): string => {
  const text = items.filter((i): i is string => i !== null && i !== "").join("; ");
  return text ? ` ${capital(text)}.` : "";
};

/** A model's parameter reads "time_decay: days for a touch's weight to halve". */
const forModel = (model: string | null, text: string): string =>
  model ? `${model}: ${/^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text}` : text;

function settingText(s: SettingInfo, catalogue: Catalogue): string {
  const value = defaultText(s, catalogue);
  return `${forModel(s.model, sentence(s.help.en))}${facts([value === null ? null : `default ${value}`, rangeText(s)])}`;
}

function entryText(entry: FlagEntry, catalogue: Catalogue): string {
  switch (entry.type) {
    case "setting":
      return settingText(entry.setting, catalogue);
    case "structured": {
      const value = defaultText(entry.setting, catalogue);
      const help = `${sentence(entry.flag.help ?? entry.setting.help.en)}${facts([value === null ? null : `default ${value}`])}`;
      return entry.flag.multiple && !/repeatable/i.test(help) ? `${help} Repeatable.` : help;
    }
    case "shorthand": {
      const { shorthand, parts } = entry;
      const name = (i: number): string => shorthand.parts[i]?.[0] ?? "";
      const defaults = parts.map((p, i) => {
        const value = defaultText(p, catalogue, false);
        return value === null ? null : shorthand.separator === null ? `${name(i)}=${value}` : value;
      });
      const value = defaults.every((d) => d !== null) ? `default ${defaults.join(shorthand.separator ?? ",")}` : null;
      const ranges = parts.map(rangeText);
      const range = ranges.every((r) => r === ranges[0])
        ? ranges[0] ? `each ${ranges[0]}` : null
        : parts.map((_, i) => (ranges[i] ? `${name(i)} ${ranges[i]}` : "")).filter(Boolean).join("; ");
      return `${capital(sentence(shorthand.help.en))}${facts([value, range])}`;
    }
    case "local":
      return capital(sentence(entry.local.help));
  }
}

function metavar(entry: FlagEntry): string {
  switch (entry.type) {
    case "setting":
      return entry.setting.metavar;
    case "structured":
      return entry.flag.metavar;
    case "shorthand":
      return entry.shorthand.metavar;
    case "local":
      return entry.local.metavar;
  }
}

/** A group's flags in the catalogue's order, each shorthand just before the first flag it stands for. */
function inOrder(table: readonly FlagEntry[], group: SettingGroup): FlagEntry[] {
  const entries = table.filter((e) => (e.type === "setting" || e.type === "structured") && e.setting.group === group);
  for (const entry of table) {
    if (entry.type !== "shorthand" || entry.shorthand.group !== group) continue;
    const first = entries.findIndex((e) => (e.type === "setting" || e.type === "structured") && entry.parts.includes(e.setting));
    entries.splice(first < 0 ? entries.length : first, 0, entry);
  }
  return entries;
}

export function commandHelp(command: Command, catalogue: Catalogue): string {
  const table = flagTable(command, catalogue);
  const out = [`kol-attribution ${command.name}: ${command.summary}`, "", "Usage:", ...command.usage.map((u) => `  kol-attribution ${command.name} ${u}`)];
  if (command.about) out.push("", ...command.about(catalogue).split("\n\n").map((p) => wrap(p, 0)).join("\n\n").split("\n"));
  const line = (entry: FlagEntry): string => option(`--${entry.name}${metavar(entry) ? ` ${metavar(entry)}` : ""}`, entryText(entry, catalogue));
  const section = (title: string, entries: FlagEntry[]): void => {
    if (entries.length) out.push("", `${title}:`, ...entries.map(line));
  };
  section("Files", table.filter((e) => e.type === "local" && e.section === "files"));
  for (const { group } of command.takes) section(SECTIONS[group], inOrder(table, group));
  section("Other", table.filter((e) => e.type === "local" && e.section === "other"));
  const formats = command.formats ?? [];
  out.push("", "Output:");
  if (formats.length) {
    const described = formats.map((f, i) => `${f.name}${i === 0 ? " (default)" : ""}: ${f.help}`).join("; ");
    out.push(option("--format FORMAT", `${described}.`));
  }
  out.push(option("-h, --help", "This help."));
  if (command.examples?.length) out.push("", "Examples:", ...command.examples.map((e) => `  ${e}`));
  return `${out.join("\n")}\n`;
}
