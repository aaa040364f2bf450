// The shape of the page's state, its value before the engine has said anything, and what can be
// read off it. The state itself lives in the store (store.ts), which alone changes it.
import type {
  BudgetMethod,
  BudgetOptions,
  BudgetReport,
  CampaignReport,
  ColumnOverrides,
  MoneyOptions,
  MoneyReport,
  PathWindows,
  Model,
  ModelCheck,
  Problem,
  ReportOptions,
  RoiRow,
  SampleCampaign,
  WindowComparison,
} from "../pkg/kol_attribution.js";
import type { Catalogue } from "./catalogue";
import { type Lang, type Phrase, listed, phrase } from "./i18n";
import { CAMPAIGN_FILES, type CampaignSent, type Input, type InputName, OPTIONAL_FILES, type Source, isEmpty, textInput } from "./inputs";
import type { LiftDraft } from "./lift";
import type { ModelSettings } from "./model-settings";
import type { CreatorView } from "./render/creator-table";
import samplePaths from "./sample-paths.csv?raw";

export type Mode = "campaign" | "paths";
export type Level = "tier" | "creator";

/** The views a user moves between: the results' five, the model check, and the data and settings. */
export const VIEW_IDS = ["overview", "models", "creators", "money", "budget", "check", "data", "settings"] as const;
export type ViewId = (typeof VIEW_IDS)[number];
/** The views that show results (dimmed together when they are not those of the input shown). */
export const RESULT_VIEWS: readonly ViewId[] = ["overview", "models", "creators", "money", "budget", "check"];

/** A value the engine refused: its option path and the engine's words. */
export interface Refusal {
  option: string | null;
  message: string;
}

/** What a report (or money report) on screen was computed from: the inputs and its options. */
export interface Computation {
  inputs: CampaignSent;
  /** The options as JSON, without `now` (which only flags future dates). */
  key: string;
  options: ReportOptions | MoneyOptions;
}

/** The model check's settings as chosen (each bounded by the catalogue's "check" group). */
export interface CheckChoice {
  folds: number;
  models: Model[];
}

/** Why the last computation failed, as the engine client said it. */
export interface Failure {
  message: string;
  problems: Problem[];
  option: string | null;
  internal: boolean;
  cancelled: boolean;
}

export interface PageState {
  /** Every model and setting the engine knows; null until the worker has said. */
  catalogue: Catalogue | null;
  /** The settings panel's values as the engine's defaults have them. */
  defaults: ModelSettings | null;
  lang: Lang;
  /** The view shown. */
  view: ViewId;
  mode: Mode;
  inputs: Record<InputName, Input>;
  /** Where each input came from, said beside it (a change of source alone computes nothing). */
  sources: Record<InputName, Source>;
  separator: string;
  /** Which header holds which field, per campaign file, as the user confirmed it (the engine's `columns`). */
  columns: ColumnOverrides;
  /** The settings panel's values; null until the engine has given its defaults. */
  settings: ModelSettings | null;
  /** The lookback window shown. */
  days: number;
  customDays: number | null;
  level: Level;
  /** The tier the model × window views show. */
  tier: string;
  method: BudgetMethod;
  /** The budget's settings as typed; the engine checks them. */
  budgetOptions: BudgetOptions;
  /** How the creator table is sorted and filtered; null until the catalogue says which model it opens on. */
  creatorView: CreatorView | null;
  /** The generated sample and its truth, kept while the inputs may still be exactly the sample's. */
  sample: SampleCampaign | null;
  report: CampaignReport | null;
  money: MoneyReport | null;
  roi: RoiRow[];
  budget: BudgetReport | null;
  /** Why the budget settings shown were refused (and which one); the last proposal stays, dimmed. */
  budgetError: Refusal | null;
  /** A paths file's windows (several when it comes from the warehouse SQL), and the time they took. */
  paths: { windows: PathWindows; ms: number } | null;
  computedFrom: { report: Computation; money: Computation } | null;
  /** The results on screen are not those of the input shown (it could not be read, or was cancelled). */
  stale: boolean;
  /** The engine is working. */
  busy: boolean;
  status: Phrase[];
  mood: "ok" | "error" | null;
  /** What the status said of the computation on screen, to be said again when the input comes back to it. */
  computedStatus: Phrase[];
  /** Input problems to fix (each with its place), or a message alone; null: nothing to fix. */
  problems: { list: Problem[]; message: Phrase | null } | null;
  /** The setting the engine refused, by its option path, and why. */
  refused: Refusal | null;
  /** The engine crashed: Try again is offered. */
  retry: boolean;
  saveNote: Phrase | null;
  /** A change is waiting to be kept (or being written): a reload now may bring back the state before it. */
  savePending: boolean;
  /** What a share link applied, to which data, or why it was not: said at the top until dismissed. */
  linkNote: { words: Phrase[]; mood: "ok" | "error" } | null;
  link: { url: string; withData: boolean } | null;
  /** A line of a held file that a problem pointed to, beyond its preview. */
  lineShown: { file: InputName; line: number; text: string } | null;
  /** The lift tests as typed, sent with the report (the incremental fit takes them in). */
  liftTests: LiftDraft[];
  /** The model check's folds and models; null until the catalogue has said its defaults. */
  checkChoice: CheckChoice | null;
  /** The model check on screen, the inputs it checked and the options it was made with (as JSON, without `now`). */
  check: { result: ModelCheck; inputs: CampaignSent; key: string } | null;
  /** The model check is being computed. */
  checking: boolean;
  /** Why the model check's settings were refused (and which one); the last check stays, dimmed. */
  checkError: Refusal | null;
}

