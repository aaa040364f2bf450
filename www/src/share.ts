// Share links: the settings (and the data, when it is small) in the URL's fragment, which browsers
// never send to a server. A link is parsed defensively: every field is checked against the
// engine's catalogue (its ranges and choices) or, for what is the page's own, the page's, and
// anything else is dropped and named, never applied.
import { type Catalogue, allows, isChoice, setting } from "./catalogue";
import { checkColumns } from "./columns";
import { checkLiftDrafts } from "./lift";
import { checkCheckChoice } from "./model-check";
import type { SavedState } from "./storage";

/** Data above this many characters (compressed, base64) stays out of links: send the files. */
const MAX_DATA_CHARS = 6000;
const PREFIX = "#share=";

type Inputs = SavedState["inputs"];
const OPTIONAL = ["notes", "spend"] as const;

/** What a link carries: settings always, the inputs when small enough. */
export interface Shared {
  settings: Omit<SavedState, "inputs">;
  inputs: Inputs | null;
}

async function deflate(text: string): Promise<string> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

async function inflate(encoded: string): Promise<string> {
  const binary = atob(encoded.replaceAll("-", "+").replaceAll("_", "/"));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return new Response(stream).text();
}

/** A link to this page with `state`'s settings, and its data when it fits; `withData` says which. */
export async function shareLink(state: SavedState): Promise<{ url: string; withData: boolean }> {
  // Where the inputs came from (file names) stays in this browser.
  const { inputs: all, sources: _, ...settings } = state;
  // Only the data the shown mode uses: a paths file, or the campaign's files (notes and spend only when given).
  const inputs: Partial<Inputs> =
    state.mode === "paths" ? { creators: "", touchpoints: "", orders: "", paths: all.paths } : { ...all, paths: "" };
  for (const file of OPTIONAL) if (inputs[file] === "" || state.mode === "paths") delete inputs[file];
  // A held file is far too large for a link (and is not text on this thread).
  const texts = Object.values(inputs).every((input) => typeof input === "string");
  const withData = texts && (await deflate(JSON.stringify(inputs))).length <= MAX_DATA_CHARS;
  const payload = await deflate(JSON.stringify({ settings, inputs: withData ? inputs : null }));
  return { url: `${location.origin}${location.pathname}${PREFIX}${payload}`, withData };
}

/** A link as read: what it shares, what was refused, and the model settings still to be checked. */
export interface SharedLink {
  shared: Partial<Shared>;
  refused: string[];
  /** The settings panel's values as the link has them, unchecked: the page checks them against the engine's defaults and catalogue. */
  modelSettings: unknown;
  /** The link could not be read at all: nothing in it was applied. */
  damaged: boolean;
}

