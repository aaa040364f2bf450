// A setting the engine refused, in the page's words: the setting's name as the catalogue gives it
// in the language shown, the value typed, what the setting takes, and the engine's reason. The
// engine writes `option <path> = "<value>": <reason>`; its path is for programs, never shown.
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
export function refusedSetting(catalogue: Catalogue, option: string): SettingInfo | null {
  const nestings = catalogue.groups.flatMap((g) => g.nestedIn.map(([, key]) => `${key}.`));
  const bare = option.replace(/\[\d+\].*$/u, "");
  const candidates = [bare, ...nestings.filter((prefix) => bare.startsWith(prefix)).map((prefix) => bare.slice(prefix.length))];
  let best: SettingInfo | null = null;
  for (const info of catalogue.settings) {
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

/** The refusal as the page says it: "Default commission rate “abc”: not a rate: write 10% or 0.10". */
export function refusalPhrase(catalogue: Catalogue | null, refusal: Refusal): Phrase {
  const { value, detail } = reason(refusal.message);
  const info = catalogue && refusal.option ? refusedSetting(catalogue, refusal.option) : null;
  if (!info) return phrase("{detail}", { detail });
  if (value === "") return phrase("{setting}: {detail}", { setting: info.label, detail });
  return phrase("{setting} “{value}”: {detail}", { setting: info.label, value, detail, rule: rule(info) });
}
