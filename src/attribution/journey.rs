//! Journeys and lookback windows: which touches each order can be credited to.
//!
//! A journey is one user's touches in time order. An order's eligible touches are those at or
//! before it, after the user's previous order, and no older than the lookback window. The touches
//! after a user's last order (all of them, for a user who never bought) form a non-converting
//! path, cut to the window before its last touch.

use std::cell::RefCell;
use std::ops::Range;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::campaign::{Campaign, NO_NOTE, note_channels};
use crate::paths::channel::{ChannelId, Channels};
use crate::paths::{PathTable, PathTableBuilder};
use crate::read::time::DAY;

/// Whether paths name creators, their tiers or their notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Channels are creators (`kol_id`).
    Creator,
    /// Channels are tiers.
    Tier,
    /// Channels are notes (`note_id`); a touch that names none is its creator's
    /// `<kol_id> (no note)`, as in the report's note level.
    Note,
}

/// Orders a window leaves without any eligible touch.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Unattributed {
    /// How many orders.
    pub orders: usize,
    /// Their value before refunds.
    #[cfg_attr(test, ts(type = "string"))]
    pub value: Decimal,
    /// Their value after refunds.
    #[cfg_attr(test, ts(type = "string"))]
    pub net_value: Decimal,
}

impl Unattributed {
    /// Counts an order with no eligible touch.
    pub(crate) fn add_order(&mut self, value: Decimal, net_value: Decimal) {
        self.orders += 1;
        self.value += value;
        self.net_value += net_value;
    }
}

/// Replaces `path` with the channels (`of_creator[creator]`) of `campaign`'s touches in `range`.
pub(crate) fn fill_path(path: &mut Vec<ChannelId>, campaign: &Campaign, of_creator: &[ChannelId], range: Range<usize>) {
    path.clear();
    path.extend(campaign.touches.creator[range].iter().map(|&c| of_creator[c as usize]));
}

/// One window's aggregated paths and what it left unattributed.
#[derive(Debug, Clone)]
pub struct WindowPaths {
    /// The lookback window, in days.
    pub days: u32,
    /// Paths of orders with at least one eligible touch, and non-converting paths.
    pub paths: PathTable,
    /// Orders with no eligible touch.
    pub unattributed: Unattributed,
}

/// The channels of `level`: every creator (roster order) or every tier (largest first, then
/// `unknown` when some creator is unknown), and each creator's channel.
pub(crate) fn channels(campaign: &Campaign, level: Level) -> (Channels, Vec<ChannelId>) {
    let (channels, of_creator, _) = touch_channels(campaign, level);
    (channels, of_creator)
}

/// As [`channels`], with each note's channel, which at the note level is what a touch naming a
/// note counts in (empty at other levels). There the channels are every note, then the
/// `(no note)` ones, and a creator's channel is its `(no note)` one.
fn touch_channels(campaign: &Campaign, level: Level) -> (Channels, Vec<ChannelId>, Vec<ChannelId>) {
    let mut channels = Channels::default();
    let creators = campaign.roster.creators();
    let mut of_note = Vec::new();
    let of_creator = match level {
        // Interning cannot fail below u32::MAX names; the roster is far smaller.
        Level::Creator => creators.iter().filter_map(|c| channels.intern(&c.id)).collect(),
        Level::Tier => {
            let (names, position) = campaign.tier_channels();
            let ids: Vec<ChannelId> = names.iter().filter_map(|name| channels.intern(name)).collect();
            position.iter().map(|&p| ids[p]).collect()
        }
        Level::Note => {
            let rows = note_channels(&campaign.notes, &campaign.roster, &campaign.touches);
            let ids: Vec<ChannelId> = rows.names.iter().filter_map(|name| channels.intern(name)).collect();
            of_note = ids[..campaign.notes.len()].to_vec();
            // A creator without a `(no note)` channel has no touch that counts in one.
            rows.unnoted.iter().map(|row| ids[row.unwrap_or(0)]).collect()
        }
    };
    (channels, of_creator, of_note)
}

/// One order and the touches it can be credited to, as ranges of `campaign.touches`.
#[derive(Debug, Clone)]
pub struct OrderTouches {
    /// The order's index in `campaign.orders`.
    pub order: usize,
    /// Its eligible touches: inside the lookback window and after the user's previous order.
    pub lookback: Range<usize>,
    /// Every touch of the user at or before the order, whatever its age.
    pub prior: Range<usize>,
}

