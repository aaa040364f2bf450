// Channels beside the creators: the brand's 聚光 ads, its own account and live streams, organic
// search. The engine reports each as a channel like a creator (with no commission), its channel
// group as a tier after the creator tiers (paid, owned, organic, other), and the groups
// (creators as a whole, then those) at the group level. Their names are the engine's catalogue's.
import type { CampaignReport, Catalogue, ChannelInfo } from "../pkg/kol_attribution.js";
import { local } from "./catalogue";

let groups = new Map<string, ChannelInfo>();
let sources = new Map<string, ChannelInfo>();
let salesChannels = new Map<string, ChannelInfo>();

/** Takes the channels' ids and names from the engine's catalogue, once it has arrived. */
export function useChannelNames(catalogue: Catalogue): void {
  const byId = (list: ChannelInfo[]): Map<string, ChannelInfo> => new Map(list.map((c) => [c.id, c]));
  groups = byId(catalogue.channels.groups);
  sources = byId(catalogue.channels.sources);
  salesChannels = byId(catalogue.channels.salesChannels);
}

/** Whether a tier is a group of sources rather than of creators (the engine refuses these names for creator tiers). */
export function isSourceTier(tier: string): boolean {
  return tier !== "creators" && groups.has(tier);
}

function named(list: Map<string, ChannelInfo>, id: string): string {
  const found = list.get(id);
  return found ? local(found.label) : id;
}

/** A channel group's (or a source tier's) name in the current language; unknown names as they are. */
export function groupLabel(group: string): string {
  return named(groups, group);
}

/** A source's name in the current language: the engine's known sources in words, the user's own as written. */
export function sourceLabel(id: string): string {
  return named(sources, id);
}

/** A sales channel's name in the current language (`xhs_shop` → XHS shop, 小红书店铺). */
export function salesChannelLabel(id: string): string {
  return named(salesChannels, id);
}

/** The ids of the report's channels that are not creators (ads, search...). */
export function sourceIds(report: CampaignReport): Set<string> {
  return new Set(report.creators.filter((c) => c.group !== "creators").map((c) => c.id));
}
