// The command line read against the catalogue: every setting with a flag in the groups a command
// takes becomes a flag, read by its kind; shorthands set several settings; structured settings
// keep their own syntax. The result is one options object per group plus what was typed.
import { parseArgs } from "node:util";
import type { Catalogue, SettingInfo, ShorthandInfo } from "../../www/pkg/kol_attribution.js";
import { setting } from "./catalogue.js";
import type { Command, LocalFlag } from "./command.js";
import { UsageError, shown } from "./errors.js";
import { refuseStdinTwice } from "./files.js";
import { OptionSet } from "./options.js";
import { STRUCTURED, categoryAmongWindows, type Structured, type StructuredFlag } from "./structured.js";
import { parseChoice, parseDate, parseModel, parseModels, parseNumber, parseWindows, type Source } from "./values.js";

export type FlagEntry =
  | { type: "setting"; name: string; setting: SettingInfo }
  | { type: "shorthand"; name: string; shorthand: ShorthandInfo; parts: SettingInfo[] }
  | { type: "structured"; name: string; setting: SettingInfo; flag: StructuredFlag; parser: Structured }
  | { type: "local"; name: string; local: LocalFlag; section: "files" | "output" | "other" };

const SIMPLE_KINDS = new Set(["number", "flag", "choice", "model", "models", "windows", "rate", "amount", "text", "date"]);

/** Every flag a command takes, in the catalogue's order, then its own. */
export function flagTable(command: Command, catalogue: Catalogue): FlagEntry[] {
  const takes = (s: SettingInfo): boolean => command.takes.some((t) => t.group === s.group && (!t.only || t.only.includes(s.path)));
  const taken = catalogue.settings.filter(takes);
  const entries: FlagEntry[] = [];
  for (const s of taken) {
    if (s.kind === "structured") {
      const parser = STRUCTURED[`${s.group}.${s.path}`];
      if (parser) for (const flag of parser.flags(s)) entries.push({ type: "structured", name: flag.name, setting: s, flag, parser });
      else if (s.flag) throw new Error(`the command line has no parser for --${s.flag} (${s.group}.${s.path})`);
    } else if (s.flag) {
      if (!SIMPLE_KINDS.has(s.kind)) throw new Error(`the command line cannot read --${s.flag}: kind ${s.kind}`);
      entries.push({ type: "setting", name: s.flag, setting: s });
    }
  }
  for (const shorthand of catalogue.shorthands) {
    const parts = shorthand.parts.map(([, path]) => taken.find((s) => s.group === shorthand.group && s.path === path));
    if (parts.every((p) => p !== undefined)) entries.push({ type: "shorthand", name: shorthand.flag, shorthand, parts: parts as SettingInfo[] });
  }
  const local = (section: "files" | "output" | "other") => (flag: LocalFlag) => entries.push({ type: "local", name: flag.name, local: flag, section });
  command.files.forEach(local("files"));
  (command.flags ?? []).forEach(local("other"));
  if (command.formats) local("output")({ name: "format", metavar: "FORMAT", help: "" });
  const names = entries.map((e) => e.name);
  const twice = names.filter((name, i) => names.indexOf(name) !== i);
  if (twice.length) throw new Error(`${command.name} has two flags named --${twice.join(", --")}`);
  return entries;
}

export interface Parsed {
  catalogue: Catalogue;
  options: OptionSet;
  /** The command line's own flags, as typed. */
  local: Readonly<Record<string, string | boolean | undefined>>;
  format: string;
}

