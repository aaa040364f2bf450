// Tier names as the page shows them. A tier's name is data (the roster's, or the engine's default
// tiers'); in Chinese a tier whose spellings include a Chinese one (the engine's default tiers
// accept 头部, 腰部, 尾部, 素人) is shown by it, so a Chinese reader meets the industry's words.
import { language } from "./i18n";
import type { ModelSettings } from "./model-settings";
import { groupLabel, isSourceTier } from "./sources";

export type TierLabel = (tier: string) => string;

const CHINESE = /\p{Script=Han}/u;

/** Names tiers in the current language, from the tiers' own spellings. */
export function tierLabels(settings: Pick<ModelSettings, "thresholds"> | null): TierLabel {
  const chinese = new Map<string, string>();
  for (const t of settings?.thresholds ?? []) {
    const alias = CHINESE.test(t.name) ? undefined : t.aliases.find((a) => CHINESE.test(a));
    if (alias) chinese.set(t.name, alias);
  }
  // A group of sources (paid, owned, organic, other) is named in words in both languages.
  return (tier) => (isSourceTier(tier) ? groupLabel(tier) : language() === "zh" ? (chinese.get(tier) ?? tier) : tier);
}

/** The creator tiers of a report that have creators: the groups of ads and search left out. */
export function creatorTiers(summary: { tiers: { tier: string; creators: number }[] }): Set<string> {
  return new Set([...peopledTiers(summary)].filter((t) => !isSourceTier(t)));
}

/** The tiers of a report that have creators (a tier nobody is in says nothing). */
export function peopledTiers(summary: { tiers: { tier: string; creators: number }[] }): Set<string> {
  return new Set(summary.tiers.filter((t) => t.creators > 0).map((t) => t.tier));
}
