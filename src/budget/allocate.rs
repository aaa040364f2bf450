//! Splitting a budget between tiers within their limits, to the fen.
//!
//! Both methods find one number (a spend per unit of credit, or a price per yuan of return) that
//! makes the tiers' clamped spends add up to the budget; the caller has already checked that the
//! limits allow it (Σ minimums ≤ budget ≤ Σ maximums).

use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::{Decimal, RoundingStrategy};

use super::curve::ResponseCurve;

/// One tier's spend limits, in whole fen; `lo == hi` for a tier held where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The least the tier may get.
    pub lo: Decimal,
    /// The most the tier may get.
    pub hi: Decimal,
}

impl Limits {
    fn clamp(self, spend: Decimal) -> Decimal {
        spend.max(self.lo).min(self.hi)
    }
}

/// Follow the credit: spend in proportion to each tier's credit (negative credit counts as none),
/// clamped to the limits. Exact: the proportionality factor is solved in decimal arithmetic, on
/// the piecewise-linear total it produces.
pub fn follow_credit(budget: Decimal, credit: &[Decimal], limits: &[Limits]) -> Vec<Decimal> {
    let weights: Vec<Decimal> = credit.iter().map(|c| (*c).max(Decimal::ZERO)).collect();
    let spends =
        |factor: Decimal| -> Vec<Decimal> { weights.iter().zip(limits).map(|(w, l)| l.clamp(factor * w)).collect() };
    let total = |factor: Decimal| spends(factor).iter().copied().sum::<Decimal>();
    // The total bends only where a tier meets a limit.
    let mut bends: Vec<Decimal> = vec![Decimal::ZERO];
    for (w, l) in weights.iter().zip(limits) {
        if !w.is_zero() {
            bends.extend([l.lo / w, l.hi / w]);
        }
    }
    bends.sort_unstable();
    bends.dedup();
    let mut factor = *bends.last().unwrap_or(&Decimal::ZERO);
    let (mut previous, mut previous_total) = (Decimal::ZERO, total(Decimal::ZERO));
    if previous_total >= budget {
        factor = Decimal::ZERO;
    } else {
        for &bend in &bends[1..] {
            let bend_total = total(bend);
            if bend_total >= budget {
                factor = previous + (budget - previous_total) * (bend - previous) / (bend_total - previous_total);
                break;
            }
            (previous, previous_total) = (bend, bend_total);
        }
    }
    let spends = spend_the_rest(budget, spends(factor), &weights, limits);
    round_to_fen(budget, &spends, limits)
}

/// Marginal return: spend where each tier's return per extra yuan is equal (or the tier sits at a
/// limit), which maximizes the total expected return for concave curves. A tier without a curve
/// keeps its minimum.
pub fn marginal_return(budget: Decimal, curves: &[Option<ResponseCurve>], limits: &[Limits]) -> Vec<Decimal> {
    let lo: Vec<f64> = limits.iter().map(|l| l.lo.to_f64().unwrap_or(0.0)).collect();
    let hi: Vec<f64> = limits.iter().map(|l| l.hi.to_f64().unwrap_or(0.0)).collect();
    let target = budget.to_f64().unwrap_or(0.0);
    let spends = |price: f64| -> Vec<f64> {
        curves
            .iter()
            .enumerate()
            .map(|(t, curve)| curve.as_ref().map_or(lo[t], |c| c.spend_at(price, lo[t], hi[t])))
            .collect()
    };
    let total = |price: f64| spends(price).iter().sum::<f64>();
    // The lowest price worth paying: the smallest marginal return any earning tier has at its maximum.
    let floor = curves
        .iter()
        .enumerate()
        .filter_map(|(t, c)| c.as_ref().map(|c| c.marginal(hi[t])))
        .filter(|m| *m > 0.0)
        .fold(f64::INFINITY, f64::min);
    let prices = if floor.is_finite() && total(floor) >= target {
        // Raise the price until the tiers want no more than the budget, then halve the gap
        // (geometrically: returns per yuan span many orders of magnitude).
        let (mut cheap, mut dear) = (floor, floor * 2.0);
        while total(dear) > target && dear < f64::MAX / 4.0 {
            (cheap, dear) = (dear, dear * 4.0);
        }
        for _ in 0..200 {
            let mid = (cheap * dear).sqrt();
            if mid <= cheap || mid >= dear {
                break;
            }
            if total(mid) > target {
                cheap = mid;
            } else {
                dear = mid;
            }
        }
        spends(dear)
    } else if floor.is_finite() {
        spends(floor)
    } else {
        lo.clone()
    };
    let as_decimal: Vec<Decimal> =
        prices.iter().zip(limits).map(|(&s, l)| l.clamp(Decimal::from_f64(s).unwrap_or(l.lo))).collect();
    let weights: Vec<Decimal> = curves
        .iter()
        .map(|c| if c.is_some_and(|c| c.marginal(0.0) > 0.0) { Decimal::ONE } else { Decimal::ZERO })
        .collect();
    let spends = spend_the_rest(budget, as_decimal, &weights, limits);
    round_to_fen(budget, &spends, limits)
}

