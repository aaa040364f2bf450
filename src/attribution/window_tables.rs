//! A campaign's creator paths window after window, each window's table built from the last: a
//! journey whose eligible touches are the same in both windows keeps its row, and only the
//! others move. Most journeys of a campaign fall inside the shortest window, so a report of six
//! windows hashes most paths once instead of six times.
//!
//! Such a table's rows are in another order than a table built for the window alone, and a model
//! that sums over rows in floating point (Markov) would then differ in the last bits with the
//! windows asked for alongside: [`WindowTable::in_walk_order`] gives the rows in the order the
//! window alone has them, so a report split across workers, window by window, is the same to the bit.

use std::borrow::Cow;
use std::cell::RefCell;
use std::ops::Range;

use rust_decimal::Decimal;

use crate::attribution::journey::{Level, Lookback, Unattributed, channels, fill_path, walk};
use crate::attribution::shapley::WindowSets;
use crate::campaign::Campaign;
use crate::paths::channel::ChannelId;
use crate::paths::{PathTable, PathTableBuilder};

/// A unit without a row (an order without an eligible touch).
const NO_ROW: u32 = u32::MAX;

/// One order or non-converting path of every window, as [`walk`] visits them.
#[derive(Clone, Copy)]
struct Unit {
    /// Where its touches start in the last window built (they end where they end in every window).
    start: u32,
    row: u32,
}

/// One window's paths from [`WindowTables::window`].
pub(crate) struct WindowTable<'t> {
    /// The paths (rows no journey takes any more left at zero, rows in the order the windows
    /// before found them).
    pub paths: &'t PathTable,
    /// The orders the window leaves without an eligible touch.
    pub unattributed: Unattributed,
    /// The table's channel sets, which follow it (for Shapley).
    pub sets: &'t mut WindowSets,
    units: &'t [Unit],
    /// Whether the table was built for this window alone (its first).
    fresh: bool,
}

impl WindowTable<'_> {
    /// The paths as a table built for this window alone has them: only rows with journeys, in the
    /// order the walk first meets each.
    pub(crate) fn in_walk_order(&self) -> Cow<'_, PathTable> {
        if self.fresh {
            return Cow::Borrowed(self.paths);
        }
        let mut seen = vec![false; self.paths.rows()];
        let mut rows = Vec::with_capacity(self.paths.rows());
        for unit in self.units.iter().filter(|u| u.row != NO_ROW) {
            let row = unit.row as usize;
            if !seen[row] {
                seen[row] = true;
                rows.push(row);
            }
        }
        Cow::Owned(self.paths.with_rows(&rows))
    }
}

/// The paths of one window at a time over one campaign, at creator level.
pub(crate) struct WindowTables<'c> {
    campaign: &'c Campaign,
    of_creator: Vec<ChannelId>,
    builder: PathTableBuilder,
    /// Every unit, in walk order; empty before the first window.
    units: Vec<Unit>,
    /// The channel sets of the table's rows, for Shapley.
    sets: WindowSets,
    /// The orders' sums, the same in every window: worked out for the first.
    order_sums: Option<OrderSums>,
}

/// What every window's walk reads of the orders: each order's value after refunds, and the
/// campaign's totals.
pub(crate) struct OrderSums {
    /// Per order, its value after refunds.
    pub(crate) net: Vec<Decimal>,
    /// Every order's value before refunds.
    pub(crate) value: Decimal,
    /// And after.
    pub(crate) net_value: Decimal,
    /// The most decimal places an order's value or refund has, at least 2.
    pub(crate) value_scale: u32,
}

impl<'c> WindowTables<'c> {
    pub(crate) fn new(campaign: &'c Campaign) -> Self {
        let (channels, of_creator) = channels(campaign, Level::Creator);
        Self {
            campaign,
            of_creator,
            builder: PathTableBuilder::new(channels),
            units: Vec::new(),
            sets: WindowSets::default(),
            order_sums: None,
        }
    }

