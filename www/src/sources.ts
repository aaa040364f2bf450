// Channels beside the creators: the brand's 聚光 ads, its own account and live streams, organic
// search. The engine reports each as a channel like a creator (with no commission), its channel
// group as a tier after the creator tiers (paid, owned, organic, other), and the groups
// (creators as a whole, then those) at the group level. These are the page's words for them.
import type { CampaignReport } from "../pkg/kol_attribution.js";
import { type Bilingual, language } from "./i18n";

/** The engine's channel groups, in its report order, with their names in both languages. */
const GROUPS: Record<string, Bilingual> = {
  creators: { en: "Creators", zh: "达人" },
  paid: { en: "Paid media", zh: "付费投放" },
  owned: { en: "Owned media", zh: "自有渠道" },
  organic: { en: "Organic search", zh: "自然流量" },
  other: { en: "Other sources", zh: "其他" },
};

/** The sources the engine knows by name (a touch log's `source`), in both languages. */
const SOURCES: Record<string, Bilingual> = {
  juguang_search: { en: "聚光 search ads", zh: "聚光搜索广告" },
  juguang_feed: { en: "聚光 feed ads", zh: "聚光信息流广告" },
  brand_note: { en: "Brand account notes", zh: "品牌号笔记" },
  live_stream: { en: "Live streams", zh: "品牌直播" },
  organic_search: { en: "Organic search", zh: "自然搜索" },
};

/** Whether a tier is a group of sources rather than of creators (the engine refuses these names for creator tiers). */
export function isSourceTier(tier: string): boolean {
  return tier !== "creators" && tier in GROUPS;
}

/** A channel group's (or a source tier's) name in the current language; unknown names as they are. */
export function groupLabel(group: string): string {
  return GROUPS[group]?.[language()] ?? group;
}

/** A source's name in the current language: the engine's known sources in words, the user's own as written. */
export function sourceLabel(id: string): string {
  return SOURCES[id]?.[language()] ?? id;
}

/** Whether a campaign has more than creators to show: notes, or sources beside the creators. */
export function hasChannels(report: CampaignReport): boolean {
  return report.notes.length > 0 || report.creators.some((c) => c.group !== "creators");
}

/** The ids of the report's channels that are not creators (ads, search...). */
export function sourceIds(report: CampaignReport): Set<string> {
  return new Set(report.creators.filter((c) => c.group !== "creators").map((c) => c.id));
}
