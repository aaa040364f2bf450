// <kol-attribution-calculator>: the calculator as one element for any page. One script tag (this
// module, built as kol-attribution-calculator.js) and one element; styles live in a shadow root so
// the host's CSS neither reaches in nor is affected; the engine runs in its own pool of module
// workers (`workers="1"` for one).
import type { BudgetReport, CampaignInputs, CampaignReport, Catalogue, Model, MoneyReport, Problem } from "../pkg/kol_attribution.js";
import { type ModelName, defaultOf, modelNames, setting } from "./catalogue";
import componentCss from "./component.css?inline";
import { h } from "./dom";
import { Engine, EngineError, SAMPLE } from "./engine";
import { count, money } from "./format";
import { type Lang, setLanguage, tr } from "./i18n";
import { renderBudget, renderDisagreement } from "./render/budget-tables";
import { type ChannelLabel, renderCreditTable, renderMatrix } from "./render/credit-table";
import pageCss from "./style.css?inline";
import { useChannelNames } from "./sources";
import { tierLabels } from "./tiers";

/** What the element can show; `views="credit,matrix,budget"` picks some, in this order. */
const VIEWS = ["credit", "matrix", "budget"] as const;
type View = (typeof VIEWS)[number];
const FILES = ["creators", "touchpoints", "orders"] as const;
/** Files a campaign may add: the notes creators published (fees, boosts) and what ads and search cost. */
const OPTIONAL = ["notes", "spend"] as const;

/** The `result` event's detail: everything the element computed. */
export interface CalculatorResult {
  report: CampaignReport;
  money: MoneyReport | null;
  budget: BudgetReport | null;
}

/** The `error` event's detail: the message, and every input problem with its file, line and column. */
export interface CalculatorError {
  message: string;
  problems: Problem[];
}

let sheet: CSSStyleSheet | undefined;
/** One constructed style sheet for every instance: CSSOM, so even a strict host CSP allows it. */
function styles(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    // The page's sizes are in rem, which follow the host's root font size; in here they follow our own.
    sheet.replaceSync(`${pageCss.replace(/(\d)rem\b/g, "$1em")}\n${componentCss}`);
  }
  return sheet;
}

export class KolAttributionCalculator extends HTMLElement {
  static readonly observedAttributes = ["creators-src", "touchpoints-src", "orders-src", "notes-src", "spend-src", "sample", "windows", "models", "window", "views", "lang"];

  readonly #shadow: ShadowRoot;
  readonly #engine = new Engine();
  #inputs: CampaignInputs | null = null;
  /** The sample campaign, once made: computed as before the notes and spend files existed (tiers only). */
  #sample: CampaignInputs | null = null;
  /** The engine's catalogue (model names in both languages), asked for once. */
  #catalogue: Catalogue | null = null;
  #report: CampaignReport | null = null;
  #budget: BudgetReport | null = null;
  #days: number | null = null;
  #tier: string | null = null;
  #ticket = 0;
  #scheduled = false;

  constructor() {
    super();
    this.#shadow = this.attachShadow({ mode: "open" });
    this.#shadow.adoptedStyleSheets = [styles()];
  }

  /** The campaign as texts, instead of URLs: `{ creators, touchpoints, orders }`, and `notes`, `spend` when given. */
  get inputs(): CampaignInputs | null {
    return this.#inputs;
  }

  set inputs(value: CampaignInputs | null) {
    this.#inputs = value;
    this.#schedule();
  }

  /** The last result, or `null` before the first. */
  get result(): CampaignReport | null {
    return this.#report;
  }

  connectedCallback(): void {
    this.#schedule();
  }

  attributeChangedCallback(name: string): void {
    if (!this.isConnected) return;
    // A new language needs no recomputation, only new labels.
    if (name === "lang" && this.#report) this.#render();
    else this.#schedule();
  }

  /** `lang="zh"` (or any zh-*) for Chinese labels; English otherwise. */
  #language(): Lang {
    return (this.getAttribute("lang") ?? "").toLowerCase().startsWith("zh") ? "zh" : "en";
  }

