import "./style.css";
import type { Comparison, Model, Problem } from "../pkg/kol_attribution.js";
import { Engine, EngineError } from "./engine";
import { count, money, percent } from "./format";
import samplePaths from "./sample-paths.csv?raw";

const MODEL_LABELS: Record<Model, string> = {
  first_touch: "First touch",
  last_touch: "Last touch",
  linear: "Linear",
};

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page lacks #${id}`);
  return found as T;
}

const input = element<HTMLTextAreaElement>("paths-input");
const fileInput = element<HTMLInputElement>("paths-file");
const separatorInput = element<HTMLInputElement>("separator");
const problemsBox = element<HTMLDivElement>("problems");
const statusLine = element<HTMLParagraphElement>("status");
const summary = element<HTMLDListElement>("summary");
const table = element<HTMLTableElement>("results");
const exportButton = element<HTMLButtonElement>("export-csv");
const resultsPanel = element<HTMLElement>("results-panel");

const engine = new Engine();
let latest = 0;
let shown: Comparison | null = null;

/** Builds an element with text content only: user text never becomes HTML. */
function h<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

async function recompute(): Promise<void> {
  const ticket = ++latest;
  const options = { paths: { separator: separatorInput.value } };
  try {
    const { result, ms } = await engine.call("comparePaths", { input: input.value, options });
    if (ticket !== latest) return;
    shown = result;
    resultsPanel.classList.remove("stale");
    showProblems([]);
    render(result);
    statusLine.textContent = `${result.models.length} models × ${result.channels.length} channels over ${result.totals.paths} paths, computed in ${ms.toFixed(1)} ms in a Web Worker.`;
    statusLine.className = "status ok";
  } catch (error) {
    if (ticket !== latest) return;
    const failure = error instanceof EngineError ? error : new EngineError({ message: String(error), problems: [], option: null, internal: true });
    showProblems(failure.problems, failure.message);
    // Keep the last good numbers on screen for reference, but never pass them off as current.
    resultsPanel.classList.add("stale");
    statusLine.textContent = failure.problems.length
      ? `The input has ${failure.problems.length} problem${failure.problems.length === 1 ? "" : "s"}; the dimmed results are from the last input that could be read.`
      : failure.message;
    statusLine.className = "status error";
  }
  exportButton.disabled = shown === null || resultsPanel.classList.contains("stale");
}

function render(result: Comparison): void {
  const scale = result.totals.valueScale;
  summary.replaceChildren();
  for (const [term, value] of [
    ["Paths", result.totals.paths.toLocaleString("en-US")],
    ["Conversions", count(result.totals.conversions)],
    ["Conversion value", money(result.totals.value, scale)],
    ["Non-converting journeys", count(result.totals.nulls)],
  ] as const) {
    const item = h("div", undefined, "summary-item");
    item.append(h("dt", term), h("dd", value));
    summary.append(item);
  }

  // Channels ordered by the first model's credited value, largest first.
  const byKey = new Map(result.credits.map((c) => [`${c.model}\u0000${c.channel}`, c]));
  const first = result.models[0];
  const key = (channel: string): number => Number(byKey.get(`${first}\u0000${channel}`)?.value ?? 0);
  const channels = [...result.channels].sort((a, b) => key(b) - key(a) || a.localeCompare(b));

  const head = h("thead");
  const groups = h("tr");
  groups.append(h("th", "", "channel-col"));
  const columns = h("tr");
  const channelHeader = h("th", "Channel", "channel-col");
  channelHeader.scope = "col";
  columns.append(channelHeader);
  for (const model of result.models) {
    const group = h("th", MODEL_LABELS[model], "model-group");
    group.colSpan = 2;
    group.scope = "colgroup";
    groups.append(group);
    for (const label of ["Conversions", "Value"]) {
      const th = h("th", label, "num");
      th.scope = "col";
      columns.append(th);
    }
  }
  head.append(groups, columns);

  const body = h("tbody");
  for (const channel of channels) {
    const row = h("tr");
    const name = h("th", channel, "channel-col");
    name.scope = "row";
    row.append(name);
    for (const model of result.models) {
      const credit = byKey.get(`${model}\u0000${channel}`);
      row.append(h("td", count(credit?.conversions ?? 0), "num"));
      const valueCell = h("td", undefined, "num value-cell");
      const bar = h("span", undefined, "share-bar");
      bar.style.width = `${Math.round((credit?.valueShare ?? 0) * 100)}%`;
      valueCell.append(bar, h("span", money(credit?.value ?? "0", scale), "value-text"));
      valueCell.title = `${percent(credit?.valueShare ?? 0)} of value, ${percent(credit?.conversionShare ?? 0)} of conversions`;
      row.append(valueCell);
    }
    body.append(row);
  }

  const foot = h("tfoot");
  const totalRow = h("tr");
  const totalLabel = h("th", "Total", "channel-col");
  totalLabel.scope = "row";
  totalRow.append(totalLabel);
  for (const _model of result.models) {
    totalRow.append(h("td", count(result.totals.conversions), "num"), h("td", money(result.totals.value, scale), "num"));
  }
  foot.append(totalRow);
  table.replaceChildren(head, body, foot);
}

