//! Shapley attribution with the conversion-rate characteristic function (Dalessandro et al. 2012,
//! as DP6's MAM): journeys are grouped by the set of channels they touched; `v(T)` is the
//! conversion rate of journeys whose set is exactly `T` (0 for a set nobody had). For every
//! observed set `S` with conversions, the Shapley values of the game `v` on the subsets of `S`,
//!
//! `φᵢ = Σ_{T ⊆ S∖{i}} |T|! (|S| − |T| − 1)! / |S|! · (v(T ∪ {i}) − v(T))`,
//!
//! sum to `v(S)`, and split `S`'s conversions, value and net value in proportion `φᵢ / v(S)`. A
//! channel whose presence lowers the conversion rate gets a negative share: the honest answer.
//!
//! Sets of up to [`MAX_EXACT`] channels are enumerated exactly (`2^|S|` subsets). Larger sets
//! average the marginal contributions over seeded random orders of `S` and report the standard
//! error of that estimate.

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_pcg::Pcg64;
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;
use serde::{Deserialize, Serialize};

use crate::channel::ChannelLists;
use crate::credit::{Credit, fraction};
use crate::paths::PathTable;

/// The largest set whose Shapley values are enumerated exactly.
pub const MAX_EXACT: usize = 12;

/// How the Shapley values were found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ShapleySummary {
    /// Distinct channel sets with conversions.
    pub converting_sets: usize,
    /// Of those, sets above [`MAX_EXACT`] channels, estimated by sampling orders.
    pub sampled_sets: usize,
    /// Random orders drawn per sampled set.
    pub permutations: usize,
    /// The largest standard error of a sampled share `φᵢ / v(S)` (0 when nothing was sampled).
    pub max_standard_error: f64,
}

/// What journeys with one channel set did.
#[derive(Debug, Clone, Copy, Default)]
struct SetOutcome {
    conversions: f64,
    journeys: f64,
    value: Decimal,
    net_value: Decimal,
}

/// Exact Shapley values of the game `v` over `n` players, `v` given on bit masks.
pub fn shapley_values(n: usize, v: impl FnMut(usize) -> f64) -> Vec<f64> {
    let values: Vec<f64> = (0..1_usize << n).map(v).collect();
    // weight[k] = k! (n − k − 1)! / n!, built by ratios so that no factorial overflows.
    let mut weight = vec![0.0; n];
    if n > 0 {
        weight[0] = 1.0 / n as f64;
        for k in 1..n {
            weight[k] = weight[k - 1] * k as f64 / (n - k) as f64;
        }
    }
    (0..n)
        .map(|i| {
            let bit = 1 << i;
            (0..values.len())
                .filter(|mask| mask & bit == 0)
                .map(|mask| weight[mask.count_ones() as usize] * (values[mask | bit] - values[mask]))
                .sum()
        })
        .collect()
}

/// Journeys grouped by the set of channels they touched.
struct SetTable {
    sets: Vec<(Vec<u32>, SetOutcome)>,
    numbers: ChannelLists,
}

impl SetTable {
    /// The outcome of `set`, added empty when new.
    fn entry(&mut self, set: &[u32]) -> &mut SetOutcome {
        let index = self.numbers.get(set).unwrap_or_else(|| {
            self.numbers.insert(set, self.sets.len());
            self.sets.push((set.to_vec(), SetOutcome::default()));
            self.sets.len() - 1
        });
        &mut self.sets[index].1
    }

    /// The conversion rate of journeys whose set is exactly `set`; 0 for a set nobody had.
    fn rate(&self, set: &[u32]) -> f64 {
        self.numbers.get(set).map_or(0.0, |i| {
            let outcome = &self.sets[i].1;
            if outcome.journeys > 0.0 { outcome.conversions / outcome.journeys } else { 0.0 }
        })
    }
}

