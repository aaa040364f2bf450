// The creator table: one row per creator with its credit, cost, commission and return on spend
// under one model and window; sortable by any column, filterable by tier and by name. Ads and
// search sources are listed too, marked as such: they win credit but earn no commission.
import type { CampaignReport, Model, RoiRow } from "../../pkg/kol_attribution.js";
import type { ModelName } from "../catalogue";
import { h } from "../dom";
import { count, money, percent } from "../format";
import { tr } from "../i18n";
import { sourceLabel } from "../sources";

export type CreatorColumn = "creator" | "tier" | "followers" | "credit" | "conversions" | "cost" | "paid" | "earned" | "roas" | "gap" | "part" | "lift";

export interface CreatorView {
  model: Model;
  /** A tier's name, or "" for every tier. */
  tier: string;
  /** Part of a handle or id, or "". */
  search: string;
  sort: CreatorColumn;
  descending: boolean;
}

interface Row {
  id: string;
  handle: string;
  tier: string;
  followers: number | null;
  credit: string;
  conversions: number;
  cost: string;
  paid: string;
  earned: string;
  roas: number | null;
  gap: string;
  /** Of every creator's credit under the model. */
  part: number;
  /** The incremental fit's lift for the creator, against its tier's typical one. */
  lift: number | null;
  /** An ad or search source, not a creator: no commission. */
  source: boolean;
}

const COLUMNS: { key: CreatorColumn; label: string; numeric: boolean }[] = [
  { key: "creator", label: "Creator", numeric: false },
  { key: "tier", label: "Tier", numeric: false },
  { key: "followers", label: "Followers", numeric: true },
  { key: "credit", label: "Credited value", numeric: true },
  { key: "conversions", label: "Conversions", numeric: true },
  { key: "cost", label: "Cost", numeric: true },
  { key: "paid", label: "Commission paid", numeric: true },
  { key: "earned", label: "Commission earned", numeric: true },
  { key: "roas", label: "ROAS", numeric: true },
  { key: "gap", label: "Pay gap", numeric: true },
  { key: "part", label: "Share of credit", numeric: true },
  { key: "lift", label: "Lift", numeric: true },
];

/** A saved view, each part kept only if it is one the table knows. */
export function checkCreatorView(saved: unknown, fallback: CreatorView): CreatorView {
  const v = (typeof saved === "object" && saved !== null ? saved : {}) as Partial<Record<keyof CreatorView, unknown>>;
  return {
    model: typeof v.model === "string" ? (v.model as Model) : fallback.model,
    tier: typeof v.tier === "string" && v.tier.length <= 64 ? v.tier : fallback.tier,
    search: typeof v.search === "string" && v.search.length <= 200 ? v.search : fallback.search,
    sort: COLUMNS.some((c) => c.key === v.sort) ? (v.sort as CreatorColumn) : fallback.sort,
    descending: typeof v.descending === "boolean" ? v.descending : fallback.descending,
  };
}

function rows(report: CampaignReport, roi: RoiRow[], days: number, model: Model): Row[] {
  const window = report.windows.find((w) => w.days === days)?.creators;
  const credits = window?.credits.filter((c) => c.model === model) ?? [];
  const byCreator = new Map(credits.map((c) => [c.channel, c]));
  const all = credits.reduce((sum, c) => sum + Number(c.value), 0);
  const lifts = new Map(model === "incremental" ? (window?.incremental?.creators ?? []).map((c) => [c.creator, c.lift]) : []);
  const money = new Map(roi.filter((r) => r.days === days && r.level === "creator" && r.model === model).map((r) => [r.channel, r]));
  return report.creators.map((creator) => {
    const credit = byCreator.get(creator.id);
    const r = money.get(creator.id);
    return {
      id: creator.id,
      handle: creator.group === "creators" ? creator.handle : sourceLabel(creator.id),
      tier: creator.tier,
      followers: creator.followers,
      credit: credit?.value ?? "0.00",
      conversions: credit?.conversions ?? 0,
      cost: r?.cost ?? "0.00",
      paid: r?.paidCommission ?? "0.00",
      earned: r?.earnedCommission ?? "0.00",
      roas: r?.roas ?? null,
      gap: r?.payGap ?? "0.00",
      part: all > 0 ? Number(credit?.value ?? 0) / all : 0,
      lift: lifts.get(creator.id) ?? null,
      source: creator.group !== "creators",
    };
  });
}

/** Sort key: amounts are compared as numbers only to order rows, never to show them. */
function sortValue(row: Row, column: CreatorColumn): string | number {
  switch (column) {
    case "creator":
      return row.handle;
    case "tier":
      return row.tier;
    case "followers":
      return row.followers ?? -1;
    case "conversions":
      return row.conversions;
    case "roas":
      return row.roas ?? -1;
    case "part":
      return row.part;
    case "lift":
      return row.lift ?? -1;
    default:
      return Number(row[column]);
  }
}

/**
 * Draws page `page` of the table (`size` rows) into `table` with its controls in `controls`;
 * `onChange` gets the new view when the user sorts, filters or picks another model. Returns how
 * many creators the filter shows and the page drawn.
 */
