// Time lag in the models view: how many days orders came after the journey's first touch, the
// window that covers the catalogue's share of them (the suggested window), the same from the last
// touch and from each tier's latest touch (as histograms, as GA4 users know them), touches per
// converting journey, per product category, and the age of the notes that earned the credit.
// Asked of the worker only while the view is shown, for the campaign the report on screen was read
// from, and again only when those inputs change.
import type { CampaignOptions, LagHistogram, ReportOptions, TimeLag } from "../pkg/kol_attribution.js";
import { h } from "./dom";
import { EngineError } from "./engine";
import { tr } from "./i18n";
import { type CampaignSent, sameInputs } from "./inputs";
import { engine, failureOf } from "./page-engine";
import { showChart } from "./render/chart-figure";
import { noteAgeSection } from "./note-age";
import { type Bucket, type HistogramWords, firstTouchWords, lagChart } from "./render/lag-chart";
import { plainTable as table } from "./render/plain-table";
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
/** Which histogram of days the chart shows: from the journey's first or last touch, or a tier's latest (its name). */
let from = "first";

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
  const tierName = tierLabels(s.settings);
  const histograms = daysHistograms(lag, tierName);
  if (!histograms.some(([id]) => id === from)) from = "first";
  const drawDays = (): void => {
    const [, label, histogram] = histograms.find(([id]) => id === from) ?? histograms[0]!;
    if (histogram.orders === 0) return chartHost.replaceChildren(h("p", tr("No order to measure."), "note"));
    const words = from === "first" ? firstTouchWords() : daysWords(label);
    showChart(chartHost, from === "first" ? tr("Orders by days from the journey's first touch") : tr("Orders by days from {touch}", { touch: label }), from === "first" ? "time-lag" : `time-lag-${from.replace(/[^\p{L}\p{N}_-]+/gu, "-")}`, (width) =>
      lagChart(buckets(histogram), histogram.covering, words, width),
    );
  };
  block.replaceChildren(title, said, fromChoice(histograms, drawDays), chartHost);
  drawDays();
  if (lag.touches.orders > 0) {
    const pathHost = h("div", undefined, "chart-host");
    pathHost.id = "lag-touches";
    block.append(
      h("p", tr("Converting journeys had {count} touches in all; {percent}% of them had at most {touches}.", { count: lag.touchesTotal.toLocaleString("en-US"), percent, touches: lag.touches.covering ?? 0 })),
      pathHost,
    );
    showChart(pathHost, tr("Converting journeys by their number of touches"), "path-length", (width) => lagChart(buckets(lag.touches), lag.touches.covering, pathWords(), width));
  }
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
  if (lag.noteAge) {
    const { section: ages, draw } = noteAgeSection(lag.noteAge, tierName);
    block.append(ages);
    draw();
  }
}

/** The histograms of days the chart can show: id, the touch they count from, the histogram. */
function daysHistograms(lag: TimeLag, tierName: (tier: string) => string): [string, string, LagHistogram][] {
  return [
    ["first", tr("the journey's first touch"), lag.fromFirstTouch],
    ["last", tr("the journey's last touch"), lag.fromLastTouch],
    ...lag.tiers.filter((t) => t.fromLatestTouch.orders > 0).map((t): [string, string, LagHistogram] => [`tier:${t.tier}`, tr("{tier}'s latest touch", { tier: tierName(t.tier) }), t.fromLatestTouch]),
  ];
}

/** The choice of histogram; `changed` redraws the chart (the choice lasts while the page is open). */
function fromChoice(histograms: [string, string, LagHistogram][], changed: () => void): HTMLElement {
  const wrap = h("p", undefined, "lag-from");
  const label = h("label", tr("Days counted from"));
  label.htmlFor = "lag-from";
  const select = h("select");
  select.id = "lag-from";
  for (const [id, name] of histograms) {
    const option = h("option", name);
    option.value = id;
    option.selected = id === from;
    select.append(option);
  }
  select.addEventListener("change", () => {
    from = select.value;
    changed();
  });
  wrap.append(label, " ", select);
  return wrap;
}

function buckets(histogram: LagHistogram): Bucket[] {
  return histogram.buckets.map((b) => ({ from: b.from, to: b.to, share: b.share, count: b.orders }));
}

function daysWords(touch: string): HistogramWords {
  return {
    aria: tr("Share of orders by days from {touch}", { touch }),
    axis: tr("days before the order"),
    share: tr("share of orders"),
    bar: (v) => tr("{days} days: {share} of orders ({orders})", v),
  };
}

function pathWords(): HistogramWords {
  return {
    aria: tr("Share of converting journeys by their number of touches"),
    axis: tr("touches per journey"),
    share: tr("share of journeys"),
    bar: (v) => tr("{days} touches: {share} of journeys ({orders})", v),
  };
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