/// How far back an order's touches count: the same days for every order (a fixed window), or each
/// order's own (a window by product category). A number of days converts into one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookback<'a> {
    /// Every order and non-converting path looks back this many days.
    Days(u32),
    /// Each order looks back its own days.
    PerOrder(&'a OrderLookbacks),
}

/// Each order's lookback in days, and the non-converting paths', which have no order (nor
/// category) to take one from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderLookbacks {
    /// Per order, in `campaign.orders` order.
    pub orders: Vec<u32>,
    /// For every non-converting path.
    pub tails: u32,
}

impl From<u32> for Lookback<'_> {
    fn from(days: u32) -> Self {
        Self::Days(days)
    }
}

/// How a report names the window by category where a fixed window has its days.
pub const CATEGORY_WINDOW: u32 = 0;

impl Lookback<'_> {
    /// The window's days, or [`CATEGORY_WINDOW`] for each order's own: how reports name it.
    pub fn label(self) -> u32 {
        match self {
            Self::Days(days) => days,
            Self::PerOrder(_) => CATEGORY_WINDOW,
        }
    }

    /// Order `order`'s window, in seconds.
    fn order_seconds(self, order: usize) -> i64 {
        i64::from(match self {
            Self::Days(days) => days,
            Self::PerOrder(lookbacks) => lookbacks.orders[order],
        }) * DAY
    }

    /// A non-converting path's window, in seconds.
    fn tail_seconds(self) -> i64 {
        i64::from(match self {
            Self::Days(days) => days,
            Self::PerOrder(lookbacks) => lookbacks.tails,
        }) * DAY
    }
}

/// Walks every journey in a lookback window: `on_order` for each order with its touches, `on_tail`
/// for each non-converting path (the touches after the user's last order, cut to the window before
/// its last touch).
pub fn walk<'l>(
    campaign: &Campaign,
    lookback: impl Into<Lookback<'l>>,
    mut on_order: impl FnMut(OrderTouches),
    mut on_tail: impl FnMut(Range<usize>),
) {
    let (touches, orders) = (&campaign.touches, &campaign.orders);
    let lookback = lookback.into();
    let (mut t, mut o) = (0, 0);
    for journey in 0..campaign.journeys.len() as u32 {
        let start = t;
        while t < touches.len() && touches.journey[t] == journey {
            t += 1;
        }
        let times = &touches.at[start..t];
        // Exclusive lower bound: the latest earlier order; orders at the same instant share touches.
        let (mut previous, mut lower) = (i64::MIN, i64::MIN);
        while o < orders.len() && orders.journey[o] == journey {
            let at = orders.at[o];
            if at > previous {
                lower = previous;
                previous = at;
            }
            let window = lookback.order_seconds(o);
            let from = times.partition_point(|&x| x <= lower || x < at.saturating_sub(window));
            let to = times.partition_point(|&x| x <= at);
            on_order(OrderTouches { order: o, lookback: start + from.min(to)..start + to, prior: start..start + to });
            o += 1;
        }
        let tail_start = times.partition_point(|&x| x <= previous);
        if let Some(&last) = times.last().filter(|_| tail_start < times.len()) {
            let window = lookback.tail_seconds();
            let from = tail_start.max(times.partition_point(|&x| x < last.saturating_sub(window)));
            on_tail(start + from..t);
        }
    }
}

/// The campaign's paths under a `days`-day lookback window, at `level`.
pub fn window_paths(campaign: &Campaign, days: u32, level: Level) -> WindowPaths {
    build_window_paths(campaign, days, level, false)
}

/// As [`window_paths`], with each converting path's touch types and ages at the order, so the
/// time- and type-based models can run on the paths (orders merge only when these agree too).
pub fn window_event_paths(campaign: &Campaign, days: u32, level: Level) -> WindowPaths {
    build_window_paths(campaign, days, level, true)
}