/// When the tiers that earn are all at their maximum and budget is left, it has to go somewhere:
/// to the others, in proportion to the room each has left. (Only reachable when the user caps
/// every earning tier.)
fn spend_the_rest(budget: Decimal, mut spends: Vec<Decimal>, weights: &[Decimal], limits: &[Limits]) -> Vec<Decimal> {
    let rest = budget - spends.iter().copied().sum::<Decimal>();
    if rest <= Decimal::new(1, 2) {
        return spends;
    }
    let room: Vec<Decimal> = spends
        .iter()
        .zip(limits)
        .zip(weights)
        .map(|((s, l), w)| if w.is_zero() { l.hi - s } else { Decimal::ZERO })
        .collect();
    let total_room: Decimal = room.iter().copied().sum();
    if total_room > Decimal::ZERO {
        let fill = (rest / total_room).min(Decimal::ONE);
        for (spend, room) in spends.iter_mut().zip(&room) {
            *spend += room * fill;
        }
    }
    spends
}

/// Rounds spends to whole fen so they add up exactly to `budget` and stay within the limits:
/// each is cut down to the fen, then the missing fen go one at a time to the tiers that lost the
/// most (ties to the earlier tier), skipping any already at its maximum.
pub fn round_to_fen(budget: Decimal, spends: &[Decimal], limits: &[Limits]) -> Vec<Decimal> {
    let fen = Decimal::new(1, 2);
    let mut rounded: Vec<Decimal> = spends
        .iter()
        .zip(limits)
        .map(|(s, l)| l.clamp(l.clamp(*s).round_dp_with_strategy(2, RoundingStrategy::ToNegativeInfinity)))
        .collect();
    let mut order: Vec<usize> = (0..spends.len()).collect();
    order.sort_by(|&a, &b| (spends[b] - rounded[b]).cmp(&(spends[a] - rounded[a])).then(a.cmp(&b)));
    let mut missing = ((budget - rounded.iter().copied().sum::<Decimal>()) / fen).round().to_i64().unwrap_or(0);
    // Normally fewer fen are missing than there are tiers; the loop also absorbs any larger gap.
    while missing != 0 {
        let mut moved = false;
        let up = missing > 0;
        let sequence: Box<dyn Iterator<Item = &usize>> =
            if up { Box::new(order.iter()) } else { Box::new(order.iter().rev()) };
        for &t in sequence {
            if missing == 0 {
                break;
            }
            let next = if up { rounded[t] + fen } else { rounded[t] - fen };
            if next >= limits[t].lo && next <= limits[t].hi {
                rounded[t] = next;
                missing += if up { -1 } else { 1 };
                moved = true;
            }
        }
        if !moved {
            debug_assert!(false, "limits cannot hold the budget; the caller checks feasibility");
            break;
        }
    }
    for spend in &mut rounded {
        spend.rescale(2);
    }
    rounded
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::curve::{CurveShape, Shape};
    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    fn free(n: usize, budget: Decimal) -> Vec<Limits> {
        vec![Limits { lo: Decimal::ZERO, hi: budget }; n]
    }

    const HILL: Shape = Shape { curve: CurveShape::Hill, half_saturation: 1.0, slope: 1.0, exponent: 0.5 };

    #[test]
    fn credit_is_followed_exactly() {
        let budget = d("100.00");
        let split = follow_credit(budget, &[d("1"), d("1"), d("1")], &free(3, budget));
        assert_eq!(split, [d("33.34"), d("33.33"), d("33.33")]);
        let split = follow_credit(d("200.00"), &[d("400"), d("100"), d("-5")], &free(3, d("200.00")));
        assert_eq!(split, [d("160.00"), d("40.00"), d("0.00")]);
    }

    #[test]
    fn credit_beyond_a_maximum_goes_to_the_others() {
        let limits = [
            Limits { lo: d("0"), hi: d("120") },
            Limits { lo: d("30"), hi: d("200") },
            Limits { lo: d("0"), hi: d("200") },
        ];
        // Unconstrained 150 / 37.5 / 12.5: the first is capped at 120, the rest shared 3:1.
        let split = follow_credit(d("200.00"), &[d("12"), d("3"), d("1")], &limits);
        assert_eq!(split, [d("120.00"), d("60.00"), d("20.00")]);
    }

    #[test]
    fn credit_left_over_by_capped_earners_goes_to_the_room_elsewhere() {
        let limits = [Limits { lo: d("0"), hi: d("50") }, Limits { lo: d("0"), hi: d("300") }];
        assert_eq!(follow_credit(d("200.00"), &[d("9"), d("0")], &limits), [d("50.00"), d("150.00")]);
    }

    #[test]
    fn marginal_return_matches_the_closed_form() {
        // Hill, slope 1, h = current spend: R = a·s/(s+h), a = 2·r₀. Equal marginals give
        // s_t + h_t ∝ √(a_t·h_t): tiers at (100, 400) and (100, 100) split 200 as 166.67 / 33.33.
        let curves = [ResponseCurve::calibrate(HILL, 100.0, 400.0), ResponseCurve::calibrate(HILL, 100.0, 100.0)];
        let split = marginal_return(d("200.00"), &curves, &free(2, d("200.00")));
        assert_eq!(split, [d("166.67"), d("33.33")]);
    }

    #[test]
    fn rounding_respects_limits_and_the_budget() {
        let limits = [Limits { lo: d("0"), hi: d("10.00") }, Limits { lo: d("0"), hi: d("20") }];
        assert_eq!(round_to_fen(d("30.00"), &[d("10.004"), d("19.996")], &limits), [d("10.00"), d("20.00")]);
        assert_eq!(round_to_fen(d("10.00"), &[d("3.333"), d("6.666")], &limits), [d("3.33"), d("6.67")]);
    }

    /// The best total return over every split of `budget` in steps of `step`, by brute force.
    fn grid_best(budget: f64, step: f64, curves: &[ResponseCurve], limits: &[(f64, f64)]) -> f64 {
        fn walk(t: usize, left: f64, step: f64, curves: &[ResponseCurve], limits: &[(f64, f64)]) -> f64 {
            let (lo, hi) = limits[t];
            if t + 1 == curves.len() {
                return if left >= lo - 1e-9 && left <= hi + 1e-9 { curves[t].value(left) } else { f64::NEG_INFINITY };
            }
            let mut best = f64::NEG_INFINITY;
            let mut s = 0.0;
            while s <= left + 1e-9 {
                if s >= lo - 1e-9 && s <= hi + 1e-9 {
                    best = best.max(curves[t].value(s) + walk(t + 1, left - s, step, curves, limits));
                }
                s += step;
            }
            best
        }
        walk(0, budget, step, curves, limits)
    }

    fn curve_shape() -> impl Strategy<Value = Shape> {
        prop_oneof![
            (0.2f64..5.0, 0.3f64..=1.0).prop_map(|(h, k)| Shape { half_saturation: h, slope: k, ..HILL }),
            (0.1f64..0.9).prop_map(|b| Shape { curve: CurveShape::Power, exponent: b, ..HILL }),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, rng_seed: proptest::test_runner::RngSeed::Fixed(11), ..ProptestConfig::default() })]

        /// No split on a ¥1 grid beats the marginal-return proposal (by more than the grid can
        /// explain), with and without limits.
        #[test]
        fn marginal_return_beats_a_grid_search(
            shape in curve_shape(),
            tiers in proptest::collection::vec((10u32..200, 0u32..800, 0u32..40, 0u32..3), 2..4),
            budget in 20u32..240,
        ) {
            let curves: Vec<ResponseCurve> = tiers
                .iter()
                .map(|&(spend, ret, _, _)| ResponseCurve::calibrate(shape, f64::from(spend), f64::from(ret)).unwrap())
                .collect();
            // Some tiers get a minimum, some a maximum (kept feasible below).
            let mut limits: Vec<(f64, f64)> = tiers
                .iter()
                .map(|&(_, _, bound, kind)| match kind {
                    1 => (f64::from(bound), f64::from(budget)),
                    2 => (0.0, f64::from(bound + 5)),
                    _ => (0.0, f64::from(budget)),
                })
                .collect();
            let lows: f64 = limits.iter().map(|l| l.0).sum();
            let highs: f64 = limits.iter().map(|l| l.1).sum();
            prop_assume!(lows <= f64::from(budget) && highs >= f64::from(budget));
            for limit in &mut limits {
                limit.1 = limit.1.min(f64::from(budget));
            }
            let decimal_limits: Vec<Limits> = limits
                .iter()
                .map(|&(lo, hi)| Limits { lo: Decimal::from_f64(lo).unwrap(), hi: Decimal::from_f64(hi).unwrap() })
                .collect();
            let optional: Vec<Option<ResponseCurve>> = curves.iter().copied().map(Some).collect();
            let split = marginal_return(Decimal::from(budget), &optional, &decimal_limits);
            prop_assert_eq!(split.iter().copied().sum::<Decimal>(), Decimal::from(budget));
            let ours: f64 = split.iter().zip(&curves).map(|(s, c)| c.value(s.to_f64().unwrap())).sum();
            let best = grid_best(f64::from(budget), 1.0, &curves, &limits);
            // Moving any tier by under ¥1 changes its return by at most its steepest slope.
            let slack: f64 = curves.iter().zip(&limits).map(|(c, l)| c.marginal(l.0.max(0.5))).sum::<f64>() + 1e-6;
            prop_assert!(ours >= best - 1e-9 * best.abs() - 1e-9, "ours {ours} < grid {best}");
            prop_assert!(ours <= best + slack, "ours {ours} is above the grid's best {best} by more than a step");
        }

        /// Both methods: the split adds up to the budget to the fen, every tier is within its
        /// limits and in whole fen, and a locked tier keeps its spend.
        #[test]
        fn proposals_add_up_and_respect_every_limit(
            shape in curve_shape(),
            tiers in proptest::collection::vec((1u32..1_000_000, -10_000i64..5_000_000, 0u32..4, 0u32..100), 1..6),
            budget_percent in 0u32..200,
        ) {
            let current: Vec<Decimal> = tiers.iter().map(|t| Decimal::new(i64::from(t.0), 2)).collect();
            let total: Decimal = current.iter().copied().sum();
            let budget = (total * Decimal::from(budget_percent) / Decimal::ONE_HUNDRED).round_dp(2);
            let limits: Vec<Limits> = tiers
                .iter()
                .zip(&current)
                .map(|(t, &now)| {
                    let part = (now * Decimal::from(t.3) / Decimal::ONE_HUNDRED).round_dp(2);
                    match t.2 {
                        1 => Limits { lo: part, hi: budget.max(part) },
                        2 => Limits { lo: Decimal::ZERO, hi: part },
                        3 => Limits { lo: now, hi: now },
                        _ => Limits { lo: Decimal::ZERO, hi: budget },
                    }
                })
                .collect();
            let lows: Decimal = limits.iter().map(|l| l.lo).sum();
            let highs: Decimal = limits.iter().map(|l| l.hi).sum();
            prop_assume!(lows <= budget && highs >= budget);
            let returns: Vec<Decimal> = tiers.iter().map(|t| Decimal::new(t.1, 2)).collect();
            let curves: Vec<Option<ResponseCurve>> = current
                .iter()
                .zip(&returns)
                .map(|(s, r)| ResponseCurve::calibrate(shape, s.to_f64().unwrap(), r.to_f64().unwrap()))
                .collect();
            for split in [follow_credit(budget, &returns, &limits), marginal_return(budget, &curves, &limits)] {
                prop_assert_eq!(split.iter().copied().sum::<Decimal>(), budget);
                for ((spend, limit), t) in split.iter().zip(&limits).zip(&tiers) {
                    prop_assert!(spend.scale() <= 2 && *spend >= limit.lo && *spend <= limit.hi, "{spend} outside {limit:?}");
                    if t.2 == 3 {
                        prop_assert_eq!(*spend, limit.lo, "a locked tier moved");
                    }
                }
            }
            // Equal marginal returns never expect less than following the credit.
            let expected = |split: &[Decimal]| -> f64 {
                split.iter().zip(&curves).map(|(s, c)| c.map_or(0.0, |c| c.value(s.to_f64().unwrap()))).sum()
            };
            let follow = expected(&follow_credit(budget, &returns, &limits));
            let marginal = expected(&marginal_return(budget, &curves, &limits));
            prop_assert!(marginal >= follow - 1e-6 * follow.abs() - 0.01, "marginal {marginal} < follow {follow}");
        }

        /// Tiers with the same spend and the same credit get the same share, to the fen.
        #[test]
        fn identical_tiers_split_evenly(
            shape in curve_shape(),
            n in 2usize..6,
            spend in 1u32..1_000_000,
            credit in 1u32..5_000_000,
            budget in 0u32..5_000_000,
        ) {
            let budget = Decimal::new(i64::from(budget), 2);
            let current = Decimal::new(i64::from(spend), 2);
            let curve = ResponseCurve::calibrate(shape, current.to_f64().unwrap(), f64::from(credit) / 100.0);
            let limits = free(n, budget);
            for split in [
                follow_credit(budget, &vec![Decimal::new(i64::from(credit), 2); n], &limits),
                marginal_return(budget, &vec![curve; n], &limits),
            ] {
                let (lo, hi) = (split.iter().min().unwrap(), split.iter().max().unwrap());
                prop_assert!(hi - lo <= Decimal::new(1, 2), "{split:?}");
            }
        }

        /// More credit for one tier never lowers its proposal, under either method.
        #[test]
        fn more_credit_never_lowers_a_proposal(
            shape in curve_shape(),
            tiers in proptest::collection::vec((1u32..1_000_000, 0u32..5_000_000), 2..6),
            raised in 0usize..6,
            extra in 1u32..5_000_000,
            budget_percent in 1u32..200,
        ) {
            let raised = raised % tiers.len();
            let current: Vec<Decimal> = tiers.iter().map(|t| Decimal::new(i64::from(t.0), 2)).collect();
            let budget = (current.iter().copied().sum::<Decimal>() * Decimal::from(budget_percent) / Decimal::ONE_HUNDRED).round_dp(2);
            let limits = free(tiers.len(), budget);
            let split = |returns: &[Decimal]| {
                let curves: Vec<Option<ResponseCurve>> = current
                    .iter()
                    .zip(returns)
                    .map(|(s, r)| ResponseCurve::calibrate(shape, s.to_f64().unwrap(), r.to_f64().unwrap()))
                    .collect();
                (follow_credit(budget, returns, &limits), marginal_return(budget, &curves, &limits))
            };
            let mut returns: Vec<Decimal> = tiers.iter().map(|t| Decimal::new(i64::from(t.1), 2)).collect();
            let (follow, marginal) = split(&returns);
            returns[raised] += Decimal::new(i64::from(extra), 2);
            let (follow_after, marginal_after) = split(&returns);
            prop_assert!(follow_after[raised] >= follow[raised], "follow the credit: {} → {}", follow[raised], follow_after[raised]);
            prop_assert!(marginal_after[raised] >= marginal[raised], "marginal return: {} → {}", marginal[raised], marginal_after[raised]);
        }
    }
}
