// An engine refusal told in the user's words: the flag and the text they typed, then why. The engine
// names a setting by its JSON path ("slope", "constraints[0].tier"); the catalogue leads back to the
// flag. A message the engine's JSON reader wrote ("(object)", "invalid type", "at line 1 column 47")
// is located in the options by its column and replaced by the setting's rule.
import type { Catalogue, SettingGroup, SettingInfo } from "../../www/pkg/kol_attribution.js";
import { choices, numberRule } from "./catalogue.js";
import { InputError, UsageError, isEngineError, shown, type EngineError } from "./errors.js";
import type { Given, OptionSet } from "./options.js";

/** One engine call: which options object it was given (its group), and what the user typed. */
export interface Call {
  catalogue: Catalogue;
  group: SettingGroup;
  passed: unknown;
  options: OptionSet;
  /** The engine's file names and the names the user gave (problems are listed under the latter). */
  files: Record<string, string>;
  /** Other groups whose settings the options object carries under the engine's own paths. */
  also?: readonly SettingGroup[];
  /** Options that are files, by the engine's name ("paths"), and the flag that gave them. */
  fileOptions?: Record<string, Given>;
}

/** Runs one engine call; its errors come back as InputError (exit 1) or UsageError (exit 2). */
export function attempt<T>(call: Call, compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    throw translate(error, call);
  }
}

function translate(error: unknown, call: Call): unknown {
  if (!isEngineError(error)) return error;
  if (error.problems.length) return new InputError(error.problems, call.files);
  if (error.option === undefined) return new InputError([], call.files, error.message);
  return new UsageError(refusal(error, call));
}

const OPTION = /^option (.+?) = "((?:[^"\\]|\\.)*)": ([\s\S]*)$/;
const JSON_READER = /^(invalid type|invalid value|invalid length|unknown variant|unknown field|missing field|duplicate field|expected|trailing|EOF)/;

function refusal(error: EngineError, call: Call): string {
  const match = OPTION.exec(error.message);
  if (!match) return error.message;
  let [, path, value, reason] = match as unknown as [string, string, string, string];
  value = unescape(value);
  let group = call.group;
  let fromReader = false;
  if (path === "options" && value === "(object)") {
    // The engine's JSON reader refused the object: find the value at the column it names.
    const at = / at line \d+ column (\d+)$/.exec(reason);
    reason = reason.replace(/ at line \d+ column \d+$/, "");
    const passed = JSON.stringify(call.passed);
    const located = at ? pathAt(passed, Number(at[1]) - 1) : null;
    if (located === null) return `the options could not be read: ${reason}`;
    ({ group, path } = inGroup(call.catalogue, call.group, located.path));
    const text = passed.slice(located.start, located.end);
    value = text.startsWith('"') ? unescape(text.slice(1, -1)) : text;
    fromReader = JSON_READER.test(reason);
  }
  const file = call.fileOptions?.[path];
  if (file) return `--${file.flag} ${shown(file.text)}: ${reason}`;
  const found =
    settingOf(call.catalogue, group, path) ??
    settingIn(call, path) ??
    (call.also ?? []).map((g) => settingOf(call.catalogue, g, path)).find((s) => s !== undefined);
  if (!found) return `${path} = ${JSON.stringify(value)}: ${reason}`;
  if (fromReader) reason = ruleOf(found);
  const given = givenFor(call.options, found, path, value);
  if (!given) return `${found.label.en} = ${JSON.stringify(value)}: ${reason}`;
  // The typed text pinpoints the value when it was noted at exactly this path; otherwise the
  // engine's path says which part of it (a tier in the third --min, a field of a --map).
  const exact = given.path === path;
  return `--${given.flag} ${shown(given.text)}: ${exact ? "" : `${path} = ${JSON.stringify(value)}: `}${reason}`;
}

function unescape(text: string): string {
  try {
    return JSON.parse(`"${text}"`) as string;
  } catch {
    return text;
  }
}

