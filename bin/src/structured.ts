// The settings whose value is more than one word keep their command-line syntax, each with a small
// parser here: --map, --category-rate, --category-windows, --platform-fee-for, --platform-fee-on, --platform-channels, --bonus, budget's --min/--max/--lock and
// --truth FILE, --lift-tests FILE. The engine checks what they hold (rates, amounts, tier and column names).
import type { SettingInfo } from "../../www/pkg/kol_attribution.js";
import { UsageError, shown } from "./errors.js";
import { CAMPAIGN_FILES, OPTIONAL_FILES, readBytes } from "./files.js";
import type { OptionSet } from "./options.js";

export interface StructuredFlag {
  name: string;
  metavar: string;
  /** One line for --help; null: the setting's own help from the catalogue. */
  help: string | null;
  multiple: boolean;
  /** It names a file to read (so standard input can be given to one flag only). */
  file?: true;
}

export interface Structured {
  /** The flags it reads, given the setting (the first is usually the catalogue's own flag). */
  flags(s: SettingInfo): StructuredFlag[];
  /** Puts what was typed (by flag name, in order) into the options. */
  apply(s: SettingInfo, typed: ReadonlyMap<string, string[]>, options: OptionSet): void;
}

const own = (s: SettingInfo): StructuredFlag[] => [{ name: s.flag ?? s.path, metavar: s.metavar, help: null, multiple: true }];

/** CATEGORY=RATE pairs into a map, each pair noted under its key. */
const rates: Structured = {
  flags: own,
  apply(s, typed, options) {
    const flag = s.flag ?? s.path;
    const map: Record<string, string> = {};
    for (const text of typed.get(flag) ?? []) {
      const at = text.indexOf("=");
      if (at <= 0 || at === text.length - 1) throw new UsageError(`bad --${flag} ${JSON.stringify(text)}: write ${s.syntax}`);
      const category = text.slice(0, at);
      if (Object.hasOwn(map, category)) throw new UsageError(`--${flag} gives ${category} twice: give it once`);
      map[category] = text.slice(at + 1);
      options.note(s.group, `${s.path}.${category}`, flag, text);
    }
    if (Object.keys(map).length) options.set(s.group, s.path, map);
  },
};

/**
 * The files --map names, each to the engine's name for it (`columns.<file>`): the engine's names,
 * which its refusals suggest, and the CLI's flags (`kols` for the roster) as aliases.
 */
const MAP_FILES: Record<string, string> = Object.fromEntries(
  Object.entries({ ...CAMPAIGN_FILES, ...OPTIONAL_FILES }).flatMap(([flag, file]) => [
    [file, file],
    [flag, file],
  ]),
);
const FILE_NAMES = Object.keys(MAP_FILES).join("|");

/** NAME,NAME,... (repeatable) into one list, each name noted at its place in it. */
const names: Structured = {
  flags: own,
  apply(s, typed, options) {
    const flag = s.flag ?? s.path;
    const list: string[] = [];
    for (const text of typed.get(flag) ?? []) {
      const parts = text.split(",").map((part) => part.trim());
      if (parts.some((part) => part === "")) throw new UsageError(`bad --${flag} ${JSON.stringify(text)}: write ${s.syntax}`);
      for (const part of parts) {
        options.note(s.group, `${s.path}[${list.length}]`, flag, text);
        list.push(part);
      }
    }
    if (list.length) options.set(s.group, s.path, list);
  },
};

/** FILE.FIELD=HEADER into the campaign's column overrides. */
const columns: Structured = {
  flags: own,
  apply(s, typed, options) {
    const flag = s.flag ?? s.path;
    for (const text of typed.get(flag) ?? []) {
      const match = new RegExp(`^(${FILE_NAMES})\\.([a-z_]+)=(.+)$`).exec(text);
      if (!match) {
        throw new UsageError(`bad --${flag} ${JSON.stringify(text)}: write ${s.syntax} with FILE one of ${Object.keys(MAP_FILES).join(", ")}, e.g. orders.value=实付款`);
      }
      const [, file, field, header] = match as unknown as [string, string, string, string];
      const current = (options.get(s.group, s.path) ?? {}) as Record<string, Record<string, string>>;
      const fields = (current[MAP_FILES[file] as string] ??= {});
      if (Object.hasOwn(fields, field)) throw new UsageError(`--${flag} maps ${file}.${field} twice: give it once`);
      fields[field] = header;
      options.set(s.group, s.path, current);
      // Noted on the whole setting: the engine's refusal names the field it does not know.
      options.note(s.group, s.path, flag, text);
    }
  },
};

