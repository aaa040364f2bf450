// The page's state, in one place: what the engine describes (its catalogue, the defaults), what the
// user chose, what was computed, and how the last computation went. It changes only through the
// named updates below, each one commit; a view subscribes to the parts it draws from and is
// told, synchronously, when one of them changes (views/view.ts says when each is drawn: results
// from the engine are drawn over the tasks that follow). The updates that carry results are called
// by the modules that talk to the engine (recompute, files, persist, exports), never by a view.
import type {
  BudgetMethod,
  BudgetOptions,
  BudgetReport,
  CampaignReport,
  ColumnOverrides,
  Model,
  ModelCheck,
  MoneyReport,
  PathWindows,
  Problem,
  RoiRow,
  SampleCampaign,
  WindowIntervals,
} from "../pkg/kol_attribution.js";
import { type Catalogue, defaultOf, setting } from "./catalogue";
import type { LiftDraft } from "./lift";
import { type Lang, type Phrase, phrase, setLanguage as speak, verbatim } from "./i18n";
import { CAMPAIGN_FILES, type CampaignSent, type Input, type InputName, OPTIONAL_FILES, type Source, textInput } from "./inputs";
import type { ModelSettings } from "./model-settings";
import { type CheckChoice, type Failure, type Key, type Level, type Mode, type PageState, type Refusal, type ViewId, initialState, pathsStatus } from "./page-state";
import { refusalPhrase } from "./refusal";
import type { CreatorView } from "./render/creator-table";
import type { CampaignFile as MappableFile } from "./columns";
import { useChannelNames } from "./sources";
import { creatorTiers } from "./tiers";

export type { CheckChoice, Computation, Failure, Key, Level, Mode, PageState, Refusal, ViewId } from "./page-state";
export { RESULT_VIEWS, VIEW_IDS, mixedInputs, shownPaths } from "./page-state";

/**
 * How the views are to draw a commit: "now", in its own task (what the user did), or "soon", over
 * the tasks that follow (results from the engine, which may be large; views/view.ts).
 */
export type Drawing = "now" | "soon";
type Listener = (state: PageState, drawing: Drawing) => void;

const browserLanguage: Lang = navigator.language.toLowerCase().startsWith("zh") ? "zh" : "en";
speak(browserLanguage);
let state: PageState = initialState(browserLanguage);

const subscribers: { keys: ReadonlySet<Key>; listener: Listener }[] = [];
const queue: { patch: Partial<PageState>; drawing: Drawing }[] = [];
let notifying = false;

/** The state now. Read it, never change it: the updates below do. */
export function page(): Readonly<PageState> {
  return state;
}

/** Calls `listener` after every commit that changes one of `keys`; returns how to stop. */
export function subscribe(keys: readonly Key[], listener: Listener): () => void {
  const entry = { keys: new Set(keys), listener };
  subscribers.push(entry);
  return () => void subscribers.splice(subscribers.indexOf(entry), 1);
}

/**
 * Applies `patch` and tells the subscribers of the keys whose values it changed. A commit made
 * while they are told waits for them, so each sees one consistent state.
 */
function commit(patch: Partial<PageState>, drawing: Drawing = "now"): void {
  queue.push({ patch, drawing });
  if (notifying) return;
  notifying = true;
  try {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const { patch: update } = next;
      const changed = (Object.keys(update) as Key[]).filter((key) => update[key] !== state[key]);
      if (changed.length === 0) continue;
      state = { ...state, ...update };
      for (const { keys, listener } of [...subscribers]) {
        if (!changed.some((key) => keys.has(key))) continue;
        try {
          listener(state, next.drawing);
        } catch (error) {
          // One view's bug must not stop the others; it still reaches the console.
          queueMicrotask(() => {
            throw error;
          });
        }
      }
    }
  } finally {
    notifying = false;
  }
}

// ---- What the user chooses (called by views) ----

export function setLanguage(lang: Lang): void {
  speak(lang);
  commit({ lang });
}

export function setMode(mode: Mode): void {
  commit({ mode });
}

/** Shows another view; a line shown from a held file goes with the data view. */
export function chooseView(view: ViewId): void {
  commit({ view, ...(view === "data" ? {} : { lineShown: null }) });
}

/**
 * Text typed into an input. An edit keeps where it came from; `replaced` (the whole text typed
 * over) makes it the user's own.
 */
export function typeInput(name: InputName, text: string, replaced = false): void {
  const inputs = { ...state.inputs, [name]: { value: text, held: null } };
  commit(replaced ? ownFiles(inputs, { ...state.sources, [name]: null }) : { inputs });
}