fn build_window_paths(campaign: &Campaign, days: u32, level: Level, events: bool) -> WindowPaths {
    let (channels, of_creator, of_note) = touch_channels(campaign, level);
    let builder = if events { PathTableBuilder::with_events(channels) } else { PathTableBuilder::new(channels) };
    // The builder and one path buffer reused by every journey (a window walks a million).
    let building = RefCell::new((builder, Vec::new()));
    let mut unattributed = Unattributed::default();
    let (touches, orders) = (&campaign.touches, &campaign.orders);
    let fill = |path: &mut Vec<ChannelId>, range: Range<usize>| {
        if level != Level::Note {
            return fill_path(path, campaign, &of_creator, range);
        }
        path.clear();
        let creator_note = touches.creator[range.clone()].iter().zip(&touches.note[range]);
        path.extend(
            creator_note.map(|(&c, &n)| if n == NO_NOTE { of_creator[c as usize] } else { of_note[n as usize] }),
        );
    };
    let mut ages = Vec::new();
    walk(
        campaign,
        days,
        |order| {
            let (gross, net) = (orders.gross[order.order], orders.net(order.order));
            if order.lookback.is_empty() {
                unattributed.add_order(gross, net);
                return;
            }
            let (builder, path) = &mut *building.borrow_mut();
            fill(path, order.lookback.clone());
            if events {
                let at = orders.at[order.order];
                ages.clear();
                ages.extend(touches.at[order.lookback.clone()].iter().map(|&t| at - t));
                let kinds = &touches.kind[order.lookback];
                builder.add_with_events(path, kinds, &ages, 1.0, gross, net, 0.0);
            } else {
                builder.add(path, 1.0, gross, net, 0.0);
            }
        },
        |tail| {
            let (builder, path) = &mut *building.borrow_mut();
            fill(path, tail);
            builder.add(path, 0.0, Decimal::ZERO, Decimal::ZERO, 1.0);
        },
    );
    WindowPaths { days, paths: building.into_inner().0.finish(), unattributed }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::test_support::campaign;
    use crate::paths::paths_csv;

    #[test]
    fn the_window_decides_which_touches_an_order_has() {
        // u1: mega 40 days before, mid-tier 10 days before, KOC 1 day before the order.
        let c = campaign(
            "u1,big,2025-03-01 10:00,view\nu1,mid,2025-03-31 10:00,save\nu1,koc,2025-04-09 10:00,click\n",
            "o1,u1,2025-04-10 10:00,300,100\n",
        );
        let week = window_paths(&c, 7, Level::Creator);
        assert_eq!(
            paths_csv(&week.paths, false),
            "path,total_conversions,total_conversion_value,total_null\nkoc,1,300.00,0\n"
        );
        let month = window_paths(&c, 30, Level::Creator);
        assert!(paths_csv(&month.paths, true).ends_with("\nmid > koc,1,200.00,0\n"));
        let quarter = window_paths(&c, 90, Level::Tier);
        assert!(paths_csv(&quarter.paths, false).ends_with("\nmega > mid-tier > KOC,1,300.00,0\n"));
        assert_eq!(week.unattributed, Unattributed::default());
    }

    #[test]
    fn a_second_order_only_sees_touches_since_the_first() {
        let c = campaign(
            "u1,big,2025-04-01,view\nu1,koc,2025-04-05,click\nu1,mid,2025-04-07,save\n",
            "o1,u1,2025-04-05,100,\no2,u1,2025-04-08,50,\no3,u1,2025-04-08,20,\n",
        );
        let paths = window_paths(&c, 30, Level::Creator).paths;
        // o1 at the same instant as the KOC touch includes it; o2 and o3 share the mid-tier touch.
        assert_eq!(
            paths_csv(&paths, false),
            "path,total_conversions,total_conversion_value,total_null\nbig > koc,1,100.00,0\nmid,2,70.00,0\n"
        );
    }

    #[test]
    fn non_converting_tails_and_unattributed_orders() {
        let c = campaign(
            "u1,big,2025-04-01,view\nu1,koc,2025-04-02,view\nu1,mid,2025-06-01,view\nu2,big,2025-04-01,like\n",
            "o1,u1,2025-04-03,100,\no2,u3,2025-04-03,40,40\no3,u2,2025-06-01,60,\n",
        );
        let w = window_paths(&c, 7, Level::Creator);
        // u1's tail (mid) is a null path; u2's only touch is 61 days before its order; u3 has none.
        assert_eq!(
            paths_csv(&w.paths, false),
            "path,total_conversions,total_conversion_value,total_null\nbig > koc,1,100.00,0\nmid,0,0.00,1\n"
        );
        assert_eq!(
            w.unattributed,
            Unattributed { orders: 2, value: Decimal::new(100, 0), net_value: Decimal::new(60, 0) }
        );
        // Every order is either in a path or unattributed.
        assert_eq!(w.paths.total_value() + w.unattributed.value, Decimal::new(200, 0));
    }
}