/** Reads `argv` for `command`; a bad flag or value is a UsageError naming the flag as typed. */
export function parse(command: Command, argv: readonly string[], catalogue: Catalogue): Parsed {
  const table = flagTable(command, catalogue);
  const config: Record<string, { type: "string" | "boolean"; multiple?: boolean }> = {};
  for (const entry of table) {
    const boolean = (entry.type === "setting" && entry.setting.kind === "flag") || (entry.type === "local" && entry.local.boolean === true);
    config[entry.name] = { type: boolean ? "boolean" : "string", ...(entry.type === "structured" && entry.flag.multiple ? { multiple: true } : {}) };
  }
  // A flag given twice takes its last value, as usual on a command line (a wrapper script's
  // defaults can be overridden by appending).
  let read: { values: Record<string, string | boolean | Array<string | boolean> | undefined> };
  try {
    read = parseArgs({ args: [...argv], options: config, strict: true, allowPositionals: false });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}; see kol-attribution ${command.name} --help`);
  }
  const values = read.values as Record<string, string | boolean | string[] | undefined>;
  const options = new OptionSet(catalogue);
  const takesCategoryWindows = table.some((e) => e.type === "structured" && e.setting.group === "report" && e.setting.path === "categoryWindows.days");
  const dates: Array<() => void> = [];
  const local: Record<string, string | boolean | undefined> = {};
  for (const entry of table) {
    const value = values[entry.name];
    if (value === undefined) continue;
    if (entry.type === "local") local[entry.name] = value as string | boolean;
    else if (entry.type === "setting") {
      const text = value === true ? "" : (value as string);
      // `category` among the report's windows is the window by category, not a number of days.
      const days = isReportWindows(entry.setting) && takesCategoryWindows ? categoryAmongWindows(options, entry.name, text) : value;
      if (days === "") continue;
      const source = { flag: entry.name };
      if (entry.setting.kind === "date") dates.push(() => options.set(entry.setting.group, entry.setting.path, date(options, catalogue, text, source), { flag: entry.name, text }));
      else options.set(entry.setting.group, entry.setting.path, read1(catalogue, entry.setting, days, source), { flag: entry.name, text });
    } else if (entry.type === "shorthand") shorthand(catalogue, entry.shorthand, entry.parts, value as string, options);
  }
  const files: Record<string, string | undefined> = {};
  const isFile = (entry: FlagEntry): boolean => (entry.type === "local" && entry.section === "files") || (entry.type === "structured" && entry.flag.file === true);
  // The input files first, then files an option reads (--truth), as --help lists them.
  for (const entry of [...table.filter((e) => e.type === "local"), ...table.filter((e) => e.type !== "local")]) {
    if (isFile(entry) && typeof values[entry.name] === "string") files[entry.name] = values[entry.name] as string;
  }
  refuseStdinTwice(files);
  // A structured setting may read several flags (budget's --min, --max, --lock): applied once.
  const structured = new Map<SettingInfo, Structured>();
  for (const entry of table) if (entry.type === "structured") structured.set(entry.setting, entry.parser);
  for (const [s, parser] of structured) {
    const typed = new Map<string, string[]>();
    for (const flag of parser.flags(s)) {
      const value = values[flag.name];
      if (value !== undefined) typed.set(flag.name, Array.isArray(value) ? value : [value as string]);
    }
    if (typed.size) parser.apply(s, typed, options);
  }
  for (const set of dates) set();
  refuseTwoFlagsForOne(options, catalogue);
  const format = command.formats ? ((local.format as string | undefined) ?? (command.formats[0] as { name: string }).name) : "";
  if (command.formats && !command.formats.some((f) => f.name === format)) {
    const names = command.formats.map((f) => f.name);
    throw new UsageError(`--format must be ${names.slice(0, -1).join(", ")} or ${names.at(-1)}, not ${shown(format)}`);
  }
  return { catalogue, options, local, format };
}

/** The report's lookback windows, which may name the window by category among their days. */
function isReportWindows(s: SettingInfo): boolean {
  return s.group === "report" && s.path === "windows";
}

/** One value by the setting's kind (rates and amounts go to the engine as typed). */
function read1(catalogue: Catalogue, s: SettingInfo, value: string | boolean | string[], source: Source): unknown {
  const text = String(value);
  switch (s.kind) {
    case "flag":
      return true;
    case "number":
      return parseNumber(catalogue, s, text, source);
    case "choice":
      return parseChoice(catalogue, s, text, source);
    case "model":
      return parseModel(catalogue, s, text, source);
    case "models":
      return parseModels(catalogue, s, text, source);
    case "windows":
      return parseWindows(catalogue, s, text, source);
    default:
      return text;
  }
}

/** A date is a day in the campaign's time zone: read after --utc-offset. */
function date(options: OptionSet, catalogue: Catalogue, text: string, source: Source): number {
  const offset = options.get("campaign", "utcOffsetMinutes") ?? setting(catalogue, "campaign", "utcOffsetMinutes").default;
  return parseDate(text, Number(offset), source);
}

/** --position FIRST,LAST; --baseline MODEL[:DAYS]; --touch-weights TYPE=WEIGHT,... */
function shorthand(catalogue: Catalogue, sh: ShorthandInfo, parts: SettingInfo[], text: string, options: OptionSet): void {
  const set = (index: number, value: string): void => {
    const [name] = sh.parts[index] as [string, string];
    const s = parts[index] as SettingInfo;
    options.set(s.group, s.path, read1(catalogue, s, value, { flag: sh.flag, part: name }), { flag: sh.flag, text });
  };
  if (sh.separator === null) {
    const names = sh.parts.map(([name]) => name);
    for (const pair of text.split(",")) {
      const [name, weight, extra] = pair.split("=");
      const index = names.indexOf((name ?? "").trim());
      if (index < 0 || weight === undefined || extra !== undefined) {
        throw new UsageError(`bad --${sh.flag} ${JSON.stringify(pair)}: write ${sh.metavar} with TYPE one of ${names.join(", ")}`);
      }
      set(index, weight.trim());
    }
    return;
  }
  // Parts after "[" in the metavar may be left out (MODEL[:DAYS]).
  const bracket = sh.metavar.indexOf("[");
  const required = bracket < 0 ? sh.parts.length : sh.parts.filter(([name]) => sh.metavar.indexOf(name) < bracket).length;
  const given = text.split(sh.separator);
  if (given.length < required || given.length > sh.parts.length) {
    throw new UsageError(`--${sh.flag} needs ${sh.metavar}, not ${shown(text)}: ${sh.help.en}`);
  }
  given.forEach((value, index) => set(index, value));
}

/** A setting set by its own flag and by a shorthand (--first-share and --position): refused, not guessed. */
function refuseTwoFlagsForOne(options: OptionSet, catalogue: Catalogue): void {
  const flags = new Map<string, Set<string>>();
  for (const g of options.given) {
    const key = `${g.group}.${g.path}`;
    flags.set(key, (flags.get(key) ?? new Set()).add(g.flag));
  }
  for (const [key, names] of flags) {
    if (names.size < 2) continue;
    const s = catalogue.settings.find((x) => `${x.group}.${x.path}` === key);
    throw new UsageError(`--${[...names].join(" and --")} both set ${s ? `"${s.label.en}"` : key}: give one`);
  }
}
