//! The channels that are not creators, named once: the sources a touch log may name (the brand's
//! 聚光 ads, its own account, organic search), the channel groups they fall in, and the sales
//! channels orders land on. Each has the id files, exports and options use and its label in both
//! languages; the readers keep only the spellings that lead to an id.

use super::Text;

/// A channel's id and label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChannelName {
    /// The id in files, exports and options.
    pub id: &'static str,
    /// Its name in a table or chart.
    pub label: Text,
}

/// A source's id, label and the id of its group (one of [`CHANNEL_GROUPS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceName {
    /// The id: a source touch's channel.
    pub id: &'static str,
    /// Its name in a table or chart.
    pub label: Text,
    /// Its channel group's id.
    pub group: &'static str,
}

const fn text(en: &'static str, zh: &'static str) -> Text {
    Text { en, zh }
}

/// The channel groups, in report order: the creators as a whole, then the groups of sources.
pub const CHANNEL_GROUPS: [ChannelName; 5] = [
    ChannelName { id: "creators", label: text("Creators", "达人") },
    ChannelName { id: "paid", label: text("Paid media", "付费投放") },
    ChannelName { id: "owned", label: text("Owned media", "自有渠道") },
    ChannelName { id: "organic", label: text("Organic search", "自然流量") },
    ChannelName { id: "other", label: text("Other sources", "其他来源") },
];

/// The sources the engine knows, in report order (`other` stands for one it does not).
pub const SOURCES: [SourceName; 6] = [
    SourceName { id: "juguang_search", label: text("聚光 search ads", "聚光搜索广告"), group: "paid" },
    SourceName { id: "juguang_feed", label: text("聚光 feed ads", "聚光信息流广告"), group: "paid" },
    SourceName { id: "brand_note", label: text("Brand account notes", "品牌号笔记"), group: "owned" },
    SourceName { id: "live_stream", label: text("Live streams", "品牌直播"), group: "owned" },
    SourceName { id: "organic_search", label: text("Organic search", "自然搜索"), group: "organic" },
    SourceName { id: "other", label: text("Other sources", "其他来源"), group: "other" },
];

/// The sales channels orders land on.
pub const SALES_CHANNELS: [ChannelName; 5] = [
    ChannelName { id: "xhs_shop", label: text("XHS shop", "小红书店铺") },
    ChannelName { id: "tmall", label: text("Tmall / Taobao", "天猫 / 淘宝") },
    ChannelName { id: "jd", label: text("JD.com", "京东") },
    ChannelName { id: "d2c", label: text("Brand site", "品牌官网") },
    ChannelName { id: "other", label: text("Other channels", "其他渠道") },
];
