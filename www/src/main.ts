import "./style.css";
import type {
  BudgetMethod,
  BudgetOptions,
  BudgetReport,
  CampaignReport,
  Comparison,
  MoneyOptions,
  MoneyReport,
  PathWindows,
  Problem,
  ReportOptions,
  RoiRow,
  SampleCampaign,
} from "../pkg/kol_attribution.js";
import { fillLimits, readLimits, renderBudget, renderDisagreement, renderLimitInputs } from "./budget-view";
import { readShareLink, shareLink } from "./share";
import { type SavedState, loadState, saveState } from "./storage";
import { type ChannelLabel, modelLabel, renderCreditTable, renderMatrix, renderTruth } from "./credit-table";
import { element, h, saveFile, selectLine } from "./dom";
import { Engine, EngineError, SAMPLE } from "./engine";
import { renderCalendar, renderLedger, renderMoneyTotals, renderRoi } from "./money-view";
import { count, money } from "./format";
import { budgetChart, matrixChart, payGapChart, tierShareChart } from "./charts";
import { showChart } from "./chart-figure";
import { type CreatorView, checkCreatorView, renderCreatorTable } from "./creator-table";
import { renderTakeaway } from "./takeaway";
import { type ModelSettings, checkSettings, defaultSettings, markRefused, moneyOptions, renderSettings, reportOptions } from "./settings";
import { language, setLanguage, translateStatic, tr, type Lang } from "./i18n";
import { PROBLEM_ZH } from "./zh";
import { HELD_CHARS, type InputName, PREVIEW_LINES, areas, heldFile, holdInput, inputText, relabelHeld, savedInput, setInput } from "./inputs";
import type { SentInputs } from "./protocol";
import { mood, say, sayAgain, sayComputed, sayComputedAgain, showWork } from "./status";
import samplePaths from "./sample-paths.csv?raw";

type Mode = "campaign" | "paths";
type CampaignFile = "creators" | "touchpoints" | "orders";
const CAMPAIGN_FILES: CampaignFile[] = ["creators", "touchpoints", "orders"];

const separatorInput = element<HTMLInputElement>("separator");
const problemsBox = element<HTMLDivElement>("problems");
const retryButton = element<HTMLButtonElement>("retry");
const summary = element<HTMLDListElement>("summary");
const table = element<HTMLTableElement>("results");
const exportButton = element<HTMLButtonElement>("export-csv");
const resultsPanel = element<HTMLElement>("results-panel");
const viewControls = element<HTMLDivElement>("view-controls");
const windowButtons = element<HTMLDivElement>("window-buttons");
const unattributedNote = element<HTMLParagraphElement>("unattributed");
const warningsBox = element<HTMLDetailsElement>("warnings");
const matrixBlock = element<HTMLDivElement>("matrix-block");
const tierButtons = element<HTMLDivElement>("tier-buttons");

const engine = new Engine();
const state = {
  mode: "campaign" as Mode,
  days: 30,
  level: "tier" as "tier" | "creator",
  report: null as CampaignReport | null,
  comparison: null as Comparison | null,
  /** A paths file's windows (several when it comes from the warehouse SQL). */
  pathWindows: null as PathWindows | null,
  customDays: null as number | null,
  tier: "KOC",
  money: null as MoneyReport | null,
  roi: [] as RoiRow[],
  budget: null as BudgetReport | null,
  method: "marginal_return" as BudgetMethod,
  /** The generated sample and its truth, while the inputs are still exactly the sample's. */
  sample: null as SampleCampaign | null,
  /** The settings panel's values; null until the engine has given its defaults. */
  settings: null as ModelSettings | null,
  defaults: null as ModelSettings | null,
  creatorView: { model: "last_touch", tier: "", search: "", sort: "credit", descending: true } as CreatorView,
};
const DEFAULT_WINDOWS = [7, 14, 30, 60, 90, 120];

/** What the report (or money) on screen was computed from: the inputs and its options, as JSON. */
interface Computation {
  inputs: SentInputs;
  key: string;
}
let lastReport: Computation | null = null;
let lastMoney: Computation | null = null;

function sameComputation(last: Computation | null, inputs: SentInputs, key: string): boolean {
  return last !== null && last.key === key && CAMPAIGN_FILES.every((file) => last.inputs[file] === inputs[file]);
}
const customWindow = element<HTMLInputElement>("custom-window");
let latest = 0;

function setMode(mode: Mode): void {
  state.mode = mode;
  for (const [tab, panel, value] of [
    ["tab-campaign", "campaign-panel", "campaign"],
    ["tab-paths", "paths-panel", "paths"],
  ] as const) {
    const selected = mode === value;
    element(tab).setAttribute("aria-selected", String(selected));
    element(tab).tabIndex = selected ? 0 : -1;
    element(panel).hidden = !selected;
  }
}