/** [TIER:]THRESHOLD:AMOUNT into the bonus rules. */
const bonuses: Structured = {
  flags: own,
  apply(s, typed, options) {
    const flag = s.flag ?? s.path;
    const rules = (typed.get(flag) ?? []).map((text, index) => {
      const parts = text.split(":");
      if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === "")) {
        throw new UsageError(`bad --${flag} ${JSON.stringify(text)}: write ${s.syntax}, e.g. mega:100000:5000`);
      }
      options.note(s.group, `${s.path}[${index}]`, flag, text);
      const [threshold, amount] = parts.slice(-2) as [string, string];
      return parts.length === 3 ? { tier: parts[0] as string, threshold, amount } : { threshold, amount };
    });
    if (rules.length) options.set(s.group, s.path, rules);
  },
};

/** Budget limits: --min/--max TIER=BOUND and --lock TIER, one entry per tier ("*": every other tier). */
const constraints: Structured = {
  flags: () => [
    { name: "min", metavar: "TIER=BOUND", help: "Least a tier may get: an amount or a multiple of its current spend (mega=50000, koc=0.5x); TIER * applies to every tier without its own.", multiple: true },
    { name: "max", metavar: "TIER=BOUND", help: "Most a tier may get, likewise (micro=2x).", multiple: true },
    { name: "lock", metavar: "TIER", help: "Keep a tier at its current spend.", multiple: true },
  ],
  apply(s, typed, options) {
    const entries: Array<{ tier?: string; min?: string; max?: string; locked?: boolean }> = [];
    const index = new Map<string, number>();
    const entry = (tier: string, flag: string, text: string): number => {
      if (!tier) throw new UsageError(`bad --${flag} ${JSON.stringify(text)}: a tier limit needs a tier name (or * for every tier without its own)`);
      if (!index.has(tier)) index.set(tier, entries.push(tier === "*" ? {} : { tier }) - 1);
      return index.get(tier) as number;
    };
    for (const flag of ["min", "max"] as const) {
      for (const text of typed.get(flag) ?? []) {
        const at = text.indexOf("=");
        if (at < 0) throw new UsageError(`bad --${flag} ${JSON.stringify(text)}: write ${s.syntax}, e.g. mega=50000 or koc=0.5x`);
        const i = entry(text.slice(0, at), flag, text);
        const limits = entries[i] as { min?: string; max?: string };
        if (limits[flag] !== undefined) throw new UsageError(`--${flag} gives tier ${text.slice(0, at)} twice: give it once`);
        limits[flag] = text.slice(at + 1);
        options.note(s.group, `${s.path}[${i}].${flag}`, flag, text);
      }
    }
    for (const tier of typed.get("lock") ?? []) {
      const i = entry(tier, "lock", tier);
      (entries[i] as { locked?: boolean }).locked = true;
      options.note(s.group, `${s.path}[${i}].locked`, "lock", tier);
    }
    if (entries.length) options.set(s.group, s.path, entries);
  },
};

/** --truth FILE: a sample's truth.json, read like every other input. */
const truth: Structured = {
  flags: (s) => [{ name: s.flag ?? s.path, metavar: s.metavar, help: null, multiple: false, file: true }],
  apply(s, typed, options) {
    const flag = s.flag ?? s.path;
    const path = typed.get(flag)?.[0];
    if (path === undefined) return;
    const text = new TextDecoder().decode(readBytes(flag, path));
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const why = (error as Error).message.split("\n")[0];
      throw new UsageError(`--${flag} ${shown(path)} is not JSON (${why}): give a sample's truth.json`);
    }
    options.set(s.group, s.path, value, { flag, text: path });
  },
};

/** Cells of one line of a CSV or TSV file (quotes allowed around a cell, "" inside one). */
function cells(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') (cell += '"'), i++;
    else if (c === '"') quoted = !quoted;
    else if (c === delimiter && !quoted) out.push(cell.trim()), (cell = "");
    else cell += c;
  }
  out.push(cell.trim());
  return out;
}

const LIFT_COLUMNS = ["name", "tiers", "creators", "from", "to", "incremental_conversions", "relative_lift", "low", "high"] as const;

/**
 * --lift-tests FILE: experiments as a JSON array of the engine's LiftTest objects, or a CSV with
 * the columns name, tiers, creators, from, to, incremental_conversions or relative_lift, low, high
 * (several tiers or creators in one cell separated by ";"). The engine checks what they hold.
 */
