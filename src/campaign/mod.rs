//! A campaign as users have it: a creator roster, touch logs and orders. Reading validates all
//! three at once, reporting every problem with its file, line, column and value.

mod code_touches;
mod codes;
mod creators;
mod dates;
mod ids;
mod note_channels;
mod notes;
mod orders;
mod rows;
pub mod sample;
pub mod sources;
#[cfg(test)]
pub(crate) mod test_support;
pub mod tier;
mod touchpoints;

use std::collections::BTreeMap;

use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;
use serde::{Deserialize, Serialize};

pub use code_touches::{CodeMatch, PromoCodeTouches, UnmatchedCode};
#[cfg(test)]
pub(crate) use codes::normalize_code;
pub use creators::{CreatorId, Roster};
pub(crate) use note_channels::{NoteChannels, note_channels, unnoted_name};
pub use notes::{NO_NOTE, Notes};
pub use orders::{Orders, SalesChannel};
pub use touchpoints::{TouchType, Touches};

use crate::campaign::sources::ChannelGroup;
use crate::campaign::tier::{TierSpec, Tiers, default_tiers};
use crate::catalogue::settings::{DATE_ONLY_ORDERS, UTC_OFFSET_MINUTES};
use crate::error::{Error, Problem, ProblemCode, Problems};
use crate::read::time::UtcOffset;

/// The three inputs, as text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct CampaignInputs {
    /// The creator roster.
    pub creators: String,
    /// The touch log.
    pub touchpoints: String,
    /// The orders.
    pub orders: String,
    /// The notes creators published (optional: empty when not given).
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub notes: String,
    /// What each ad or search source cost (optional: empty when not given).
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub spend: String,
}

/// Explicit header names per input: field name → header name, overriding the built-in aliases.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields)]
pub struct ColumnOverrides {
    /// For the roster: `kol_id`, `handle`, `tier`, `followers`, `category`, `flat_fee`, `commission_rate`.
    #[cfg_attr(test, ts(optional = nullable))]
    pub creators: BTreeMap<String, String>,
    /// For the touch log: `journey_id`, `kol_id`, `timestamp`, `touch_type`, `source`, `note_id`.
    #[cfg_attr(test, ts(optional = nullable))]
    pub touchpoints: BTreeMap<String, String>,
    /// For the orders: `order_id`, `journey_id`, `timestamp`, `value`, `refunded_amount`, `returned`,
    /// `channel`, `promo_code`.
    #[cfg_attr(test, ts(optional = nullable))]
    pub orders: BTreeMap<String, String>,
    /// For the notes file: `note_id`, `kol_id`, `published_at`, `format`, `fee`, `boost_spend`, `title`.
    #[cfg_attr(test, ts(optional = nullable))]
    pub notes: BTreeMap<String, String>,
    /// For the spend file: `source`, `date`, `spend`.
    #[cfg_attr(test, ts(optional = nullable))]
    pub spend: BTreeMap<String, String>,
}

/// Where in its day an order written with a date alone is placed, when the touch log gives
/// times of day (with dates alone on both sides, days compare as they are).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DateOnlyOrders {
    /// At the last second of its day: every touch of that day counts before it.
    EndOfDay,
    /// At midnight: touches later that day come after it.
    StartOfDay,
}

impl Default for DateOnlyOrders {
    fn default() -> Self {
        if DATE_ONLY_ORDERS.default_text() == "start_of_day" { Self::StartOfDay } else { Self::EndOfDay }
    }
}

