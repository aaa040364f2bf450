// The settings panel: which models, the baseline, each model's parameters, commission and tier
// thresholds, each with a one-line explanation. Defaults come from the engine itself; the ranges
// below are the engine's, so the form, saved state and share links all refuse the same values.
import type { Baseline, Model, ModelOptions, MoneyOptions, ReportOptions, TierSpec, TouchWeights } from "../pkg/kol_attribution.js";
import { modelLabel, MODEL_LABELS } from "./credit-table";
import { h } from "./dom";
import { tr } from "./i18n";

export const ALL_MODELS = Object.keys(MODEL_LABELS) as Model[];
/** Markov and Shapley credit channels, not single orders, so they cannot decide commission. */
const BASIS_MODELS: Model[] = ALL_MODELS.filter((m) => m !== "markov" && m !== "shapley");
const TOUCH_TYPES = ["view", "like", "comment", "save", "click", "qrScan", "promoCode", "other"] as const;
type TouchType = (typeof TOUCH_TYPES)[number];
const TOUCH_LABELS: Record<TouchType, string> = {
  view: "view",
  like: "like",
  comment: "comment",
  save: "save",
  click: "click",
  qrScan: "QR scan",
  promoCode: "promo code",
  other: "other",
};

/** Everything the panel sets, flat, as it is saved and shared. */
export interface ModelSettings {
  models: Model[];
  baselineModel: Model;
  baselineDays: number;
  halfLifeDays: number;
  firstShare: number;
  lastShare: number;
  touchWeights: Record<TouchType, number>;
  uniqueCreators: boolean;
  clickWindowHours: number;
  markovOrder: number;
  collapseRepeats: boolean;
  basisModel: Model;
  basisDays: number;
  defaultRate: string;
  holdingDays: number;
  platformFeeRate: string;
  /** Fewest followers per tier, from the top; the last tier starts at 0. */
  thresholds: { name: string; minFollowers: number; aliases: string[] }[];
}

type NumberKey = "baselineDays" | "halfLifeDays" | "firstShare" | "lastShare" | "clickWindowHours" | "markovOrder" | "basisDays" | "holdingDays";
type TextKey = "defaultRate" | "platformFeeRate";
type FlagKey = "uniqueCreators" | "collapseRepeats";

interface NumberField {
  key: NumberKey;
  /** The engine's name for it, as its errors say. */
  option: string;
  label: string;
  hint: string;
  min: number;
  max: number;
  step: number;
}

const NUMBERS: NumberField[] = [
  { key: "baselineDays", option: "baseline.days", label: "Baseline window (days)", hint: "Changes are measured against the baseline model at this window.", min: 1, max: 3650, step: 1 },
  { key: "halfLifeDays", option: "halfLifeDays", label: "Time decay half-life (days)", hint: "Days for a touch's weight to halve: shorter favours the touches just before the order.", min: 0.1, max: 3650, step: 0.5 },
  { key: "firstShare", option: "firstShare", label: "Position-based: first touch", hint: "Share of the first touch (0 to 1); the middle touches split what first and last leave.", min: 0, max: 1, step: 0.05 },
  { key: "lastShare", option: "lastShare", label: "Position-based: last touch", hint: "Share of the last touch (0 to 1); first and last together at most 1.", min: 0, max: 1, step: 0.05 },
  { key: "clickWindowHours", option: "clickWindowHours", label: "Platform click window (hours)", hint: "How long a click earns the platform's commission before the order (1 to 720).", min: 1, max: 720, step: 1 },
  { key: "markovOrder", option: "markovOrder", label: "Markov order", hint: "How many past creators a state remembers (1 to 4): higher sees sequences, needs more journeys.", min: 1, max: 4, step: 1 },
  { key: "basisDays", option: "basis.days", label: "Commission window (days)", hint: "The lookback window of the model that decides commission (not used by platform click).", min: 1, max: 3650, step: 1 },
  { key: "holdingDays", option: "holdingDays", label: "Holding period (days)", hint: "Days after an order before commission is payable; returns inside it cancel it (0 to 90).", min: 0, max: 90, step: 1 },
];

const TEXTS: { key: TextKey; option: string; label: string; hint: string }[] = [
  { key: "defaultRate", option: "defaultRate", label: "Default commission rate", hint: "For creators without their own rate or a category rate, e.g. 10% or 0.1." },
  { key: "platformFeeRate", option: "platformFeeRate", label: "Platform fee", hint: "The platform's transaction fee on order value, a brand-side cost, e.g. 5%." },
];