/** The shared state in `hash`, with the names of whatever was refused; `null` without a share. */
export async function readShareLink(hash: string, catalogue: Catalogue): Promise<SharedLink | null> {
  if (!hash.startsWith(PREFIX)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(await inflate(hash.slice(PREFIX.length)));
  } catch {
    return { shared: {}, refused: ["the whole link (it is damaged or not one of ours)"], modelSettings: undefined, damaged: true };
  }
  const refused: string[] = [];
  const record = (value: unknown): Record<string, unknown> => (typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
  const top = record(raw);
  const s = record(top.settings);
  const pick = <T>(name: string, value: unknown, ok: (v: unknown) => v is T): T | undefined => {
    if (value === undefined) return undefined;
    if (ok(value)) return value;
    refused.push(name);
    return undefined;
  };
  const isWindow = (v: unknown): v is number => allows(setting(catalogue, "report", "windows"), v);
  const budgetSetting = (path: string) => setting(catalogue, "budget", path);
  const engineNumber = (path: string) => (v: unknown): v is number => allows(budgetSetting(path), v);
  const engineChoice = <T extends string>(path: string) => (v: unknown): v is T => isChoice<T>(budgetSetting(path), v);
  const oneOf = <T extends string>(...values: T[]) => (v: unknown): v is T => typeof v === "string" && (values as string[]).includes(v);
  const shortText = (max: number, pattern: RegExp) => (v: unknown): v is string => typeof v === "string" && v.length <= max && pattern.test(v);
  const bound = shortText(24, /^(¥?\s*[\d,]+(\.\d+)?|\d+(\.\d+)?\s*[x×X])$/u);

  const settings: Partial<Shared["settings"]> = {};
  const mode = pick("mode", s.mode, oneOf("campaign", "paths"));
  if (mode) settings.mode = mode;
  const separator = pick("separator", s.separator, shortText(8, /\S/u));
  if (separator !== undefined) settings.separator = separator;
  const days = pick("window", s.days, isWindow);
  if (days !== undefined) settings.days = days;
  if (s.customDays !== null) {
    const custom = pick("custom window", s.customDays, isWindow);
    if (custom !== undefined) settings.customDays = custom;
  }
  const level = pick("level", s.level, oneOf("tier", "creator"));
  if (level) settings.level = level;
  const tier = pick("tier", s.tier, shortText(64, /^[^<>]*$/u));
  if (tier !== undefined) settings.tier = tier;
  const lang = pick("language", s.lang, oneOf("en", "zh"));
  if (lang) settings.lang = lang;
  const method = pick("budget method", s.method, oneOf("follow_credit", "marginal_return"));
  if (method) settings.method = method;
  const b = record(s.budget);
  const budget: Shared["settings"]["budget"] = {};
  const amount = pick("budget", b.budget ?? undefined, bound);
  if (amount !== undefined) budget.budget = amount;
  const curve = pick("curve", b.curve, engineChoice<NonNullable<Shared["settings"]["budget"]["curve"]>>("curve"));
  if (curve) budget.curve = curve;
  const metric = pick("return", b.metric, engineChoice<NonNullable<Shared["settings"]["budget"]["metric"]>>("metric"));
  if (metric) budget.metric = metric;
  const half = pick("half-saturation", b.halfSaturation, engineNumber("halfSaturation"));
  if (half !== undefined) budget.halfSaturation = half;
  const slope = pick("slope", b.slope, engineNumber("slope"));
  if (slope !== undefined) budget.slope = slope;
  const exponent = pick("exponent", b.exponent, engineNumber("exponent"));
  if (exponent !== undefined) budget.exponent = exponent;
  if (Array.isArray(b.constraints) && b.constraints.length <= 32) {
    budget.constraints = [];
    for (const item of b.constraints) {
      const c = record(item);
      const limitTier = pick("a limit's tier", c.tier, shortText(64, /^[^<>]*$/u));
      const min = pick("a minimum", c.min ?? undefined, bound);
      const max = pick("a maximum", c.max ?? undefined, bound);
      const locked = pick("a lock", c.locked ?? false, (v: unknown): v is boolean => typeof v === "boolean");
      if (limitTier !== undefined) budget.constraints.push({ tier: limitTier, min: min ?? null, max: max ?? null, locked: locked ?? false });
    }
  } else if (b.constraints !== undefined && b.constraints !== null) {
    refused.push("the limits");
  }
  settings.budget = budget;
  if (s.columns !== undefined) {
    const columns = checkColumns(s.columns);
    if (columns === null) refused.push("column mapping");
    else settings.columns = columns;
  }
  if (s.liftTests !== undefined) {
    const tests = checkLiftDrafts(s.liftTests);
    if (tests === null) refused.push("lift tests");
    else settings.liftTests = tests;
  }
  if (s.check !== undefined) {
    const check = checkCheckChoice(s.check, catalogue);
    if (check === null) refused.push("model check settings");
    else settings.check = check;
  }

  let inputs: Inputs | null = null;
  if (top.inputs !== null && top.inputs !== undefined) {
    const i = record(top.inputs);
    const files = ["creators", "touchpoints", "orders", "paths"] as const;
    const text = (v: unknown): v is string => typeof v === "string" && v.length <= 1_000_000;
    // Notes and spend are optional: a link without them (or from before them) has none.
    if (files.every((f) => text(i[f])) && OPTIONAL.every((f) => i[f] === undefined || text(i[f]))) {
      inputs = Object.fromEntries([...files, ...OPTIONAL].map((f) => [f, text(i[f]) ? i[f] : ""])) as Inputs;
    } else {
      refused.push("the data");
    }
  }
  return { shared: { settings: settings as Shared["settings"], inputs }, refused, modelSettings: s.settings, damaged: false };
}