/// How to read a campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct CampaignOptions {
    /// Tier names and follower thresholds (default: mega, mid-tier, micro, KOC).
    #[cfg_attr(test, ts(optional = nullable))]
    pub tiers: Vec<TierSpec>,
    /// Minutes east of UTC for times written without an offset (default 480, China Standard Time).
    #[cfg_attr(test, ts(optional = nullable))]
    pub utc_offset_minutes: UtcOffset,
    /// Where an order written with a date alone is placed in its day, when touches give times
    /// (default the end of the day).
    #[cfg_attr(test, ts(optional = nullable))]
    pub date_only_orders: DateOnlyOrders,
    /// Explicit header names.
    #[cfg_attr(test, ts(optional = nullable))]
    pub columns: ColumnOverrides,
    /// Whether an order's known promo code or QR id adds a touch where the log has none (default add).
    #[cfg_attr(test, ts(optional = nullable))]
    pub promo_code_touches: PromoCodeTouches,
    /// The present, in Unix seconds, to flag future dates; no check when absent.
    #[cfg_attr(test, ts(optional, as = "Option<f64>"))]
    pub now: Option<i64>,
}

impl Default for CampaignOptions {
    fn default() -> Self {
        Self {
            tiers: default_tiers(),
            utc_offset_minutes: UtcOffset::default(),
            date_only_orders: DateOnlyOrders::default(),
            columns: ColumnOverrides::default(),
            promo_code_touches: PromoCodeTouches::default(),
            now: None,
        }
    }
}

/// Journey (user) ids, each stored once.
///
/// The ids sit back to back in one string and the table holds only their numbers: a million
/// journeys cost no allocation each, which matters when the touch log has millions of rows.
#[derive(Debug, Clone, Default)]
pub struct Journeys {
    text: String,
    ends: Vec<usize>,
    index: HashTable<u32>,
}

impl Journeys {
    pub(crate) fn intern(&mut self, id: &str) -> u32 {
        let Self { text, ends, index } = self;
        let hash = FxBuildHasher.hash_one(id);
        let id_of = |i: u32| &text[span(ends, i)];
        if let Some(&found) = index.find(hash, |&i| id_of(i) == id) {
            return found;
        }
        let next = ends.len() as u32;
        index.insert_unique(hash, next, |&i| FxBuildHasher.hash_one(id_of(i)));
        text.push_str(id);
        ends.push(text.len());
        next
    }

    /// How many journeys there are.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The id of journey `index`.
    pub fn id(&self, index: u32) -> &str {
        &self.text[span(&self.ends, index)]
    }
}

/// Where id `index` sits in the text, given where each id ends.
fn span(ends: &[usize], index: u32) -> std::ops::Range<usize> {
    let index = index as usize;
    let start = if index == 0 { 0 } else { ends[index - 1] };
    start..ends[index]
}

/// A validated campaign, ready for attribution.
#[derive(Debug, Clone)]
pub struct Campaign {
    /// The tier set creators were classified with.
    pub tiers: Tiers,
    /// Every creator, then every non-creator source (ads, search) touches or spend name.
    pub roster: Roster,
    /// Every note, from the notes file and the touches.
    pub notes: Notes,
    /// Every journey (user) id.
    pub journeys: Journeys,
    /// Every touch, sorted by journey and time.
    pub touches: Touches,
    /// Every order, sorted by journey and time.
    pub orders: Orders,
    /// How the orders' promo codes and QR ids matched the roster's.
    pub codes: CodeMatch,
    /// What was noticed but did not stop the reading.
    pub warnings: Vec<Problem>,
}

impl Campaign {
    /// The tiers reports show (every configured tier, then `unknown` and each source group when
    /// used), and each creator's or source's position among them.
    pub fn tier_channels(&self) -> (Vec<String>, Vec<usize>) {
        let creators = self.roster.creators();
        let shown = self.tiers.shown(creators.iter().map(|c| c.tier));
        let mut position = vec![0; self.tiers.count()];
        for (i, &tier) in shown.iter().enumerate() {
            position[usize::from(tier)] = i;
        }
        let names = shown.iter().map(|&t| self.tiers.name(t).to_owned()).collect();
        (names, creators.iter().map(|c| position[usize::from(c.tier)]).collect())
    }