/// Each channel's credit and how the values were found. `permutations` orders are drawn for
/// each set above [`MAX_EXACT`] channels, seeded from `seed` and the set itself.
pub(crate) fn credit(paths: &PathTable, permutations: usize, seed: u64) -> (Vec<Credit>, ShapleySummary) {
    let mut sets = SetTable { sets: Vec::new(), numbers: ChannelLists::with_capacity(paths.rows()) };
    let mut key = Vec::new();
    for row in 0..paths.rows() {
        key.clear();
        key.extend(paths.path(row).iter().map(|c| c.index() as u32));
        key.sort_unstable();
        key.dedup();
        if key.is_empty() {
            continue;
        }
        let outcome = sets.entry(&key);
        outcome.conversions += paths.conversions(row);
        outcome.journeys += paths.conversions(row) + paths.nulls(row);
        outcome.value += paths.value(row);
        outcome.net_value += paths.net_value(row);
    }
    let rate = |set: &[u32]| sets.rate(set);
    let mut converting: Vec<(&Vec<u32>, &SetOutcome)> =
        sets.sets.iter().filter(|(_, o)| o.conversions > 0.0).map(|(set, o)| (set, o)).collect();
    // A fixed order, so sums and seeds do not depend on the hash map.
    converting.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut credits = vec![Credit::default(); paths.channels().len()];
    let mut summary =
        ShapleySummary { converting_sets: converting.len(), sampled_sets: 0, permutations, max_standard_error: 0.0 };
    let mut subset = Vec::new();
    for (set, outcome) in converting {
        let total = rate(set);
        let phi = if set.len() <= MAX_EXACT {
            shapley_values(set.len(), |mask| {
                subset.clear();
                subset.extend((0..set.len()).filter(|i| mask & (1 << i) != 0).map(|i| set[i]));
                rate(&subset)
            })
        } else {
            summary.sampled_sets += 1;
            let (phi, error) = sampled(set, permutations, seed, &rate);
            summary.max_standard_error = summary.max_standard_error.max(error / total);
            phi
        };
        let shares: Vec<f64> = phi.iter().map(|value| value / total).collect();
        let amounts: Option<Vec<(Decimal, Decimal)>> = shares
            .iter()
            .map(|&share| {
                let exact = if share > 0.0 && share < 1.0 { fraction(share) } else { Decimal::from_f64(share)? };
                Some((outcome.value.checked_mul(exact)?, outcome.net_value.checked_mul(exact)?))
            })
            .collect();
        // A set whose subsets convert vastly better than the set itself gives shares so large
        // that value × share passes what a Decimal holds: that game says nothing usable, so the
        // set's outcome is split equally instead of overflowing.
        let (shares, amounts) = amounts.map_or_else(
            || {
                let count = Decimal::from(set.len());
                let equal = (outcome.value / count, outcome.net_value / count);
                (vec![1.0 / set.len() as f64; set.len()], vec![equal; set.len()])
            },
            |amounts| (shares, amounts),
        );
        for ((&channel, share), (value, net_value)) in set.iter().zip(shares).zip(amounts) {
            let credit = &mut credits[channel as usize];
            credit.conversions += outcome.conversions * share;
            credit.value += value;
            credit.net_value += net_value;
        }
    }
    (credits, summary)
}

/// Shapley values of `set` averaged over `permutations` random orders, and the largest standard
/// error among them.
fn sampled(set: &[u32], permutations: usize, seed: u64, rate: &dyn Fn(&[u32]) -> f64) -> (Vec<f64>, f64) {
    let n = set.len();
    let set_seed = set.iter().fold(seed, |h, &c| h.rotate_left(7) ^ u64::from(c).wrapping_mul(0x9e37_79b9_7f4a_7c15));
    let mut rng = Pcg64::seed_from_u64(set_seed);
    let (mut sum, mut squares) = (vec![0.0; n], vec![0.0; n]);
    let mut order: Vec<usize> = (0..n).collect();
    let mut prefix = Vec::with_capacity(n);
    let runs = permutations.max(2);
    for _ in 0..runs {
        order.shuffle(&mut rng);
        prefix.clear();
        let mut before = 0.0;
        for &i in &order {
            let at = prefix.partition_point(|&c| c < set[i]);
            prefix.insert(at, set[i]);
            let after = rate(&prefix);
            sum[i] += after - before;
            squares[i] += (after - before) * (after - before);
            before = after;
        }
    }
    let runs = runs as f64;
    let mean: Vec<f64> = sum.iter().map(|s| s / runs).collect();
    let error = mean
        .iter()
        .zip(&squares)
        .map(|(m, sq)| ((sq / runs - m * m).max(0.0) / (runs - 1.0)).sqrt())
        .fold(0.0, f64::max);
    (mean, error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paths::{PathsOptions, read_paths};

    #[test]
    fn two_channels_split_by_their_marginal_rates() {
        // v(A) = 1/4, v(B) = 1/2, v(AB) = 3/4: φA = (1/4 + (3/4 − 1/2)) / 2 = 1/4, φB = 1/2.
        let text = "path,total_conversions,total_conversion_value,total_null\nA,1,10,3\nB,1,10,1\nA > B,3,90,1\n";
        let paths = read_paths(text, &PathsOptions::default()).unwrap();
        let (credits, summary) = credit(&paths, 100, 7);
        assert_eq!(summary.converting_sets, 3);
        // A: 1 (alone) + 3 × (1/4)/(3/4) = 2; B: 1 + 3 × 2/3 = 3.
        assert!((credits[0].conversions - 2.0).abs() < 1e-12, "{credits:?}");
        assert!((credits[1].conversions - 3.0).abs() < 1e-12);
        // A's value: 10 alone, plus a third of A > B's 90.
        assert!((credits[0].value - Decimal::from(40)).abs() < Decimal::new(1, 12), "{:?}", credits[0].value);
    }

    #[test]
    fn large_sets_are_sampled_with_a_reported_error() {
        let names: Vec<String> = (0..14).map(|i| format!("c{i:02}")).collect();
        let text = format!("path,total_conversions,total_null\n{},4,6\n{},1,9\n", names.join(" > "), names[0]);
        let paths = read_paths(&text, &PathsOptions::default()).unwrap();
        let (credits, summary) = credit(&paths, 500, 7);
        assert_eq!((summary.sampled_sets, summary.permutations), (1, 500));
        let total: f64 = credits.iter().map(|c| c.conversions).sum();
        assert!((total - 5.0).abs() < 1e-9, "every order's contributions sum to v(S): {total}");
        assert!(summary.max_standard_error > 0.0 && summary.max_standard_error < 0.05, "{summary:?}");
        assert_eq!(credit(&paths, 500, 7).0, credits, "seeded");
    }
}