  disconnectedCallback(): void {
    this.#ticket += 1;
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      void this.#compute();
    });
  }

  #views(): View[] {
    const asked = (this.getAttribute("views") ?? "credit,matrix,budget").split(",").map((v) => v.trim());
    return VIEWS.filter((view) => asked.includes(view));
  }

  #numbers(name: string): number[] | undefined {
    const text = this.getAttribute(name);
    if (text === null || text.trim() === "") return undefined;
    return text.split(",").map((part) => Number(part.trim()));
  }

  /** The campaign: the `inputs` property, else the `*-src` files (same origin only), else inline
   * `<script type="text/csv" data-file="creators">` children, else the sample. The notes and spend
   * files are optional beside the three: `notes-src`, `spend-src`, or inline `data-file="notes"`. */
  async #campaign(): Promise<CampaignInputs> {
    if (this.#inputs) return this.#inputs;
    const sources = FILES.map((file) => this.getAttribute(`${file}-src`));
    if (sources.some((src) => src !== null)) {
      const texts = await Promise.all(
        FILES.map((file, i) => {
          const src = sources[i];
          if (!src) throw new Error(`${file}-src is missing: give all three of creators-src, touchpoints-src and orders-src`);
          return this.#fetchText(file, src);
        }),
      );
      const optional = await Promise.all(OPTIONAL.map((file) => this.#optional(file, (src) => this.#fetchText(file, src))));
      return { creators: texts[0] ?? "", touchpoints: texts[1] ?? "", orders: texts[2] ?? "", ...Object.fromEntries(optional.flat()) };
    }
    const inline = (file: string): string | undefined => this.querySelector<HTMLScriptElement>(`script[type="text/csv"][data-file="${file}"]`)?.textContent?.replace(/^\n/, "");
    const three = FILES.map(inline);
    if (three.every((text) => text !== undefined)) {
      const [creators = "", touchpoints = "", orders = ""] = three;
      const optional = OPTIONAL.flatMap((file) => {
        const text = inline(file);
        return text === undefined ? [] : [[file, text]];
      });
      return { creators, touchpoints, orders, ...Object.fromEntries(optional) };
    }
    this.#sample ??= (await this.#engine.call("sampleCampaign", { options: SAMPLE })).result.inputs;
    return this.#sample;
  }

  /** An optional file's `[name, text]` from its `-src` attribute, or nothing when it has none. */
  async #optional(file: (typeof OPTIONAL)[number], read: (src: string) => Promise<string>): Promise<[string, string][]> {
    const src = this.getAttribute(`${file}-src`);
    return src === null || src.trim() === "" ? [] : [[file, await read(src)]];
  }

  /** The text of the host's file at `src` (decoded as the page decodes an opened file). */
  async #fetchText(file: string, src: string): Promise<string> {
    const url = new URL(src, document.baseURI);
    // The calculator never sends data anywhere, and reads only the host's own files.
    if (url.origin !== location.origin) throw new Error(`${file}-src must be on this site (${location.origin}), not ${url.origin}`);
    const response = await fetch(url, { credentials: "same-origin" });
    if (!response.ok) throw new Error(`${file}-src ${url.pathname}: HTTP ${response.status}`);
    const { result } = await this.#engine.call("decodeFile", { bytes: new Uint8Array(await response.arrayBuffer()), file });
    return result.text;
  }

  async #compute(): Promise<void> {
    const ticket = ++this.#ticket;
    this.#status("Computing…");
    try {
      // The pool's size: `workers="N"`, else from the device (see `poolSize`).
      const workers = this.#numbers("workers")?.[0];
      this.#engine.workers = workers ?? null;
      this.#catalogue ??= (await this.#engine.call("catalogue", {})).result;
      // The names of the groups of ads and search (a spend file's), as the page's.
      useChannelNames(this.#catalogue);
      const inputs = await this.#campaign();
      // The host's notes or spend: every level (notes, channel groups) in the `result` event, as the page asks.
      const given = inputs !== this.#sample && (inputs.notes !== undefined || inputs.spend !== undefined);
      // Named even when they are the engine's defaults, so that the pool can share them out.
      const windows = this.#numbers("windows") ?? defaultOf<number[]>(setting(this.#catalogue, "report", "windows"));
      const models = this.getAttribute("models")?.split(",").map((m) => m.trim() as Model);
      const options = {
        input: { now: Math.floor(Date.now() / 1000) },
        intervals: { resamples: 0 },
        level: given ? ("all" as const) : ("tier" as const),
        windows,
        ...(models ? { models } : {}),
      };
      const { result: report } = await this.#engine.call("campaignReport", { inputs, options });
      let moneyReport: MoneyReport | null = null;
      let budget: BudgetReport | null = null;
      if (this.#views().includes("budget")) {
        moneyReport = (await this.#engine.call("moneyReport", { inputs, options: { input: options.input } })).result;
        budget = (await this.#engine.call("budgetPlan", { report, money: moneyReport, options: {} })).result;
      }
      if (ticket !== this.#ticket) return;
      this.#report = report;
      this.#budget = budget;
      // The window asked for, else the baseline's (as the page opens on), else the longest.
      const asked = Number(this.getAttribute("window"));
      const baseline = defaultOf<number>(setting(this.#catalogue, "report", "baseline.days"));
      this.#days = [asked, baseline].find((days) => report.windows.some((w) => w.days === days)) ?? report.windows.at(-1)?.days ?? null;
      this.#render();
      const detail: CalculatorResult = { report, money: moneyReport, budget };
      this.dispatchEvent(new CustomEvent("result", { detail, bubbles: true, composed: true }));
    } catch (error) {
      if (ticket !== this.#ticket) return;
      const detail: CalculatorError = {
        message: error instanceof Error ? error.message : String(error),
        problems: error instanceof EngineError ? error.problems : [],
      };
      this.#renderError(detail);
      this.dispatchEvent(new CustomEvent("error", { detail, bubbles: true, composed: true }));
    }
  }

  #status(text: string): void {
    setLanguage(this.#language());
    text = tr(text);
    const status = this.#shadow.querySelector(".status");
    if (status) status.textContent = text;
    else this.#shadow.replaceChildren(h("div", undefined, "kol-root"));
  }

  #render(): void {
    const report = this.#report;
    if (!report || !this.#catalogue) return;
    setLanguage(this.#language());
    const modelName: ModelName = modelNames(this.#catalogue);
    const root = h("div", undefined, "kol-root");
    root.setAttribute("part", "root");
    const head = h("div", undefined, "kol-head");
    head.append(h("strong", tr("Attributed credit by creator tier")));
    const buttons = h("div", undefined, "segmented");
    buttons.setAttribute("role", "group");
    buttons.setAttribute("aria-label", tr("Lookback window"));
    for (const w of report.windows) {
      const button = h("button", tr("{days} days", { days: w.days }));
      button.type = "button";
      button.setAttribute("aria-pressed", String(w.days === this.#days));
      button.addEventListener("click", () => {
        this.#days = w.days;
        this.#render();
      });
      buttons.append(button);
    }
    head.append(buttons);
    const s = report.summary;
    const summary = h(
      "p",
      tr("{creators} creators · {orders} orders · {net} net of refunds · {journeys} journeys", {
        creators: s.creators,
        orders: s.orders.toLocaleString("en-US"),
        net: money(s.netValue),
        journeys: count(s.journeys),
      }),
      "status",
    );
    root.append(head, summary);
    const window = report.windows.find((w) => w.days === this.#days);
    const views = this.#views();
    if (window?.tiers && views.includes("credit")) {
      const table = h("table");
      // The host's spend file brings ads and search, whose groups follow the creator tiers: named in words.
      const label: ChannelLabel = (channel) => ({ name: tierLabels(null)(channel) });
      renderCreditTable(table, window.tiers, label, false, modelName);
      root.append(wrap(table));
    }
    if (views.includes("matrix") && window?.tiers) {
      const tiers = window.tiers.channels;
      const tier = this.#tier !== null && tiers.includes(this.#tier) ? this.#tier : (tiers.at(-1) ?? "");
      const pick = h("div", undefined, "segmented");
      for (const name of tiers) {
        const button = h("button", tierLabels(null)(name));
        button.type = "button";
        button.setAttribute("aria-pressed", String(name === tier));
        button.addEventListener("click", () => {
          this.#tier = name;
          this.#render();
        });
        pick.append(button);
      }
      const matrix = h("table", undefined, "matrix");
      renderMatrix(matrix, report, tier, modelName);
      root.append(h("h3", tr("Share of one tier, by model and window")), pick, wrap(matrix));
    }
    if (views.includes("budget") && this.#budget && this.#days !== null) {
      const budget = h("table");
      renderBudget(budget, this.#budget, this.#days, "marginal_return", modelName, tierLabels(null));
      const disagreement = h("table");
      renderDisagreement(disagreement, this.#budget, this.#days, "marginal_return", modelName, tierLabels(null));
      root.append(h("h3", tr("Next budget, equalizing marginal return")), wrap(budget), wrap(disagreement));
    }
    this.#shadow.replaceChildren(root);
  }

  #renderError(error: CalculatorError): void {
    setLanguage(this.#language());
    const root = h("div", undefined, "kol-root");
    const box = h("div", undefined, "problems");
    box.setAttribute("role", "alert");
    box.append(h("p", error.message, "problems-title"));
    const list = h("ul");
    for (const p of error.problems.slice(0, 50)) {
      const where = `${p.file} ${tr("line {line}", { line: p.line })}${p.column === null ? "" : `, ${tr("column {column}", { column: p.column })}`}`;
      list.append(h("li", `${where}: ${p.message}${p.value ? ` (“${p.value}”)` : ""}`));
    }
    box.append(list);
    root.append(box);
    this.#shadow.replaceChildren(root);
  }
}

function wrap(table: HTMLTableElement): HTMLDivElement {
  const div = h("div", undefined, "table-wrap");
  // A table wider than the host page scrolls; keyboard users reach it with Tab.
  div.tabIndex = 0;
  div.append(table);
  return div;
}

if (!customElements.get("kol-attribution-calculator")) {
  customElements.define("kol-attribution-calculator", KolAttributionCalculator);
}

declare global {
  interface HTMLElementTagNameMap {
    "kol-attribution-calculator": KolAttributionCalculator;
  }
}
