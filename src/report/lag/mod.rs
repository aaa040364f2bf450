//! Time lag and path length (what GA4 users know as "days to purchase" and "path length"): for
//! every order with touches, how long before it its journey began, how long before it each tier
//! last touched the buyer, and how many touches it had; as histograms, with the lookback window
//! that covers a given share of orders (overall and per product category): the window to choose.
//!
//! An order's touches are the ones the engine's journeys give it in the longest window the
//! catalogue allows ([`MAX_WINDOW_DAYS`]): at or before the order and after the user's previous
//! order. Touches before the previous order belong to that order's journey; counting them again
//! would lengthen every repeat buyer's lag with touches another order already used. The longest
//! window, not a chosen one, because this report is what a window is chosen from.
//!
//! A lag is counted in **window days**: the smallest lookback window that still reaches the touch,
//! `ceil(lag / 1 day)`, and 1 for a touch less than a day before (or at the same instant). So the
//! share of orders up to a bucket ending at `D` days is exactly the share a `D`-day window keeps,
//! and the covering window is a quantile of whole numbers, computed without any rounding.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::attribution::journey::walk;
use crate::campaign::{Campaign, CampaignInputs, CampaignOptions, read_campaign};
use crate::catalogue::MAX_WINDOW_DAYS;
use crate::catalogue::settings::LAG_COVERAGE;
use crate::error::{Error, Problem};
use crate::read::cell::spreadsheet_safe;
use crate::read::time::DAY;

/// The histograms' buckets of window days, first and last day (the last bucket open): the usual
/// lookback windows (7, 14, 30, 60, 90 days) each end one, so a bucket's cumulative share is the
/// share of orders that window keeps.
const DAY_BUCKETS: [(u32, Option<u32>); 10] = [
    (1, Some(1)),
    (2, Some(2)),
    (3, Some(3)),
    (4, Some(7)),
    (8, Some(14)),
    (15, Some(30)),
    (31, Some(60)),
    (61, Some(90)),
    (91, Some(120)),
    (121, None),
];

/// The buckets of touches per converting journey.
const TOUCH_BUCKETS: [(u32, Option<u32>); 7] =
    [(1, Some(1)), (2, Some(2)), (3, Some(3)), (4, Some(4)), (5, Some(9)), (10, Some(19)), (20, None)];

/// What to measure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct LagOptions {
    /// The share of orders, in percent, the suggested window must cover (default 90).
    #[cfg_attr(test, ts(optional = nullable))]
    pub coverage_percent: u32,
    /// How to read the inputs.
    #[cfg_attr(test, ts(optional = nullable))]
    pub input: CampaignOptions,
}

impl Default for LagOptions {
    fn default() -> Self {
        Self { coverage_percent: LAG_COVERAGE.default_whole() as u32, input: CampaignOptions::default() }
    }
}

/// One bar of a histogram.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct LagBucket {
    /// Its first value (window days, or touches).
    pub from: u32,
    /// Its last value; `null` for the last, open bucket.
    pub to: Option<u32>,
    /// Orders in it.
    pub orders: usize,
    /// Their share of the histogram's orders (0 when it has none).
    pub share: f64,
    /// Share of the histogram's orders in this bucket and every one before it: for window days,
    /// the share a window of `to` days keeps.
    pub cumulative_share: f64,
}

/// Orders counted by window days (or by touches).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct LagHistogram {
    /// Orders counted; the buckets' orders sum to it.
    pub orders: usize,
    /// The bars, in order.
    pub buckets: Vec<LagBucket>,
    /// The least whole number of days (or touches) that covers the options' share of these
    /// orders; `null` when there are none.
    pub covering: Option<u32>,
}

/// How recently a tier touched the buyers it reached.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TierLag {
    /// The tier.
    pub tier: String,
    /// Window days from the tier's latest touch to each order it touched.
    pub from_latest_touch: LagHistogram,
}

/// The lag of one product category's orders.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CategoryLag {
    /// The orders' `category`, as written.
    pub category: String,
    /// Window days from the journey's first touch; its `covering` is the category's suggested window.
    pub from_first_touch: LagHistogram,
}

/// Time lag and path length of a campaign's converting journeys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TimeLag {
    /// The share of orders, in percent, each `covering` covers.
    pub coverage_percent: u32,
    /// The longest lookback window, in days: touches older than this before an order are not counted.
    pub max_window_days: u32,
    /// Every order.
    pub orders: usize,
    /// Orders with at least one touch before them (since the user's previous order): the ones measured.
    pub converting: usize,
    /// Orders with none.
    pub without_touches: usize,
    /// Window days from the journey's first touch: its `covering` is the window that keeps every
    /// touch of the share of orders (the suggested window).
    pub from_first_touch: LagHistogram,
    /// Window days from the journey's latest touch: its `covering` is the window that leaves the
    /// share of orders with at least one touch to credit.
    pub from_last_touch: LagHistogram,
    /// Touches per converting journey (the path length).
    pub touches: LagHistogram,
    /// Every touch counted, over all converting journeys.
    pub touches_total: usize,
    /// Per tier (the campaign's tiers, largest first, then `unknown` when a creator is unknown),
    /// from that tier's latest touch, over the orders it touched.
    pub tiers: Vec<TierLag>,
    /// Per product category (the orders' `category`, by name), when orders carry one.
    pub categories: Vec<CategoryLag>,
    /// Converting orders without a category (counted overall, in no category).
    pub without_category: usize,
    /// Said when nothing could be measured, and why.
    pub note: Option<String>,
    /// What reading the campaign noticed (orders without touches, unknown creators…).
    pub warnings: Vec<Problem>,
    /// Credit by the age of the notes touched, when the notes file gives publish dates.
    pub note_age: Option<NoteAge>,
}