/** Text pasted over an input: the user's own, held rather than laid out when large. */
export function pasteInput(name: InputName, input: Input): void {
  commit(ownFiles({ ...state.inputs, [name]: input }, { ...state.sources, [name]: "pasted" }));
}

/**
 * Inputs and sources after a file became the user's own: once none of the three campaign files
 * is the sample's, the sample's notes and spend (which name the sample's notes and ads) go too.
 */
function ownFiles(inputs: PageState["inputs"], sources: PageState["sources"]): Pick<PageState, "inputs" | "sources"> {
  if (CAMPAIGN_FILES.some((file) => sources[file] === "sample")) return { inputs, sources };
  const next = { inputs: { ...inputs }, sources: { ...sources } };
  for (const file of OPTIONAL_FILES) {
    if (sources[file] !== "sample") continue;
    next.inputs[file] = textInput("");
    next.sources[file] = null;
  }
  return next;
}

/**
 * Reads `field` of a campaign file from the column `header` (null: from its own name again), as
 * the user confirmed; never guessed.
 */
export function mapColumn(file: MappableFile, field: string, header: string | null): void {
  const { [field]: _, ...rest } = state.columns[file] ?? {};
  const mapped = header === null ? rest : { ...rest, [field]: header };
  const columns: ColumnOverrides = { ...state.columns, [file]: mapped };
  if (Object.keys(mapped).length === 0) delete columns[file];
  commit({ columns });
}

/** An optional file (notes, spend) taken out of the campaign; its column mapping goes with it. */
export function removeInput(name: (typeof OPTIONAL_FILES)[number]): void {
  const { [name]: _, ...columns } = state.columns;
  commit({ inputs: { ...state.inputs, [name]: textInput("") }, sources: { ...state.sources, [name]: null }, columns });
}

/** A held file's line, for the problem that points to it. */
export function showLine(lineShown: PageState["lineShown"]): void {
  commit({ lineShown, view: "data" });
}

/** The share link's notice has been read. */
export function dismissLinkNote(): void {
  commit({ linkNote: null });
}

export function setSeparator(separator: string): void {
  commit({ separator });
}

/** Shows another window; for a paths file, the status then describes that window. */
export function chooseWindow(days: number): void {
  const paths = state.paths;
  commit({ days, ...(paths && !state.stale ? sayComputed(pathsStatus(state.catalogue, paths.windows, days, paths.ms)) : {}) });
}

/** Adds a lookback window of any length to the report (null removes it), and shows it. */
export function setCustomWindow(days: number | null): void {
  commit({ customDays: days, ...(days === null ? {} : { days }) });
}

export function chooseLevel(level: Level): void {
  commit({ level });
}

export function chooseTier(tier: string): void {
  commit({ tier });
}

export function chooseMethod(method: BudgetMethod): void {
  commit({ method });
}

export function setCreatorView(creatorView: CreatorView): void {
  commit({ creatorView });
}

export function editSettings(settings: ModelSettings): void {
  commit({ settings });
}

export function editBudget(budgetOptions: BudgetOptions): void {
  commit({ budgetOptions });
}

/** The lift tests as typed (the report is computed again with them). */
export function editLiftTests(liftTests: LiftDraft[]): void {
  commit({ liftTests });
}

/** The model check's folds or models (checked again). */
export function editCheckChoice(checkChoice: CheckChoice): void {
  commit({ checkChoice });
}

// ---- What the engine-facing modules bring ----

/**
 * The engine could not give its catalogue, so nothing can be computed: the status says why in
 * place of "Loading the engine…" (an older browser, a worker that cannot start).
 */
export function couldNotStart(failure: Failure): void {
  commit({ status: [verbatim(asSentence(failure.message))], mood: "error" });
}

/** An engine message ("the engine stopped (…)") as the start of a sentence. */
function asSentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** The engine's catalogue and defaults have arrived: the panel, the budget and the first window start from them. */
export function begin(catalogue: Catalogue, defaults: ModelSettings): void {
  useChannelNames(catalogue);
  const budget = (path: string): unknown => defaultOf(setting(catalogue, "budget", path));
  commit({
    catalogue,
    defaults,
    settings: defaults,
    checkChoice: {
      folds: defaultOf<number>(setting(catalogue, "check", "folds")),
      models: defaultOf<Model[]>(setting(catalogue, "check", "models")),
    },
    separator: defaultOf<string>(setting(catalogue, "compare", "paths.separator")),
    // The window first shown is the baseline's, and the creator table opens on the baseline model.
    days: defaults.baselineDays,
    creatorView: { model: defaults.baselineModel, tier: "", search: "", sort: "credit", descending: true },
    budgetOptions: {
      metric: budget("metric") as NonNullable<BudgetOptions["metric"]>,
      curve: budget("curve") as NonNullable<BudgetOptions["curve"]>,
      halfSaturation: budget("halfSaturation") as number,
      slope: budget("slope") as number,
      exponent: budget("exponent") as number,
      constraints: [],
    },
  });
}