async function recompute(): Promise<void> {
  const ticket = ++latest;
  retryButton.hidden = true;
  try {
    if (state.mode === "campaign") {
      const inputs = { creators: inputText("creators"), touchpoints: inputText("touchpoints"), orders: inputText("orders") };
      const windows = state.customDays === null ? DEFAULT_WINDOWS : [...DEFAULT_WINDOWS, state.customDays];
      const sample = state.sample;
      const isSample = sample !== null && CAMPAIGN_FILES.every((file) => sample.inputs[file] === inputs[file]);
      const truth = isSample ? sample.truth : [];
      const chosen = state.settings ? reportOptions(state.settings) : null;
      const tiers = chosen ? { tiers: chosen.tiers } : {};
      // Intervals refit every model 200 times: shown first without them, then filled in.
      const input = { ...tiers, now: Math.floor(Date.now() / 1000) };
      const options: ReportOptions = {
        windows,
        truth,
        intervals: { resamples: 0 },
        ...(chosen ? { models: chosen.models, baseline: chosen.baseline, modelOptions: chosen.modelOptions } : {}),
        input,
      };
      const money: MoneyOptions = { ...(state.settings ? moneyOptions(state.settings) : {}), input };
      // Only what a change affects is recomputed: a new holding period leaves attribution alone.
      // `now` only flags future dates, so it is not part of what decides that.
      const reportKey = JSON.stringify({ ...options, input: tiers });
      const moneyKey = JSON.stringify({ ...money, input: tiers });
      const reportChanged = !sameComputation(lastReport, inputs, reportKey) || state.report === null;
      const moneyChanged = !sameComputation(lastMoney, inputs, moneyKey) || state.money === null;
      let report = state.report;
      let ms = 0;
      if (reportChanged || !report) ({ result: report, ms } = await engine.call("campaignReport", { inputs, options }));
      let moneyReport = state.money;
      let moneyMs = 0;
      if (moneyChanged || !moneyReport) ({ result: moneyReport, ms: moneyMs } = await engine.call("moneyReport", { inputs, options: money }));
      const roi = reportChanged || moneyChanged ? (await engine.call("roiRows", { report, money: moneyReport })).result : state.roi;
      if (ticket !== latest) return;
      // Intervals for the same report may have arrived while the money was computed: keep them.
      const result = reportChanged ? report : (state.report ?? report);
      state.report = result;
      state.money = moneyReport;
      state.roi = roi;
      lastReport = { inputs, key: reportKey };
      lastMoney = { inputs, key: moneyKey };
      state.comparison = null;
      state.pathWindows = null;
      await updateBudget();
      if (ticket !== latest) return;
      showReport(result);
      if (reportChanged) {
        const models = result.windows[0]?.tiers?.models.length ?? 0;
        const computed = (): string =>
          tr("{orders} orders, {touches} touches, {windows} windows × {models} models, computed in {ms} ms in a Web Worker.", {
            orders: result.summary.orders.toLocaleString("en-US"),
            touches: result.summary.touchpoints.toLocaleString("en-US"),
            windows: result.windows.length,
            models,
            ms: ms.toFixed(0),
          });
        void fillIntervals(inputs, reportKey, { ...options, intervals: { resamples: 200 } }, computed);
      } else if (moneyChanged) {
        sayComputed(() => tr("Commission and budget recomputed in {ms} ms; the attribution did not change.", { ms: moneyMs.toFixed(0) }));
      } else {
        // The input is back to what was computed last (say, after an edit was undone).
        sayComputedAgain();
      }
    } else {
      const settings = state.settings;
      const chosen = settings ? { baseline: settings.baselineModel, modelOptions: reportOptions(settings).modelOptions } : {};
      const options = { paths: { separator: separatorInput.value }, ...chosen };
      const { result, ms } = await engine.call("comparePathWindows", { input: inputText("paths"), options });
      if (ticket !== latest) return;
      state.pathWindows = result;
      state.report = null;
      lastReport = null;
      lastMoney = null;
      state.money = null;
      state.budget = null;
      pathsMs = ms;
      showPaths(result);
    }
    mood("ok");
    markRefused(settingsHost, null);
    resultsPanel.classList.remove("stale");
    showProblems([]);
  } catch (error) {
    if (ticket !== latest) return;
    const failure =
      error instanceof EngineError ? error : new EngineError({ message: String(error), problems: [], option: null, internal: true });
    const errors = failure.problems.filter((p) => p.severity === "error").length;
    if (failure.cancelled) {
      showProblems([]);
      say(() => tr("Cancelled. The input is kept; the dimmed results are from the last computation that finished."));
    } else if (failure.internal) {
      showProblems([], failure.message);
      const what = failure.message.charAt(0).toUpperCase() + failure.message.slice(1);
      say(() => tr("{what}. Your input is kept; press Try again to restart the engine.", { what }));
      retryButton.hidden = false;
    } else {
      showProblems(failure.problems, failure.message);
      say(() =>
        errors
          ? tr(
              errors === 1
                ? "The input has 1 problem; the dimmed results are from the last input that could be read."
                : "The input has {errors} problems; the dimmed results are from the last input that could be read.",
              { errors },
            )
          : failure.message,
      );
    }
    mood("error");
    markRefused(settingsHost, failure.option);
    // Keep the last good numbers on screen for reference, but never pass them off as current.
    resultsPanel.classList.add("stale");
  }
  exportButton.disabled = (state.report === null && state.comparison === null) || resultsPanel.classList.contains("stale");
  element<HTMLButtonElement>("export-json").disabled = exportButton.disabled;
  // Saved whether or not the input could be read: a half-fixed file must survive a reload too.
  scheduleSave();
}

/**
 * Computes the bootstrap intervals one window at a time (so the status can say how far it got),
 * and shows them all at once when every window has them, as long as the report on screen is still
 * the one they belong to (a change of commission alone keeps it; new inputs do not). A cancel
 * part-way shows none: no half result.
 */
