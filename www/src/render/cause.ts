// What caused the orders, read off one window of a campaign report: under the incremental model,
// what each tier and creator caused, what would have happened anyway (organic) and what had no
// creator touch; without it, the credit the baseline model splits. Amounts stay decimal strings;
// shares are the engine's (of all order value), or a credit's part of what creators caused.
import type { CampaignReport, Comparison, Model, WindowReport } from "../../pkg/kol_attribution.js";
import { sumDecimals } from "../format";
import { sourceIds } from "../sources";
import { creatorTiers, peopledTiers } from "../tiers";

export const INCREMENTAL: Model = "incremental";

export interface CauseRow {
  tier: string;
  value: string;
  /** Of all order value. */
  share: number;
  /** Of what creators caused (or were credited) in all. */
  ofCaused: number;
  /** 90% interval of `share`, when known. */
  interval: [number, number] | null;
}

export interface CreatorCause {
  id: string;
  handle: string;
  tier: string;
  value: string;
  ofCaused: number;
  /** What the incremental fit learned of the creator against its tier's typical one, when it did. */
  lift: number | null;
}

export interface Cause {
  /** The model read: `incremental`, else the baseline. */
  model: Model;
  incremental: boolean;
  days: number;
  total: string;
  caused: string;
  causedShare: number;
  /** Tiers with creators, largest first. */
  tiers: CauseRow[];
  /** The groups of ads and search sources (paid, owned, organic, other) with credit, in report order: neither creators nor organic. */
  sources: CauseRow[];
  /** Every tier with creators in the report's own order (for colours). */
  order: string[];
  organic: { value: string; share: number } | null;
  none: { value: string; share: number };
  /** The creators who caused the most, largest first. */
  creators: CreatorCause[];
}

/** Of `part` in `whole` (decimal strings), as a share; for display only. */
function of(part: string, whole: string): number {
  const w = Number(whole);
  return w === 0 ? 0 : Number(part) / w;
}

/** What `window` says caused the orders, under the incremental model when it was computed, else `fallback`. */
export function causeOf(report: CampaignReport, window: WindowReport, fallback: Model, top = 5): Cause | null {
  const tiers: Comparison | null = window.tiers;
  if (!tiers) return null;
  const incremental = tiers.models.includes(INCREMENTAL);
  const model = incremental ? INCREMENTAL : tiers.models.includes(fallback) ? fallback : tiers.models[0];
  if (!model) return null;
  const total = tiers.totals.value;
  // What creators caused: the tiers of ads and search (sources) are not theirs.
  const peopled = creatorTiers(report.summary);
  const sources = sourceIds(report);
  const credits = tiers.credits.filter((c) => c.model === model && peopled.has(c.channel));
  const caused = sumDecimals(credits.map((c) => c.value));
  const rows = credits
    .map((c) => ({ tier: c.channel, value: c.value, share: c.valueShare, ofCaused: of(c.value, caused), interval: c.interval }))
    .sort((a, b) => Number(b.value) - Number(a.value));
  const sourceTiers = peopledTiers(report.summary);
  const sourceRows = tiers.credits
    .filter((c) => c.model === model && sourceTiers.has(c.channel) && !peopled.has(c.channel))
    .map((c) => ({ tier: c.channel, value: c.value, share: c.valueShare, ofCaused: 0, interval: c.interval }));
  const organic = tiers.organic.find((o) => o.model === model);
  const none = tiers.unattributed.find((u) => u.model === model);
  const creatorLevel = window.creators;
  const lifts = new Map((creatorLevel?.incremental?.creators ?? []).map((c) => [c.creator, c.lift]));
  const byId = new Map(report.creators.map((c) => [c.id, c]));
  const creators = (creatorLevel?.credits ?? [])
    .filter((c) => c.model === model && Number(c.value) > 0 && !sources.has(c.channel))
    .sort((a, b) => Number(b.value) - Number(a.value) || a.channel.localeCompare(b.channel))
    .slice(0, top)
    .map((c) => ({
      id: c.channel,
      handle: byId.get(c.channel)?.handle ?? c.channel,
      tier: byId.get(c.channel)?.tier ?? "",
      value: c.value,
      ofCaused: of(c.value, caused),
      lift: incremental ? (lifts.get(c.channel) ?? null) : null,
    }));
  return {
    model,
    incremental,
    days: window.days,
    total,
    caused,
    causedShare: of(caused, total),
    tiers: rows,
    sources: sourceRows,
    order: tiers.channels.filter((t) => peopled.has(t)),
    organic: organic ? { value: organic.value, share: of(organic.value, total) } : null,
    none: { value: none?.value ?? "0.00", share: of(none?.value ?? "0", total) },
    creators,
  };
}
