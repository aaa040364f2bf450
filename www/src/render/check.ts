// The model check and the lift tests as the page says them: sentences first (which model predicts
// held-out journeys best, against the base rate; what each experiment measured and which models
// fall inside its interval), then the tables. Scores are the engine's, shown at fixed places: a
// log-loss to three, a Brier score to four.
import type { LiftCheck, LiftTest, Model, ModelCheck } from "../../pkg/kol_attribution.js";
import type { ModelName } from "../catalogue";
import { h } from "../dom";
import { type Bilingual, type Phrase, listed, phrase, tr } from "../i18n";

export const logLoss = (x: number): string => x.toFixed(3);
export const brier = (x: number): string => x.toFixed(4);

/** `-3.2%` against the base rate: how much lower (better) a model's score is. */
function against(score: number, base: number): string {
  const change = ((score - base) / base) * 100;
  return `${change > 0 ? "+" : change < 0 ? "−" : ""}${Math.abs(change).toFixed(1)}%`;
}

/** What the check says, in sentences: the best model against the base rate, how many beat it, and who gives no probability. */
export function checkSentences(check: ModelCheck, name: (model: Model) => Bilingual): Phrase[] {
  const said: Phrase[] = [];
  const best = check.models[0];
  const base = logLoss(check.baseRateLogLoss);
  if (best && best.logLoss < check.baseRateLogLoss) {
    said.push(phrase("{model} predicts held-out journeys best: log-loss {loss} against the base rate's {base}.", { model: name(best.model), loss: logLoss(best.logLoss), base }));
  } else if (best) {
    said.push(phrase("No model predicts held-out journeys better than the base rate (log-loss {base}): in this window the touches tell little about who buys.", { base }));
  }
  if (check.models.length > 0) {
    const beating = check.models.filter((m) => m.logLoss < check.baseRateLogLoss).length;
    said.push(
      phrase("Scored on {journeys} journeys of the {days}-day window ({conversions} converted), each by models fitted on the other folds ({folds} in all); {beating} of {models} beat knowing only the conversion rate.", {
        journeys: check.journeys.toLocaleString("en-US"),
        days: check.days,
        conversions: check.conversions.toLocaleString("en-US"),
        folds: check.folds,
        beating,
        models: check.models.length,
      }),
    );
  }
  if (check.withoutProbability.length > 0) {
    const names = check.withoutProbability.map(name);
    said.push(phrase("{models} give no probability (they split orders that happened), so they are not scored.", { models: listed(names) }));
  }
  return said;
}

function headRow(cells: string[]): HTMLTableSectionElement {
  const row = h("tr");
  cells.forEach((text, i) => {
    const th = h("th", text, i === 0 ? "channel-col" : "num");
    th.scope = "col";
    row.append(th);
  });
  const thead = h("thead");
  thead.append(row);
  return thead;
}

function rowHead(text: string): HTMLTableCellElement {
  const th = h("th", text, "channel-col");
  th.scope = "row";
  return th;
}

/** A score, and under it how it compares with the base rate's (none for the base rate itself). */
function scoreCell(kind: "logLoss" | "brier", score: number, base: number | null): HTMLTableCellElement {
  const text = kind === "logLoss" ? logLoss : brier;
  const cell = h("td", undefined, "num");
  const value = h("span", text(score), "value-text");
  value.dataset.score = kind;
  cell.append(value);
  if (base !== null) {
    cell.classList.add(score < base ? "beats" : "misses");
    const detail = h("span", against(score, base), "cell-detail");
    detail.title = tr("against the base rate");
    cell.append(detail);
  }
  return cell;
}

/** Per model, log-loss and Brier score, each against the base rate's; a model that beats the base rate is marked. */
export function renderScores(table: HTMLTableElement, check: ModelCheck, modelName: ModelName): void {
  const body = h("tbody");
  for (const m of check.models) {
    const row = h("tr");
    row.dataset.model = m.model;
    row.append(rowHead(modelName(m.model)), scoreCell("logLoss", m.logLoss, check.baseRateLogLoss), scoreCell("brier", m.brier, check.baseRateBrier));
    body.append(row);
  }
  const base = h("tr", undefined, "base-rate");
  base.dataset.model = "base-rate";
  base.append(rowHead(tr("Base rate (no touches)")), scoreCell("logLoss", check.baseRateLogLoss, null), scoreCell("brier", check.baseRateBrier, null));
  body.append(base);
  table.replaceChildren(
    h("caption", tr("Held-out log-loss and Brier score per model (lower is better); under each, how much lower or higher than the base rate's: predicting every journey the conversion rate of the other folds.")),
    headRow([tr("Model"), tr("Log-loss"), tr("Brier score")]),
    body,
  );
}