async function fillIntervals(inputs: SentInputs, key: string, options: ReportOptions, computed: () => string): Promise<void> {
  const current = (): boolean =>
    state.mode === "campaign" && !resultsPanel.classList.contains("stale") && state.report !== null && sameComputation(lastReport, inputs, key);
  const windows = options.windows ?? [];
  const found = new Map<number, Comparison["credits"]>();
  let ms = 0;
  try {
    for (const [done, days] of windows.entries()) {
      sayComputed(() => `${computed()} ${tr("90% intervals: resampling window {done} of {count}…", { done: done + 1, count: windows.length })}`);
      const call = await engine.call("campaignReport", { inputs, options: { ...options, windows: [days], level: "tier" } });
      if (!current()) return;
      ms += call.ms;
      found.set(days, call.result.windows[0]?.tiers?.credits ?? []);
    }
    const report = state.report;
    if (!report) return;
    for (const window of report.windows) {
      const credits = found.get(window.days) ?? [];
      for (const credit of window.tiers?.credits ?? []) {
        credit.interval = credits.find((c) => c.model === credit.model && c.channel === credit.channel)?.interval ?? null;
      }
    }
    showReport(report);
    sayComputed(() => `${computed()} ${tr("90% intervals from 200 resamples of the journeys in {seconds} s.", { seconds: (ms / 1000).toFixed(1) })}`);
  } catch (error) {
    if (!current()) return;
    const cancelled = error instanceof EngineError && error.cancelled;
    const message = error instanceof Error ? error.message : String(error);
    sayComputed(() =>
      cancelled
        ? `${computed()} ${tr("Intervals cancelled: the shares above stand without them.")}`
        : `${computed()} ${tr("Intervals could not be computed ({error}); the shares above stand.", { error: message })}`,
    );
  }
}

function showCreators(): void {
  const report = state.report;
  const models = report?.windows[0]?.creators?.models ?? [];
  element("creators-block").hidden = !report || models.length === 0;
  if (!report || models.length === 0) return;
  if (!models.includes(state.creatorView.model)) state.creatorView.model = models[0] ?? "last_touch";
  const onChange = (view: CreatorView): void => {
    state.creatorView = view;
    scheduleSave();
    showCreators();
  };
  renderCreatorTable(element("creator-controls"), element<HTMLTableElement>("creator-table"), report, state.roi, state.days, models, state.creatorView, onChange);
}

function showSummary(items: [string, string][]): void {
  summary.replaceChildren();
  for (const [term, value] of items) {
    const item = h("div", undefined, "summary-item");
    item.append(h("dt", term), h("dd", value));
    summary.append(item);
  }
}

let pathsMs = 0;

function showPaths(windows: PathWindows): void {
  const choice = windows.windows.find((w) => w.days === state.days) ?? windows.windows.at(-1);
  if (!choice) return;
  const result = choice.comparison;
  state.comparison = result;
  // A multi-window file (the warehouse SQL's) gets the window switch; nothing else applies to paths.
  const several = windows.windows.length > 1;
  viewControls.hidden = !several;
  customWindow.parentElement!.hidden = true;
  element("level-tier").parentElement!.hidden = true;
  if (several) {
    windowButtons.replaceChildren();
    for (const w of windows.windows) {
      const button = h("button", tr("{days} days", { days: w.days ?? "" }));
      button.type = "button";
      button.setAttribute("aria-pressed", String(w === choice));
      button.addEventListener("click", () => {
        if (w.days !== null) state.days = w.days;
        scheduleSave();
        showPaths(windows);
      });
      windowButtons.append(button);
    }
  }
  matrixBlock.hidden = true;
  element("money-block").hidden = true;
  element("budget-block").hidden = true;
  element("truth-block").hidden = true;
  unattributedNote.hidden = true;
  element("takeaway").hidden = true;
  warningsBox.hidden = true;
  showSummary([
    [tr("Paths"), result.totals.paths.toLocaleString("en-US")],
    [tr("Conversions"), count(result.totals.conversions)],
    [tr("Conversion value"), money(result.totals.value, result.totals.valueScale)],
    [tr("Non-converting journeys"), count(result.totals.nulls)],
  ]);
  renderCreditTable(table, result, (channel) => ({ name: channel }), true);
  const windowCount = several ? tr(", {count} windows", { count: windows.windows.length }) : "";
  const computed = (): string =>
    tr("{models} models × {channels} channels over {paths} paths{windows}, computed in {ms} ms in a Web Worker.", {
    models: result.models.length,
    channels: result.channels.length,
    paths: result.totals.paths,
    windows: windowCount,
    ms: pathsMs.toFixed(1),
  });
  const needsEvents = (): string =>
    tr(
      "Time decay, touch-weighted and platform click need each touch's time and type: give creators, touches and orders (or paths with touch_types and touch_ages_seconds) for those.",
    );
  say(() => (windows.needsEvents.length ? `${computed()} ${needsEvents()}` : computed()));
}

