// The settings panel's values (models, baseline, each model's parameters, commission, tier
// thresholds) as the page keeps, saves and shares them, and the engine options they make. This
// module lists which of the engine's settings the panel holds and the flat name each is saved
// under; everything about a setting (bounds, default, choices, label) is the catalogue's.
import type { Baseline, CategoryWindows, Model, ModelOptions, MoneyOptions, TierSpec } from "../pkg/kol_attribution.js";
import { type Catalogue, type SettingInfo, allows, defaultOf, isChoice, setting } from "./catalogue";

/** A tier and the fewest followers that place a creator in it. */
export interface Threshold {
  name: string;
  minFollowers: number;
  aliases: string[];
}

/**
 * Everything the panel sets, as it is saved and shared: the report's and the money's choices
 * under flat names, and each model's parameters under their own paths (`halfLifeDays`,
 * `touchWeights.save`), as the engine's model options have them.
 */
export interface ModelSettings extends ModelOptions {
  models: Model[];
  baselineModel: Model;
  baselineDays: number;
  basisModel: Model;
  basisDays: number;
  defaultRate: string;
  holdingDays: number;
  platformFeeRate: string;
  /** The window by category: on or off, days per product category, days for every other order. */
  categoryWindows: Required<CategoryWindows>;
  /** Fewest followers per tier, from the top; the last tier starts at 0. */
  thresholds: Threshold[];
}

/** One value of the panel: where it is kept in the settings (`key`) and what the engine says of it. */
export interface Field {
  key: string;
  info: SettingInfo;
}

/** The report's settings the panel holds, by the name they are saved under. */
const REPORT: [string, string][] = [
  ["models", "models"],
  ["baselineModel", "baseline.model"],
  ["baselineDays", "baseline.days"],
  ["categoryWindows.enabled", "categoryWindows.enabled"],
  ["categoryWindows.days", "categoryWindows.days"],
  ["categoryWindows.otherDays", "categoryWindows.otherDays"],
];

/** The money report's settings the panel holds, in the panel's order. */
const MONEY: [string, string][] = [
  ["basisModel", "basis.model"],
  ["basisDays", "basis.days"],
  ["defaultRate", "defaultRate"],
  ["platformFeeRate", "platformFeeRate"],
  ["holdingDays", "holdingDays"],
];

/** The panel's fields: the report's, each model's parameters (in the catalogue's model order), the money's. */
export function panelFields(catalogue: Catalogue): { report: Field[]; model: Field[]; money: Field[] } {
  const paths = [...new Set(catalogue.models.flatMap((m) => m.settings))];
  return {
    report: REPORT.map(([key, path]) => ({ key, info: setting(catalogue, "report", path) })),
    model: paths.map((path) => ({ key: path, info: setting(catalogue, "model", path) })),
    money: MONEY.map(([key, path]) => ({ key, info: setting(catalogue, "money", path) })),
  };
}

function allFields(catalogue: Catalogue): Field[] {
  const { report, model, money } = panelFields(catalogue);
  return [...report, ...model, ...money];
}

/** The value at a dotted `path` of `object` (`touchWeights.save`). */
export function valueAt(object: unknown, path: string): unknown {
  let value = object;
  for (const part of path.split(".")) value = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[part] : undefined;
  return value;
}

/** `object` with `value` at a dotted `path`, the objects along the way copied, never changed. */
export function withValue<T extends object>(object: T, path: string, value: unknown): T {
  const [head = "", ...rest] = path.split(".");
  const copy = { ...object } as Record<string, unknown>;
  const inner = copy[head];
  copy[head] = rest.length === 0 ? value : withValue(typeof inner === "object" && inner !== null ? inner : {}, rest.join("."), value);
  return copy as T;
}

/** `"0.10"` → `"10%"`, exactly (decimal text, never a float). */
function percentText(rate: string): string {
  const [integer = "0", fraction = ""] = rate.split(".");
  const digits = `${integer}${fraction.padEnd(2, "0")}`;
  const whole = digits.slice(0, integer.length + 2).replace(/^0+(?=\d)/, "");
  const rest = digits.slice(integer.length + 2).replace(/0+$/, "");
  return `${whole}${rest ? `.${rest}` : ""}%`;
}

/** A rate as the panel accepts it: 10%, 12.5 %, 0.1 or 1 (the engine reads it exactly). */
export const RATE = /^(\d{1,2}(\.\d{1,4})?\s*%|0(\.\d{1,6})?|1(\.0*)?)$/u;

