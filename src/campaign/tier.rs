//! Creator tiers: names and follower thresholds, all configurable; an explicit tier wins.

use serde::{Deserialize, Serialize};

use crate::campaign::sources::ChannelGroup;
use crate::error::Error;
use crate::read::table::normalize;

/// One tier: creators with at least `min_followers` followers (and fewer than the next tier up).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TierSpec {
    /// The tier's name as reports show it.
    pub name: String,
    /// Fewest followers a creator of this tier has.
    // Options reach the engine as JSON, which has no BigInt: a plain number in JS.
    #[cfg_attr(test, ts(type = "number"))]
    pub min_followers: u64,
    /// Other spellings accepted in a roster's tier column (matched ignoring case and spaces).
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub aliases: Vec<String>,
}

/// The default pyramid (../shared/DOMAIN.md): mega 500K+, mid-tier 50K+, micro 5K+, KOC below.
pub fn default_tiers() -> Vec<TierSpec> {
    let tier = |name: &str, min_followers, aliases: &[&str]| TierSpec {
        name: name.into(),
        min_followers,
        aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
    };
    vec![
        tier("mega", 500_000, &["celebrity", "top", "头部", "头部达人", "明星", "顶流"]),
        tier("mid-tier", 50_000, &["mid", "腰部", "腰部达人"]),
        tier("micro", 5_000, &["尾部", "尾部达人", "初级达人", "小达人"]),
        tier("KOC", 0, &["素人", "koc达人", "普通用户"]),
    ]
}

/// Index of a tier in its [`Tiers`]: the configured tiers, then [`Tiers::unknown`] for creators
/// missing from the roster, then one per non-creator channel group ([`Tiers::of_group`]).
pub type TierId = u16;

/// A validated tier set, largest threshold first, plus the `unknown` tier.
#[derive(Debug, Clone)]
pub struct Tiers {
    specs: Vec<TierSpec>,
    /// Normalized spellings → tier, for reading a roster's tier column.
    spellings: Vec<(String, TierId)>,
}

impl Tiers {
    /// The name of the tier of creators missing from the roster.
    pub const UNKNOWN_NAME: &'static str = "unknown";

    /// Validates `specs`: at least one tier, distinct names and thresholds, one tier from 0
    /// followers so that every creator has a tier.
    ///
    /// # Errors
    /// [`Error::InvalidOption`] naming the offending tier.
    pub fn new(mut specs: Vec<TierSpec>) -> Result<Self, Error> {
        if specs.is_empty() {
            return Err(Error::invalid_option("tiers", "[]", "define at least one tier"));
        }
        specs.sort_by_key(|spec| std::cmp::Reverse(spec.min_followers));
        if specs.len() > usize::from(TierId::MAX - 1) {
            return Err(Error::invalid_option("tiers", specs.len(), "too many tiers"));
        }
        let mut spellings = Vec::new();
        for (index, spec) in specs.iter().enumerate() {
            let name = normalize(&spec.name);
            if name.is_empty() || name == Self::UNKNOWN_NAME {
                return Err(Error::invalid_option(
                    "tiers.name",
                    &spec.name,
                    "a tier needs a name other than \"unknown\"",
                ));
            }
            // Ads and search sit beside the creator tiers under their groups' names.
            if ChannelGroup::SOURCES.iter().any(|g| name == g.name()) {
                return Err(Error::invalid_option(
                    "tiers.name",
                    &spec.name,
                    "paid, owned, organic and other are the tiers of non-creator sources: name the tier otherwise",
                ));
            }
            for spelling in std::iter::once(&spec.name).chain(&spec.aliases) {
                let spelling = normalize(spelling).into_owned();
                if spellings.iter().any(|(s, _)| *s == spelling) {
                    return Err(Error::invalid_option("tiers.name", &spec.name, "two tiers share this name or alias"));
                }
                spellings.push((spelling, index as TierId));
            }
        }
        if specs.windows(2).any(|pair| pair[0].min_followers == pair[1].min_followers) {
            return Err(Error::invalid_option("tiers.minFollowers", "", "two tiers have the same threshold"));
        }
        if specs.last().is_some_and(|lowest| lowest.min_followers != 0) {
            let lowest = &specs[specs.len() - 1];
            return Err(Error::invalid_option(
                "tiers.minFollowers",
                lowest.min_followers,
                format!("the lowest tier ({}) must start at 0 followers so every creator has a tier", lowest.name),
            ));
        }
        Ok(Self { specs, spellings })
    }

    /// The unknown tier's id: one past the configured tiers.
    pub fn unknown(&self) -> TierId {
        self.specs.len() as TierId
    }

    /// The tier of non-creator sources of `group` (paid, owned, organic, other).
    pub fn of_group(&self, group: ChannelGroup) -> TierId {
        let index = ChannelGroup::SOURCES.iter().position(|&g| g == group).unwrap_or(ChannelGroup::SOURCES.len() - 1);
        self.unknown() + 1 + index as TierId
    }

    /// The group tier `id` belongs to: creators for the configured tiers and `unknown`.
    pub fn group(&self, id: TierId) -> ChannelGroup {
        let first = usize::from(self.unknown()) + 1;
        usize::from(id)
            .checked_sub(first)
            .and_then(|i| ChannelGroup::SOURCES.get(i))
            .copied()
            .unwrap_or(ChannelGroup::Creators)
    }