function showReport(report: CampaignReport): void {
  const s = report.summary;
  const tiers = s.tiers.map((t) => `${t.creators} ${t.tier}`).join(" · ");
  const days = (range: [string, string] | null): string => (range ? `${range[0].slice(0, 10)} → ${range[1].slice(0, 10)}` : "none");
  showSummary([
    [tr("Creators"), `${s.creators}`],
    [tr("By tier"), tiers],
    [tr("Touches"), s.touchpoints.toLocaleString("en-US")],
    [tr("Journeys"), s.journeys.toLocaleString("en-US")],
    [tr("Orders"), s.orders.toLocaleString("en-US")],
    [tr("Order value"), money(s.value)],
    [tr("Refunded"), money(s.refunded)],
    [tr("Touch dates"), days(s.touchRange)],
  ]);
  if (!report.windows.some((w) => w.days === state.days)) state.days = report.windows.at(-1)?.days ?? 30;
  windowButtons.replaceChildren();
  for (const w of report.windows) {
    const button = h("button", tr("{days} days", { days: w.days ?? "" }));
    button.type = "button";
    button.setAttribute("aria-pressed", String(w.days === state.days));
    button.addEventListener("click", () => {
      state.days = w.days;
      scheduleSave();
      showReport(report);
    });
    windowButtons.append(button);
  }
  for (const level of ["tier", "creator"] as const) {
    element(`level-${level}`).setAttribute("aria-pressed", String(state.level === level));
  }
  viewControls.hidden = false;
  customWindow.parentElement!.hidden = false;
  element("level-tier").parentElement!.hidden = false;
  showWarnings(report.warnings);
  const window = report.windows.find((w) => w.days === state.days);
  const comparison = state.level === "tier" ? window?.tiers : window?.creators;
  if (!window || !comparison) return;
  const lookback = comparison.unattributed.find((u) => u.model !== "platform_last_click") ?? comparison.unattributed[0];
  unattributedNote.hidden = lookback === undefined;
  if (lookback) {
    const orders = lookback.conversions;
    unattributedNote.textContent =
      orders === 0
        ? tr("Every order has a touch inside {days} days.", { days: window.days })
        : tr(
            orders === 1
              ? "{count} order ({value}) had no touch inside {days} days and is credited to no one."
              : "{count} orders ({value}) had no touch inside {days} days and are credited to no one.",
            { count: count(orders), value: money(lookback.value), days: window.days },
          );
    unattributedNote.className = orders === 0 ? "note" : "note attention";
  }
  const creators = new Map(report.creators.map((c) => [c.id, c]));
  const label: ChannelLabel =
    state.level === "tier"
      ? (channel) => ({ name: channel })
      : (channel) => {
          const creator = creators.get(channel);
          return { name: creator?.handle ?? channel, detail: creator ? `${creator.tier} · ${creator.id}` : undefined };
        };
  renderCreditTable(table, comparison, label, state.level !== "tier");
  const tierComparison = window.tiers;
  const takeaway = element<HTMLUListElement>("takeaway");
  if (tierComparison) renderTakeaway(takeaway, tierComparison, window.days, state.roi, state.budget, state.method);
  else takeaway.hidden = true;
  const shareHost = element("share-chart");
  shareHost.hidden = tierComparison === null;
  if (tierComparison) {
    const title = tr("Each tier's share of order value by model, {days}-day window", { days: window.days });
    showChart(shareHost, title, `tier-share-${window.days}d`, (width) => tierShareChart(tierComparison, width));
  }
  const tierNames = window.tiers?.channels ?? [];
  if (!tierNames.includes(state.tier)) state.tier = tierNames.at(-1) ?? state.tier;
  tierButtons.replaceChildren();
  for (const tier of tierNames) {
    const button = h("button", tier);
    button.type = "button";
    button.setAttribute("aria-pressed", String(tier === state.tier));
    button.addEventListener("click", () => {
      state.tier = tier;
      scheduleSave();
      showReport(report);
    });
    tierButtons.append(button);
  }
  matrixBlock.hidden = tierNames.length === 0;
  renderMatrix(element<HTMLTableElement>("matrix"), report, state.tier);
  if (tierNames.length) {
    const tier = state.tier;
    showChart(element("matrix-share-chart"), tr("{tier}'s share by model and window", { tier }), `share-matrix-${tier}`, (width) =>
      matrixChart(report, tier, "share", width),
    );
    showChart(element("matrix-change-chart"), tr("{tier}'s change against the baseline, in points", { tier }), `change-matrix-${tier}`, (width) =>
      matrixChart(report, tier, "change", width),
    );
  }
  showCreators();
  element("truth-block").hidden = report.truthScores.length === 0;
  renderTruth(element<HTMLTableElement>("truth"), report.truthScores);
  showBudget(window.days);
  showMoney(window.days, state.level, (channel) => (state.level === "tier" ? channel : (creators.get(channel)?.handle ?? channel)));
}

const budgetInputs = {
  amount: element<HTMLInputElement>("budget-amount"),
  curve: element<HTMLSelectElement>("budget-curve"),
  metric: element<HTMLSelectElement>("budget-metric"),
  half: element<HTMLInputElement>("budget-half"),
  slope: element<HTMLInputElement>("budget-slope"),
  exponent: element<HTMLInputElement>("budget-exponent"),
};
const budgetLimits = element<HTMLTableElement>("budget-limits");
const budgetError = element<HTMLDivElement>("budget-error");
let budgetTicket = 0;

/** The budget settings as typed; the engine checks every value and names the one it refuses. */
function budgetOptions(): BudgetOptions {
  const options: BudgetOptions = {
    curve: budgetInputs.curve.value === "power" ? "power" : "hill",
    metric: budgetInputs.metric.value === "conversions" ? "conversions" : "net_value",
    // Limits restored from the last visit apply before their inputs exist.
    constraints: pendingLimits ?? readLimits(budgetLimits),
  };
  const amount = budgetInputs.amount.value.trim();
  if (amount) options.budget = amount;
  for (const [key, input] of [
    ["halfSaturation", budgetInputs.half],
    ["slope", budgetInputs.slope],
    ["exponent", budgetInputs.exponent],
  ] as const) {
    if (input.value.trim() !== "") options[key] = Number(input.value);
  }
  return options;
}