/// Reads a campaign and measures its time lag and path length.
///
/// # Errors
/// [`Error::InvalidOption`] for bad options; [`Error::Input`] listing every problem in the inputs.
pub fn time_lag(inputs: &CampaignInputs, options: &LagOptions) -> Result<TimeLag, Error> {
    LAG_COVERAGE.check(options.coverage_percent)?;
    let campaign = read_campaign(inputs, &options.input)?;
    time_lag_of(&campaign, options)
}

/// One converting order, measured.
struct Measured {
    first: u32,
    last: u32,
    touches: u32,
    order: usize,
}

/// Measures a campaign already read.
///
/// # Errors
/// [`Error::InvalidOption`] for bad options.
pub fn time_lag_of(campaign: &Campaign, options: &LagOptions) -> Result<TimeLag, Error> {
    LAG_COVERAGE.check(options.coverage_percent)?;
    let coverage = options.coverage_percent;
    let (touches, orders) = (&campaign.touches, &campaign.orders);
    let tier_count = campaign.tiers.count();
    let mut measured = Vec::new();
    let mut per_tier: Vec<Vec<u32>> = vec![Vec::new(); tier_count];
    let mut latest: Vec<Option<i64>> = vec![None; tier_count];
    walk(
        campaign,
        MAX_WINDOW_DAYS,
        |order| {
            let range = order.lookback;
            let Some((&first, &last)) = touches.at[range.clone()].first().zip(touches.at[range.clone()].last()) else {
                return;
            };
            let at = orders.at[order.order];
            latest.fill(None);
            for t in range.clone() {
                let tier = usize::from(campaign.roster.get(touches.creator[t]).tier);
                latest[tier] = Some(touches.at[t]);
            }
            for (tier, time) in latest.iter().enumerate() {
                if let Some(time) = time {
                    per_tier[tier].push(window_days(at - time));
                }
            }
            measured.push(Measured {
                first: window_days(at - first),
                last: window_days(at - last),
                touches: range.len() as u32,
                order: order.order,
            });
        },
        |_| {},
    );
    let first: Vec<u32> = measured.iter().map(|m| m.first).collect();
    let last: Vec<u32> = measured.iter().map(|m| m.last).collect();
    let counts: Vec<u32> = measured.iter().map(|m| m.touches).collect();
    let shown = campaign.tiers.shown(campaign.roster.creators().iter().map(|c| c.tier));
    let tiers = shown
        .into_iter()
        .map(|tier| (tier, &per_tier[usize::from(tier)]))
        .map(|(tier, days)| TierLag {
            tier: campaign.tiers.name(tier).to_owned(),
            from_latest_touch: histogram(days, &DAY_BUCKETS, coverage),
        })
        .collect();
    let mut by_category: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    let mut without_category = 0;
    for m in &measured {
        match &orders.category[m.order] {
            Some(category) => by_category.entry(category).or_default().push(m.first),
            None => without_category += 1,
        }
    }
    let categories = by_category
        .into_iter()
        .map(|(category, days)| CategoryLag {
            category: category.to_owned(),
            from_first_touch: histogram(&days, &DAY_BUCKETS, coverage),
        })
        .collect();
    let note = if orders.is_empty() {
        Some("there are no orders: nothing to measure".to_owned())
    } else if measured.is_empty() {
        Some("no order has a touch before it: nothing to measure".to_owned())
    } else {
        None
    };
    Ok(TimeLag {
        coverage_percent: coverage,
        max_window_days: MAX_WINDOW_DAYS,
        orders: orders.len(),
        converting: measured.len(),
        without_touches: orders.len() - measured.len(),
        from_first_touch: histogram(&first, &DAY_BUCKETS, coverage),
        from_last_touch: histogram(&last, &DAY_BUCKETS, coverage),
        touches: histogram(&counts, &TOUCH_BUCKETS, coverage),
        touches_total: counts.iter().map(|&c| c as usize).sum(),
        tiers,
        categories,
        without_category,
        note,
        warnings: campaign.warnings.clone(),
        note_age: note_age::note_age(campaign),
    })
}

/// The smallest lookback window, in whole days, that reaches a touch `seconds` before its order.
fn window_days(seconds: i64) -> u32 {
    // At most MAX_WINDOW_DAYS: the walk gives no older touch.
    let days = (seconds.max(0) + DAY - 1) / DAY;
    u32::try_from(days.max(1)).unwrap_or(u32::MAX)
}