/** Whether a test was measured as a relative lift, from the tests the report was computed with. */
function isRelative(tests: LiftTest[], name: string): boolean {
  const found = tests.find((t, i) => (t.name?.trim() || `test ${i + 1}`) === name);
  return found?.relativeLift !== undefined && found.relativeLift !== null;
}

/** A number in a test's measure: a relative lift as a percentage, conversions to one place. */
function measureText(x: number, relative: boolean): string {
  return relative ? `${(x * 100).toFixed(1)}%` : x.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** A test's name as the page says it: the engine's default names ("test 1") in the page's language. */
function testName(name: string): string {
  const numbered = /^test (\d+)$/u.exec(name);
  return numbered ? tr("Lift test {number}", { number: numbered[1] ?? "" }) : name;
}

/** The tests of one window: names in order, and each one's checks, incremental's first. */
function testsOf(checks: LiftCheck[], days: number, order: Model[]): { name: string; checks: LiftCheck[] }[] {
  const here = checks.filter((c) => c.days === days);
  const rank = (m: Model): number => (m === "incremental" ? -1 : order.indexOf(m));
  return [...new Set(here.map((c) => c.test))].map((name) => ({ name, checks: here.filter((c) => c.test === name).sort((a, b) => rank(a.model) - rank(b.model)) }));
}

/** Per test: what it measured, what the incremental model implies, how many models fall inside. */
export function liftSentences(checks: LiftCheck[], days: number, tests: LiftTest[], order: Model[]): Phrase[] {
  return testsOf(checks, days, order).flatMap(({ name, checks: list }) => {
    const first = list[0];
    if (!first) return [];
    const relative = isRelative(tests, name);
    const incremental = list.find((c) => c.model === "incremental");
    const values = {
      test: testName(name),
      measured: measureText(first.measured, relative),
      low: measureText(first.low, relative),
      high: measureText(first.high, relative),
      inside: list.filter((c) => c.inside).length,
      models: list.length,
    };
    if (!incremental) return [phrase("{test} measured {measured} (90%: {low} to {high}); {inside} of {models} models fall inside.", values)];
    return [
      phrase(
        incremental.inside
          ? "{test} measured {measured} (90%: {low} to {high}); the incremental model, which takes it in, implies {implied}, inside; {inside} of {models} models fall inside."
          : "{test} measured {measured} (90%: {low} to {high}); the incremental model, which takes it in, implies {implied}, outside; {inside} of {models} models fall inside.",
        { ...values, implied: measureText(incremental.implied, relative) },
      ),
    ];
  });
}

/** Rows: models, incremental's first; a column per test: the number it implies, inside or outside the test's interval. */
export function renderLiftChecks(table: HTMLTableElement, checks: LiftCheck[], days: number, tests: LiftTest[], order: Model[], modelName: ModelName): void {
  const shown = testsOf(checks, days, order);
  const models = shown[0]?.checks.map((c) => c.model) ?? [];
  const body = h("tbody");
  for (const model of models) {
    const row = h("tr");
    row.dataset.model = model;
    row.append(rowHead(modelName(model)));
    for (const { name, checks: list } of shown) {
      const c = list.find((x) => x.model === model);
      const cell = h("td", undefined, "num");
      if (c) {
        cell.classList.add(c.inside ? "inside" : "outside");
        cell.append(h("span", measureText(c.implied, isRelative(tests, name)), "value-text"), h("span", tr(c.inside ? "inside" : "outside"), "cell-detail"));
      }
      row.append(cell);
    }
    body.append(row);
  }
  const heads = shown.map(({ name, checks: list }) => {
    const relative = isRelative(tests, name);
    const first = list[0];
    return first
      ? tr("{test}: {measured} (90%: {low} to {high})", { test: testName(name), measured: measureText(first.measured, relative), low: measureText(first.low, relative), high: measureText(first.high, relative) })
      : testName(name);
  });
  table.replaceChildren(
    h("caption", tr("What each model implies for each test's creators and period, in the test's measure, and whether it falls inside the test's 90% interval ({days}-day window).", { days })),
    headRow([tr("Model"), ...heads]),
    body,
  );
}