    /// How many tier ids there are: configured, `unknown` and the source groups'.
    pub fn count(&self) -> usize {
        self.specs.len() + 1 + ChannelGroup::SOURCES.len()
    }

    /// The tiers reports show, in report order: every configured tier, then `unknown` and each
    /// source group only when some creator or source in `used` has it.
    pub fn shown(&self, used: impl IntoIterator<Item = TierId>) -> Vec<TierId> {
        let mut present = vec![false; self.count()];
        for id in used {
            present[usize::from(id)] = true;
        }
        let configured = self.specs.len();
        (0..self.count()).filter(|&i| i < configured || present[i]).map(|i| i as TierId).collect()
    }

    /// The tier of a creator with `followers` followers.
    pub fn by_followers(&self, followers: u64) -> TierId {
        self.specs.iter().position(|s| followers >= s.min_followers).unwrap_or(self.specs.len() - 1) as TierId
    }

    /// The tier a roster's tier cell names, if any.
    pub fn by_name(&self, text: &str) -> Option<TierId> {
        let wanted = normalize(text);
        self.spellings.iter().find(|(s, _)| *s == wanted).map(|(_, id)| *id)
    }

    /// The name of tier `id` (`unknown` for [`Tiers::unknown`], the group's for a source group).
    pub fn name(&self, id: TierId) -> &str {
        match self.specs.get(usize::from(id)) {
            Some(spec) => &spec.name,
            None if id == self.unknown() => Self::UNKNOWN_NAME,
            None => self.group(id).name(),
        }
    }

    /// The configured tiers, largest first (without `unknown`).
    pub fn specs(&self) -> &[TierSpec] {
        &self.specs
    }

    /// Names of every configured tier, largest first, for messages.
    pub fn names(&self) -> String {
        self.specs.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_pyramid_by_followers() {
        let tiers = Tiers::new(default_tiers()).unwrap();
        let name = |f| tiers.name(tiers.by_followers(f));
        assert_eq!(name(2_000_000), "mega");
        assert_eq!(name(500_000), "mega");
        assert_eq!(name(499_999), "mid-tier");
        assert_eq!(name(50_000), "mid-tier");
        assert_eq!(name(5_000), "micro");
        assert_eq!(name(4_999), "KOC");
        assert_eq!(name(0), "KOC");
        assert_eq!(tiers.name(tiers.unknown()), "unknown");
    }

    #[test]
    fn explicit_names_in_english_or_chinese() {
        let tiers = Tiers::new(default_tiers()).unwrap();
        assert_eq!(tiers.by_name("Mega").map(|t| tiers.name(t)), Some("mega"));
        assert_eq!(tiers.by_name("腰部").map(|t| tiers.name(t)), Some("mid-tier"));
        assert_eq!(tiers.by_name("mid tier").map(|t| tiers.name(t)), Some("mid-tier"));
        assert_eq!(tiers.by_name("koc").map(|t| tiers.name(t)), Some("KOC"));
        assert_eq!(tiers.by_name("giant"), None);
    }

    #[test]
    fn custom_tiers_are_validated() {
        let spec = |name: &str, min| TierSpec { name: name.into(), min_followers: min, aliases: vec![] };
        let tiers = Tiers::new(vec![spec("small", 0), spec("big", 100_000)]).unwrap();
        assert_eq!(tiers.name(tiers.by_followers(150_000)), "big");
        assert!(Tiers::new(vec![]).is_err());
        assert!(Tiers::new(vec![spec("a", 10)]).is_err(), "lowest must start at 0");
        assert!(Tiers::new(vec![spec("a", 0), spec("A", 10)]).is_err(), "names differ only in case");
        assert!(Tiers::new(vec![spec("a", 0), spec("b", 0)]).is_err(), "same threshold");
        assert!(Tiers::new(vec![spec("unknown", 0)]).is_err());
        assert!(Tiers::new(vec![spec("Paid", 0)]).is_err(), "a source group's name");
    }

    #[test]
    fn source_groups_follow_unknown_and_show_only_when_used() {
        let tiers = Tiers::new(default_tiers()).unwrap();
        let paid = tiers.of_group(ChannelGroup::Paid);
        assert_eq!((paid, tiers.unknown()), (5, 4));
        assert_eq!(tiers.name(paid), "paid");
        assert_eq!(tiers.name(tiers.of_group(ChannelGroup::Other)), "other");
        assert_eq!(tiers.group(paid), ChannelGroup::Paid);
        assert_eq!(tiers.group(tiers.unknown()), ChannelGroup::Creators);
        assert_eq!(tiers.group(0), ChannelGroup::Creators);
        assert_eq!(tiers.count(), 9);
        assert_eq!(tiers.shown([0, 3]), [0, 1, 2, 3], "every configured tier, used or not");
        let organic = tiers.of_group(ChannelGroup::Organic);
        assert_eq!(tiers.shown([organic, 1, paid]), [0, 1, 2, 3, paid, organic]);
        assert_eq!(tiers.shown([tiers.unknown()]), [0, 1, 2, 3, 4]);
    }
}