/** An input opened from a file. */
export function setInput(name: InputName, input: Input, source: Source): void {
  commit(ownFiles({ ...state.inputs, [name]: input }, { ...state.sources, [name]: source }));
}

/** A file that could not be opened: its input is unchanged, and no longer said to come from a file. */
export function forgetSource(name: InputName): void {
  commit({ sources: { ...state.sources, [name]: null } });
}

/** The generated sample campaign becomes the campaign's inputs (read with their own headers). */
export function useSample(sample: SampleCampaign): void {
  const inputs = { ...state.inputs };
  const sources = { ...state.sources };
  for (const file of CAMPAIGN_FILES) {
    inputs[file] = textInput(sample.inputs[file]);
    sources[file] = "sample";
  }
  // The sample's notes and spend when it has them; otherwise none of the user's stay beside it.
  for (const file of OPTIONAL_FILES) {
    const text = sample.inputs[file] ?? "";
    inputs[file] = textInput(text);
    sources[file] = text === "" ? null : "sample";
  }
  commit({ sample, inputs, sources, columns: {}, mode: "campaign" });
}

/** Everything a saved state or a share link puts back, checked by the caller, in one commit. */
export type Restored = Pick<
  PageState,
  | "mode"
  | "separator"
  | "columns"
  | "days"
  | "customDays"
  | "level"
  | "tier"
  | "method"
  | "budgetOptions"
  | "creatorView"
  | "settings"
  | "sample"
  | "problems"
  | "saveNote"
  | "linkNote"
  | "liftTests"
  | "checkChoice"
> & { inputs: Partial<Record<InputName, Input>>; sources: Partial<Record<InputName, Source>>; lang: Lang | undefined };

export function restore({ lang, inputs, sources, ...rest }: Restored): void {
  if (lang) speak(lang);
  commit({ ...rest, ...(lang ? { lang } : {}), inputs: { ...state.inputs, ...inputs }, sources: { ...state.sources, ...sources } });
}

export function working(busy: boolean): void {
  commit({ busy });
}

/** A computation starts: Try again goes until it fails again. */
export function computing(): void {
  commit({ retry: false });
}

/** The status line as it describes the computation on screen. */
function sayComputed(words: Phrase[]): Pick<PageState, "status" | "computedStatus" | "mood"> {
  return { status: words, computedStatus: words, mood: "ok" };
}

/** What a successful computation clears. */
const SUCCEEDED = { stale: false, problems: null, refused: null, retry: false } as const;

/** A campaign's report, money, return on spend and budget arrived. */
export function campaignComputed(result: {
  report: CampaignReport;
  money: MoneyReport;
  roi: RoiRow[];
  budget: { plan: BudgetReport } | { error: Refusal };
  computedFrom: PageState["computedFrom"];
  status: Phrase[];
}): void {
  const budget = "plan" in result.budget ? { budget: result.budget.plan, budgetError: null } : { budgetError: result.budget.error };
  commit({
    report: result.report,
    money: result.money,
    roi: result.roi,
    ...budget,
    computedFrom: result.computedFrom,
    paths: null,
    ...selections(result.report),
    ...SUCCEEDED,
    ...sayComputed(result.status),
  }, "soon");
}

/**
 * The window, tier and creator-table model shown, kept when the report has them, else its last
 * window, the smallest tier that has creators, the first model.
 */
function selections(report: CampaignReport): Pick<PageState, "days" | "tier" | "creatorView"> {
  const days = report.windows.some((w) => w.days === state.days) ? state.days : (report.windows.at(-1)?.days ?? state.days);
  const peopled = creatorTiers(report.summary);
  const tiers = (report.windows.find((w) => w.days === days)?.tiers?.channels ?? []).filter((t) => peopled.has(t));
  const models = report.windows[0]?.creators?.models ?? [];
  const view = state.creatorView;
  return {
    days,
    tier: tiers.includes(state.tier) ? state.tier : (tiers.at(-1) ?? state.tier),
    creatorView: !view || models.length === 0 || models.includes(view.model) ? view : { ...view, model: models[0] ?? view.model },
  };
}