    /// Whether any touch or spend row names an ad or search source.
    pub fn has_sources(&self) -> bool {
        self.roster.creators().iter().any(|c| c.source.is_some())
    }

    /// The channel groups reports show (creators, then each source group used), and each
    /// creator's or source's position among them.
    pub fn group_channels(&self) -> (Vec<String>, Vec<usize>) {
        let creators = self.roster.creators();
        let group = |c: &creators::Creator| self.tiers.group(c.tier);
        let mut shown = vec![ChannelGroup::Creators];
        shown.extend(ChannelGroup::SOURCES.iter().copied().filter(|&g| creators.iter().any(|c| group(c) == g)));
        let names = shown.iter().map(|g| g.name().to_owned()).collect();
        let of = creators.iter().map(|c| shown.iter().position(|&g| g == group(c)).unwrap_or(0)).collect();
        (names, of)
    }
}

/// Reads and validates the three inputs together.
///
/// # Errors
/// [`Error::InvalidOption`] for bad options; [`Error::Input`] listing every problem in every
/// file (errors first, then warnings).
pub fn read_campaign(inputs: &CampaignInputs, options: &CampaignOptions) -> Result<Campaign, Error> {
    let tiers = Tiers::new(options.tiers.clone())?;
    UTC_OFFSET_MINUTES.check(options.utc_offset_minutes.0)?;
    let offset = options.utc_offset_minutes.fixed().ok_or_else(|| {
        Error::invalid_option(UTC_OFFSET_MINUTES.path, options.utc_offset_minutes.0, "must be within ±18 hours (±1080)")
    })?;
    let mut problems = Problems::default();
    let columns = &options.columns;
    let roster = creators::read_creators(&inputs.creators, &tiers, &columns.creators, &mut problems);
    let mut roster = keep_problems(roster, &mut problems)?.unwrap_or_default();
    let mut note_list = Notes::default();
    if !inputs.notes.trim().is_empty() {
        let read = notes::read_notes(&inputs.notes, &mut roster, &tiers, offset, &columns.notes, &mut problems);
        note_list = keep_problems(read, &mut problems)?.unwrap_or_default();
    }
    let mut journeys = Journeys::default();
    let touches = touchpoints::read_touchpoints(
        &inputs.touchpoints,
        &mut roster,
        &mut note_list,
        &mut journeys,
        &tiers,
        offset,
        &columns.touchpoints,
        &mut problems,
    );
    let (touches, notes) = keep_problems(touches, &mut problems)?.unwrap_or_default();
    let end_of_day = notes.has_times && options.date_only_orders == DateOnlyOrders::EndOfDay;
    let orders = orders::read_orders(&inputs.orders, &mut journeys, offset, end_of_day, &columns.orders, &mut problems);
    let (orders, order_notes) = keep_problems(orders, &mut problems)?.unwrap_or_default();
    if !inputs.spend.trim().is_empty() {
        let read = notes::read_spend(&inputs.spend, &mut roster, &tiers, offset, &columns.spend, &mut problems);
        keep_problems(read, &mut problems)?;
    }

    let mut campaign = Campaign {
        tiers,
        roster,
        notes: note_list,
        journeys,
        touches,
        orders,
        codes: CodeMatch::default(),
        warnings: Vec::new(),
    };
    let time_columns = [notes.time_column.as_ref(), order_notes.time_column.as_ref()];
    dates::check_time_range(&campaign, inputs, time_columns, offset, &mut problems);
    campaign.codes = code_touches::add_code_touches(
        &mut campaign,
        options.promo_code_touches,
        &order_notes.code_columns,
        &mut problems,
    );
    warn_unknowns(&campaign, &notes, &order_notes.unknown_channels, &mut problems);
    warn_orders_without_touches(&campaign, &mut problems);
    if notes.has_times {
        dates::warn_date_only_orders(&campaign, options.date_only_orders, &mut problems);
    }
    dates::warn_late_and_future(&campaign, options.now, &mut problems);
    let warnings = problems.into_result("campaign")?;
    Ok(Campaign { warnings, ..campaign })
}

