// Lift tests as the page keeps them: each field as the user typed it, saved and shared like the
// other settings, and turned into the engine's `liftTests` only when sent. Every check of a
// test's meaning (a real date, a period that does not end before it starts, a known tier, an
// interval that holds the measure) is the engine's: what it refuses is outlined with its reason.
import type { LiftTest } from "../pkg/kol_attribution.js";

/** What a test measured: incremental conversions, or the relative lift (0.12 for 12%). */
export type LiftMeasure = "incrementalConversions" | "relativeLift";

/** One test as typed. */
export interface LiftDraft {
  name: string;
  /** Who was withheld: `tier:<name>` or `creator:<kol_id>`. */
  members: string[];
  /** The period's first and last day, `YYYY-MM-DD`. */
  from: string;
  to: string;
  measure: LiftMeasure;
  /** The measured number and its 90% interval, as typed. */
  value: string;
  low: string;
  high: string;
}

export const TIER = "tier:";
export const CREATOR = "creator:";

/** A new, empty test. */
export function emptyDraft(): LiftDraft {
  return { name: "", members: [], from: "", to: "", measure: "incrementalConversions", value: "", low: "", high: "" };
}

/** A typed number, or nothing (an empty field is left out, and the engine says it is required). */
function number(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

/** The tests as the engine takes them, in the order typed (the engine names a refusal by this index). */
export function liftTests(drafts: readonly LiftDraft[]): LiftTest[] {
  return drafts.map((d) => {
    const test: LiftTest = {
      from: d.from.trim(),
      to: d.to.trim(),
      tiers: d.members.filter((m) => m.startsWith(TIER)).map((m) => m.slice(TIER.length)),
      creators: d.members.filter((m) => m.startsWith(CREATOR)).map((m) => m.slice(CREATOR.length)),
      low: number(d.low) as number,
      high: number(d.high) as number,
    };
    if (d.name.trim()) test.name = d.name.trim();
    const value = number(d.value);
    if (value !== undefined) test[d.measure] = value;
    return test;
  });
}

const MAX_TESTS = 32;
const text = (max: number) => (v: unknown): v is string => typeof v === "string" && v.length <= max;

/**
 * The tests in `raw` (a saved state or a share link), each field checked for its shape only:
 * null when they are not the page's (the caller names them as refused). What they mean is the
 * engine's to check when they are sent.
 */
export function checkLiftDrafts(raw: unknown): LiftDraft[] | null {
  if (!Array.isArray(raw) || raw.length > MAX_TESTS) return null;
  const out: LiftDraft[] = [];
  for (const item of raw) {
    if (typeof item !== "object" || item === null) return null;
    const d = item as Record<string, unknown>;
    const short = text(64);
    const members = d.members;
    const fine =
      text(200)(d.name) &&
      Array.isArray(members) &&
      members.length <= 10_000 &&
      members.every((m) => text(200)(m) && (m.startsWith(TIER) || m.startsWith(CREATOR))) &&
      short(d.from) &&
      short(d.to) &&
      (d.measure === "incrementalConversions" || d.measure === "relativeLift") &&
      short(d.value) &&
      short(d.low) &&
      short(d.high);
    if (!fine) return null;
    out.push({ name: d.name as string, members: [...(members as string[])], from: d.from as string, to: d.to as string, measure: d.measure as LiftMeasure, value: d.value as string, low: d.low as string, high: d.high as string });
  }
  return out;
}
