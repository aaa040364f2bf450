// The settings panel's values (models, baseline, each model's parameters, commission, orders
// across platforms, tier thresholds) as the page keeps, saves and shares them, and the engine options they make. This
// module lists which of the engine's settings the panel holds and the flat name each is saved
// under; everything about a setting (bounds, default, choices, label) is the catalogue's.
import type { Baseline, CategoryWindows, Model, ModelOptions, MoneyOptions, PromoCodeTouches, TierSpec } from "../pkg/kol_attribution.js";
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
  /** Whether an order's known promo code adds a touch (how the files are read). */
  promoCodeTouches: PromoCodeTouches;
  /** The sales channels the platform's click rule pays on; none named: every channel. */
  platformChannels: string[];
  /** A sales channel's own platform fee, as typed (`"0%"`), where it has one. */
  platformFeeChannelRates: Record<string, string>;
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

/** Orders across platforms: how the orders' codes are read (a campaign setting), and where the platform pays and what it charges (money settings). */
const ORDERS: ["campaign" | "money", string][] = [
  ["campaign", "promoCodeTouches"],
  ["money", "platformChannels"],
  ["money", "platformFeeChannelRates"],
];

/** The engine's meaning of a list or map setting left empty: every channel tracked, no channel's own fee. */
const EMPTY: Record<string, unknown> = { platformChannels: [], platformFeeChannelRates: {} };

/** The panel's fields: the report's, each model's parameters (in the catalogue's model order), the money's, the orders'. */
export function panelFields(catalogue: Catalogue): { report: Field[]; model: Field[]; money: Field[]; orders: Field[] } {
  const paths = [...new Set(catalogue.models.flatMap((m) => m.settings))];
  return {
    report: REPORT.map(([key, path]) => ({ key, info: setting(catalogue, "report", path) })),
    model: paths.map((path) => ({ key: path, info: setting(catalogue, "model", path) })),
    money: MONEY.map(([key, path]) => ({ key, info: setting(catalogue, "money", path) })),
    orders: ORDERS.map(([group, path]) => ({ key: path, info: setting(catalogue, group, path) })),
  };
}

function allFields(catalogue: Catalogue): Field[] {
  const { report, model, money, orders } = panelFields(catalogue);
  return [...report, ...model, ...money, ...orders];
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
    const value = info.default === null && key in EMPTY ? EMPTY[key] : defaultOf(info);
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

/** How the files are read, from the panel: the tiers and what an order's promo code adds (the caller adds the column mapping). */
export function readOptions(settings: ModelSettings, catalogue: Catalogue): { tiers: TierSpec[]; promoCodeTouches: PromoCodeTouches } {
  const chosen = options(settings, panelFields(catalogue).orders.filter((f) => f.info.group === "campaign")) as { promoCodeTouches: PromoCodeTouches };
  return { tiers: tiers(settings), ...chosen };
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
export function moneyOptions(
  settings: ModelSettings,
  catalogue: Catalogue,
): Pick<MoneyOptions, "basis" | "defaultRate" | "holdingDays" | "platformFeeRate" | "platformChannels" | "platformFeeChannelRates" | "modelOptions"> {
  const { money, orders } = panelFields(catalogue);
  const chosen = options(settings, [...money, ...orders.filter((f) => f.info.group === "money")]) as Pick<
    MoneyOptions,
    "basis" | "defaultRate" | "holdingDays" | "platformFeeRate" | "platformChannels" | "platformFeeChannelRates"
  >;
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
function acceptable(info: SettingInfo, value: unknown, catalogue: Catalogue): boolean {
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
    case "choice":
      return isChoice(info, value);
    case "structured":
      return info.path === "categoryWindows.days" ? isCategoryDays(info, value) : channelSetting(info.path, value, catalogue.channels.salesChannels.map((c) => c.id));
    default:
      return false;
  }
}

/** Whether `value` is what the panel keeps for a sales-channel setting: channels the engine knows, each rate a rate. */
function channelSetting(path: string, value: unknown, channels: string[]): boolean {
  const known = (channel: unknown): boolean => typeof channel === "string" && channels.includes(channel);
  if (path === "platformChannels") return Array.isArray(value) && value.every(known);
  if (path !== "platformFeeChannelRates" || typeof value !== "object" || value === null || Array.isArray(value)) return false;
  return Object.entries(value).every(([channel, rate]) => known(channel) && typeof rate === "string" && RATE.test(rate.trim()));
}

/** A value as kept: a list without repeats, text (and a map's texts) without surrounding spaces. */
function cleaned(value: unknown): unknown {
  if (Array.isArray(value)) return [...new Set(value)];
  if (typeof value === "string") return value.trim();
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === "string" ? v.trim() : v]));
  return value;
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
    if (!acceptable(info, value, catalogue)) refused.push(key);
    else out = withValue(out, key, cleaned(value));
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