const FLAGS: { key: FlagKey; label: string; hint: string }[] = [
  { key: "uniqueCreators", label: "Linear: once per creator", hint: "Split a journey equally among its creators instead of its touches." },
  { key: "collapseRepeats", label: "Markov: merge repeats", hint: "Read a creator seen twice in a row as one touch." },
];

const RATE = /^(\d{1,2}(\.\d{1,4})?\s*%|0(\.\d{1,6})?|1(\.0*)?)$/u;

/** The panel's values from the engine's defaults. */
export function defaultSettings(report: ReportOptions, money: MoneyOptions): ModelSettings {
  const m = report.modelOptions ?? {};
  const weights = m.touchWeights ?? {};
  return {
    models: report.models ?? ALL_MODELS,
    baselineModel: report.baseline?.model ?? "last_touch",
    baselineDays: report.baseline?.days ?? 30,
    halfLifeDays: m.halfLifeDays ?? 7,
    firstShare: m.firstShare ?? 0.4,
    lastShare: m.lastShare ?? 0.4,
    touchWeights: Object.fromEntries(TOUCH_TYPES.map((t) => [t, weights[t] ?? 1])) as Record<TouchType, number>,
    uniqueCreators: m.uniqueCreators ?? false,
    clickWindowHours: m.clickWindowHours ?? 72,
    markovOrder: m.markovOrder ?? 1,
    collapseRepeats: m.collapseRepeats ?? false,
    basisModel: money.basis?.model ?? "platform_last_click",
    basisDays: money.basis?.days ?? 30,
    defaultRate: percentText(money.defaultRate ?? "0.10"),
    holdingDays: money.holdingDays ?? 15,
    platformFeeRate: percentText(money.platformFeeRate ?? "0.05"),
    thresholds: (report.input?.tiers ?? []).map((t) => ({ name: t.name, minFollowers: Number(t.minFollowers), aliases: t.aliases ?? [] })),
  };
}

/** `"0.10"` → `"10%"`, exactly (decimal text, never a float). */
function percentText(rate: string | number): string {
  const text = String(rate);
  const [integer = "0", fraction = ""] = text.split(".");
  const digits = `${integer}${fraction.padEnd(2, "0")}`;
  const whole = digits.slice(0, integer.length + 2).replace(/^0+(?=\d)/, "");
  const rest = digits.slice(integer.length + 2).replace(/0+$/, "");
  return `${whole}${rest ? `.${rest}` : ""}%`;
}

function modelOptions(s: ModelSettings): ModelOptions {
  const touchWeights: TouchWeights = { ...s.touchWeights };
  return {
    halfLifeDays: s.halfLifeDays,
    firstShare: s.firstShare,
    lastShare: s.lastShare,
    touchWeights,
    uniqueCreators: s.uniqueCreators,
    clickWindowHours: s.clickWindowHours,
    markovOrder: s.markovOrder,
    collapseRepeats: s.collapseRepeats,
  };
}

function tiers(s: ModelSettings): TierSpec[] {
  return s.thresholds.map((t) => ({ name: t.name, minFollowers: t.minFollowers, aliases: t.aliases }));
}

/** The report's options from the panel (the caller adds windows, intervals and truth). */
export function reportOptions(s: ModelSettings): { models: Model[]; baseline: Baseline; modelOptions: ModelOptions; tiers: TierSpec[] } {
  return { models: s.models, baseline: { model: s.baselineModel, days: s.baselineDays }, modelOptions: modelOptions(s), tiers: tiers(s) };
}

/** The money report's options from the panel (the caller adds how to read the inputs). */
export function moneyOptions(s: ModelSettings): Pick<MoneyOptions, "basis" | "defaultRate" | "holdingDays" | "platformFeeRate" | "modelOptions"> {
  return {
    basis: { model: s.basisModel, days: s.basisDays },
    defaultRate: s.defaultRate,
    holdingDays: s.holdingDays,
    platformFeeRate: s.platformFeeRate,
    modelOptions: modelOptions(s),
  };
}

/**
 * The settings in `raw` (a saved state or a share link) that are within range, over `base`;
 * the names of those that are not go to `refused`.
 */
