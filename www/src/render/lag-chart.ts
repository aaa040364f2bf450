// Histograms of converting journeys: orders by days from a touch (the journey's first or last, a
// tier's latest), journeys by touches, or credit by the age of the note touched. A bar per bucket
// (a row per bucket on a phone); the bucket holding the suggested window or path length darker.
import { barX, barY, pointerX, pointerY, ruleX, ruleY, tip } from "@observablehq/plot";
import { percent } from "../format";
import { tr } from "../i18n";
import { type Chart, TIER_COLOURS, chart } from "./charts";

/** A bucket of any of the histograms: values `from` to `to` (`null`: open-ended), `count` in it. */
export interface Bucket {
  from: number;
  to: number | null;
  share: number;
  count: number;
}

/** What a histogram counts, in the reader's words. */
export interface HistogramWords {
  /** The chart's accessible name. */
  aria: string;
  /** The bucket axis ("days from first touch"). */
  axis: string;
  /** The share axis ("share of orders"). */
  share: string;
  /** A bar's tooltip from its bucket's label, share and count. */
  bar: (values: { days: string; share: string; orders: string }) => string;
}

/** A bucket's values as a reader says them: "3", "4–7", "121+". */
export function bucketLabel(bucket: { from: number; to: number | null }): string {
  if (bucket.to === null) return `${bucket.from}+`;
  return bucket.from === bucket.to ? String(bucket.from) : `${bucket.from}–${bucket.to}`;
}

interface BarRow {
  days: string;
  share: number;
  count: number;
  covers: boolean;
}

/** Orders by window days from the journey's first touch, in the reader's words. */
export function firstTouchWords(): HistogramWords {
  return {
    aria: tr("Share of orders by days from the journey's first touch"),
    axis: tr("days from first touch"),
    share: tr("share of orders"),
    bar: (v) => tr("{days} days: {share} of orders ({orders})", v),
  };
}

/** `covering`: the value whose bucket is drawn darker (the suggested window), or null. */
export function lagChart(buckets: Bucket[], covering: number | null, words: HistogramWords, width: number, counts: (n: number) => string = (n) => n.toLocaleString("en-US")): Chart {
  const rows: BarRow[] = buckets.map((b) => ({
    days: bucketLabel(b),
    share: b.share,
    count: b.count,
    covers: covering !== null && b.from <= covering && (b.to === null || covering <= b.to),
  }));
  const size = Math.min(width, 720);
  const title = (r: BarRow): string => words.bar({ days: r.days, share: percent(r.share), orders: counts(r.count) });
  const fill = (r: BarRow): string => (r.covers ? (TIER_COLOURS[0] ?? "#0072B2") : "#8fb8d8");
  const days = { label: words.axis, domain: rows.map((r) => r.days) };
  const share = { label: words.share, tickFormat: "%", grid: true, ticks: 4 };
  // On a phone the buckets are rows: their names side by side would overlap.
  if (size < 560) {
    return chart(
      {
        width: size,
        height: rows.length * 24 + 60,
        marginLeft: 64,
        marginRight: 16,
        ariaLabel: words.aria,
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
      ariaLabel: words.aria,
      x: days,
      y: share,
      marks: [barY(rows, { x: "days", y: "share", fill, title, inset: 2 }), ruleY([0]), tip(rows, pointerX({ x: "days", y: "share", title }))],
    },
    null,
  );
}
