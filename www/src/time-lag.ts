// Time lag in the models view: how many days orders came after the journey's first touch, the
// window that covers the catalogue's share of them (the suggested window), the same from each
// tier's latest touch, and per product category. Asked of the worker only while the view is shown,
// for the campaign the report on screen was read from, and again only when those inputs change.
import type { CampaignOptions, ReportOptions, TimeLag } from "../pkg/kol_attribution.js";
import { h } from "./dom";
import { EngineError } from "./engine";
import { tr } from "./i18n";
import { type CampaignSent, sameInputs } from "./inputs";
import { engine, failureOf } from "./page-engine";
import { showChart } from "./render/chart-figure";
import { lagChart } from "./render/lag-chart";
import * as store from "./store";
import type { PageState } from "./store";
import { tierLabels } from "./tiers";
import type { View } from "./views/view";

interface Shown {
  result: TimeLag;
  inputs: CampaignSent;
  key: string;
}

let shown: Shown | null = null;
let latest = 0;

/** What the lag of the state shown would be computed from, or null when there is nothing to measure. */
function request(s: Readonly<PageState>): { key: string; inputs: CampaignSent; input: CampaignOptions } | null {
  const from = s.computedFrom?.report;
  if (s.view !== "models" || s.mode !== "campaign" || s.stale || !from || !s.report) return null;
  const input = (from.options as ReportOptions).input ?? {};
  // `now` only flags future dates: it does not move a lag.
  return { key: JSON.stringify({ ...input, now: undefined }), inputs: from.inputs, input };
}

function same(a: Shown, asked: { key: string; inputs: CampaignSent }): boolean {
  return a.key === asked.key && sameInputs(a.inputs, asked.inputs);
}

/** The section, made once inside the models view (below the model × window block). */
function section(): HTMLElement {
  const found = document.getElementById("lag-block");
  if (found) return found;
  const block = h("section", undefined, "lag-block");
  block.id = "lag-block";
  block.setAttribute("aria-labelledby", "lag-title");
  block.hidden = true;
  document.getElementById("view-models")?.append(block);
  return block;
}

function days(n: number): string {
  return tr(n === 1 ? "{days} day" : "{days} days", { days: n.toLocaleString("en-US") });
}

function table(id: string, caption: string, head: [string, string], rows: [string, string][]): HTMLElement {
  const wrap = h("div", undefined, "table-wrap");
  // Scrolls sideways on a narrow screen: reachable by keyboard.
  wrap.tabIndex = 0;
  const t = h("table", undefined, "lag-table");
  t.id = id;
  t.append(h("caption", caption));
  const thead = h("thead");
  const top = h("tr");
  for (const text of head) {
    const th = h("th", text);
    th.scope = "col";
    top.append(th);
  }
  thead.append(top);
  const body = h("tbody");
  for (const [name, value] of rows) {
    const tr_ = h("tr");
    const th = h("th", name);
    th.scope = "row";
    tr_.append(th, h("td", value));
    body.append(tr_);
  }
  t.append(thead, body);
  wrap.append(t);
  return wrap;
}

function render(): void {
  const s = store.page();
  const block = section();
  const lag = shown?.result;
  block.hidden = s.mode !== "campaign" || !lag || !s.report;
  if (block.hidden || !lag) return;
  const title = h("h3", tr("Time lag"));
  title.id = "lag-title";
  const said = h("div");
  said.id = "lag-said";
  const percent = String(lag.coveragePercent);
  const covering = lag.fromFirstTouch.covering;
  if (covering !== null) {
    said.append(
      h("p", tr("{percent}% of orders came within {days} of the journey's first touch; suggested window: {window}.", { percent, days: days(covering), window: days(covering) })),
    );
  }
  if (lag.note) said.append(h("p", lag.note, "note"));
  if (lag.withoutTouches > 0) said.append(h("p", tr("{count} orders had no touch before them and are not measured.", { count: lag.withoutTouches.toLocaleString("en-US") }), "note"));
  const chartHost = h("div", undefined, "chart-host");
  chartHost.id = "lag-chart";
  block.replaceChildren(title, said, chartHost);
  if (lag.fromFirstTouch.orders > 0) showChart(chartHost, tr("Orders by days from the journey's first touch"), "time-lag", (width) => lagChart(lag.fromFirstTouch, width));
  const tierName = tierLabels(s.settings);
  const tiers = lag.tiers.filter((t) => t.fromLatestTouch.covering !== null);
  if (tiers.length > 0) {
    block.append(
      table(
        "lag-tiers",
        tr("Days from each tier's latest touch that cover {percent}% of the orders it touched", { percent }),
        [tr("Tier"), tr("Covering lag")],
        tiers.map((t) => [tierName(t.tier), days(t.fromLatestTouch.covering ?? 0)]),
      ),
    );
  }
  const categories = lag.categories.filter((c) => c.fromFirstTouch.covering !== null);
  if (categories.length > 0) {
    block.append(
      table(
        "lag-categories",
        tr("Suggested window per product category ({percent}% of its orders)", { percent }),
        [tr("Category"), tr("Suggested window")],
        categories.map((c) => [c.category, days(c.fromFirstTouch.covering ?? 0)]),
      ),
    );
  }
}

async function run(): Promise<void> {
  const asked = request(store.page());
  if (!asked || (shown && same(shown, asked))) return render();
  const ticket = ++latest;
  try {
    const { result } = await engine.call("timeLag", { inputs: asked.inputs, options: { input: asked.input } });
    if (ticket !== latest) return;
    shown = { result, inputs: asked.inputs, key: asked.key };
  } catch (error) {
    if (ticket !== latest || (error instanceof EngineError && error.cancelled)) return;
    // The report read these same inputs, so a refusal here is the engine's fault: said, not hidden.
    shown = null;
    store.failed(failureOf(error));
  }
  render();
}

/** Measures the lag when the models view is shown and what it depends on changes. */
export function watch(): void {
  store.subscribe(["view", "computedFrom", "stale", "mode", "report"], () => void run());
}

/** The section as one of the page's views: redrawn in another language, tier names or width. */
export const lagView: View = {
  id: "time-lag",
  watches: ["lang", "settings", "view"],
  mount() {},
  render,
};
