// The notes a campaign's credit went through: the top notes under one model and window (each
// creator's credit split among its notes by the engine), with its creator, publish date, cost
// (fee and boost, and its part of the creator's commission) and return on spend, a page at a
// time; above them, how much the top notes carry against the long tail.
import type { CampaignReport, Model, NoteInfo, RoiRow } from "../../pkg/kol_attribution.js";
import type { ModelName } from "../catalogue";
import { h } from "../dom";
import { count, money, percent, sumDecimals } from "../format";
import { tr } from "../i18n";
import { pageOf } from "./pager";

export interface NoteRow {
  note: NoteInfo;
  handle: string;
  value: string;
  conversions: number;
  /** Of all order value (the engine's share). */
  share: number;
  cost: string | null;
  roas: number | null;
}

/** The notes of window `days` under `model`, most credit first; null when the report has no note level. */
export function noteRows(report: CampaignReport, roi: RoiRow[], days: number, model: Model): NoteRow[] | null {
  const level = report.windows.find((w) => w.days === days)?.notes;
  if (!level || report.notes.length === 0) return null;
  const credits = new Map(level.credits.filter((c) => c.model === model).map((c) => [c.channel, c]));
  const money = new Map(roi.filter((r) => r.days === days && r.level === "note" && r.model === model).map((r) => [r.channel, r]));
  const handles = new Map(report.creators.map((c) => [c.id, c.handle]));
  return report.notes
    .map((note) => {
      const credit = credits.get(note.id);
      const r = money.get(note.id);
      return {
        note,
        handle: handles.get(note.kolId) ?? note.kolId,
        value: credit?.value ?? "0.00",
        conversions: credit?.conversions ?? 0,
        share: credit?.valueShare ?? 0,
        cost: r?.cost ?? null,
        roas: r?.roas ?? null,
      };
    })
    .sort((a, b) => Number(b.value) - Number(a.value) || a.note.id.localeCompare(b.note.id));
}

/** Of `part` in `whole` (decimal strings), for display only. */
function of(part: string, whole: string): number {
  return Number(whole) === 0 ? 0 : Number(part) / Number(whole);
}

/** The sentence above the table: what the top notes carry, and the long tail. */
export function notesSaid(rows: NoteRow[], top: number, modelName: string, days: number): string {
  const all = sumDecimals(rows.map((r) => r.value));
  const head = rows.slice(0, top);
  const tail = rows.slice(top);
  const headPart = of(sumDecimals(head.map((r) => r.value)), all);
  const first = tr("Under {model} at {days} days, {count} notes carry {amount} of credit.", { model: modelName, days, count: rows.length, amount: money(all) });
  if (tail.length === 0) return first;
  return `${first} ${tr("The top {top}: {headPart}; the other {rest} notes: {tailPart}.", {
    top: head.length,
    headPart: percent(headPart),
    rest: tail.length,
    tailPart: percent(1 - headPart),
  })}`;
}

/** Page `page` of the notes (`size` a page) into `table`; returns the page drawn. */
export function renderNoteTable(table: HTMLTableElement, rows: NoteRow[], page: number, size: number, caption: string): number {
  const head = h("tr");
  for (const [label, numeric] of [
    ["Note", false],
    ["Creator", false],
    ["Published", false],
    ["Credited value", true],
    ["Of order value", true],
    ["Conversions", true],
    ["Cost", true],
    ["ROAS", true],
  ] as const) {
    const th = h("th", tr(label), numeric ? "num" : "channel-col");
    th.scope = "col";
    head.append(th);
  }
  const body = h("tbody");
  const shown = pageOf(rows, page, size);
  for (const r of shown.rows) {
    const row = h("tr");
    const name = h("th", undefined, "channel-col");
    name.scope = "row";
    name.append(h("span", r.note.title ?? r.note.id, "channel-name"));
    const detail = [r.note.title ? r.note.id : null, r.note.format].filter((d): d is string => d !== null && d !== "");
    if (detail.length > 0) name.append(h("span", detail.join(" · "), "cell-detail"));
    const costCell = h("td", undefined, "num");
    costCell.append(h("span", r.cost === null ? "—" : money(r.cost), "value-text"));
    const paid = [r.note.fee, r.note.boostSpend].filter((v): v is string => v !== null);
    if (paid.length > 0) {
      const fee = r.note.fee === null ? null : tr("fee {amount}", { amount: money(r.note.fee) });
      const boost = r.note.boostSpend === null ? null : tr("boost {amount}", { amount: money(r.note.boostSpend) });
      costCell.append(h("span", [fee, boost].filter((t) => t !== null).join(" + "), "cell-detail"));
    }
    row.append(
      name,
      h("td", r.handle, "channel-col"),
      h("td", r.note.publishedAt?.slice(0, 10) ?? "—", "channel-col"),
      h("td", money(r.value), "num"),
      h("td", percent(r.share), "num"),
      h("td", count(r.conversions), "num"),
      costCell,
      h("td", r.roas === null ? "—" : `${r.roas.toFixed(2)}×`, "num"),
    );
    body.append(row);
  }
  const thead = h("thead");
  thead.append(head);
  table.replaceChildren(h("caption", caption), thead, body);
  return shown.page;
}