/** Proposals for the current report and costs; only this reruns when a budget setting changes. */
async function updateBudget(): Promise<void> {
  const { report, money } = state;
  if (!report || !money) return;
  const ticket = ++budgetTicket;
  const budgetBlock = element("budget-block");
  try {
    const { result } = await engine.call("budgetPlan", { report, money, options: budgetOptions() });
    if (ticket !== budgetTicket) return;
    state.budget = result;
    scheduleSave();
    budgetError.hidden = true;
    budgetBlock.classList.remove("stale");
  } catch (error) {
    if (ticket !== budgetTicket) return;
    scheduleSave();
    budgetError.replaceChildren(h("p", error instanceof Error ? error.message : String(error), "problems-title"));
    budgetError.hidden = false;
    // The last proposal stays for reference, dimmed: it does not answer the settings shown.
    budgetBlock.classList.add("stale");
  }
  showBudget(state.days);
}

function showBudget(days: number): void {
  const budget = state.budget;
  element("budget-block").hidden = budget === null;
  if (!budget) return;
  for (const method of ["marginal_return", "follow_credit"] as const) {
    element(`method-${method}`).setAttribute("aria-pressed", String(state.method === method));
  }
  element("budget-curve-note").textContent = tr("Response curve: {curve}. Under each proposal: the return the curve expects there, and what the next ¥1 would return.", {
    curve: budget.curve,
  });
  renderLimitInputs(budgetLimits, budget, scheduleBudget);
  if (pendingLimits) {
    fillLimits(budgetLimits, pendingLimits);
    pendingLimits = null;
  }
  const method = state.method;
  const tiers = state.report?.windows.find((w) => w.days === days)?.tiers;
  if (tiers) renderTakeaway(element<HTMLUListElement>("takeaway"), tiers, days, state.roi, budget, method);
  showChart(element("budget-chart"), tr("Spend now → proposed per tier, {days}-day window", { days }), `budget-${method}-${days}d`, (width) =>
    budgetChart(budget, days, method, width),
  );
  renderBudget(element<HTMLTableElement>("budget"), budget, days, state.method);
  renderDisagreement(element<HTMLTableElement>("budget-disagreement"), budget, days, state.method);
}

let pendingLimits: BudgetOptions["constraints"] | null = null;

const saveNote = element<HTMLParagraphElement>("save-state");
let saveTimer: ReturnType<typeof setTimeout> | undefined;
let restoring = true;

/** Everything needed to put the page back as it is. */
function snapshot(): SavedState {
  return {
    mode: state.mode,
    inputs: { creators: savedInput("creators"), touchpoints: savedInput("touchpoints"), orders: savedInput("orders"), paths: savedInput("paths") },
    separator: separatorInput.value,
    days: state.days,
    customDays: state.customDays,
    level: state.level,
    tier: state.tier,
    method: state.method,
    budget: budgetOptions(),
    lang: language(),
    creators: state.creatorView,
    ...(state.settings ? { settings: state.settings } : {}),
  };
}

function scheduleSave(): void {
  if (restoring) return;
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    saveState(snapshot()).then(
      () => {
        saveNote.textContent = tr("Kept in this browser only, {time}: your data and settings come back when you reopen the page.", {
          time: new Date().toLocaleTimeString("en-GB"),
        });
      },
      (error: unknown) => {
        saveNote.textContent = tr("This browser did not keep your data ({error}); it stays on screen until you close the tab.", {
          error: error instanceof Error ? error.message : String(error),
        });
      },
    );
  }, 400);
}

/** Has the worker read and keep `blob` as `file`, and shows its preview; resolves to its encoding. */
async function holdBlob(file: InputName, blob: Blob): Promise<string> {
  const held = heldFile(file, blob);
  const { result } = await engine.call("holdFile", { held, previewLines: PREVIEW_LINES });
  holdInput(file, held, result);
  return result.encoding;
}

/** Puts a saved input back: text as it was, a large file held by the worker again. */
async function restoreInput(file: InputName, saved: string | Blob): Promise<void> {
  if (typeof saved === "string") {
    setInput(file, saved);
    return;
  }
  try {
    await holdBlob(file, saved);
  } catch (error) {
    // The stored file stays stored; the page says why it could not be opened.
    if (error instanceof EngineError) showProblems(error.problems, error.message);
  }
}