export type Key = keyof PageState;

/** The state before the engine has said anything; `lang` is the browser's until a saved choice is restored. */
export function initialState(lang: Lang): PageState {
  return {
    catalogue: null,
    defaults: null,
    lang,
    view: "overview",
    mode: "campaign",
    inputs: {
      creators: textInput(""),
      touchpoints: textInput(""),
      orders: textInput(""),
      paths: textInput(samplePaths),
      notes: textInput(""),
      spend: textInput(""),
    },
    sources: { creators: null, touchpoints: null, orders: null, paths: null, notes: null, spend: null },
    separator: "",
    columns: {},
    settings: null,
    days: 0,
    customDays: null,
    level: "tier",
    tier: "",
    method: "marginal_return",
    budgetOptions: {},
    creatorView: null,
    sample: null,
    report: null,
    money: null,
    roi: [],
    budget: null,
    budgetError: null,
    paths: null,
    computedFrom: null,
    stale: false,
    busy: false,
    status: [phrase("Loading the engine…")],
    mood: null,
    computedStatus: [],
    problems: null,
    refused: null,
    retry: false,
    saveNote: null,
    savePending: false,
    linkNote: null,
    link: null,
    lineShown: null,
    liftTests: [],
    checkChoice: null,
    check: null,
    checking: false,
    checkError: null,
  };
}

/** The paths window shown: the one chosen, else the file's last. */
export function shownPaths(state: Readonly<PageState>): WindowComparison | null {
  const windows = state.paths?.windows.windows ?? [];
  return windows.find((w) => w.days === state.days) ?? windows.at(-1) ?? null;
}

/** What the status says of a paths file's window `days`, and which models the file cannot give. */
export function pathsStatus(catalogue: Catalogue | null, windows: PathWindows, days: number, ms: number): Phrase[] {
  const shown = windows.windows.find((w) => w.days === days) ?? windows.windows.at(-1);
  if (!shown) return [];
  const result = shown.comparison;
  const computed = phrase("{models} models × {channels} channels over {paths} paths{windows}, computed in {ms} ms in a Web Worker.", {
    models: result.models.length,
    channels: result.channels.length,
    paths: result.totals.paths,
    windows: windows.windows.length > 1 ? phrase(", {count} windows", { count: windows.windows.length }) : "",
    ms: ms.toFixed(1),
  });
  if (windows.needsEvents.length === 0) return [computed];
  const labels = windows.needsEvents.map((id) => catalogue?.models.find((m) => m.id === id)?.label ?? { en: id, zh: id });
  return [
    computed,
    phrase("{models} need each touch's time and type: give creators, touches and orders (or paths with touch_types and touch_ages_seconds) for those.", {
      models: listed(labels),
    }),
  ];
}

/**
 * Which campaign files are still the sample's (opened as the sample, edited or not) and which are
 * the user's own, when both are among them: a mix the page says plainly; null when not mixed.
 */
export function mixedInputs(state: Readonly<PageState>): { own: InputName[]; sample: InputName[] } | null {
  if (state.mode !== "campaign") return null;
  // Your own notes or spend beside the sample's touches are a mix too.
  const sample = CAMPAIGN_FILES.filter((file) => state.sources[file] === "sample");
  const own = [...CAMPAIGN_FILES, ...OPTIONAL_FILES.filter((file) => !isEmpty(state.inputs[file]))].filter((file) => state.sources[file] !== "sample");
  return sample.length > 0 && own.length > 0 ? { own: [...own], sample: [...sample] } : null;
}