export function checkSettings(raw: unknown, base: ModelSettings, refused: string[]): ModelSettings {
  if (typeof raw !== "object" || raw === null) return base;
  const r = raw as Record<string, unknown>;
  const out: ModelSettings = structuredClone(base);
  const refuse = (name: string): void => void refused.push(name);
  const isModel = (v: unknown): v is Model => typeof v === "string" && (ALL_MODELS as string[]).includes(v);
  if (r.models !== undefined) {
    if (Array.isArray(r.models) && r.models.length > 0 && r.models.length <= ALL_MODELS.length && r.models.every(isModel)) out.models = [...new Set(r.models)];
    else refuse("models");
  }
  for (const [key, name] of [
    ["baselineModel", "baseline"],
    ["basisModel", "commission model"],
  ] as const) {
    if (r[key] === undefined) continue;
    const value = r[key];
    if (isModel(value) && (key === "baselineModel" || BASIS_MODELS.includes(value))) out[key] = value;
    else refuse(name);
  }
  for (const field of NUMBERS) {
    const value = r[field.key];
    if (value === undefined) continue;
    const whole = field.step >= 1;
    if (typeof value === "number" && Number.isFinite(value) && value >= field.min && value <= field.max && (!whole || Number.isInteger(value))) out[field.key] = value;
    else refuse(field.key);
  }
  for (const field of TEXTS) {
    const value = r[field.key];
    if (value === undefined) continue;
    if (typeof value === "string" && RATE.test(value.trim())) out[field.key] = value.trim();
    else refuse(field.key);
  }
  for (const field of FLAGS) {
    const value = r[field.key];
    if (value === undefined) continue;
    if (typeof value === "boolean") out[field.key] = value;
    else refuse(field.key);
  }
  if (r.touchWeights !== undefined) {
    const w = r.touchWeights as Record<string, unknown> | null;
    for (const t of TOUCH_TYPES) {
      const value = w?.[t];
      if (typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= 100) out.touchWeights[t] = value;
      else if (value !== undefined) refuse(`touch weight ${t}`);
    }
  }
  if (r.thresholds !== undefined) {
    const list = r.thresholds;
    const ok =
      Array.isArray(list) &&
      list.length === base.thresholds.length &&
      list.every((t: unknown, i) => {
        const tier = t as { name?: unknown; minFollowers?: unknown };
        const n = tier?.minFollowers;
        return tier?.name === base.thresholds[i]?.name && typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= 1e10;
      });
    if (ok) out.thresholds = base.thresholds.map((t, i) => ({ ...t, minFollowers: (list[i] as { minFollowers: number }).minFollowers }));
    else refuse("tier thresholds");
  }
  return out;
}

function field(label: string, hint: string, control: HTMLElement, option?: string): HTMLDivElement {
  const row = h("div", undefined, "setting");
  const id = `setting-${option ?? label}`.replace(/[^\w-]/g, "-");
  control.id = id;
  if (option) control.dataset.option = option;
  let name: HTMLElement;
  if (control instanceof HTMLInputElement || control instanceof HTMLSelectElement) {
    const tag = h("label", label, "setting-label");
    tag.htmlFor = id;
    name = tag;
  } else {
    // A group of controls is named by its heading, not by a label element.
    name = h("span", label, "setting-label");
    name.id = `${id}-label`;
    control.setAttribute("aria-labelledby", name.id);
  }
  const note = h("p", hint, "setting-hint");
  note.id = `${id}-hint`;
  control.setAttribute("aria-describedby", note.id);
  row.append(name, control, note);
  return row;
}

function modelSelect(models: Model[], value: Model, onChange: (model: Model) => void): HTMLSelectElement {
  const select = h("select");
  for (const model of models) {
    const option = h("option", modelLabel(model));
    option.value = model;
    option.selected = model === value;
    select.append(option);
  }
  select.addEventListener("change", () => onChange(select.value as Model));
  return select;
}

/**
 * Draws the panel into `host` from `settings`, in the current language; `onChange` gets the new
 * settings after each edit that is a number (an empty or half-typed field waits).
 */