/** Puts back what the last visit left, then computes it. */
async function restore(saved: SavedState, refused: string[] = []): Promise<void> {
  if (saved.lang && saved.lang !== language()) switchLanguage(saved.lang);
  if (saved.creators) state.creatorView = checkCreatorView(saved.creators, state.creatorView);
  if (state.defaults) {
    state.settings = checkSettings(saved.settings, state.defaults, refused);
    showSettings();
  }
  await Promise.all(([...CAMPAIGN_FILES, "paths"] as const).map((file) => restoreInput(file, saved.inputs[file])));
  separatorInput.value = saved.separator;
  Object.assign(state, { days: saved.days, customDays: saved.customDays, level: saved.level, tier: saved.tier, method: saved.method });
  if (saved.customDays !== null) customWindow.value = String(saved.customDays);
  const b = saved.budget;
  budgetInputs.amount.value = typeof b.budget === "string" || typeof b.budget === "number" ? String(b.budget) : "";
  budgetInputs.curve.value = b.curve === "power" ? "power" : "hill";
  budgetInputs.metric.value = b.metric === "conversions" ? "conversions" : "net_value";
  for (const [key, input] of [
    ["halfSaturation", budgetInputs.half],
    ["slope", budgetInputs.slope],
    ["exponent", budgetInputs.exponent],
  ] as const) {
    if (typeof b[key] === "number") input.value = String(b[key]);
  }
  for (const label of document.querySelectorAll<HTMLElement>("[data-curve]")) label.hidden = label.dataset.curve !== budgetInputs.curve.value;
  pendingLimits = b.constraints ?? null;
  setMode(saved.mode);
  saveNote.textContent = tr("Restored from your last visit (kept in this browser only).");
  // The sample's truth table shows while the inputs are still exactly the sample's.
  const { result } = await engine.call("sampleCampaign", { options: SAMPLE });
  state.sample = result;
  await recompute();
}

let budgetDebounce: ReturnType<typeof setTimeout> | undefined;
function scheduleBudget(): void {
  clearTimeout(budgetDebounce);
  budgetDebounce = setTimeout(() => void updateBudget(), 250);
}

function showMoney(days: number, level: string, label: (channel: string) => string): void {
  const money = state.money;
  element("money-block").hidden = money === null;
  if (!money) return;
  const basis = money.basis;
  element("money-basis").textContent = tr(
    basis.model === "platform_last_click"
      ? "Commission follows {model} (what the platform pays); payable 15 days after the order; returns within that time cancel it, later ones are clawed back. As of {date}."
      : "Commission follows {model} at {days} days; payable 15 days after the order; returns within that time cancel it, later ones are clawed back. As of {date}.",
    { model: modelLabel(basis.model), days: basis.days ?? "", date: money.asOf },
  );
  renderMoneyTotals(element<HTMLDListElement>("money-totals"), money);
  const gapHost = element("gap-chart");
  gapHost.hidden = level !== "tier";
  if (level === "tier") {
    const roi = state.roi;
    showChart(gapHost, tr("Platform pays vs model says: commission paid − earned per tier, {days}-day window", { days }), `pay-gap-${days}d`, (width) =>
      payGapChart(roi, days, width),
    );
  }
  renderRoi(element<HTMLTableElement>("roi"), state.roi, days, level, label);
  renderCalendar(element<HTMLTableElement>("calendar"), money);
  renderLedger(element<HTMLTableElement>("ledger"), money, 100);
}

function describe(problem: Problem): string {
  const where = [tr("{file} line {line}", { file: problem.file, line: problem.line })];
  if (problem.column !== null) {
    const column = { column: problem.column, name: problem.columnName ?? "" };
    where.push(problem.columnName ? tr("column {column} ({name})", column) : tr("column {column}", column));
  }
  const value = problem.value !== null && problem.value !== "" ? tr(" “{value}”", { value: problem.value }) : "";
  // The engine explains in English; in Chinese a headline per kind of problem comes first.
  const what = language() === "zh" ? `${PROBLEM_ZH[problem.code]}（${problem.message}）` : problem.message;
  return `${where.join(tr(", "))}${value}${tr(": ")}${what}`;
}

function jumpTo(problem: Problem): void {
  const file = problem.file as keyof typeof areas;
  const area = areas[file];
  if (!area) return;
  setMode(file === "paths" ? "paths" : "campaign");
  selectLine(area, problem.line);
}

function problemList(problems: Problem[]): HTMLUListElement {
  const list = h("ul");
  for (const problem of problems) {
    const item = h("li");
    const jump = h("button", describe(problem), "problem");
    jump.type = "button";
    jump.addEventListener("click", () => jumpTo(problem));
    item.append(jump);
    list.append(item);
  }
  return list;
}

let shownProblems: { problems: Problem[]; message: string | undefined } = { problems: [], message: undefined };

function showProblems(problems: Problem[], message?: string): void {
  shownProblems = { problems, message };
  problemsBox.replaceChildren();
  if (problems.length === 0 && message === undefined) {
    problemsBox.hidden = true;
    return;
  }
  problemsBox.hidden = false;
  problemsBox.append(h("p", problems.length ? tr("Fix these rows; your text is kept as it is:") : (message ?? ""), "problems-title"));
  problemsBox.append(problemList(problems));
}

function showWarnings(warnings: Problem[]): void {
  warningsBox.hidden = warnings.length === 0;
  element("warnings-title").textContent = tr(
    warnings.length === 1 ? "1 warning: the data was used as described" : "{count} warnings: the data was used as described",
    { count: warnings.length },
  );
  element("warnings-list").replaceWith(Object.assign(problemList(warnings), { id: "warnings-list" }));
}

function download(csv: string, name: string): void {
  // A byte-order mark so Excel opens the UTF-8 (Chinese names) correctly.
  saveFile(new Blob(["\ufeff", csv], { type: "text/csv;charset=utf-8" }), name);
}

