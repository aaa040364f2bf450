import "./style.css";
import type {
  BudgetMethod,
  BudgetOptions,
  BudgetReport,
  CampaignInputs,
  CampaignReport,
  Comparison,
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
import { type ChannelLabel, MODEL_LABELS, renderCreditTable, renderMatrix, renderTruth } from "./credit-table";
import { element, h, saveFile, selectLine } from "./dom";
import { Engine, EngineError, SAMPLE } from "./engine";
import { renderCalendar, renderLedger, renderMoneyTotals, renderRoi } from "./money-view";
import { count, money } from "./format";
import { budgetChart, matrixChart, payGapChart, tierShareChart } from "./charts";
import { showChart } from "./chart-figure";
import { tr } from "./i18n";
import samplePaths from "./sample-paths.csv?raw";

type Mode = "campaign" | "paths";
type CampaignFile = "creators" | "touchpoints" | "orders";
const CAMPAIGN_FILES: CampaignFile[] = ["creators", "touchpoints", "orders"];

const areas = {
  creators: element<HTMLTextAreaElement>("creators-input"),
  touchpoints: element<HTMLTextAreaElement>("touchpoints-input"),
  orders: element<HTMLTextAreaElement>("orders-input"),
  paths: element<HTMLTextAreaElement>("paths-input"),
};
const separatorInput = element<HTMLInputElement>("separator");
const problemsBox = element<HTMLDivElement>("problems");
const statusLine = element<HTMLParagraphElement>("status");
const working = element<HTMLSpanElement>("working");
const cancelButton = element<HTMLButtonElement>("cancel");
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
};
const DEFAULT_WINDOWS = [7, 14, 30, 60, 90, 120];
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
      const inputs = { creators: areas.creators.value, touchpoints: areas.touchpoints.value, orders: areas.orders.value };
      const windows = state.customDays === null ? DEFAULT_WINDOWS : [...DEFAULT_WINDOWS, state.customDays];
      const sample = state.sample;
      const isSample = sample !== null && CAMPAIGN_FILES.every((file) => sample.inputs[file] === inputs[file]);
      const truth = isSample ? sample.truth : [];
      // Intervals refit every model 200 times: shown first without them, then filled in.
      const options = { windows, input: { now: Math.floor(Date.now() / 1000) }, truth, intervals: { resamples: 0 } };
      const { result, ms } = await engine.call("campaignReport", { inputs, options });
      const { result: money } = await engine.call("moneyReport", { inputs, options: { input: options.input } });
      const { result: roi } = await engine.call("roiRows", { report: result, money });
      if (ticket !== latest) return;
      state.report = result;
      state.money = money;
      state.roi = roi;
      state.comparison = null;
      state.pathWindows = null;
      await updateBudget();
      if (ticket !== latest) return;
      showReport(result);
      const models = result.windows[0]?.tiers?.models.length ?? 0;
      const computed = `${result.summary.orders.toLocaleString("en-US")} orders, ${result.summary.touchpoints.toLocaleString("en-US")} touches, ${result.windows.length} windows × ${models} models, computed in ${ms.toFixed(0)} ms in a Web Worker.`;
      statusLine.textContent = `${computed} 90% intervals: resampling…`;
      void fillIntervals(ticket, inputs, { ...options, intervals: { resamples: 200 } }, computed);
    } else {
      const options = { paths: { separator: separatorInput.value } };
      const { result, ms } = await engine.call("comparePathWindows", { input: areas.paths.value, options });
      if (ticket !== latest) return;
      state.pathWindows = result;
      state.report = null;
      state.money = null;
      state.budget = null;
      pathsMs = ms;
      showPaths(result);
    }
    statusLine.className = "status ok";
    resultsPanel.classList.remove("stale");
    showProblems([]);
  } catch (error) {
    if (ticket !== latest) return;
    const failure =
      error instanceof EngineError ? error : new EngineError({ message: String(error), problems: [], option: null, internal: true });
    const errors = failure.problems.filter((p) => p.severity === "error").length;
    if (failure.cancelled) {
      showProblems([]);
      statusLine.textContent = "Cancelled. The input is kept; the dimmed results are from the last computation that finished.";
    } else if (failure.internal) {
      showProblems([], failure.message);
      const what = failure.message.charAt(0).toUpperCase() + failure.message.slice(1);
      statusLine.textContent = `${what}. Your input is kept; press Try again to restart the engine.`;
      retryButton.hidden = false;
    } else {
      showProblems(failure.problems, failure.message);
      statusLine.textContent = errors
        ? `The input has ${errors} problem${errors === 1 ? "" : "s"}; the dimmed results are from the last input that could be read.`
        : failure.message;
    }
    statusLine.className = "status error";
    // Keep the last good numbers on screen for reference, but never pass them off as current.
    resultsPanel.classList.add("stale");
  }
  exportButton.disabled = (state.report === null && state.comparison === null) || resultsPanel.classList.contains("stale");
  // Saved whether or not the input could be read: a half-fixed file must survive a reload too.
  scheduleSave();
}