/// A file's own result, its problems moved into `problems`; other errors pass through.
fn keep_problems<T>(result: Result<T, Error>, problems: &mut Problems) -> Result<Option<T>, Error> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(Error::Input(list)) => {
            for problem in list {
                problems.push(problem);
            }
            Ok(None)
        }
        Err(other) => Err(other),
    }
}

/// Reorders `values` so that element `k` is `values[order[k]]`.
pub(crate) fn permute<T: Copy>(values: &[T], order: &[usize]) -> Vec<T> {
    order.iter().map(|&i| values[i]).collect()
}

fn warn_unknowns(
    campaign: &Campaign,
    notes: &touchpoints::TouchNotes,
    unknown_channels: &[(String, usize, usize)],
    problems: &mut Problems,
) {
    for (&creator, &(line, count)) in &notes.unknown_creators {
        let id = &campaign.roster.get(creator).id;
        let message = format!("creator {id:?} is not in the roster: its {count} touches count under the unknown tier");
        problems
            .push(Problem { value: Some(id.clone()), ..at("touchpoints", line, ProblemCode::UnknownCreator, message) });
    }
    for (text, line, count) in &notes.unknown_types {
        let message = format!("unknown touch type {text:?} ({count} touches) is kept as other");
        problems.push(Problem {
            value: Some(text.clone()),
            ..at("touchpoints", *line, ProblemCode::UnknownTouchType, message)
        });
    }
    for (text, line, count) in &notes.unknown_sources {
        let message = format!(
            "unknown source {text:?} ({count} touches) is its own channel in the other group; \
             the sources the engine knows are juguang_search, juguang_feed, brand_note, live_stream, organic_search"
        );
        problems.push(Problem {
            value: Some(text.clone()),
            ..at("touchpoints", *line, ProblemCode::UnknownValue, message)
        });
    }
    for (text, line, count) in unknown_channels {
        let message = format!("unknown sales channel {text:?} ({count} orders) is kept as other");
        problems.push(Problem { value: Some(text.clone()), ..at("orders", *line, ProblemCode::UnknownValue, message) });
    }
}

fn warn_orders_without_touches(campaign: &Campaign, problems: &mut Problems) {
    let mut touched = vec![false; campaign.journeys.len()];
    for &journey in &campaign.touches.journey {
        touched[journey as usize] = true;
    }
    let orders = &campaign.orders;
    for i in 0..orders.len() {
        if !touched[orders.journey[i] as usize] {
            let journey = campaign.journeys.id(orders.journey[i]);
            let message =
                format!("order {} of {journey:?} has no touch at all: it counts as unattributed", orders.id[i]);
            problems.push(at("orders", orders.line[i] as usize, ProblemCode::OrderWithoutTouches, message));
        }
    }
}

/// A warning about a whole line.
fn at(file: &str, line: usize, code: ProblemCode, message: String) -> Problem {
    Problem::at_line(file, line, code, message).warning()
}

#[cfg(test)]
mod tests {
    use super::Journeys;

    #[test]
    fn journeys_are_interned_once_each_and_keep_their_ids() {
        let mut journeys = Journeys::default();
        let ids: Vec<String> = (0..5_000).map(|i| format!("u{}", i % 1_700)).collect();
        let numbers: Vec<u32> = ids.iter().map(|id| journeys.intern(id)).collect();
        assert_eq!(journeys.len(), 1_700);
        for (id, &number) in ids.iter().zip(&numbers) {
            assert_eq!(journeys.id(number), id);
        }
        assert_eq!(numbers[..3], [0, 1, 2]);
        assert_eq!(journeys.intern(""), 1_700);
        assert_eq!(journeys.id(1_700), "");
    }
}