/** The setting that holds `path` in `group` (itself, or the structure it is inside). */
function settingOf(catalogue: Catalogue, group: SettingGroup, path: string): SettingInfo | undefined {
  const holds = (s: SettingInfo): boolean => s.path === path || path.startsWith(`${s.path}.`) || path.startsWith(`${s.path}[`);
  return catalogue.settings.filter((s) => s.group === group && holds(s)).sort((a, b) => b.path.length - a.path.length)[0];
}

/** The engine names a nested group's setting by its own path ("halfLifeDays" in a report call). */
function settingIn(call: Call, path: string): SettingInfo | undefined {
  const nested = call.catalogue.groups.filter((g) => g.nestedIn.some(([parent]) => parent === call.group));
  for (const g of nested) {
    const found = settingOf(call.catalogue, g.id, path);
    if (found) return found;
  }
  return undefined;
}

/** A path in the options object passed ("modelOptions.markovOrder") as its group's own path. */
function inGroup(catalogue: Catalogue, group: SettingGroup, path: string): { group: SettingGroup; path: string } {
  for (const child of catalogue.groups) {
    for (const [parent, key] of child.nestedIn) {
      if (parent === group && path.startsWith(`${key}.`)) return inGroup(catalogue, child.id, path.slice(key.length + 1));
    }
  }
  return { group, path };
}

/** What the user typed that set `path`: noted there or around it, else the flag of its setting. */
function givenFor(options: OptionSet, s: SettingInfo, path: string, value: string): Given | undefined {
  const around = (g: Given): boolean => g.path === path || path.startsWith(`${g.path}.`) || path.startsWith(`${g.path}[`);
  const under = (g: Given): boolean => g.path === s.path || g.path.startsWith(`${s.path}.`) || g.path.startsWith(`${s.path}[`);
  const ours = options.given.filter((g) => g.group === s.group);
  const closest = ours.filter(around).sort((a, b) => b.path.length - a.path.length)[0];
  if (closest) return closest;
  const candidates = ours.filter(under);
  return candidates.find((g) => g.text.includes(value)) ?? candidates[0];
}

/** The setting's rule in the catalogue's words, for a refusal the JSON reader worded. */
function ruleOf(s: SettingInfo): string {
  switch (s.kind) {
    case "number":
    case "windows": {
      const { head, reason } = numberRule(s);
      return reason ? `${head}: ${reason}` : head;
    }
    case "choice":
    case "model":
    case "models":
      return `must be ${choices(s.values)}`;
    case "flag":
      return "is a switch: give the flag or leave it out";
    default:
      return s.syntax ? `has the wrong form: write ${s.syntax}` : `is not a valid ${s.label.en.toLowerCase()}`;
  }
}

/**
 * The path of the value at `index` in `json` (as JSON.stringify writes it, no spaces): the
 * innermost value or key whose text spans that index, e.g. "constraints[0].min".
 */
export function pathAt(json: string, index: number): { path: string; start: number; end: number } | null {
  let best: { path: string; start: number; end: number } | null = null;
  const mark = (path: string, start: number, end: number): void => {
    if (start <= index && index < end && (best === null || end - start < best.end - best.start)) best = { path, start, end };
  };
  const join = (path: string, key: string | number): string => (typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key);
  const string = (at: number): number => {
    let i = at + 1;
    while (i < json.length && json[i] !== '"') i += json[i] === "\\" ? 2 : 1;
    return i + 1;
  };
  const value = (at: number, path: string): number => {
    const c = json[at];
    let end: number;
    if (c === "{" || c === "[") {
      let i = at + 1;
      let n = 0;
      while (json[i] !== (c === "{" ? "}" : "]") && i < json.length) {
        if (c === "{") {
          const keyEnd = string(i);
          const key = JSON.parse(json.slice(i, keyEnd)) as string;
          mark(join(path, key), i, keyEnd);
          i = value(keyEnd + 1, join(path, key));
        } else {
          i = value(i, join(path, n++));
        }
        if (json[i] === ",") i++;
      }
      end = i + 1;
    } else if (c === '"') {
      end = string(at);
    } else {
      end = at;
      while (end < json.length && !",}]".includes(json[end] as string)) end++;
    }
    mark(path, at, end);
    return end;
  };
  value(0, "");
  const found = best as { path: string; start: number; end: number } | null;
  return found && found.path !== "" ? found : null;
}