export function renderSettings(host: HTMLElement, settings: ModelSettings, onChange: (next: ModelSettings) => void): void {
  const s = structuredClone(settings);
  const changed = (): void => onChange(structuredClone(s));
  const groups: HTMLElement[] = [];
  const group = (title: string, ...rows: HTMLElement[]): void => {
    const fieldset = h("fieldset", undefined, "setting-group");
    fieldset.append(h("legend", title), ...rows);
    groups.push(fieldset);
  };
  const number = (f: NumberField): HTMLDivElement => {
    const input = h("input");
    Object.assign(input, { type: "number", min: String(f.min), max: String(f.max), step: String(f.step), value: String(s[f.key]) });
    input.addEventListener("input", () => {
      const value = input.valueAsNumber;
      if (!Number.isFinite(value)) return;
      s[f.key] = value;
      changed();
    });
    return field(tr(f.label), tr(f.hint), input, f.option);
  };
  const numberOf = (key: NumberKey): HTMLDivElement => number(NUMBERS.find((f) => f.key === key) as NumberField);

  const models = h("div", undefined, "model-checks");
  models.setAttribute("role", "group");
  for (const model of ALL_MODELS) {
    const label = h("label", undefined, "check");
    const box = h("input");
    box.type = "checkbox";
    box.checked = s.models.includes(model);
    box.value = model;
    box.addEventListener("change", () => {
      const chosen = ALL_MODELS.filter((m) => (m === model ? box.checked : s.models.includes(m)));
      // At least one model: the last box cannot be unticked.
      if (chosen.length === 0) {
        box.checked = true;
        return;
      }
      s.models = chosen;
      changed();
    });
    label.append(box, modelLabel(model));
    models.append(label);
  }
  const modelsRow = field(tr("Models"), tr("Which models the tables and charts compare; the baseline is computed either way."), models, "models");
  const baseline = field(
    tr("Baseline model"),
    tr("Every change is shown against this model."),
    modelSelect(ALL_MODELS, s.baselineModel, (m) => {
      s.baselineModel = m;
      changed();
    }),
    "baseline.model",
  );
  group(tr("Models and baseline"), modelsRow, baseline, numberOf("baselineDays"));

  const flags = FLAGS.map((f) => {
    const box = h("input");
    box.type = "checkbox";
    box.checked = s[f.key];
    box.addEventListener("change", () => {
      s[f.key] = box.checked;
      changed();
    });
    return field(tr(f.label), tr(f.hint), box, f.key);
  });
  const weights = h("div", undefined, "weights");
  for (const t of TOUCH_TYPES) {
    const label = h("label", undefined, "weight");
    const input = h("input");
    Object.assign(input, { type: "number", min: "0", max: "100", step: "0.5", value: String(s.touchWeights[t]) });
    input.dataset.option = `touchWeights.${t}`;
    input.setAttribute("aria-label", tr("Weight of a {type}", { type: tr(TOUCH_LABELS[t]) }));
    input.addEventListener("input", () => {
      if (!Number.isFinite(input.valueAsNumber)) return;
      s.touchWeights[t] = input.valueAsNumber;
      changed();
    });
    label.append(tr(TOUCH_LABELS[t]), input);
    weights.append(label);
  }
  group(
    tr("Model parameters"),
    numberOf("halfLifeDays"),
    numberOf("firstShare"),
    numberOf("lastShare"),
    field(tr("Touch-type weights"), tr("How much each kind of touch counts in the touch-weighted model (0 to 100)."), weights, "touchWeights"),
    numberOf("clickWindowHours"),
    numberOf("markovOrder"),
    ...flags,
  );

  const texts = TEXTS.map((f) => {
    const input = h("input");
    Object.assign(input, { type: "text", value: s[f.key], size: 8, inputMode: "decimal" });
    input.addEventListener("input", () => {
      if (!RATE.test(input.value.trim())) return;
      s[f.key] = input.value.trim();
      changed();
    });
    return field(tr(f.label), tr(f.hint), input, f.option);
  });
  const basis = field(
    tr("Commission follows"),
    tr("Platform click is what Pugongying pays; another model shows what a fair scheme would pay."),
    modelSelect(BASIS_MODELS, s.basisModel, (m) => {
      s.basisModel = m;
      changed();
    }),
    "basis.model",
  );
  group(tr("Commission"), basis, numberOf("basisDays"), ...texts, numberOf("holdingDays"));

  const thresholds = s.thresholds.slice(0, -1).map((tier, i) => {
    const input = h("input");
    Object.assign(input, { type: "number", min: "1", step: "1000", value: String(tier.minFollowers) });
    input.addEventListener("input", () => {
      if (!Number.isInteger(input.valueAsNumber) || input.valueAsNumber < 1) return;
      const target = s.thresholds[i];
      if (target) target.minFollowers = input.valueAsNumber;
      changed();
    });
    return field(tr("{tier} from (followers)", { tier: tier.name }), tr("Creators without a tier in the roster are placed by followers."), input, `tiers.${tier.name}`);
  });
  if (thresholds.length) group(tr("Tiers"), ...thresholds);
  host.replaceChildren(...groups);
}

/** Marks the field the engine refused (by its option name), clearing any earlier mark. */
export function markRefused(host: HTMLElement, option: string | null): void {
  for (const input of host.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
  if (!option) return;
  const leaf = option.replace(/^modelOptions\./, "");
  const control = [...host.querySelectorAll<HTMLElement>("[data-option]")].find((c) => c.dataset.option === leaf || c.dataset.option === option);
  control?.setAttribute("aria-invalid", "true");
}
