// Recomputing: what a change needs from the engine, and when. The policy, whole:
// - What changed decides the calls. New inputs, tiers, promo-code touches, models or model
//   parameters: the report, then money, return on spend and budget. Commission settings alone
//   (holding period, rates, basis, the platform's sales channels): money, return on spend and
//   budget; attribution is not recomputed and keeps its intervals. Neither (an edit undone): the
//   budget only, and the status says again what it said of that computation. Budget settings
//   alone: the budget. The window, level, tier or budget
//   method shown: no call; the views redraw from what is computed. A paths file: all its windows.
//   Lift tests are the report's (the incremental fit takes them in). The model check is computed
//   apart, while its view is shown (model-check.ts).
// - When: typing, settings and opened files wait for a 250 ms pause (files opened together are
//   computed once); a tab, a custom window, the sample, a restore and Try again run at once.
// - A newer computation wins: an older one's results are dropped when they arrive.
// - Intervals (the engine's default number of resamples) follow a new report window by window,
//   as many windows at a time as the engine has workers; when fewer windows are left than
//   workers, a window's resamples are split into parts drawn on several workers and put together
//   by the engine, to the bit what one worker gives. The status says how far it got; nothing more
//   is asked for once the report is no longer current or a part failed. They are shown all
//   at once when every window has them, and only if the report on screen is still theirs (a
//   change of commission alone keeps it). A cancel or a failure part-way shows none, and the
//   status says so.
// - A failure never passes old results off as current: they stay on screen, dimmed; input problems
//   are listed, a refused setting is marked, a cancel is said, a crashed engine offers Try again.
import type {
  BudgetOptions,
  BudgetReport,
  CampaignReport,
  MoneyOptions,
  MoneyReport,
  ReportOptions,
  ResampleRange,
  ResampledShares,
  WindowIntervals,
} from "../pkg/kol_attribution.js";
import { defaultOf, setting } from "./catalogue";
import { EngineError } from "./engine";
import { type Phrase, phrase } from "./i18n";
import { CAMPAIGN_INPUTS, type CampaignSent, sameInputs, sentInputs } from "./inputs";
import { liftTests } from "./lift";
import { modelOptions, moneyOptions, readOptions, reportOptions } from "./model-settings";
import { shareResamples } from "./pool";
import { engine, failureOf } from "./page-engine";
import * as store from "./store";
import type { Computation, PageState } from "./store";

/** Typing and settings wait this long for a pause before the engine is asked. */
const PAUSE_MS = 250;

let latest = 0;
let budgetTicket = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let budgetTimer: ReturnType<typeof setTimeout> | undefined;
/** Changes before the first computation is asked for are part of it. */
let started = false;

/** Recomputes on the changes that need it, as the policy above says. */
export function watch(): void {
  store.subscribe(["inputs", "separator", "settings", "liftTests"], () => schedule(PAUSE_MS));
  store.subscribe(["mode", "customDays", "columns"], () => schedule(0));
  store.subscribe(["budgetOptions"], () => scheduleBudget(PAUSE_MS));
}

function schedule(ms: number): void {
  if (!started) return;
  clearTimeout(timer);
  timer = setTimeout(() => void recompute(), ms);
}

function scheduleBudget(ms: number): void {
  if (!started) return;
  clearTimeout(budgetTimer);
  budgetTimer = setTimeout(() => void replanBudget(), ms);
}

/** Computes what the page shows now, without waiting for a pause. */
export function recomputeNow(): Promise<void> {
  started = true;
  clearTimeout(timer);
  return recompute();
}

/** Starts the engine again (the next call does) and recomputes. */
export function retry(): void {
  void recomputeNow();
}

/** Stops whatever the engine is doing; the results on screen stay, dimmed. */
export function cancel(): void {
  engine.cancel();
}

async function recompute(): Promise<void> {
  const ticket = ++latest;
  const s = store.page();
  if (!s.catalogue || !s.settings) return;
  store.computing();
  try {
    if (s.mode === "campaign") await campaign(ticket, s);
    else await paths(ticket, s);
  } catch (error) {
    if (ticket === latest) store.failed(failureOf(error));
  }
}

function same(last: Computation | undefined, inputs: CampaignSent, key: string): boolean {
  return last !== undefined && last.key === key && sameInputs(last.inputs, inputs);
}

