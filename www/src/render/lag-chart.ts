// Time lag: the share of converting orders in each bucket of window days from the journey's
// first touch, a bar per bucket (a row per bucket on a phone), the suggested window's bucket darker.
import { barX, barY, pointerX, pointerY, ruleX, ruleY, tip } from "@observablehq/plot";
import type { LagBucket, LagHistogram } from "../../pkg/kol_attribution.js";
import { percent } from "../format";
import { tr } from "../i18n";
import { type Chart, TIER_COLOURS, chart } from "./charts";

/** A bucket's days as a reader says them: "3", "4–7", "121+". */
export function bucketLabel(bucket: LagBucket): string {
  if (bucket.to === null) return `${bucket.from}+`;
  return bucket.from === bucket.to ? String(bucket.from) : `${bucket.from}–${bucket.to}`;
}

interface BarRow {
  days: string;
  share: number;
  orders: number;
  covers: boolean;
}

export function lagChart(histogram: LagHistogram, width: number): Chart {
  const covering = histogram.covering;
  // The bucket holding the suggested window: the first whose last day reaches it.
  const rows: BarRow[] = histogram.buckets.map((b) => ({
    days: bucketLabel(b),
    share: b.share,
    orders: b.orders,
    covers: covering !== null && b.from <= covering && (b.to === null || covering <= b.to),
  }));
  const size = Math.min(width, 720);
  const title = (r: BarRow): string => tr("{days} days: {share} of orders ({orders})", { days: r.days, share: percent(r.share), orders: r.orders.toLocaleString("en-US") });
  const fill = (r: BarRow): string => (r.covers ? (TIER_COLOURS[0] ?? "#0072B2") : "#8fb8d8");
  const ariaLabel = tr("Share of orders by days from the journey's first touch");
  const days = { label: tr("days from first touch"), domain: rows.map((r) => r.days) };
  const share = { label: tr("share of orders"), tickFormat: "%", grid: true, ticks: 4 };
  // On a phone the buckets are rows: their names side by side would overlap.
  if (size < 560) {
    return chart(
      {
        width: size,
        height: rows.length * 24 + 60,
        marginLeft: 64,
        marginRight: 16,
        ariaLabel,
        y: days,
        x: share,
        marks: [barX(rows, { y: "days", x: "share", fill, title, inset: 2 }), ruleX([0]), tip(rows, pointerY({ y: "days", x: "share", title }))],
      },
      null,
    );
  }
  return chart(
    {
      width: size,
      height: 260,
      marginLeft: 48,
      marginBottom: 40,
      ariaLabel,
      x: days,
      y: share,
      marks: [barY(rows, { x: "days", y: "share", fill, title, inset: 2 }), ruleY([0]), tip(rows, pointerX({ x: "days", y: "share", title }))],
    },
    null,
  );
}