/** A paths file's windows arrived. */
export function pathsComputed(windows: PathWindows, ms: number): void {
  commit({
    paths: { windows, ms },
    report: null,
    money: null,
    budget: null,
    budgetError: null,
    roi: [],
    computedFrom: null,
    ...SUCCEEDED,
    ...sayComputed(pathsStatus(state.catalogue, windows, state.days, ms)),
  }, "soon");
}

/** The status line says `words` of the computation on screen (intervals on their way, say). */
export function saidComputed(words: Phrase[]): void {
  commit(sayComputed(words));
}

/** The 90% intervals of every window's tier credits arrived, for the report on screen. */
export function intervalsFilled(found: WindowIntervals[], words: Phrase[]): void {
  const report = state.report;
  if (!report) return;
  const byWindow = new Map(found.map((w) => [w.days, new Map(w.intervals.map((i) => [`${i.model}\u0000${i.channel}`, i.interval]))]));
  const windows = report.windows.map((w) => {
    if (!w.tiers) return w;
    const intervals = byWindow.get(w.days);
    const interval = (model: string, channel: string) => intervals?.get(`${model}\u0000${channel}`) ?? null;
    return { ...w, tiers: { ...w.tiers, credits: w.tiers.credits.map((c) => ({ ...c, interval: interval(c.model, c.channel) })) } };
  });
  commit({ report: { ...report, windows }, ...sayComputed(words) }, "soon");
}

/** A budget computed alone (its settings changed): the proposal, or why it was refused. */
export function budgetPlanned(outcome: { plan: BudgetReport } | { error: Refusal }): void {
  commit("plan" in outcome ? { budget: outcome.plan, budgetError: null } : { budgetError: outcome.error }, "soon");
}

/** A computation failed: the last results stay, dimmed; what to do is said. */
export function failed(failure: Failure): void {
  const errors = failure.problems.filter((p) => p.severity === "error").length;
  const capitalized = asSentence(failure.message);
  const refused = failure.option !== null && !failure.cancelled ? { option: failure.option, message: failure.message } : null;
  const said = failure.cancelled
    ? { problems: null, status: [phrase("Cancelled. The input is kept; the dimmed results are from the last computation that finished.")] }
    : refused
      ? {
          problems: { list: failure.problems, message: refusalPhrase(state.catalogue, refused) },
          status: [refusalPhrase(state.catalogue, refused), phrase("The dimmed results are from the last settings that could be computed.")],
        }
      : failure.internal
      ? { problems: { list: [], message: verbatim(failure.message) }, status: [phrase("{what}. Your input is kept; press Try again to restart the engine.", { what: capitalized })] }
      : {
          problems: { list: failure.problems, message: verbatim(failure.message) },
          status: [
            errors === 0
              ? verbatim(failure.message)
              : errors === 1
                ? phrase("The input has 1 problem; the dimmed results are from the last input that could be read.")
                : phrase("The input has {errors} problems; the dimmed results are from the last input that could be read.", { errors }),
          ],
        };
  commit({ ...said, mood: "error", refused, stale: true, retry: failure.internal && !failure.cancelled });
}

/** The model check is being computed (or no longer is, when `busy` is false). */
export function checkStarted(busy = true): void {
  commit({ checking: busy });
}

/** The model check arrived, for `inputs` and the options `key` names. */
export function checkComputed(result: ModelCheck, inputs: CampaignSent, key: string): void {
  commit({ check: { result, inputs, key }, checking: false, checkError: null }, "soon");
}

/** The engine refused the model check's settings: the last check stays, dimmed, the setting outlined. */
export function checkRefused(checkError: Refusal): void {
  commit({ checking: false, checkError });
}

/** Problems found outside a computation (a file that cannot be opened). */
export function showProblems(list: Problem[], message: Phrase): void {
  commit({ problems: { list, message } });
}

export function noteSaved(saveNote: Phrase): void {
  commit({ saveNote, savePending: false });
}

export function savePending(): void {
  if (!state.savePending) commit({ savePending: true });
}

export function linkMade(link: { url: string; withData: boolean }): void {
  commit({ link });
}

/** What a share link applied, said at the top. */
export function noteLink(linkNote: PageState["linkNote"]): void {
  commit({ linkNote });
}
