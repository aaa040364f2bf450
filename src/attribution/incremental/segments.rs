//! A window's journeys as the incremental model reads them: one segment per order with eligible
//! touches (converted) and one per non-converting path. A touch is its *kind of touch* (creator,
//! type and place in the segment, numbered once per window, so a fit computes each one's strength
//! once per step, not once per touch) and its age at the segment's decision in whole hours (a
//! decay of days does not see the minutes, and a table of hours replaces an exponential per touch).

use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::attribution::journey::{Lookback, walk};
use crate::campaign::{Campaign, TouchType};
use crate::read::time::DAY;

/// Where a touch stands in its segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Role {
    /// The only touch, or one between the first and the last.
    Between,
    /// The first of several: it opened the journey.
    Opening,
    /// The last of several: it closed the journey.
    Closing,
}

/// One kind of touch: a creator's touch of one type in one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Kind {
    pub creator: u32,
    pub tier: u16,
    /// The type's index in [`TouchType::ALL`].
    pub touch_type: u8,
    pub role: Role,
}

/// Every segment of one window, columnar.
#[derive(Debug, Clone, Default)]
pub(crate) struct Segments {
    /// Where each segment's touches start; one more entry than segments.
    pub bounds: Vec<usize>,
    /// The order of each converting segment (index into `campaign.orders`); `None` for a journey
    /// that did not convert.
    pub order: Vec<Option<u32>>,
    /// The journey (user) of each segment, for splitting the data into folds.
    pub journey: Vec<u32>,
    /// Per touch: its kind (an index into `kinds`).
    pub kind: Vec<u32>,
    /// Per touch: its age at the segment's decision (its last touch), in whole hours.
    pub hours: Vec<u32>,
    /// Every kind of touch seen, in order of first appearance.
    pub kinds: Vec<Kind>,
}

/// Hours in a day, for ages.
pub(crate) const HOURS_PER_DAY: f64 = 24.0;

impl Segments {
    /// The segments of `campaign` in a lookback window. Orders without an eligible touch are left
    /// out: like every model, this one credits them to no one.
    pub(crate) fn of_window<'l>(campaign: &Campaign, lookback: impl Into<Lookback<'l>>) -> Self {
        let lookback = lookback.into();
        let mut builder =
            Builder { segments: Self { bounds: vec![0], ..Self::default() }, index: FxHashMap::default() };
        let touches = &campaign.touches;
        let orders = &campaign.orders;
        // `walk` hands orders and tails to two callbacks; both append here, in walk order.
        let all = std::cell::RefCell::new(&mut builder);
        walk(
            campaign,
            lookback,
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
        builder.segments
    }

    /// How many segments.
    pub(crate) fn len(&self) -> usize {
        self.order.len()
    }

    /// Whether segment `s` ended in an order.
    pub(crate) fn converted(&self, s: usize) -> bool {
        self.order[s].is_some()
    }

    /// The touches of segment `s`.
    pub(crate) fn touches(&self, s: usize) -> Range<usize> {
        self.bounds[s]..self.bounds[s + 1]
    }

    /// The oldest age of any touch, in hours.
    pub(crate) fn max_hours(&self) -> u32 {
        self.hours.iter().copied().max().unwrap_or(0)
    }
}

struct Builder {
    segments: Segments,
    index: FxHashMap<Kind, u32>,
}

impl Builder {
    fn push(&mut self, campaign: &Campaign, range: Range<usize>, order: Option<u32>, journey: u32) {
        let touches = &campaign.touches;
        let creators = campaign.roster.creators();
        let decided = touches.at[range.end - 1];
        let n = range.len();
        let s = &mut self.segments;
        for (position, t) in range.enumerate() {
            let creator = touches.creator[t];
            let role = match position {
                _ if n == 1 => Role::Between,
                0 => Role::Opening,
                p if p == n - 1 => Role::Closing,
                _ => Role::Between,
            };
            let kind =
                Kind { creator, tier: creators[creator as usize].tier, touch_type: type_index(touches.kind[t]), role };
            let next = s.kinds.len() as u32;
            let id = *self.index.entry(kind).or_insert(next);
            if id == next {
                s.kinds.push(kind);
            }
            s.kind.push(id);
            // Rounded to the nearest hour; ages are never negative (the decision is the last touch).
            let seconds = (decided - touches.at[t]).max(0);
            s.hours.push(u32::try_from((seconds + 1800) / 3600).unwrap_or(u32::MAX));
        }
        s.bounds.push(s.kind.len());
        s.order.push(order);
        s.journey.push(journey);
    }
}

/// A touch type's index in [`TouchType::ALL`].
pub(crate) fn type_index(kind: TouchType) -> u8 {
    TouchType::ALL.iter().position(|&k| k == kind).unwrap_or(0) as u8
}

const _: () = assert!(DAY == 86_400, "ages are counted in hours of 3600 seconds");

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
        assert_eq!((s.converted(0), s.converted(1)), (true, false));
        assert_eq!(s.touches(0), 0..3);
        assert_eq!(s.hours[..3], [96, 48, 0], "ages at the last touch, the decision");
        let roles: Vec<Role> = s.kind[..4].iter().map(|&k| s.kinds[k as usize].role).collect();
        assert_eq!(roles, [Role::Opening, Role::Between, Role::Closing, Role::Between], "a lone touch has no place");
        assert_eq!(s.kinds[s.kind[1] as usize].touch_type, type_index(TouchType::Save));
        // A three-day window keeps only the touches of the last three days before the order.
        let short = Segments::of_window(&c, 3);
        assert_eq!(short.touches(0).len(), 2);
    }
}
