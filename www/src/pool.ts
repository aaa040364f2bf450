// The engine's worker pool: how many workers, how a report's windows and a window's resamples are
// shared among them, and how their reports become the one report a single worker would have given.
// Each window's numbers do not depend on the windows computed with it (tests/windows_alone.rs), and
// any range of a window's resamples is drawn exactly as drawing them all draws it (the engine's
// `intervalsOf` puts the parts together), so the merge is exact.
import type { CampaignReport, ResampleRange } from "../pkg/kol_attribution.js";
import type { InputText, SentInputs } from "./protocol";

/** More workers than this gain little (six default windows) and each holds the whole campaign. */
export const MAX_WORKERS = 8;

/** Memory the pool may take, as a share of the device's (`navigator.deviceMemory`, 4 GB where the browser does not say). */
const MEMORY_SHARE = 0.5;
/** A worker's memory for a campaign, as a multiple of its files' size (a million journeys: 136 MB of text, about 0.8 GB in all). */
const MEMORY_PER_BYTE = 6;

/**
 * How many workers to run for a campaign of `bytes`: `forced` when given (a page's `?workers=N`,
 * the element's `workers` attribute); otherwise every core but the one the page's own thread
 * needs, at most {@link MAX_WORKERS}, and no more than half the device's memory holds.
 */
export function poolSize(forced: number | null, bytes = 0): number {
  if (forced !== null && Number.isInteger(forced) && forced >= 1) return Math.min(forced, MAX_WORKERS);
  const cores = typeof navigator === "undefined" ? 1 : navigator.hardwareConcurrency || 1;
  const gigabytes = (typeof navigator === "undefined" ? undefined : (navigator as Navigator & { deviceMemory?: number }).deviceMemory) ?? 4;
  const byMemory = bytes > 0 ? Math.floor((gigabytes * 1e9 * MEMORY_SHARE) / (bytes * MEMORY_PER_BYTE)) : MAX_WORKERS;
  return Math.max(1, Math.min(cores - 1, MAX_WORKERS, byMemory));
}

/** The size of a campaign's files, for {@link poolSize}. */
export function inputBytes(inputs: SentInputs): number {
  return Object.values(inputs).reduce((sum: number, input?: InputText) => sum + (typeof input === "string" ? input.length : (input?.blob.size ?? 0)), 0);
}

/**
 * `windows` shared among at most `workers` workers: sorted and without repeats (as the engine
 * takes them), dealt in turn so each worker gets short and long ones. Null when there is nothing
 * to share (one window, or something that is not a window: the engine refuses it whole).
 */
export function shareWindows(windows: readonly unknown[] | null | undefined, workers: number): number[][] | null {
  if (!windows || !windows.every((days) => typeof days === "number" && Number.isInteger(days) && days > 0)) return null;
  const sorted = [...new Set(windows as number[])].sort((a, b) => a - b);
  const parts = Math.min(workers, sorted.length);
  if (parts < 2) return null;
  const shares: number[][] = Array.from({ length: parts }, () => []);
  // Longest first, dealt back and forth, so the longest windows do not all land on one worker.
  const longestFirst = [...sorted].reverse();
  longestFirst.forEach((days, i) => {
    const round = Math.floor(i / parts);
    const slot = round % 2 === 0 ? i % parts : parts - 1 - (i % parts);
    shares[slot]?.push(days);
  });
  return shares.map((share) => share.sort((a, b) => a - b));
}

/**
 * A window's `resamples` for `resampledShares` to draw in `parts` (at most one per resample): one
 * part, the whole, giving the incremental model's interval too; or that interval alone (its fit
 * takes as long as many resamples) then ranges of nearly equal size, in order.
 */
export function shareResamples(resamples: number, parts: number): ResampleRange[] {
  const count = Math.max(1, Math.min(Math.floor(parts), resamples));
  if (count === 1) return [{ from: 0, to: resamples, incremental: true }];
  const ranges = Array.from({ length: count }, (_, i) => ({ from: Math.floor((i * resamples) / count), to: Math.floor(((i + 1) * resamples) / count), incremental: false }));
  return [{ from: 0, to: 0, incremental: true }, ...ranges];
}

/**
 * The reports of the shares of one request as the single report of all its windows: the first
 * part's summary, creators and warnings (every part reads the same campaign), and every list
 * whose items belong to a window (the windows, truth scores, lift checks) put together in window
 * order, each window's items in their own order.
 */
export function mergeReports(parts: CampaignReport[]): CampaignReport {
  const [first] = parts;
  if (!first) throw new Error("no report to merge");
  const merged: Record<string, unknown> = { ...first };
  const days = parts.flatMap((part) => part.windows.map((w) => w.days)).sort((a, b) => a - b);
  const position = new Map(days.map((d, i) => [d, i]));
  for (const field of Object.keys(first)) {
    const lists = parts.map((part) => (part as unknown as Record<string, unknown>)[field]);
    if (!lists.every(Array.isArray)) continue;
    const items = (lists as unknown[][]).flat();
    const ofWindow = (item: unknown): item is { days: number } => typeof item === "object" && item !== null && position.has((item as { days?: number }).days as number);
    if (items.length === 0 || !items.every(ofWindow)) continue;
    // Array.prototype.sort is stable: each window's items keep their order.
    merged[field] = items.sort((a, b) => (position.get(a.days) ?? 0) - (position.get(b.days) ?? 0));
  }
  return merged as unknown as CampaignReport;
}