/** Recomputes the report with bootstrap intervals and shows them, unless the input changed meanwhile. */
async function fillIntervals(ticket: number, inputs: CampaignInputs, options: ReportOptions, computed: string): Promise<void> {
  try {
    const { result, ms } = await engine.call("campaignReport", { inputs, options });
    if (ticket !== latest) return;
    state.report = result;
    showReport(result);
    statusLine.textContent = `${computed} 90% intervals from 200 resamples of the journeys in ${(ms / 1000).toFixed(1)} s.`;
  } catch (error) {
    if (ticket !== latest) return;
    statusLine.textContent =
      error instanceof EngineError && error.cancelled
        ? `${computed} Intervals cancelled: the shares above stand without them.`
        : `${computed} Intervals could not be computed (${error instanceof Error ? error.message : String(error)}); the shares above stand.`;
  }
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
      const button = h("button", `${w.days} days`);
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
  warningsBox.hidden = true;
  showSummary([
    ["Paths", result.totals.paths.toLocaleString("en-US")],
    ["Conversions", count(result.totals.conversions)],
    ["Conversion value", money(result.totals.value, result.totals.valueScale)],
    ["Non-converting journeys", count(result.totals.nulls)],
  ]);
  renderCreditTable(table, result, (channel) => ({ name: channel }), true);
  const windowCount = several ? `, ${windows.windows.length} windows` : "";
  statusLine.textContent = `${result.models.length} models × ${result.channels.length} channels over ${result.totals.paths} paths${windowCount}, computed in ${pathsMs.toFixed(1)} ms in a Web Worker.${windows.needsEvents.length ? " Time decay, touch-weighted and platform click need each touch's time and type: give creators, touches and orders (or paths with touch_types and touch_ages_seconds) for those." : ""}`;
}

function showReport(report: CampaignReport): void {
  const s = report.summary;
  const tiers = s.tiers.map((t) => `${t.creators} ${t.tier}`).join(" · ");
  const days = (range: [string, string] | null): string => (range ? `${range[0].slice(0, 10)} → ${range[1].slice(0, 10)}` : "none");
  showSummary([
    ["Creators", `${s.creators}`],
    ["By tier", tiers],
    ["Touches", s.touchpoints.toLocaleString("en-US")],
    ["Journeys", s.journeys.toLocaleString("en-US")],
    ["Orders", s.orders.toLocaleString("en-US")],
    ["Order value", money(s.value)],
    ["Refunded", money(s.refunded)],
    ["Touch dates", days(s.touchRange)],
  ]);
  if (!report.windows.some((w) => w.days === state.days)) state.days = report.windows.at(-1)?.days ?? 30;
  windowButtons.replaceChildren();
  for (const w of report.windows) {
    const button = h("button", `${w.days} days`);
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
        ? `Every order has a touch inside ${window.days} days.`
        : `${count(orders)} order${orders === 1 ? "" : "s"} (${money(lookback.value)}) had no touch inside ${window.days} days and ${orders === 1 ? "is" : "are"} credited to no one.`;
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
  element("budget-curve-note").textContent = `Response curve: ${budget.curve}. Under each proposal: the return the curve expects there, and what the next ¥1 would return.`;
  renderLimitInputs(budgetLimits, budget, scheduleBudget);
  if (pendingLimits) {
    fillLimits(budgetLimits, pendingLimits);
    pendingLimits = null;
  }
  const method = state.method;
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
    inputs: { creators: areas.creators.value, touchpoints: areas.touchpoints.value, orders: areas.orders.value, paths: areas.paths.value },
    separator: separatorInput.value,
    days: state.days,
    customDays: state.customDays,
    level: state.level,
    tier: state.tier,
    method: state.method,
    budget: budgetOptions(),
  };
}

function scheduleSave(): void {
  if (restoring) return;
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    saveState(snapshot()).then(
      () => {
        saveNote.textContent = `Kept in this browser only, ${new Date().toLocaleTimeString("en-GB")}: your data and settings come back when you reopen the page.`;
      },
      (error: unknown) => {
        saveNote.textContent = `This browser did not keep your data (${error instanceof Error ? error.message : String(error)}); it stays on screen until you close the tab.`;
      },
    );
  }, 400);
}

