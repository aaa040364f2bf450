// Note age in the models view: the credit to notes with a publish date by how old the note was at
// the order (the linear model's credit over the longest window, as the engine's timeLag measures
// it), the share of it that came more than 30, 60 and 90 days after publishing, per tier and for
// the most credited notes: the evidence for or against a 30-day cut-off.
import type { NoteAge } from "../pkg/kol_attribution.js";
import { h } from "./dom";
import { percent } from "./format";
import { tr } from "./i18n";
import { showChart } from "./render/chart-figure";
import { lagChart } from "./render/lag-chart";
import { plainTable } from "./render/plain-table";

/** How many of the most credited notes the table lists. */
const TOP_NOTES = 10;

function conversions(n: number): string {
  return n.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** The section, and how to draw its chart once the section is in the page (the chart measures its host). */
export function noteAgeSection(age: NoteAge, tierName: (tier: string) => string): { section: HTMLElement; draw: () => void } {
  const block = h("section", undefined, "note-age");
  block.id = "note-age";
  block.setAttribute("aria-labelledby", "note-age-title");
  const title = h("h4", tr("Note age"));
  title.id = "note-age-title";
  const [d30, d60, d90] = age.afterDays;
  const [a30, a60, a90] = age.after;
  const said = h(
    "p",
    tr("Of {conversions} conversions credited to dated notes, {after30} came more than {d30} days after the note was published, {after60} after {d60} days and {after90} after {d90} days.", {
      conversions: conversions(age.conversions),
      after30: percent(a30),
      after60: percent(a60),
      after90: percent(a90),
      d30,
      d60,
      d90,
    }),
  );
  said.id = "note-age-said";
  const chartHost = h("div", undefined, "chart-host");
  chartHost.id = "note-age-chart";
  block.append(title, said, chartHost);
  const words = {
    aria: tr("Share of credited conversions by the note's age"),
    axis: tr("days since the note was published"),
    share: tr("share of credit"),
    bar: (v: { days: string; share: string; orders: string }) => tr("{days} days after publishing: {share} of the credit ({orders} conversions)", v),
  };
  const draw = (): void =>
    showChart(chartHost, tr("Credit by the age of the note touched"), "note-age", (width) =>
      lagChart(
        age.buckets.map((b) => ({ from: b.from, to: b.to, share: b.share, count: b.conversions })),
        null,
        words,
        width,
        conversions,
      ),
    );
  const heads = [tr("Tier"), ...age.afterDays.map((days) => tr("after {days} days", { days }))];
  if (age.tiers.length > 0) {
    block.append(
      plainTable(
        "note-age-tiers",
        tr("Share of each tier's note credit that came late"),
        heads,
        age.tiers.map((t) => [tierName(t.tier), ...t.after.map(percent)]),
      ),
    );
  }
  if (age.notes.length > 0) {
    block.append(
      plainTable(
        "note-age-notes",
        tr("The {count} most credited notes: how late their credit came", { count: Math.min(TOP_NOTES, age.notes.length) }),
        [tr("Note"), tr("Creator"), tr("Conversions"), ...heads.slice(1)],
        age.notes.slice(0, TOP_NOTES).map((n) => [n.noteId, n.kolId, conversions(n.conversions), ...n.after.map(percent)]),
      ),
    );
  }
  return { section: block, draw };
}
