// The engine's catalogue, read once, and the words the CLI builds from it: every model id, bound,
// default and unit on the command line comes from here, never from the CLI's own source.
import type { Catalogue, Model, SettingGroup, SettingInfo, ShorthandInfo } from "../../www/pkg/kol_attribution.js";
import type { Engine } from "./engine.js";

export type { SettingGroup, SettingInfo, ShorthandInfo };

let cached: Catalogue | undefined;

export function catalogue(engine: Engine): Catalogue {
  cached ??= engine.catalogue();
  return cached;
}

/** The setting at `path` of `group`; a missing one is the CLI asking for something the engine dropped. */
export function setting(catalogue: Catalogue, group: SettingGroup, path: string): SettingInfo {
  const found = catalogue.settings.find((s) => s.group === group && s.path === path);
  if (!found) throw new Error(`the catalogue has no setting ${group}.${path}`);
  return found;
}

/** The model ids, in report order. */
export function modelIds(catalogue: Catalogue): Model[] {
  return catalogue.models.map((m) => m.id);
}

/** "a or b", "a, b or both" ("both" means the others together, so it reads last), "one of a, b, c". */
export function choices(values: readonly string[]): string {
  if (values.includes("both")) return `${values.filter((v) => v !== "both").join(", ")} or both`;
  if (values.length === 2) return `${values[0]} or ${values[1]}`;
  return `one of ${values.join(", ")}`;
}

const withUnit = (value: number, unit: string): string => (unit ? `${value} ${unit}` : `${value}`);

/** A number setting's range in words, e.g. "a whole number from 1 to 4", "above 0 and at most N days". */
export function bounds(s: SettingInfo): string {
  const max = s.max === null ? null : withUnit(s.max, s.unit);
  if (s.min === null || max === null) return s.whole ? "a whole number" : "a number";
  if (s.aboveMin) return `above ${s.min} and at most ${max}`;
  return `${s.whole ? "a whole number " : ""}from ${s.min} to ${max}`;
}

/**
 * A refused number in the engine's own words: the rule's "must be …" head, the value, then the
 * rule's reason ("--slope must be from 0.1 to 1, not "3": above 1 the Hill curve …"). A rule not
 * worded as "must be" (a window's) follows the bounds as the reason.
 */
export function numberRule(s: SettingInfo): { head: string; reason: string } {
  const rule = s.rule ?? "";
  if (!rule.startsWith("must be ")) return { head: `must be ${bounds(s)}`, reason: rule };
  const colon = rule.indexOf(": ");
  return colon < 0 ? { head: rule, reason: "" } : { head: rule.slice(0, colon), reason: rule.slice(colon + 2) };
}

/** A default as the command line writes it, or null when there is none worth showing. */
export function defaultText(s: SettingInfo, catalogue: Catalogue, units = true): string | null {
  const value = s.default;
  if (value === null || value === false || value === "") return null;
  if (value === true) return "on";
  if (Array.isArray(value)) {
    if (s.kind === "models" && value.length === catalogue.models.length) return "all";
    return value.join(",");
  }
  if (typeof value === "number") return units ? withUnit(value, s.unit) : `${value}`;
  // A table of days per category, as --category-windows writes it.
  if (typeof value === "object") return Object.entries(value).map(([key, days]) => `${key}=${days}`).join(",");
  return s.kind === "text" ? JSON.stringify(value) : value;
}

/** What values a setting takes, in words, for --help; null when its help says it already. */
export function rangeText(s: SettingInfo): string | null {
  switch (s.kind) {
    case "number":
      return bounds(s);
    case "windows":
      return `each ${bounds(s)}`;
    case "choice":
      return choices(s.values);
    case "models":
    case "model":
      return `from ${s.values.join(", ")}`;
    default:
      return null;
  }
}