function describe(problem: Problem): string {
  const where = [`Line ${problem.line}`];
  if (problem.column !== null) where.push(`column ${problem.column}${problem.columnName ? ` (${problem.columnName})` : ""}`);
  const value = problem.value !== null ? ` “${problem.value}”` : "";
  return `${where.join(", ")}${value}: ${problem.message}`;
}

function showProblems(problems: Problem[], message?: string): void {
  problemsBox.replaceChildren();
  if (problems.length === 0 && message === undefined) {
    problemsBox.hidden = true;
    return;
  }
  problemsBox.hidden = false;
  problemsBox.append(h("p", problems.length ? "Fix these rows; your text is kept as it is:" : (message ?? ""), "problems-title"));
  const list = h("ul");
  for (const problem of problems) {
    const item = h("li");
    const jump = h("button", describe(problem), "problem");
    jump.type = "button";
    jump.dataset.line = String(problem.line);
    jump.addEventListener("click", () => selectLine(problem.line));
    item.append(jump);
    list.append(item);
  }
  problemsBox.append(list);
}

/** Offset of the first character of line `line` (1-based) in `text`. */
function lineStart(text: string, line: number): number {
  let start = 0;
  for (let i = 1; i < line; i++) {
    const newline = text.indexOf("\n", start);
    if (newline === -1) break;
    start = newline + 1;
  }
  return start;
}

/** Selects line `line` of the text area, so the user sees the offending row. */
function selectLine(line: number): void {
  const text = input.value;
  const start = lineStart(text, line);
  const end = text.indexOf("\n", start);
  input.focus();
  input.setSelectionRange(start, end === -1 ? text.length : end);
  const lineHeight = parseFloat(getComputedStyle(input).lineHeight) || 18;
  input.scrollTop = Math.max(0, (line - 3) * lineHeight);
}

async function exportCsv(): Promise<void> {
  if (!shown) return;
  const { result: csv } = await engine.call("creditsCsv", { comparison: shown });
  // A byte-order mark so Excel opens the UTF-8 (Chinese channel names) correctly.
  const blob = new Blob(["\ufeff", csv], { type: "text/csv;charset=utf-8" });
  const link = h("a");
  link.href = URL.createObjectURL(blob);
  link.download = "kol-attribution-credits.csv";
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

let debounce: ReturnType<typeof setTimeout> | undefined;
function scheduleRecompute(): void {
  clearTimeout(debounce);
  debounce = setTimeout(() => void recompute(), 200);
}

input.addEventListener("input", scheduleRecompute);
separatorInput.addEventListener("input", scheduleRecompute);
fileInput.addEventListener("change", async () => {
  const file = fileInput.files?.[0];
  if (!file) return;
  input.value = await file.text();
  fileInput.value = "";
  void recompute();
});
exportButton.addEventListener("click", () => void exportCsv());

input.value = samplePaths;
void recompute();
void engine.call("version", {}).then(({ result }) => {
  element<HTMLSpanElement>("engine-version").textContent = `v${result}`;
});