export function renderCreatorTable(
  controls: HTMLElement,
  table: HTMLTableElement,
  report: CampaignReport,
  roi: RoiRow[],
  days: number,
  models: Model[],
  view: CreatorView,
  onChange: (view: CreatorView) => void,
  modelName: ModelName,
  shown: { page: number; size: number; tierName: (tier: string) => string } = { page: 0, size: Number.MAX_SAFE_INTEGER, tierName: (t) => t },
): { total: number; page: number } {
  const modelPick = h("select");
  modelPick.setAttribute("aria-label", tr("Model"));
  for (const model of models) {
    const option = h("option", modelName(model));
    option.value = model;
    option.selected = model === view.model;
    modelPick.append(option);
  }
  modelPick.addEventListener("change", () => onChange({ ...view, model: modelPick.value as Model }));
  const tierPick = h("select");
  tierPick.setAttribute("aria-label", tr("Tier"));
  for (const tier of ["", ...new Set(report.creators.map((c) => c.tier))]) {
    const option = h("option", tier ? shown.tierName(tier) : tr("All tiers"));
    option.value = tier;
    option.selected = tier === view.tier;
    tierPick.append(option);
  }
  tierPick.addEventListener("change", () => onChange({ ...view, tier: tierPick.value }));
  const search = h("input");
  Object.assign(search, { type: "search", value: view.search, placeholder: tr("Find a creator"), size: 16 });
  search.setAttribute("aria-label", tr("Find a creator by handle or id"));
  search.addEventListener("input", () => onChange({ ...view, search: search.value }));
  const hadFocus = controls.contains(document.activeElement) && document.activeElement instanceof HTMLInputElement;
  controls.replaceChildren(modelPick, tierPick, search);
  // Typing in the search box redraws the table; the caret stays where it was.
  if (hadFocus) {
    search.focus();
    search.setSelectionRange(search.value.length, search.value.length);
  }

  const needle = view.search.trim().toLowerCase();
  const all = rows(report, roi, days, view.model);
  const filtered = all
    .filter((r) => (view.tier === "" || r.tier === view.tier) && (needle === "" || r.handle.toLowerCase().includes(needle) || r.id.toLowerCase().includes(needle)))
    .sort((a, b) => {
      const x = sortValue(a, view.sort);
      const y = sortValue(b, view.sort);
      const order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "zh-CN");
      return (view.descending ? -order : order) || a.id.localeCompare(b.id);
    });

  const caption = h(
    "caption",
    tr(
      all.some((r) => r.source)
        ? "{shown} of {all} creators and ad or search sources under {model} at {days} days. Select a column heading to sort."
        : "{shown} of {all} creators under {model} at {days} days. Select a column heading to sort.",
      { shown: filtered.length, all: all.length, model: modelName(view.model), days },
    ),
  );
  // The fit's lift exists for the incremental model only.
  const columns = COLUMNS.filter((c) => c.key !== "lift" || view.model === "incremental");
  const head = h("tr");
  for (const column of columns) {
    const th = h("th", undefined, column.numeric ? "num" : "channel-col");
    th.scope = "col";
    const button = h("button", tr(column.label), "sort");
    button.type = "button";
    const sorted = view.sort === column.key;
    th.setAttribute("aria-sort", sorted ? (view.descending ? "descending" : "ascending") : "none");
    button.addEventListener("click", () => onChange({ ...view, sort: column.key, descending: sorted ? !view.descending : column.numeric }));
    th.append(button);
    head.append(th);
  }
  const body = h("tbody");
  const last = Math.max(0, Math.ceil(filtered.length / shown.size) - 1);
  const page = Math.min(Math.max(0, shown.page), last);
  for (const r of filtered.slice(page * shown.size, page * shown.size + shown.size)) {
    const row = h("tr");
    const name = h("th", undefined, "channel-col");
    name.scope = "row";
    name.append(h("span", r.handle, "channel-name"), h("span", r.id, "cell-detail"));
    if (r.source) name.append(h("span", tr("ad / search source: no commission"), "source-tag"));
    const gap = Number(r.gap);
    const gapCell = h("td", undefined, "num");
    gapCell.append(r.source ? "—" : h("span", `${gap > 0 ? "+" : ""}${money(r.gap)}`, `change ${gap > 0 ? "down" : gap < 0 ? "up" : "same"}`));
    row.append(
      name,
      h("td", shown.tierName(r.tier), "channel-col"),
      h("td", r.followers === null ? "—" : r.followers.toLocaleString("en-US"), "num"),
      h("td", money(r.credit), "num"),
      h("td", count(r.conversions), "num"),
      h("td", money(r.cost), "num"),
      h("td", r.source ? "—" : money(r.paid), "num"),
      h("td", r.source ? "—" : money(r.earned), "num"),
      h("td", r.roas === null ? "—" : `${r.roas.toFixed(2)}×`, "num"),
      gapCell,
      h("td", percent(r.part), "num"),
    );
    if (view.model === "incremental") row.append(h("td", r.lift === null ? "—" : `${r.lift.toFixed(2)}×`, "num"));
    body.append(row);
  }
  const thead = h("thead");
  thead.append(head);
  table.replaceChildren(caption, thead, body);
  return { total: filtered.length, page };
}
