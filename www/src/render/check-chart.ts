// Calibration: each checked model's mean predicted probability against the share of journeys
// that converted, decile by decile of its predictions, on held-out journeys. A model on the
// diagonal means what it says; above it, journeys convert more often than it predicts.
import { dot, line, pointer, ruleY, tip } from "@observablehq/plot";
import type { Model, ModelCheck } from "../../pkg/kol_attribution.js";
import type { ModelName } from "../catalogue";
import { percent } from "../format";
import { tr } from "../i18n";
import { type Chart, TIER_COLOURS, chart } from "./charts";

interface BinRow {
  model: string;
  predicted: number;
  observed: number;
  journeys: number;
}

/** `order`: every model, in the catalogue's order, so each keeps its colour whichever are checked. */
export function calibrationChart(check: ModelCheck, width: number, modelName: ModelName, order: Model[]): Chart {
  const models = check.models.map((m) => modelName(m.model));
  // Each model's line runs from its least to its most confident decile.
  const rows: BinRow[] = check.models.flatMap((m) =>
    m.calibration.map((b) => ({ model: modelName(m.model), predicted: b.predicted, observed: b.observed, journeys: b.journeys })).sort((a, b) => a.predicted - b.predicted),
  );
  const top = Math.min(1, Math.max(0.05, ...rows.flatMap((r) => [r.predicted, r.observed])) * 1.05);
  const legend = { domain: models, colours: check.models.map((m) => TIER_COLOURS[Math.max(0, order.indexOf(m.model)) % TIER_COLOURS.length] ?? "#888") };
  const narrow = width < 560;
  const size = Math.min(width, 560);
  const title = (r: BinRow): string =>
    `${r.model}\n${tr("predicted {predicted}, observed {observed} ({journeys} journeys)", { predicted: percent(r.predicted), observed: percent(r.observed), journeys: r.journeys.toLocaleString("en-US") })}`;
  return chart(
    {
      width: size,
      height: Math.round(size * (narrow ? 0.9 : 0.75)),
      marginLeft: 52,
      marginBottom: 40,
      ariaLabel: tr("Calibration: predicted against observed conversion rate, by decile of each model's prediction"),
      x: { label: tr("predicted probability to convert"), tickFormat: "%", grid: true, domain: [0, top], ticks: narrow ? 4 : 6 },
      y: { label: tr("observed conversion rate"), tickFormat: "%", grid: true, domain: [0, top], ticks: narrow ? 4 : 6 },
      color: { domain: legend.domain, range: legend.colours },
      marks: [
        // What a perfectly calibrated model would draw.
        line(
          [
            [0, 0],
            [top, top],
          ],
          { stroke: "#6b7280", strokeDasharray: "4 3", strokeWidth: 1 },
        ),
        ruleY([0]),
        line(rows, { x: "predicted", y: "observed", stroke: "model", strokeWidth: 1.5 }),
        dot(rows, { x: "predicted", y: "observed", fill: "model", r: 3, title }),
        tip(rows, pointer({ x: "predicted", y: "observed", title })),
      ],
    },
    legend,
  );
}
