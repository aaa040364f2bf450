// The engine's catalogue as the page and the element read it. Every model's name, and every
// setting's label, help, bounds, step, default and choices, is the engine's (asked of the worker
// once); the page keeps no copy of its own, so a form, a saved state and a share link refuse
// exactly what the engine refuses.
import type { Catalogue, CatalogueText, Model, SettingGroup, SettingInfo } from "../pkg/kol_attribution.js";
import { language } from "./i18n";

export type { Catalogue, SettingInfo };

/** A model's name in the current language. */
export type ModelName = (model: Model) => string;

/** `text` in the current language. */
export function local(text: CatalogueText): string {
  return text[language()];
}

/** Names models by the catalogue's labels, in the language current when each name is asked. */
export function modelNames(catalogue: Catalogue): ModelName {
  const labels = new Map(catalogue.models.map((m) => [m.id, m.label]));
  return (model) => {
    const label = labels.get(model);
    return label ? local(label) : model;
  };
}

/** The setting at `path` of `group`'s options; a page asking for one the engine lacks is a bug. */
export function setting(catalogue: Catalogue, group: SettingGroup, path: string): SettingInfo {
  const found = catalogue.settings.find((s) => s.group === group && s.path === path);
  if (!found) throw new Error(`the engine's catalogue has no ${group} setting ${path}`);
  return found;
}

/** Whether `value` is a number `info` allows: within its bounds (strictly above the least when it says so), whole when it must be. */
export function allows(info: SettingInfo, value: unknown): value is number {
  if (typeof value !== "number" || !Number.isFinite(value)) return false;
  if (info.min !== null && (info.aboveMin ? value <= info.min : value < info.min)) return false;
  if (info.max !== null && value > info.max) return false;
  return !info.whole || Number.isInteger(value);
}

/** Gives a number input `info`'s bounds and step (a form cannot say "above": the engine refuses the least itself). */
export function bound(input: HTMLInputElement, info: SettingInfo): void {
  input.min = info.min === null ? "" : String(info.min);
  input.max = info.max === null ? "" : String(info.max);
  input.step = info.step !== null ? String(info.step) : info.whole ? "1" : "any";
}

/** `info`'s default, as the type the caller keeps it in. */
export function defaultOf<T extends number | boolean | string | string[] | number[]>(info: SettingInfo): T {
  if (info.default === null) throw new Error(`the engine's ${info.group} setting ${info.path} has no default`);
  return info.default as T;
}

/** Whether `value` is one of `info`'s choices (or one of the models it allows). */
export function isChoice<T extends string>(info: SettingInfo, value: unknown): value is T {
  return typeof value === "string" && info.values.includes(value);
}

/** The lookback windows a report takes: the least and most days, and the engine's words for the rule. */
export function windowRange(catalogue: Catalogue): { min: number; max: number; rule: string } {
  const windows = setting(catalogue, "report", "windows");
  if (windows.min === null) throw new Error("the engine's lookback windows have no least length");
  return { min: windows.min, max: catalogue.maxWindowDays, rule: windows.rule ?? "" };
}
