//! Rounding shares of a total to a fixed number of decimals so that they still sum to the total.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

/// Rounds each of `parts` to `scale` decimals so that the rounded parts sum exactly to `total`,
/// by the largest-remainder (Hamilton) method: every part is cut down to `scale`, then the units
/// still missing go one each to the parts that lost the most, ties to the earlier part.
/// A negative part (a data-driven model may credit a creator below zero) is cut down too, to the
/// unit below, so every part only ever loses.
///
/// `total` must already have at most `scale` decimals. When `parts` sum to `total` up to less than
/// a unit per part (any split computed exactly from `total`), each result differs from its part by
/// less than one unit (`10^-scale`). Parts computed through floating point (a data-driven model's
/// shares) can miss the total by more on very large amounts; the sum is still exact: the whole
/// units missing (or in excess) are spread evenly first, the rest by largest remainder.
pub fn largest_remainder(total: Decimal, parts: &[Decimal], scale: u32) -> Vec<Decimal> {
    let rank: Vec<usize> = (0..parts.len()).collect();
    largest_remainder_ranked(total, parts, scale, &rank)
}

/// As [`largest_remainder`], but equal remainders go first to the part with the lowest `rank`
/// (e.g. its channel's position in name order, so that the result does not depend on row order).
pub fn largest_remainder_ranked(total: Decimal, parts: &[Decimal], scale: u32, rank: &[usize]) -> Vec<Decimal> {
    let unit = Decimal::new(1, scale);
    let mut rounded: Vec<Decimal> =
        parts.iter().map(|p| p.round_dp_with_strategy(scale, RoundingStrategy::ToNegativeInfinity)).collect();
    if parts.is_empty() {
        return rounded;
    }
    let units = ((total - rounded.iter().copied().sum::<Decimal>()) / unit).round();
    let count = Decimal::from(parts.len());
    // Euclidean division: `each` may be negative (too much was credited), `rest` is 0..count.
    let each = (units / count).floor();
    let rest = (units - each * count).to_usize().unwrap_or(0).min(parts.len());
    if !each.is_zero() {
        for part in &mut rounded {
            *part += each * unit;
        }
    }
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|&a, &b| (parts[b] - rounded[b]).cmp(&(parts[a] - rounded[a])).then(rank[a].cmp(&rank[b])));
    for &i in order.iter().take(rest) {
        rounded[i] += unit;
    }
    rounded
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn thirds_of_a_hundred_reconcile() {
        let third = d("100") / d("3");
        let parts = largest_remainder(d("100.00"), &[third, third, third], 2);
        assert_eq!(parts, [d("33.34"), d("33.33"), d("33.33")]);
    }

    #[test]
    fn largest_remainder_gets_the_unit() {
        let parts = largest_remainder(d("1.00"), &[d("0.333"), d("0.667")], 2);
        assert_eq!(parts, [d("0.33"), d("0.67")]);
    }

    proptest! {
        #![proptest_config(ProptestConfig { rng_seed: proptest::test_runner::RngSeed::Fixed(0x6b6f_6c00), ..ProptestConfig::default() })]

        #[test]
        fn parts_sum_to_the_total_and_move_less_than_a_unit(
            total_fen in 0i64..10_000_000,
            weights in proptest::collection::vec(0u32..1000, 1..12),
        ) {
            let total = Decimal::new(total_fen, 2);
            let weight_sum: u32 = weights.iter().sum();
            prop_assume!(weight_sum > 0);
            let parts: Vec<Decimal> =
                weights.iter().map(|&w| total * Decimal::from(w) / Decimal::from(weight_sum)).collect();
            let rounded = largest_remainder(total, &parts, 2);
            prop_assert_eq!(rounded.iter().copied().sum::<Decimal>(), total);
            for (r, p) in rounded.iter().zip(&parts) {
                prop_assert!((*r - *p).abs() < d("0.01"));
                prop_assert!(r.scale() <= 2);
            }
        }

        /// Shares computed through f64 can miss a very large total by several fen: still exact.
        #[test]
        fn parts_that_miss_the_total_still_sum_to_it(
            total_fen in 0i64..1_000_000_000_000_000,
            weights in proptest::collection::vec(0u32..1000, 1..12),
            errors in proptest::collection::vec(-500i64..500, 12),
        ) {
            let total = Decimal::new(total_fen, 2);
            let weight_sum: u32 = weights.iter().sum();
            prop_assume!(weight_sum > 0);
            let parts: Vec<Decimal> = weights
                .iter()
                .zip(&errors)
                .map(|(&w, &e)| total * Decimal::from(w) / Decimal::from(weight_sum) + Decimal::new(e, 2))
                .collect();
            let rounded = largest_remainder(total, &parts, 2);
            prop_assert_eq!(rounded.iter().copied().sum::<Decimal>(), total);
            let miss = (total - parts.iter().copied().sum::<Decimal>()).abs() / Decimal::from(parts.len());
            for (r, p) in rounded.iter().zip(&parts) {
                prop_assert!((*r - *p).abs() < miss + d("0.03"), "{} from {}", r, p);
            }
        }
    }
}