const liftTests: Structured = {
  flags: (s) => [{ name: s.flag ?? s.path, metavar: s.metavar, help: null, multiple: false, file: true }],
  apply(s, typed, options) {
    const flag = s.flag ?? s.path;
    const path = typed.get(flag)?.[0];
    if (path === undefined) return;
    const text = new TextDecoder().decode(readBytes(flag, path)).replace(/^\uFEFF/, "");
    let value: unknown;
    if (text.trimStart().startsWith("[")) {
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw new UsageError(`--${flag} ${shown(path)} is not JSON (${(error as Error).message.split("\n")[0]})`);
      }
    } else {
      const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
      const delimiter = (lines[0] ?? "").includes("\t") ? "\t" : ",";
      const header = cells(lines[0] ?? "", delimiter).map((h) => h.toLowerCase().replace(/[\s-]+/g, "_"));
      const unknown = header.filter((h) => !(LIFT_COLUMNS as readonly string[]).includes(h));
      if (unknown.length) throw new UsageError(`--${flag} ${shown(path)} line 1: unknown column ${unknown.join(", ")}; the columns are ${LIFT_COLUMNS.join(", ")}`);
      value = lines.slice(1).map((line, i) => {
        const row = cells(line, delimiter);
        const get = (column: string): string => row[header.indexOf(column)] ?? "";
        const number = (column: string): number | undefined => {
          const cell = get(column);
          if (cell === "") return undefined;
          const x = Number(cell.replace(/%$/, "")) / (cell.endsWith("%") ? 100 : 1);
          if (!Number.isFinite(x)) throw new UsageError(`--${flag} ${shown(path)} line ${i + 2}, column ${column}: ${JSON.stringify(cell)} is not a number`);
          return x;
        };
        const list = (column: string): string[] => get(column).split(";").map((x) => x.trim()).filter(Boolean);
        return {
          name: get("name"),
          tiers: list("tiers"),
          creators: list("creators"),
          from: get("from"),
          to: get("to"),
          incrementalConversions: number("incremental_conversions"),
          relativeLift: number("relative_lift"),
          low: number("low"),
          high: number("high"),
        };
      });
    }
    options.set(s.group, s.path, value, { flag, text: path });
  },
};

/**
 * --category-windows CATEGORY=DAYS,... (repeatable; other=DAYS for every other order): turns the
 * window by category on with this table, which replaces the catalogue's default table whole.
 */
const categoryDays: Structured = {
  flags: (s) => [{ name: s.flag ?? s.path, metavar: s.metavar, help: `${s.help.en.replace(/\.$/, "")} (other=DAYS)`, multiple: true }],
  apply(s, typed, options) {
    const flag = s.flag ?? s.path;
    const object = s.path.slice(0, s.path.lastIndexOf("."));
    const table: Record<string, number> = {};
    let other: number | undefined;
    for (const text of typed.get(flag) ?? []) {
      for (const pair of text.split(",")) {
        const at = pair.indexOf("=");
        const [category, days] = [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
        if (at < 0 || days === "") throw new UsageError(`bad --${flag} ${shown(pair)}: write ${s.syntax}, e.g. skincare=60,snacks=14,other=30`);
        if (category === "") throw new UsageError(`bad --${flag} ${shown(pair)}: a category needs a name (other=DAYS sets every other order)`);
        const value = Number(days);
        if (!/^\d+$/.test(days) || value < (s.min ?? 1) || value > (s.max ?? Infinity)) {
          throw new UsageError(`bad --${flag} ${shown(pair)}: ${category}'s days must be a whole number from ${s.min} to ${s.max}, not ${shown(days)}`);
        }
        if (category === "other") {
          if (other !== undefined) throw new UsageError(`--${flag} gives other twice: give it once`);
          other = value;
          options.set(s.group, `${object}.otherDays`, value, { flag, text: pair });
          continue;
        }
        if (Object.hasOwn(table, category)) throw new UsageError(`--${flag} gives ${category} twice: give it once`);
        table[category] = value;
        options.note(s.group, `${s.path}.${category}`, flag, pair);
      }
    }
    if (Object.keys(table).length) options.set(s.group, s.path, table);
    options.set(s.group, `${object}.enabled`, true);
  },
};

/**
 * `category` among --windows' days (7,30,category) turns the window by category on, its table
 * the catalogue's or --category-windows'; the days left are the fixed windows (none is allowed).
 */
export function categoryAmongWindows(options: OptionSet, flag: string, text: string): string {
  const items = text.split(",").map((item) => item.trim());
  if (!items.includes("category")) return text;
  options.set("report", "categoryWindows.enabled", true, { flag, text });
  const days = items.filter((item) => item !== "category");
  if (days.every((item) => item === "")) options.set("report", "windows", [], { flag, text });
  return days.join(",");
}

/** The parser of each structured setting the command line takes, by "group.path". */
export const STRUCTURED: Readonly<Record<string, Structured>> = {
  "campaign.columns": columns,
  "money.categoryRates": rates,
  "money.platformFeeRates": rates,
  "money.platformFeeChannelRates": rates,
  "money.platformChannels": names,
  "money.bonuses": bonuses,
  "budget.constraints": constraints,
  "report.truth": truth,
  "report.liftTests": liftTests,
  "report.categoryWindows.days": categoryDays,
};