/** The panel's values from the engine's defaults; the tiers are the engine's default tiers. */
export function defaultSettings(catalogue: Catalogue, tiers: TierSpec[]): ModelSettings {
  let settings = { thresholds: tiers.map((t) => ({ name: t.name, minFollowers: Number(t.minFollowers), aliases: t.aliases ?? [] })) } as ModelSettings;
  for (const { key, info } of allFields(catalogue)) {
    const value = defaultOf(info);
    settings = withValue(settings, key, info.kind === "rate" ? percentText(String(value)) : value);
  }
  return settings;
}

/** The fields' values, each at its path in the engine's options object. */
function options(settings: ModelSettings, fields: Field[]): Record<string, unknown> {
  return fields.reduce<Record<string, unknown>>((out, { key, info }) => withValue(out, info.path, valueAt(settings, key)), {});
}

/** The models' parameters as the engine's model options. */
export function modelOptions(settings: ModelSettings, catalogue: Catalogue): ModelOptions {
  return options(settings, panelFields(catalogue).model) as ModelOptions;
}

/** The report's options from the panel (the caller adds windows, intervals and truth). */
export function reportOptions(
  settings: ModelSettings,
  catalogue: Catalogue,
): { models: Model[]; baseline: Baseline; categoryWindows: CategoryWindows; modelOptions: ModelOptions; tiers: TierSpec[] } {
  const chosen = options(settings, panelFields(catalogue).report) as { models: Model[]; baseline: Baseline; categoryWindows: CategoryWindows };
  return { ...chosen, modelOptions: modelOptions(settings, catalogue), tiers: tiers(settings) };
}

/** The money report's options from the panel (the caller adds how to read the inputs). */
export function moneyOptions(settings: ModelSettings, catalogue: Catalogue): Pick<MoneyOptions, "basis" | "defaultRate" | "holdingDays" | "platformFeeRate" | "modelOptions"> {
  const chosen = options(settings, panelFields(catalogue).money) as Pick<MoneyOptions, "basis" | "defaultRate" | "holdingDays" | "platformFeeRate">;
  return { ...chosen, modelOptions: modelOptions(settings, catalogue) };
}

/** The tier thresholds as the engine reads them. */
export function tiers(settings: ModelSettings): TierSpec[] {
  return settings.thresholds.map((t) => ({ name: t.name, minFollowers: t.minFollowers, aliases: t.aliases }));
}

/** Whether `value` is a table of days per category as `info` (the window by category's) allows: named categories, each days a window. */
export function isCategoryDays(info: SettingInfo, value: unknown): value is Record<string, number> {
  if (typeof info.default !== "object" || info.default === null || Array.isArray(info.default)) return false;
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const names = Object.keys(value).map((name) => name.trim());
  return names.every((name) => name !== "") && new Set(names).size === names.length && Object.values(value).every((days) => allows(info, days));
}

/** Whether `value` is a value `info` allows, by its kind. */
function acceptable(info: SettingInfo, value: unknown): boolean {
  switch (info.kind) {
    case "number":
      return allows(info, value);
    case "flag":
      return typeof value === "boolean";
    case "rate":
      return typeof value === "string" && RATE.test(value.trim());
    case "model":
      return isChoice(info, value);
    case "models":
      return Array.isArray(value) && value.length > 0 && value.length <= info.values.length && value.every((m) => isChoice(info, m));
    case "structured":
      return isCategoryDays(info, value);
    default:
      return false;
  }
}

/**
 * The settings in `raw` (a saved state or a share link) that the engine allows, over `base`;
 * the names of those it does not go to `refused`.
 */
export function checkSettings(raw: unknown, base: ModelSettings, catalogue: Catalogue, refused: string[]): ModelSettings {
  if (typeof raw !== "object" || raw === null) return base;
  let out = base;
  for (const { key, info } of allFields(catalogue)) {
    const value = valueAt(raw, key);
    if (value === undefined) continue;
    if (!acceptable(info, value)) refused.push(key);
    else out = withValue(out, key, Array.isArray(value) ? [...new Set(value)] : typeof value === "string" ? value.trim() : value);
  }
  const list = (raw as { thresholds?: unknown }).thresholds;
  if (list !== undefined) {
    const ok =
      Array.isArray(list) &&
      list.length === base.thresholds.length &&
      list.every((t: unknown, i) => {
        const tier = t as { name?: unknown; minFollowers?: unknown };
        const n = tier?.minFollowers;
        return tier?.name === base.thresholds[i]?.name && typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= 1e10;
      });
    if (ok) out = { ...out, thresholds: base.thresholds.map((t, i) => ({ ...t, minFollowers: (list[i] as { minFollowers: number }).minFollowers })) };
    else refused.push("tier thresholds");
  }
  return out;
}
