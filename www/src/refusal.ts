// A setting the engine refused, in the page's words: the setting's name as the catalogue gives it
// in the language shown, the value typed, what the setting takes, and the engine's reason. The
// engine writes `option <path> = "<value>": <reason>`; its path is for programs, never shown.
import type { SettingGroup } from "../pkg/kol_attribution.js";
import type { Catalogue, SettingInfo } from "./catalogue";
import { type Phrase, phrase } from "./i18n";
import type { Refusal } from "./page-state";

const PREFIX = /^option (\S+) = ("(?:[^"\\]|\\.)*"|\S+): /u;

/** The engine's reason without its option path, and the value it names. */
export function reason(message: string): { value: string; detail: string } {
  const found = PREFIX.exec(message);
  if (!found) return { value: "", detail: message };
  const quoted = found[2] ?? "";
  let value = quoted;
  try {
    value = quoted.startsWith('"') ? (JSON.parse(quoted) as string) : quoted;
  } catch {
    value = quoted;
  }
  let detail = message.slice(found[0].length);
  // A rate's or an amount's reader names the value again.
  if (detail.startsWith(`${quoted}: `)) detail = detail.slice(quoted.length + 2);
  return { value, detail };
}

/** The catalogue's setting an option path names (`modelOptions.halfLifeDays`, `constraints[0].min`). */
export function refusedSetting(catalogue: Catalogue, option: string, group?: SettingGroup): SettingInfo | null {
  const nestings = catalogue.groups.flatMap((g) => g.nestedIn.map(([, key]) => `${key}.`));
  const bare = option.replace(/\[\d+\].*$/u, "");
  const candidates = [bare, ...nestings.filter((prefix) => bare.startsWith(prefix)).map((prefix) => bare.slice(prefix.length))];
  let best: SettingInfo | null = null;
  for (const info of catalogue.settings) {
    if (group !== undefined && info.group !== group) continue;
    const fits = candidates.some((c) => c === info.path || c.startsWith(`${info.path}.`));
    if (fits && (best === null || info.path.length > best.path.length)) best = info;
  }
  return best;
}

/** What a setting of `info`'s kind takes, said for a reader of Chinese (the engine's reason is in English). */
function rule(info: SettingInfo | null): Phrase {
  if (!info) return phrase("check the value");
  switch (info.kind) {
    case "rate":
      return phrase("a rate such as 10% or 0.10, from 0 to 100%");
    case "amount":
      return phrase("an amount such as 1299.00 or ¥1,299.00");
    case "models":
      return phrase("at least one model");
    case "structured":
      return info.path === "constraints" ? phrase("an amount (50000) or a multiple of today's spend (2x)") : phrase("check the value");
    case "number":
      if (info.min !== null && info.max !== null) {
        return phrase(info.whole ? "a whole number from {min} to {max}" : info.aboveMin ? "a number above {min}, at most {max}" : "a number from {min} to {max}", {
          min: info.min,
          max: info.max,
        });
      }
      return phrase("check the value");
    default:
      return phrase("check the value");
  }
}

/** A lift test's field the engine refused: which test (its index) and which field, from `liftTests[0].to`. */
export function liftField(option: string | null): { test: number; field: string } | null {
  const found = /^liftTests\[(\d+)\]\.(\w+)$/u.exec(option ?? "");
  return found ? { test: Number(found[1]), field: found[2] ?? "" } : null;
}

/** Each lift-test field's name and what it takes, in the page's words (the editor's labels). */
const LIFT_FIELDS: Record<string, { name: string; rule: string }> = {
  tiers: { name: "Withheld", rule: "tiers or creators of the roster" },
  creators: { name: "Withheld", rule: "tiers or creators of the roster" },
  from: { name: "From", rule: "a real date written YYYY-MM-DD, the period's first day" },
  to: { name: "Until", rule: "a real date written YYYY-MM-DD, not before the period's first day" },
  incrementalConversions: { name: "Measured", rule: "one measured number: incremental conversions or a relative lift" },
  relativeLift: { name: "Measured", rule: "one measured number: incremental conversions or a relative lift" },
  low: { name: "90% low", rule: "an interval from low to high that holds the measured number (a relative lift above −1)" },
  high: { name: "90% high", rule: "an interval from low to high that holds the measured number (a relative lift above −1)" },
};

/** A refused lift test: "Lift test 1, Until “2025-03-01”: the period ends before it starts". */
function liftRefusal(test: number, field: string, message: string): Phrase {
  const { value, detail } = reason(message);
  const known = LIFT_FIELDS[field] ?? { name: field, rule: "check the value" };
  return phrase("Lift test {number}, {field} “{value}”: {detail}", { number: test + 1, field: phrase(known.name), value, detail, rule: phrase(known.rule) });
}

/** The refusal as the page says it: "Default commission rate “abc”: not a rate: write 10% or 0.10". */
export function refusalPhrase(catalogue: Catalogue | null, refusal: Refusal, group?: SettingGroup): Phrase {
  const lift = liftField(refusal.option);
  if (lift) return liftRefusal(lift.test, lift.field, refusal.message);
  const { value, detail } = reason(refusal.message);
  const info = catalogue && refusal.option ? refusedSetting(catalogue, refusal.option, group) : null;
  if (!info) return phrase("{detail}", { detail });
  if (value === "") return phrase("{setting}: {detail}", { setting: info.label, detail });
  return phrase("{setting} “{value}”: {detail}", { setting: info.label, value, detail, rule: rule(info) });
}
