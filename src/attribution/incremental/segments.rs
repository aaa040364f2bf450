//! A window's journeys as the incremental model reads them: one segment per order with eligible
//! touches (converted) and one per non-converting path, each touch with its creator, tier, type,
//! age at the segment's decision and place in the segment.

use std::ops::Range;

use crate::attribution::journey::walk;
use crate::campaign::{Campaign, TouchType};
use crate::read::time::DAY;

/// Where a touch stands in its segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// The only touch, or one between the first and the last.
    Between,
    /// The first of several: it opened the journey.
    Opening,
    /// The last of several: it closed the journey.
    Closing,
}

/// Every segment of one window, columnar.
#[derive(Debug, Clone, Default)]
pub(crate) struct Segments {
    /// Where each segment's touches start; one more entry than segments.
    pub bounds: Vec<usize>,
    /// Whether each segment ended in an order.
    pub converted: Vec<bool>,
    /// The order of each converting segment (index into `campaign.orders`).
    pub order: Vec<Option<u32>>,
    /// The journey (user) of each segment, for splitting the data into folds.
    pub journey: Vec<u32>,
    /// When each segment was decided (its last touch), in Unix seconds.
    pub decided_at: Vec<i64>,
    /// Per touch: its creator.
    pub creator: Vec<u32>,
    /// Per touch: its creator's tier.
    pub tier: Vec<u16>,
    /// Per touch: its type's index in [`TouchType::ALL`].
    pub kind: Vec<u8>,
    /// Per touch: its age at the segment's decision, in days.
    pub age: Vec<f64>,
    /// Per touch: its place in the segment.
    pub role: Vec<Role>,
}

impl Segments {
    /// The segments of `campaign` in a `days`-day lookback window. Orders without an eligible
    /// touch are left out: like every model, this one credits them to no one.
    pub(crate) fn of_window(campaign: &Campaign, days: u32) -> Self {
        let mut segments = Self { bounds: vec![0], ..Self::default() };
        let touches = &campaign.touches;
        let orders = &campaign.orders;
        // `walk` hands orders and tails to two callbacks; both append here, in walk order.
        let all = std::cell::RefCell::new(&mut segments);
        walk(
            campaign,
            days,
            |order| {
                if !order.lookback.is_empty() {
                    let journey = orders.journey[order.order];
                    all.borrow_mut().push(campaign, order.lookback, Some(order.order as u32), journey);
                }
            },
            |tail| {
                let journey = touches.journey[tail.start];
                all.borrow_mut().push(campaign, tail, None, journey);
            },
        );
        segments
    }

    fn push(&mut self, campaign: &Campaign, range: Range<usize>, order: Option<u32>, journey: u32) {
        let touches = &campaign.touches;
        let creators = campaign.roster.creators();
        let decided = touches.at[range.end - 1];
        let n = range.len();
        for (position, t) in range.enumerate() {
            let creator = touches.creator[t];
            self.creator.push(creator);
            self.tier.push(creators[creator as usize].tier);
            self.kind.push(kind_index(touches.kind[t]));
            self.age.push((decided - touches.at[t]) as f64 / DAY as f64);
            self.role.push(match position {
                _ if n == 1 => Role::Between,
                0 => Role::Opening,
                p if p == n - 1 => Role::Closing,
                _ => Role::Between,
            });
        }
        self.bounds.push(self.creator.len());
        self.converted.push(order.is_some());
        self.order.push(order);
        self.journey.push(journey);
        self.decided_at.push(decided);
    }

    /// How many segments.
    pub(crate) fn len(&self) -> usize {
        self.converted.len()
    }

    /// The touches of segment `s`.
    pub(crate) fn touches(&self, s: usize) -> Range<usize> {
        self.bounds[s]..self.bounds[s + 1]
    }
}

/// A touch type's index in [`TouchType::ALL`].
pub(crate) fn kind_index(kind: TouchType) -> u8 {
    TouchType::ALL.iter().position(|&k| k == kind).unwrap_or(0) as u8
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::test_support::campaign;

    #[test]
    fn orders_and_tails_become_segments_with_roles_and_ages() {
        let c = campaign(
            "u1,big,2025-04-01 12:00,view\nu1,mid,2025-04-03 12:00,save\nu1,koc,2025-04-05 12:00,click\n\
             u2,koc,2025-04-03 12:00,view\n",
            "o1,u1,2025-04-06 12:00,300,\n",
        );
        let s = Segments::of_window(&c, 30);
        assert_eq!(s.len(), 2);
        assert_eq!(s.converted, [true, false]);
        assert_eq!(s.touches(0), 0..3);
        assert_eq!(s.age[..3], [4.0, 2.0, 0.0], "ages at the last touch, the decision");
        assert_eq!(s.role[..3], [Role::Opening, Role::Between, Role::Closing]);
        assert_eq!(s.role[3], Role::Between, "a lone touch has no place");
        assert_eq!(s.kind[1], kind_index(TouchType::Save));
        // A three-day window keeps only the touches of the last three days before the order.
        let short = Segments::of_window(&c, 3);
        assert_eq!(short.touches(0).len(), 2);
    }
}
