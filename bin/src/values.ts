// One value of a catalogue setting, read from the text typed after its flag, by the setting's kind.
// The words of each refusal are the catalogue's: its bounds, its rule, its choices.
import type { Catalogue, SettingInfo } from "../../www/pkg/kol_attribution.js";
import { choices, modelIds, numberRule } from "./catalogue.js";
import { UsageError, shown } from "./errors.js";

/** Who typed the value: `--half-life`, or `--baseline DAYS` for a shorthand's part. */
export interface Source {
  flag: string;
  part?: string;
}

const label = (source: Source): string => `--${source.flag}${source.part ? ` ${source.part}` : ""}`;

/** Where the setting lives in the engine's API, for the library user reading a CLI refusal. */
function where(catalogue: Catalogue, s: SettingInfo): string {
  const typeName = catalogue.groups.find((g) => g.id === s.group)?.typeName ?? s.group;
  return ` (${typeName}.${s.path})`;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function parseNumber(catalogue: Catalogue, s: SettingInfo, text: string, source: Source): number {
  const value = DECIMAL.test(text.trim()) ? Number(text) : Number.NaN;
  const { min, max } = s;
  const fits =
    Number.isFinite(value) &&
    (!s.whole || Number.isSafeInteger(value)) &&
    (min === null || (s.aboveMin ? value > min : value >= min)) &&
    (max === null || value <= max);
  if (fits) return value;
  const { head, reason } = numberRule(s);
  throw new UsageError(`${label(source)} ${head}, not ${shown(text)}${reason ? `: ${reason}` : ""}${where(catalogue, s)}`);
}

export function parseChoice(catalogue: Catalogue, s: SettingInfo, text: string, source: Source): string {
  if (s.values.includes(text)) return text;
  throw new UsageError(`${label(source)} must be ${choices(s.values)}, not ${shown(text)}${where(catalogue, s)}`);
}

/**
 * A model id. One the engine knows but this setting does not take (a data-driven model as the
 * commission basis) goes to the engine, which says why.
 */
export function parseModel(catalogue: Catalogue, s: SettingInfo, text: string, source: Source): string {
  if (modelIds(catalogue).some((id) => id === text)) return text;
  const which = source.part ? `${source.flag} ` : "";
  throw new UsageError(`--${source.flag} ${shown(text)}: unknown ${which}model ${shown(text)}; choose from ${s.values.join(", ")}`);
}

function items(text: string, source: Source): string[] {
  const list = text.split(",").map((item) => item.trim());
  const empty = list.filter((item) => item === "");
  if (empty.length === list.length) throw new UsageError(`bad ${label(source)}: ${shown(text)}: give at least one, separated by commas`);
  return list.filter((item) => item !== "");
}

export function parseModels(catalogue: Catalogue, s: SettingInfo, text: string, source: Source): string[] {
  const models = items(text, source);
  const unknown = models.filter((m) => !s.values.includes(m));
  if (unknown.length) {
    throw new UsageError(`${label(source)} ${shown(text)}: unknown model ${unknown.join(", ")}; choose from ${s.values.join(", ")}`);
  }
  return models;
}

export function parseWindows(catalogue: Catalogue, s: SettingInfo, text: string, source: Source): number[] {
  const days = items(text, source);
  const notNumbers = days.filter((d) => !/^\d+$/.test(d));
  if (notNumbers.length) throw new UsageError(`bad ${label(source)}: ${notNumbers.join(", ")}: write whole days separated by commas`);
  return days.map((d) => parseNumber(catalogue, s, d, source));
}

/**
 * A calendar date, YYYY-MM-DD, refused when the day does not exist (2025-02-30), as Unix
 * seconds at the start of that day `utcOffsetMinutes` east of UTC.
 */
export function parseDate(text: string, utcOffsetMinutes: number, source: Source): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new UsageError(`${label(source)} must be a date, YYYY-MM-DD, not ${shown(text)}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const start = Date.UTC(year, month - 1, day);
  const back = new Date(start);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    const days = month >= 1 && month <= 12 ? new Date(Date.UTC(year, month, 0)).getUTCDate() : 0;
    const why = days ? `${match[1]}-${match[2]} has ${days} days` : "there are 12 months";
    throw new UsageError(`${label(source)} ${text}: no such date (${why})`);
  }
  return start / 1000 - utcOffsetMinutes * 60;
}