    /// The campaign.
    pub(crate) fn campaign(&self) -> &'c Campaign {
        self.campaign
    }

    /// The orders' sums, worked out once for every window.
    pub(crate) fn order_sums(&mut self) -> &OrderSums {
        let orders = &self.campaign.orders;
        self.order_sums.get_or_insert_with(|| {
            let net: Vec<Decimal> = (0..orders.len()).map(|i| orders.net(i)).collect();
            OrderSums {
                value: orders.gross.iter().sum(),
                net_value: net.iter().sum(),
                value_scale: orders.gross.iter().chain(&orders.refunded).map(Decimal::scale).max().unwrap_or(0).max(2),
                net,
            }
        })
    }

    /// The paths of a lookback window (as [`crate::attribution::journey::window_paths`] gives
    /// them, with rows no journey takes any more left at zero, and rows in another order) and the
    /// orders it leaves without an eligible touch; and the table's channel sets, which follow it.
    pub(crate) fn window<'l>(&mut self, lookback: impl Into<Lookback<'l>>) -> WindowTable<'_> {
        let campaign = self.campaign;
        let orders = &campaign.orders;
        let of_creator = &self.of_creator;
        let first = self.units.is_empty();
        // The builder, the units, the next unit and one path buffer, shared by both callbacks.
        let state = RefCell::new((&mut self.builder, &mut self.units, 0_usize, Vec::new()));
        let place = |range: Range<usize>, conversions: f64, value: Decimal, net_value: Decimal| {
            let (builder, units, next, path) = &mut *state.borrow_mut();
            let unit = *next;
            *next += 1;
            let start = range.start as u32;
            if !first && units[unit].start == start {
                return;
            }
            let nulls = 1.0 - conversions;
            if let Some(old) = units.get(unit).filter(|u| u.row != NO_ROW) {
                builder.remove(old.row as usize, conversions, value, net_value, nulls);
            }
            let row = if range.is_empty() {
                NO_ROW
            } else {
                fill_path(path, campaign, of_creator, range);
                builder.add(path, conversions, value, net_value, nulls) as u32
            };
            if first {
                units.push(Unit { start, row });
            } else {
                units[unit] = Unit { start, row };
            }
        };
        let mut unattributed = Unattributed::default();
        walk(
            campaign,
            lookback,
            |order| {
                let (gross, net) = (orders.gross[order.order], orders.net(order.order));
                if order.lookback.is_empty() {
                    unattributed.add_order(gross, net);
                }
                place(order.lookback, 1.0, gross, net);
            },
            |tail| place(tail, 0.0, Decimal::ZERO, Decimal::ZERO),
        );
        WindowTable {
            paths: self.builder.table(),
            unattributed,
            sets: &mut self.sets,
            units: &self.units,
            fresh: first,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::journey::window_paths;
    use crate::campaign::test_support::campaign;
    use crate::paths::paths_csv;

    /// The rows with journeys, sorted: what a window's paths say, whatever the row order.
    fn rows(table: &PathTable) -> Vec<String> {
        let text = paths_csv(table, true);
        let mut rows: Vec<String> =
            text.lines().skip(1).filter(|r| !r.ends_with(",0,0.00,0")).map(String::from).collect();
        rows.sort();
        rows
    }

    #[test]
    fn each_window_built_from_the_last_has_the_paths_of_a_fresh_one() {
        let c = campaign(
            "u1,big,2025-03-01,view\nu1,mid,2025-03-25,view\nu1,koc,2025-04-02,click\n\
             u2,koc,2025-02-01,view\nu2,koc,2025-04-01,view\nu3,mid,2025-03-20,view\nu3,big,2025-04-03,view\n\
             u4,big,2025-01-10,view\nu4,mid,2025-04-03,like\n",
            "o1,u1,2025-04-03,100\no2,u2,2025-04-03,50\no3,u2,2025-04-04,20\no4,u4,2025-01-11,10\n",
        );
        let mut tables = WindowTables::new(&c);
        // Up, down and up again: rows move both ways.
        for days in [7, 30, 120, 14, 60, 1, 3650] {
            let fresh = window_paths(&c, days, Level::Creator);
            let window = tables.window(days);
            let table = window.paths;
            assert_eq!(rows(table), rows(&fresh.paths), "{days} days");
            assert_eq!(window.unattributed, fresh.unattributed, "{days} days");
            assert_eq!(table.total_value(), fresh.paths.total_value());
            assert!(!paths_csv(table, true).contains("-0"), "no negative zero left by a move");
            // Row for row what the window alone gives, in its order.
            assert_eq!(paths_csv(&window.in_walk_order(), true), paths_csv(&fresh.paths, true), "{days} days");
        }
    }
}