/** Puts back what the last visit left, then computes it. */
async function restore(saved: SavedState): Promise<void> {
  for (const file of [...CAMPAIGN_FILES, "paths"] as const) areas[file].value = saved.inputs[file];
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
  saveNote.textContent = "Restored from your last visit (kept in this browser only).";
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
  element("money-basis").textContent = `Commission follows ${MODEL_LABELS[basis.model]}${basis.model === "platform_last_click" ? " (what the platform pays)" : ` at ${basis.days} days`}; payable 15 days after the order; returns within that time cancel it, later ones are clawed back. As of ${money.asOf}.`;
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
  const where = [`${problem.file} line ${problem.line}`];
  if (problem.column !== null) where.push(`column ${problem.column}${problem.columnName ? ` (${problem.columnName})` : ""}`);
  const value = problem.value !== null && problem.value !== "" ? ` “${problem.value}”` : "";
  return `${where.join(", ")}${value}: ${problem.message}`;
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

function showProblems(problems: Problem[], message?: string): void {
  problemsBox.replaceChildren();
  if (problems.length === 0 && message === undefined) {
    problemsBox.hidden = true;
    return;
  }
  problemsBox.hidden = false;
  problemsBox.append(h("p", problems.length ? "Fix these rows; your text is kept as it is:" : (message ?? ""), "problems-title"));
  problemsBox.append(problemList(problems));
}

function showWarnings(warnings: Problem[]): void {
  warningsBox.hidden = warnings.length === 0;
  element("warnings-title").textContent = `${warnings.length} warning${warnings.length === 1 ? "" : "s"}: the data was used as described`;
  element("warnings-list").replaceWith(Object.assign(problemList(warnings), { id: "warnings-list" }));
}

function download(csv: string, name: string): void {
  // A byte-order mark so Excel opens the UTF-8 (Chinese names) correctly.
  saveFile(new Blob(["\ufeff", csv], { type: "text/csv;charset=utf-8" }), name);
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
      `${chosen.name} is ${size} MB, more than this browser tab can work with (${MAX_FILE_BYTES / 1024 / 1024} MB per file); nothing was read and your current data is unchanged. Aggregate the journeys to paths first (kol-attribution sql in your warehouse, or kol-attribution paths) and open the paths file here, or run the whole campaign with the command-line tool (kol-attribution compare --kols … --touchpoints … --orders …).`,
    );
    return;
  }
  try {
    const bytes = new Uint8Array(await chosen.arrayBuffer());
    const { result } = await engine.call("decodeFile", { bytes, file });
    areas[file].value = result.text;
    meta.textContent = `${chosen.name} · ${result.encoding.toUpperCase()}`;
    void recompute();
  } catch (error) {
    meta.textContent = "";
    if (error instanceof EngineError) showProblems(error.problems, error.message);
  }
}

async function loadSample(): Promise<void> {
  const { result } = await engine.call("sampleCampaign", { options: SAMPLE });
  state.sample = result;
  for (const file of CAMPAIGN_FILES) {
    areas[file].value = result.inputs[file];
    element(`${file}-meta`).textContent = "sample";
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

areas.paths.value = samplePaths;

/** A share link wins over what this browser kept; what the link lacks comes from there or the sample. */
// A spinner and Cancel only when a computation takes longer than a moment, so quick edits do not flicker.
let workingTimer: number | undefined;
engine.onBusy = (busy) => {
  window.clearTimeout(workingTimer);
  if (busy) {
    workingTimer = window.setTimeout(() => {
      working.hidden = false;
      cancelButton.hidden = false;
    }, 250);
  } else {
    working.hidden = true;
    cancelButton.hidden = true;
  }
};
cancelButton.addEventListener("click", () => engine.cancel());
retryButton.addEventListener("click", () => void recompute());

async function start(): Promise<void> {
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
  await restore({ ...base, ...settings, budget: { ...base.budget, ...(settings.budget ?? {}) }, inputs });
  saveNote.textContent = link.refused.length
    ? `Opened from a shared link. Not applied, because this page does not accept them: ${link.refused.join(", ")}.`
    : `Opened from a shared link${link.shared.inputs ? ", data included" : "; the data is this browser's own (links carry only small datasets)"}.`;
}

element("share").addEventListener("click", () => {
  void shareLink(snapshot()).then(({ url, withData }) => {
    const field = element<HTMLInputElement>("share-link");
    field.value = url;
    field.hidden = false;
    field.select();
    element("share-note").textContent = withData
      ? "This link carries your settings and your data (it is small)."
      : "This link carries your settings only: the data is too large for a link and stays in this browser; send the files separately.";
    navigator.clipboard?.writeText(url).catch(() => undefined);
  });
});

void start().finally(() => {
  restoring = false;
});
void engine.call("version", {}).then(({ result }) => {
  element<HTMLSpanElement>("engine-version").textContent = `v${result}`;
});