/** The report's and the money's options for the campaign on screen; `now` only flags future dates, so it is left out of their keys. */
function campaignOptions(s: PageState, inputs: CampaignSent): { report: Computation & { options: ReportOptions }; money: Computation & { options: MoneyOptions } } {
  const catalogue = s.catalogue!;
  const settings = s.settings!;
  const windows = defaultOf<number[]>(setting(catalogue, "report", "windows"));
  const chosen = reportOptions(settings, catalogue);
  const sample = s.sample;
  // The sample's truth scores the models while the inputs are still exactly the sample's.
  const isSample = sample !== null && CAMPAIGN_INPUTS.every((file) => (sample.inputs[file] || undefined) === inputs[file]);
  // How the files are read: the tiers, what an order's promo code adds, and the columns the user mapped.
  const tiers = { ...readOptions(settings, catalogue), ...(Object.keys(s.columns).length > 0 ? { columns: s.columns } : {}) };
  const input = { ...tiers, now: Math.floor(Date.now() / 1000) };
  const report: ReportOptions = {
    windows: s.customDays === null ? windows : [...windows, s.customDays],
    truth: isSample ? sample.truth : [],
    // Intervals refit every model hundreds of times: the report comes first without them.
    intervals: { resamples: 0 },
    models: chosen.models,
    baseline: chosen.baseline,
    // The window by category, after the fixed windows, when it is on.
    ...(chosen.categoryWindows.enabled ? { categoryWindows: chosen.categoryWindows } : {}),
    modelOptions: chosen.modelOptions,
    input,
    // The incremental fit takes the brand's experiments in; every model is held against them.
    liftTests: liftTests(s.liftTests),
    // Notes and channel groups beside creators and tiers when the files name notes or ads and
    // search (only the engine can tell what a touch log names); creators and tiers otherwise.
    level: "auto",
  };
  const money: MoneyOptions = { ...moneyOptions(settings, catalogue), input };
  return {
    report: { inputs, key: JSON.stringify({ ...report, input: tiers }), options: report },
    money: { inputs, key: JSON.stringify({ ...money, input: tiers }), options: money },
  };
}

function computedPhrase(report: CampaignReport, ms: number): Phrase {
  return phrase("{orders} orders, {touches} touches, {windows} windows × {models} models, computed in {ms} ms in a Web Worker.", {
    orders: report.summary.orders.toLocaleString("en-US"),
    touches: report.summary.touchpoints.toLocaleString("en-US"),
    windows: report.windows.length,
    models: report.windows[0]?.tiers?.models.length ?? 0,
    ms: ms.toFixed(0),
  });
}

async function campaign(ticket: number, s: PageState): Promise<void> {
  const inputs = sentInputs(s.inputs);
  const chosen = campaignOptions(s, inputs);
  const reportChanged = s.report === null || !same(s.computedFrom?.report, inputs, chosen.report.key);
  const moneyChanged = s.money === null || !same(s.computedFrom?.money, inputs, chosen.money.key);
  let report = s.report;
  let ms = 0;
  if (reportChanged || !report) ({ result: report, ms } = await engine.call("campaignReport", { inputs, options: chosen.report.options }, { keep: true }));
  // A newer computation started meanwhile: nothing more is asked for this one.
  if (ticket !== latest) return;
  let money = s.money;
  let moneyMs = 0;
  if (moneyChanged || !money) ({ result: money, ms: moneyMs } = await engine.call("moneyReport", { inputs, options: chosen.money.options }, { keep: true }));
  if (ticket !== latest) return;
  const roi = reportChanged || moneyChanged ? (await engine.call("roiRows", { report, money })).result : s.roi;
  if (ticket !== latest) return;
  const budgetOptions = store.page().budgetOptions;
  const budget = await planBudget(report, money, budgetOptions);
  if (ticket !== latest) return;
  // Intervals for the same report may have arrived meanwhile: keep them.
  const shown = reportChanged ? report : (store.page().report ?? report);
  const status = reportChanged
    ? [computedPhrase(shown, ms)]
    : moneyChanged
      ? [phrase("Commission and budget recomputed in {ms} ms; the attribution did not change.", { ms: moneyMs.toFixed(0) })]
      : store.page().computedStatus;
  store.campaignComputed({ report: shown, money, roi, budget, computedFrom: chosen, status });
  // Budget settings typed while this ran: propose again with them.
  if (store.page().budgetOptions !== budgetOptions) scheduleBudget(0);
  if (reportChanged) void fillIntervals(chosen.report, status);
}

async function planBudget(report: CampaignReport, money: MoneyReport, options: BudgetOptions): Promise<{ plan: BudgetReport } | { error: store.Refusal }> {
  try {
    return { plan: (await engine.call("budgetPlan", { report, money, options })).result };
  } catch (error) {
    // A refused budget setting is the budget's own problem; a cancel or a crash is the computation's.
    if (error instanceof EngineError && (error.cancelled || error.internal)) throw error;
    return { error: { message: error instanceof Error ? error.message : String(error), option: error instanceof EngineError ? error.option : null } };
  }
}

