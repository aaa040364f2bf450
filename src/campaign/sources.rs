//! Touches that are not a creator's: the brand's 聚光 ads, its own account's notes and live
//! streams, organic search. Each source takes part in every model exactly as a creator does (it
//! wins or loses credit) and sits in a channel group above the creator tiers, so a report can say
//! how much of the credit creators as a whole get once ads and search are in the journeys.

use serde::{Deserialize, Serialize};

use crate::catalogue::channels::{CHANNEL_GROUPS, SOURCES};
use crate::read::table::normalize;

/// Where a touch came from, when not from a creator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// A 聚光 search ad.
    JuguangSearch,
    /// A 聚光 feed ad (信息流).
    JuguangFeed,
    /// A note on the brand's own account.
    BrandNote,
    /// A live stream (the brand's own; a creator's live stream is that creator's touch).
    LiveStream,
    /// Organic search.
    OrganicSearch,
    /// Any other source, named by the user.
    Other,
}

/// The groups channels fall in: creators (each tier below it), paid media, owned media, organic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ChannelGroup {
    /// Every creator, whatever the tier.
    Creators,
    /// Bought media: 聚光 ads.
    Paid,
    /// The brand's own account and live streams.
    Owned,
    /// Search nobody paid for.
    Organic,
    /// Sources the engine does not know.
    Other,
}

impl ChannelGroup {
    /// Every group, in the catalogue's order ([`CHANNEL_GROUPS`]).
    pub const ALL: [Self; 5] = [Self::Creators, Self::Paid, Self::Owned, Self::Organic, Self::Other];

    /// The groups of non-creator sources, in report order.
    pub const SOURCES: [Self; 4] = [Self::Paid, Self::Owned, Self::Organic, Self::Other];

    /// The name reports give the group (a tier name at the tier level, a channel at the group level).
    pub fn name(self) -> &'static str {
        CHANNEL_GROUPS[self as usize].id
    }
}

impl Source {
    /// Every source in the catalogue's order ([`SOURCES`]).
    pub const ALL: [Self; 6] =
        [Self::JuguangSearch, Self::JuguangFeed, Self::BrandNote, Self::LiveStream, Self::OrganicSearch, Self::Other];

    /// Every source's spellings in a touch log's source column beside its id, in English and
    /// Chinese, normalized (see [`normalize`]).
    pub const SPELLINGS: [(Self, &'static [&'static str]); 6] = [
        (Self::JuguangSearch, &["juguangsearch", "searchad", "paidsearch", "聚光搜索", "搜索广告", "聚光搜索广告"]),
        (Self::JuguangFeed, &["juguangfeed", "feedad", "infeed", "聚光信息流", "信息流", "信息流广告", "聚光"]),
        (Self::BrandNote, &["brandnote", "brandaccount", "brand", "品牌号", "品牌笔记", "企业号", "官方号"]),
        (Self::LiveStream, &["livestream", "live", "直播", "品牌直播", "店播"]),
        (Self::OrganicSearch, &["organicsearch", "search", "organic", "自然搜索", "搜索", "自然流量"]),
        (Self::Other, &["其他"]),
    ];

    /// Spellings that say the touch is a creator's (the default when the column is absent).
    pub const CREATOR: &'static [&'static str] = &["creator", "kol", "koc", "influencer", "达人", "博主", "达人笔记"];

    /// The source a cell names; `None` when unknown.
    pub fn parse(text: &str) -> Option<Self> {
        let key = normalize(text);
        Self::ALL.into_iter().find(|source| source.spellings().any(|s| normalize(s) == key))
    }

    /// Every way a touch log may write this source: its id, then its other spellings.
    pub fn spellings(self) -> impl Iterator<Item = &'static str> {
        let others = Self::SPELLINGS.iter().find(|(s, _)| *s == self).map_or(&[][..], |(_, spellings)| spellings);
        std::iter::once(self.name()).chain(others.iter().copied())
    }

    /// Whether a cell says the touch is a creator's.
    pub fn names_creator(text: &str) -> bool {
        let key = normalize(text);
        Self::CREATOR.iter().any(|s| normalize(s) == key)
    }

    /// The channel name touches of this source are reported under (`juguang_search`...).
    pub fn name(self) -> &'static str {
        SOURCES[self as usize].id
    }

    /// The group the source belongs to (the catalogue's).
    pub fn group(self) -> ChannelGroup {
        let group = SOURCES[self as usize].group;
        ChannelGroup::ALL.into_iter().find(|g| g.name() == group).unwrap_or(ChannelGroup::Other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_in_english_and_chinese_with_their_groups() {
        assert_eq!(Source::parse("juguang_search"), Some(Source::JuguangSearch));
        assert_eq!(Source::parse("聚光信息流"), Some(Source::JuguangFeed));
        assert_eq!(Source::parse("Brand Account"), Some(Source::BrandNote));
        assert_eq!(Source::parse("自然搜索"), Some(Source::OrganicSearch));
        assert_eq!(Source::parse("wechat_ad"), None);
        assert_eq!(Source::parse("OTHER"), Some(Source::Other), "an id in another case");
        assert!(Source::names_creator("达人") && Source::names_creator("KOL") && !Source::names_creator("search"));
        assert_eq!(Source::JuguangFeed.name(), "juguang_feed");
        assert_eq!(Source::parse("直播").map(Source::group), Some(ChannelGroup::Owned));
        assert_eq!(Source::OrganicSearch.group().name(), "organic");
        for (source, spellings) in Source::SPELLINGS {
            assert_eq!(Source::parse(source.name()), Some(source), "each source's own name reads back");
            assert!(spellings.iter().all(|s| !Source::names_creator(s)), "{spellings:?} are not also a creator's");
        }
    }

    #[test]
    fn the_enums_follow_the_catalogue_order() {
        // `name` indexes the catalogue by the enum's position: the two orders must be one.
        for (i, source) in Source::ALL.into_iter().enumerate() {
            assert_eq!(source as usize, i);
            assert_eq!(Source::SPELLINGS[i].0, source);
        }
        for (i, group) in ChannelGroup::ALL.into_iter().enumerate() {
            assert_eq!(group as usize, i);
        }
        let groups: Vec<&str> = Source::ALL.iter().map(|s| s.group().name()).collect();
        assert_eq!(groups, ["paid", "paid", "owned", "owned", "organic", "other"]);
        assert!(
            SOURCES.iter().all(|s| CHANNEL_GROUPS.iter().any(|g| g.id == s.group)),
            "every source's group is a group"
        );
    }
}