/// The least value `v` of `values` such that at least `percent`% of them are at most `v`; `None`
/// when there are none.
fn covering(values: &[u32], percent: u32) -> Option<u32> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    // The k-th smallest, k = ceil(n · percent / 100) (at least 1): integers throughout.
    let k = (sorted.len() * percent as usize).div_ceil(100).max(1);
    sorted.get(k - 1).copied()
}

fn histogram(values: &[u32], buckets: &[(u32, Option<u32>)], percent: u32) -> LagHistogram {
    let total = values.len();
    let share = |count: usize| if total == 0 { 0.0 } else { count as f64 / total as f64 };
    let mut cumulative = 0;
    let buckets = buckets
        .iter()
        .map(|&(from, to)| {
            let orders = values.iter().filter(|&&v| v >= from && to.is_none_or(|to| v <= to)).count();
            cumulative += orders;
            LagBucket { from, to, orders, share: share(orders), cumulative_share: share(cumulative) }
        })
        .collect();
    LagHistogram { orders: total, buckets, covering: covering(values, percent) }
}

/// The histograms as spreadsheet-safe CSV, one row per bucket: `histogram` (`first_touch`,
/// `last_touch`, `touches`, `tier`, `category`), `name` (the tier or category), `from`, `to`
/// (empty for the open bucket), `orders`, `share`, `cumulative_share`, `covering`. With note age:
/// `note_age` rows (name empty for all notes, else the tier) whose `orders` are the conversions
/// credited at that age, and `note_after` rows (name empty for all notes, else the note id) whose
/// `from` is 30, 60 or 90 days, `orders` the conversions credited to them and `share` the share of
/// those after that many days since publishing.
pub fn time_lag_csv(lag: &TimeLag) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    let header = ["histogram", "name", "from", "to", "orders", "share", "cumulative_share", "covering"];
    // Writing to a Vec cannot fail.
    let _ = out.write_record(header);
    let overall = [
        ("first_touch", "", &lag.from_first_touch),
        ("last_touch", "", &lag.from_last_touch),
        ("touches", "", &lag.touches),
    ];
    let tiers = lag.tiers.iter().map(|t| ("tier", t.tier.as_str(), &t.from_latest_touch));
    let categories = lag.categories.iter().map(|c| ("category", c.category.as_str(), &c.from_first_touch));
    for (kind, name, histogram) in overall.into_iter().chain(tiers).chain(categories) {
        let covering = histogram.covering.map(|c| c.to_string()).unwrap_or_default();
        for bucket in &histogram.buckets {
            let row = [
                kind.to_owned(),
                name.to_owned(),
                bucket.from.to_string(),
                bucket.to.map(|t| t.to_string()).unwrap_or_default(),
                bucket.orders.to_string(),
                bucket.share.to_string(),
                bucket.cumulative_share.to_string(),
                covering.clone(),
            ];
            let _ = out.write_record(row.iter().map(|cell| spreadsheet_safe(cell).into_owned()));
        }
    }
    if let Some(age) = &lag.note_age {
        note_age_rows(&mut out, age);
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Note age's rows of [`time_lag_csv`]: the credit by age (all notes, then each tier), then the
/// late shares (all notes, then each note, most credited first).
fn note_age_rows(out: &mut csv::Writer<Vec<u8>>, age: &NoteAge) {
    let mut write = |row: [String; 8]| {
        let _ = out.write_record(row.iter().map(|cell| spreadsheet_safe(cell).into_owned()));
    };
    let tiers = age.tiers.iter().map(|t| (t.tier.as_str(), &t.buckets));
    for (name, buckets) in std::iter::once(("", &age.buckets)).chain(tiers) {
        // The running share from the running credit, so the last bucket's is exactly 1.
        let whole: f64 = buckets.iter().map(|b| b.conversions).sum();
        let mut credited = 0.0;
        for bucket in buckets {
            credited += bucket.conversions;
            let cumulative = if whole > 0.0 { credited / whole } else { 0.0 };
            let to = bucket.to.map(|t| t.to_string()).unwrap_or_default();
            let (from, conversions) = (bucket.from.to_string(), bucket.conversions.to_string());
            write([
                "note_age".into(),
                name.into(),
                from,
                to,
                conversions,
                bucket.share.to_string(),
                cumulative.to_string(),
                String::new(),
            ]);
        }
    }
    let notes = age.notes.iter().map(|n| (n.note_id.as_str(), n.conversions, n.after));
    for (name, conversions, after) in std::iter::once(("", age.conversions, age.after)).chain(notes) {
        for (days, share) in age.after_days.iter().zip(after) {
            let (days, conversions, share) = (days.to_string(), conversions.to_string(), share.to_string());
            write([
                "note_after".into(),
                name.into(),
                days,
                String::new(),
                conversions,
                share,
                String::new(),
                String::new(),
            ]);
        }
    }
}

mod note_age;
#[cfg(test)]
mod tests;

pub use note_age::{AgeBucket, NoteAge, NoteLateness, TierNoteAge};