/** The budget alone, for the report and money on screen; dropped if they change meanwhile. */
async function replanBudget(): Promise<void> {
  const s = store.page();
  if (!s.report || !s.money) return;
  const ticket = ++budgetTicket;
  const from = s.computedFrom;
  const outcome = await planBudget(s.report, s.money, s.budgetOptions).catch((error: unknown) => ({ error: { message: failureOf(error).message, option: null } }));
  if (ticket !== budgetTicket || store.page().computedFrom !== from) return;
  store.budgetPlanned(outcome);
}

/**
 * The bootstrap intervals, a window (or a part of a window's resamples) a call, so the status can
 * say how far it got, one call per worker at a time; each window's parts put together by the
 * engine once all have come. Shown all at once when every window has them, as long as the report
 * on screen is still the one they belong to. A cancel part-way shows none: no half result.
 */
async function fillIntervals(report: Computation & { options: ReportOptions }, computed: Phrase[]): Promise<void> {
  const current = (): boolean => {
    const s = store.page();
    return s.mode === "campaign" && !s.stale && s.report !== null && same(s.computedFrom?.report, report.inputs, report.key);
  };
  const catalogue = store.page().catalogue!;
  const resamples = defaultOf<number>(setting(catalogue, "report", "intervals.resamples"));
  // The window by category (its days are 0 in the report) is one more, asked for alone.
  const byCategory = report.options.categoryWindows?.enabled === true;
  const windows = [...(report.options.windows ?? []), ...(byCategory ? [0] : [])];
  const workers = engine.workersFor(report.inputs);
  const found = new Map<number, WindowIntervals>();
  const started = performance.now();
  const waiting = [...windows];
  /** Parts of windows already begun, waiting for a worker. */
  const parts: { days: number; range: ResampleRange }[] = [];
  /** Each begun window's parts as they come, and how many there are. */
  const drawn = new Map<number, { parts: ResampledShares[]; of: number }>();
  const progress = (): void =>
    store.saidComputed([...computed, phrase("90% intervals: resampling window {done} of {count}…", { done: Math.min(found.size + 1, windows.length), count: windows.length })]);
  let failed = false;
  const fail = (error: unknown): never => {
    failed = true;
    throw error;
  };
  // A part of a window already begun; else the next window, whole while at least as many windows
  // are left as workers, split among the workers when fewer are.
  const next = (): { days: number; range: ResampleRange } | undefined => {
    const part = parts.shift();
    if (part) return part;
    const left = waiting.length;
    const days = waiting.shift();
    if (days === undefined) return undefined;
    const [first, ...others] = shareResamples(resamples, Math.ceil(workers / left));
    drawn.set(days, { parts: [], of: others.length + 1 });
    parts.push(...others.map((range) => ({ days, range })));
    return { days, range: first! };
  };
  // Each runner takes the next part when its last is done: one per worker.
  const runner = async (): Promise<void> => {
    for (let task = next(); task !== undefined && current() && !failed; task = next()) {
      const categoryWindows = { ...report.options.categoryWindows, enabled: task.days === 0 };
      const options: ReportOptions = { ...report.options, windows: task.days === 0 ? [] : [task.days], categoryWindows, level: "tier", intervals: { resamples } };
      const call = await engine.call("resampledShares", { inputs: report.inputs, options, range: task.range }).catch(fail);
      if (!current()) return;
      const window = drawn.get(task.days)!;
      window.parts.push(call.result);
      if (window.parts.length < window.of) continue;
      const merged = await engine.call("intervalsOf", { parts: window.parts }).catch(fail);
      if (!current()) return;
      found.set(task.days, merged.result);
      if (found.size < windows.length) progress();
    }
  };
  try {
    progress();
    await Promise.all(Array.from({ length: workers }, runner));
    if (!current() || found.size < windows.length) return;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    store.intervalsFilled([...found.values()], [...computed, phrase("90% intervals from {resamples} resamples of the journeys in {seconds} s.", { resamples, seconds })]);
  } catch (error) {
    if (!current()) return;
    const cancelled = error instanceof EngineError && error.cancelled;
    const message = error instanceof Error ? error.message : String(error);
    store.saidComputed([
      ...computed,
      cancelled ? phrase("Intervals cancelled: the shares above stand without them.") : phrase("Intervals could not be computed ({error}); the shares above stand.", { error: message }),
    ]);
  }
}

async function paths(ticket: number, s: PageState): Promise<void> {
  const settings = s.settings!;
  const options = { paths: { separator: s.separator }, baseline: settings.baselineModel, modelOptions: modelOptions(settings, s.catalogue!) };
  const { result, ms } = await engine.call("comparePathWindows", { input: s.inputs.paths.value, options });
  if (ticket !== latest) return;
  store.pathsComputed(result, ms);
}