/** The whole result as one JSON document, with the settings and engine version that produced it. */
async function exportJson(): Promise<void> {
  const { result: version } = await engine.call("version", {});
  const whole =
    state.report !== null
      ? { engine: version, settings: state.settings, report: state.report, money: state.money, returnOnSpend: state.roi, budget: state.budget }
      : { engine: version, settings: state.settings, paths: state.pathWindows };
  saveFile(new Blob([JSON.stringify(whole, null, 2)], { type: "application/json" }), "kol-attribution-result.json");
}

async function exportRoi(): Promise<void> {
  const { result } = await engine.call("roiCsv", { rows: state.roi });
  download(result, "kol-attribution-return-on-spend.csv");
}

async function exportLedger(): Promise<void> {
  if (!state.money) return;
  const { result } = await engine.call("ledgerCsv", { report: state.money });
  download(result, "kol-attribution-ledger.csv");
}

async function exportBudget(): Promise<void> {
  if (!state.budget) return;
  const { result } = await engine.call("budgetCsv", { report: state.budget });
  download(result, "kol-attribution-budget.csv");
}

async function exportCsv(): Promise<void> {
  const csv = state.report
    ? (await engine.call("reportCsv", { report: state.report })).result
    : state.comparison
      ? (await engine.call("creditsCsv", { comparison: state.comparison })).result
      : null;
  if (csv === null) return;
  download(csv, state.report ? "kol-attribution-report.csv" : "kol-attribution-credits.csv");
}

/** Reads a file through the engine's decoder (UTF-8, UTF-16, GBK) into its text area. */
/**
 * The largest file the page opens. The engine is 32-bit WebAssembly (4 GB at most) and a million
 * journeys (136 MB of CSV) already take about 620 MB while computing, so a bigger file would fail
 * halfway; it is refused before a byte is read, with what to do instead.
 */
const MAX_FILE_BYTES = 400 * 1024 * 1024;

async function openFile(file: CampaignFile | "paths", picker: HTMLInputElement): Promise<void> {
  const chosen = picker.files?.[0];
  picker.value = "";
  if (!chosen) return;
  const meta = element(`${file}-meta`);
  if (chosen.size > MAX_FILE_BYTES) {
    const size = (chosen.size / 1024 / 1024).toFixed(0);
    showProblems(
      [],
      tr(
        "{file} is {size} MB, more than this browser tab can work with ({limit} MB per file); nothing was read and your current data is unchanged. Aggregate the journeys to paths first (kol-attribution sql in your warehouse, or kol-attribution paths) and open the paths file here, or run the whole campaign with the command-line tool (kol-attribution compare --kols … --touchpoints … --orders …).",
        { file: chosen.name, size, limit: MAX_FILE_BYTES / 1024 / 1024 },
      ),
    );
    return;
  }
  try {
    let encoding: string;
    if (chosen.size > HELD_CHARS) {
      // Large: the worker reads, decodes and keeps it; the page keeps the file and a preview.
      encoding = await holdBlob(file, chosen);
    } else {
      const bytes = new Uint8Array(await chosen.arrayBuffer());
      const { result } = await engine.call("decodeFile", { bytes, file });
      setInput(file, result.text);
      encoding = result.encoding;
    }
    meta.textContent = `${chosen.name} · ${encoding.toUpperCase()}`;
    delete meta.dataset.sample;
    // Files opened together arrive together: one computation for all of them, not one each
    // (a computation already started cannot be stopped, and a million journeys take seconds).
    scheduleRecompute();
  } catch (error) {
    meta.textContent = "";
    if (error instanceof EngineError) showProblems(error.problems, error.message);
  }
}

async function loadSample(): Promise<void> {
  const { result } = await engine.call("sampleCampaign", { options: SAMPLE });
  state.sample = result;
  for (const file of CAMPAIGN_FILES) {
    setInput(file, result.inputs[file]);
    const meta = element(`${file}-meta`);
    meta.textContent = tr("sample");
    meta.dataset.sample = "true";
  }
  setMode("campaign");
  await recompute();
}

let debounce: ReturnType<typeof setTimeout> | undefined;
function scheduleRecompute(): void {
  clearTimeout(debounce);
  debounce = setTimeout(() => void recompute(), 250);
}

for (const file of [...CAMPAIGN_FILES, "paths"] as const) {
  areas[file].addEventListener("input", scheduleRecompute);
  const picker = element<HTMLInputElement>(`${file}-file`);
  picker.addEventListener("change", () => void openFile(file, picker));
}
separatorInput.addEventListener("input", scheduleRecompute);
customWindow.addEventListener("change", () => {
  const days = Number(customWindow.value);
  const valid = Number.isInteger(days) && days >= 1 && days <= 3650;
  customWindow.setCustomValidity(valid || customWindow.value === "" ? "" : "A window is 1 to 3650 days");
  customWindow.reportValidity();
  if (!valid && customWindow.value !== "") return;
  state.customDays = valid ? days : null;
  if (valid) state.days = days;
  void recompute();
});
element("tab-campaign").addEventListener("click", () => {
  setMode("campaign");
  void recompute();
});
element("tab-paths").addEventListener("click", () => {
  setMode("paths");
  void recompute();
});
// Tabs as the WAI-ARIA pattern has them: only the chosen tab is in the Tab order, arrows move.
element("tab-campaign").parentElement?.addEventListener("keydown", (event) => {
  if (!["ArrowLeft", "ArrowRight", "Home", "End"].includes(event.key)) return;
  event.preventDefault();
  const next = event.key === "Home" ? "campaign" : event.key === "End" ? "paths" : state.mode === "campaign" ? "paths" : "campaign";
  const tab = element(`tab-${next}`);
  tab.click();
  tab.focus();
});
for (const level of ["tier", "creator"] as const) {
  element(`level-${level}`).addEventListener("click", () => {
    state.level = level;
    scheduleSave();
    if (state.report) showReport(state.report);
  });
}
element("load-sample").addEventListener("click", () => void loadSample());
exportButton.addEventListener("click", () => void exportCsv());
element("export-ledger").addEventListener("click", () => void exportLedger());
element("export-roi").addEventListener("click", () => void exportRoi());
element("export-json").addEventListener("click", () => void exportJson());
element("export-budget").addEventListener("click", () => void exportBudget());
for (const input of [budgetInputs.amount, budgetInputs.half, budgetInputs.slope, budgetInputs.exponent]) {
  input.addEventListener("input", scheduleBudget);
}
budgetInputs.metric.addEventListener("change", () => void updateBudget());
budgetInputs.curve.addEventListener("change", () => {
  for (const label of document.querySelectorAll<HTMLElement>("[data-curve]")) label.hidden = label.dataset.curve !== budgetInputs.curve.value;
  void updateBudget();
});
for (const method of ["marginal_return", "follow_credit"] as const) {
  element(`method-${method}`).addEventListener("click", () => {
    state.method = method;
    scheduleSave();
    showBudget(state.days);
  });
}

setInput("paths", samplePaths);

showWork(engine);
retryButton.addEventListener("click", () => void recompute());

const settingsHost = element("settings");

function showSettings(): void {
  if (!state.settings) return;
  renderSettings(settingsHost, state.settings, (next) => {
    state.settings = next;
    scheduleSave();
    scheduleRecompute();
  });
}

/** A share link wins over what this browser kept; what the link lacks comes from there or the sample. */
async function start(): Promise<void> {
  const [{ result: reportDefaults }, { result: moneyDefaults }] = await Promise.all([
    engine.call("defaultReportOptions", {}),
    engine.call("defaultMoneyOptions", {}),
  ]);
  state.defaults = defaultSettings(reportDefaults, moneyDefaults);
  state.settings = state.defaults;
  showSettings();
  const saved = await loadState();
  const link = await readShareLink(location.hash);
  if (!link) {
    await (saved ? restore(saved) : loadSample());
    return;
  }
  // The link is applied once; from then on the page saves and restores as usual.
  history.replaceState(null, "", location.pathname + location.search);
  let inputs = link.shared.inputs ?? saved?.inputs ?? null;
  if (!inputs) {
    const { result } = await engine.call("sampleCampaign", { options: SAMPLE });
    inputs = { ...result.inputs, paths: samplePaths };
  }
  const base = snapshot();
  const settings: Partial<SavedState> = link.shared.settings ?? {};
  const refused = [...link.refused];
  await restore({ ...base, ...settings, settings: link.modelSettings as ModelSettings, budget: { ...base.budget, ...(settings.budget ?? {}) }, inputs }, refused);
  link.refused = refused;
  saveNote.textContent = link.refused.length
    ? tr("Opened from a shared link. Not applied, because this page does not accept them: {refused}.", { refused: link.refused.join(", ") })
    : tr(
        link.shared.inputs
          ? "Opened from a shared link, data included."
          : "Opened from a shared link; the data is this browser's own (links carry only small datasets).",
      );
}

/** Relabels the whole page in `lang` from what is already computed: nothing is recomputed. */
function switchLanguage(lang: Lang): void {
  setLanguage(lang);
  translateStatic(document.body);
  document.title = tr("KOL Attribution · Xiaohongshu creator credit calculator");
  for (const choice of ["en", "zh"] as const) element(`lang-${choice}`).setAttribute("aria-pressed", String(choice === lang));
  if (state.report) showReport(state.report);
  else if (state.pathWindows) showPaths(state.pathWindows);
  showProblems(shownProblems.problems, shownProblems.message);
  showSettings();
  relabelHeld();
  sayAgain();
  for (const meta of document.querySelectorAll<HTMLElement>(".file-meta[data-sample]")) meta.textContent = tr("sample");
}

for (const choice of ["en", "zh"] as const) {
  element(`lang-${choice}`).addEventListener("click", () => {
    if (language() === choice) return;
    switchLanguage(choice);
    scheduleSave();
  });
}
// Until a saved choice is restored, the browser's language decides.
switchLanguage(navigator.language.toLowerCase().startsWith("zh") ? "zh" : "en");

element("share").addEventListener("click", () => {
  void shareLink(snapshot()).then(({ url, withData }) => {
    const field = element<HTMLInputElement>("share-link");
    field.value = url;
    field.hidden = false;
    field.select();
    element("share-note").textContent = withData
      ? tr("This link carries your settings and your data (it is small).")
      : tr("This link carries your settings only: the data is too large for a link and stays in this browser; send the files separately.");
    navigator.clipboard?.writeText(url).catch(() => undefined);
  });
});

// Offline after the first visit; only the built page has a service worker (vite.config.ts).
function keepOffline(): void {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register("./sw.js").catch((error: unknown) => {
    console.warn("the page will not work offline:", error);
  });
}

void start().finally(() => {
  restoring = false;
  keepOffline();
});
void engine.call("version", {}).then(({ result }) => {
  element<HTMLSpanElement>("engine-version").textContent = `v${result}`;
});
