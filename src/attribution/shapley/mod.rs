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
//! error of that estimate, within [`SAMPLING_BUDGET`] steps per set (`sampling`).

use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;
use serde::{Deserialize, Serialize};

use crate::attribution::credit::{Credit, fraction};
use crate::paths::channel::ChannelLists;
use crate::paths::{PathTable, RowWeights};

mod sampling;
mod windows;
pub use sampling::SAMPLING_BUDGET;
use sampling::{SetHashes, orders_for, sampled};
pub(crate) use windows::WindowSets;

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
    /// Random orders asked for per sampled set.
    pub permutations: usize,
    /// Sampled sets so large that [`SAMPLING_BUDGET`] gave them fewer orders than asked for.
    pub capped_sets: usize,
    /// The fewest orders a sampled set got: `permutations` unless a set was capped (0 when
    /// nothing was sampled).
    pub fewest_permutations: usize,
    /// [`SAMPLING_BUDGET`]: the most steps (orders × channels) spent on one set.
    pub sampling_budget: usize,
    /// The largest standard error of a sampled share `φᵢ / v(S)` (0 when nothing was sampled).
    pub max_standard_error: f64,
}

impl ShapleySummary {
    /// Nothing played yet, `permutations` orders to be asked for per sampled set.
    pub(crate) fn new(permutations: usize) -> Self {
        Self {
            converting_sets: 0,
            sampled_sets: 0,
            permutations,
            capped_sets: 0,
            fewest_permutations: 0,
            sampling_budget: SAMPLING_BUDGET,
            max_standard_error: 0.0,
        }
    }
}

/// What the journeys of one channel set did.
struct SetOutcome {
    conversions: f64,
    value: Decimal,
    net_value: Decimal,
}

/// How many bits each mask of up to [`MAX_EXACT`] players has: a table, since targets without a
/// population-count instruction (x86-64 by default) count them bit by bit.
static SIZES: [u8; 1 << MAX_EXACT] = {
    let mut sizes = [0; 1 << MAX_EXACT];
    let mut mask = 1;
    while mask < sizes.len() {
        sizes[mask] = sizes[mask >> 1] + (mask & 1) as u8;
        mask += 1;
    }
    sizes
};

/// Exact Shapley values of the game `v` over `n` players, `v` given on bit masks.
pub fn shapley_values(n: usize, v: impl FnMut(usize) -> f64) -> Vec<f64> {
    let (mut game, mut phi) = (Vec::new(), Vec::new());
    shapley_values_into(n, v, &mut game, &mut phi);
    phi
}

/// As [`shapley_values`], into `phi`, with `game` as room for `v`'s values: a bootstrap plays tens
/// of thousands of small games per resample, and allocating for each was most of their cost.
fn shapley_values_into(n: usize, v: impl FnMut(usize) -> f64, game: &mut Vec<f64>, phi: &mut Vec<f64>) {
    game.clear();
    game.extend((0..1_usize << n).map(v));
    // weight[k] = k! (n − k − 1)! / n!, built by ratios so that no factorial overflows.
    let mut weight = [0.0; usize::BITS as usize];
    if n > 0 {
        weight[0] = 1.0 / n as f64;
        for k in 1..n {
            weight[k] = weight[k - 1] * k as f64 / (n - k) as f64;
        }
    }
    phi.clear();
    let full = game.len() - 1;
    phi.extend((0..n).map(|i| {
        let (bit, rest) = (1 << i, full & !(1 << i));
        // Every subset of the others, in ascending order (`(mask − rest) & rest` steps to the
        // next one), as a filter over all masks would visit them, in half the steps.
        let (mut sum, mut mask) = (0.0, 0_usize);
        loop {
            let size = if mask < SIZES.len() { usize::from(SIZES[mask]) } else { mask.count_ones() as usize };
            sum += weight[size] * (game[mask | bit] - game[mask]);
            if mask == rest {
                break sum;
            }
            mask = mask.wrapping_sub(rest) & rest;
        }
    }));
}

/// The channel sets of a paths table's rows, found once: each row's set, and for every set with
/// conversions (up to [`MAX_EXACT`] channels) where each of its subsets is, so that weighing the
/// same rows again (the bootstrap's resamples) looks nothing up.
///
/// Only the sets a game reads are kept: the converting sets, numbered first in ascending order of
/// their channels (the order games are played in, so sums and seeds do not depend on the hash
/// map), then their subsets as the games meet them. Rows of any other set (most non-converting
/// journeys of a large campaign) change no rate a game reads, and are skipped; games then read
/// memory close together instead of a miss per subset.
pub(crate) struct Sets {
    /// Set `s`'s channels, ascending: `members[starts[s]..starts[s + 1]]`.
    members: Vec<u32>,
    starts: Vec<usize>,
    /// The rows of the sets kept (rows without touches, or of a set no game reads, are left
    /// out), each with its set's number: `(row, set)`.
    rows: Vec<(u32, u32)>,
    /// How many sets have conversions (numbers `0..converting`).
    converting: usize,
    /// Per converting set of up to [`MAX_EXACT`] channels, the number of each bit mask's subset
    /// over its channels, [`NONE`] for a subset nobody had: `subsets[spans[s]..spans[s + 1]]`.
    subsets: Vec<u32>,
    spans: Vec<usize>,
    /// Every set by its channels, kept only when some set is too large to enumerate: sampling
    /// its orders reads subsets no list above holds.
    numbers: Option<ChannelLists>,
    /// The same sets by hash, to look up each step of a sampled order in constant time.
    hashes: Option<SetHashes>,
    /// How many channels the table has.
    channels: usize,
}

/// No set.
const NONE: u32 = u32::MAX;

impl Sets {
    /// The sets of `paths`' rows.
    pub(crate) fn new(paths: &PathTable) -> Self {
        let mut found = ChannelLists::with_capacity(paths.rows());
        let (mut members, mut starts, mut converts) = (Vec::new(), vec![0], Vec::new());
        let mut key = Vec::new();
        let of_row: Vec<u32> = (0..paths.rows())
            .map(|row| {
                key.clear();
                key.extend(paths.path(row).iter().map(|c| c.index() as u32));
                key.sort_unstable();
                key.dedup();
                if key.is_empty() {
                    return NONE;
                }
                let index = found.get(&key).unwrap_or_else(|| {
                    found.insert(&key, converts.len());
                    members.extend_from_slice(&key);
                    starts.push(members.len());
                    converts.push(false);
                    converts.len() - 1
                });
                converts[index] |= paths.conversions(row) > 0.0;
                // Fewer sets than rows, and a table's rows are numbered well below u32::MAX.
                index as u32
            })
            .collect();
        let set = |i: usize| &members[starts[i]..starts[i + 1]];
        let mut converting: Vec<usize> = (0..converts.len()).filter(|&i| converts[i]).collect();
        converting.sort_unstable_by(|&a, &b| set(a).cmp(set(b)));
        let sampling = converting.iter().any(|&i| set(i).len() > MAX_EXACT);
        // New numbers: `order[n]` is the set numbered `n`.
        let mut number = vec![NONE; converts.len()];
        let mut order: Vec<usize> = Vec::with_capacity(converting.len());
        let mut numbered = |i: usize, order: &mut Vec<usize>| {
            if number[i] == NONE {
                number[i] = order.len() as u32;
                order.push(i);
            }
            number[i]
        };
        for &i in &converting {
            numbered(i, &mut order);
        }
        let (mut subsets, mut spans, mut subset) = (Vec::new(), vec![0], Vec::new());
        for &i in &converting {
            let channels = set(i);
            if channels.len() <= MAX_EXACT {
                for mask in 0..1_usize << channels.len() {
                    subset.clear();
                    subset.extend((0..channels.len()).filter(|b| mask & (1 << b) != 0).map(|b| channels[b]));
                    subsets.push(found.get(&subset).map_or(NONE, |s| numbered(s, &mut order)));
                }
            }
            spans.push(subsets.len());
        }
        if sampling {
            for i in 0..converts.len() {
                numbered(i, &mut order);
            }
        }
        let rows = (0..of_row.len() as u32)
            .zip(of_row)
            .filter(|&(_, set)| set != NONE && number[set as usize] != NONE)
            .map(|(row, set)| (row, number[set as usize]))
            .collect();
        let mut numbers = sampling.then(|| ChannelLists::with_capacity(order.len()));
        let (mut kept, mut kept_starts) = (Vec::new(), vec![0]);
        for (n, &i) in order.iter().enumerate() {
            kept.extend_from_slice(set(i));
            kept_starts.push(kept.len());
            if let Some(numbers) = &mut numbers {
                numbers.insert(set(i), n);
            }
        }
        let hashes =
            sampling.then(|| SetHashes::new(kept_starts.len() - 1, |s| &kept[kept_starts[s]..kept_starts[s + 1]]));
        Self {
            hashes,
            members: kept,
            starts: kept_starts,
            rows,
            converting: converting.len(),
            subsets,
            spans,
            numbers,
            channels: paths.channels().len(),
        }
    }

    /// How many sets are kept.
    fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// Set `s`'s channels, ascending.
    fn set(&self, s: usize) -> &[u32] {
        &self.members[self.starts[s]..self.starts[s + 1]]
    }

    /// Per set: the conversions and the journeys (converting or not) of its rows.
    fn journeys(&self, weights: &RowWeights) -> Vec<[f64; 2]> {
        let mut counts = vec![[0.0; 2]; self.len()];
        for &(row, set) in &self.rows {
            let count = &mut counts[set as usize];
            let converted = weights.conversions[row as usize];
            count[0] += converted;
            count[1] += converted + weights.nulls[row as usize];
        }
        counts
    }

    /// Each channel's credited value (before refunds) under `weights`, in floating point: what a
    /// bootstrap resample needs of [`credit`], without its exact money.
    pub(crate) fn values(&self, weights: &RowWeights, permutations: usize, seed: u64) -> Vec<f64> {
        let counts = self.journeys(weights);
        let mut values = vec![0.0; self.len()];
        for &(row, set) in &self.rows {
            let value = weights.values[row as usize];
            if value != 0.0 {
                values[set as usize] += value;
            }
        }
        let rates = rates(&counts);
        let rate = |set: &[u32]| self.numbers.as_ref().and_then(|n| n.get(set)).map_or(0.0, |i| rates[i]);
        let members = |s: usize| self.set(s);
        let mut summary = ShapleySummary::new(permutations);
        let (mut game, mut phi) = (Vec::new(), Vec::new());
        let mut credits = vec![0.0; self.channels];
        for index in (0..self.converting).filter(|&index| counts[index][0] > 0.0) {
            let (set, total, value) = (self.set(index), rates[index], values[index]);
            let subsets = &self.subsets[self.spans[index]..self.spans[index + 1]];
            let hashes = self.hashes.as_ref();
            let play = Play { permutations, seed, rates: &rates, rate: &rate, members: &members, hashes };
            play.values(set, subsets, &mut summary, &mut game, &mut phi);
            // As `split`: shares too large for the money to hold split the set equally.
            let equal = phi.iter().any(|p| (value * (p / total)).abs() >= DECIMAL_LIMIT);
            for (&channel, p) in set.iter().zip(&phi) {
                credits[channel as usize] += if equal { value / set.len() as f64 } else { value * (p / total) };
            }
        }
        credits
    }
}

/// Per set, its conversion rate from its conversions and journeys (0 for a set nobody had).
fn rates(counts: &[[f64; 2]]) -> Vec<f64> {
    counts.iter().map(|&[c, j]| if j > 0.0 { c / j } else { 0.0 }).collect()
}

/// How games are played over sets' conversion rates.
struct Play<'a> {
    permutations: usize,
    seed: u64,
    /// Per set number, its rate.
    rates: &'a [f64],
    /// The rate of any set by its channels, for sets too large to enumerate.
    rate: &'a dyn Fn(&[u32]) -> f64,
    /// Set `s`'s channels, ascending.
    members: &'a dyn Fn(usize) -> &'a [u32],
    /// Every set by its hash, when some set is sampled.
    hashes: Option<&'a SetHashes>,
}

impl Play<'_> {
    /// `set`'s Shapley values into `phi`: exactly over `subsets` (each bit mask's set number,
    /// [`NONE`] for a subset nobody had) up to [`MAX_EXACT`] channels, else by sampling orders;
    /// counted in `summary`. `game` is room for the exact game.
    fn values(
        &self,
        set: &[u32],
        subsets: &[u32],
        summary: &mut ShapleySummary,
        game: &mut Vec<f64>,
        phi: &mut Vec<f64>,
    ) {
        summary.converting_sets += 1;
        if set.len() <= MAX_EXACT {
            let rate_of = |s: u32| if s == NONE { 0.0 } else { self.rates[s as usize] };
            shapley_values_into(set.len(), |mask| rate_of(subsets[mask]), game, phi);
        } else {
            summary.sampled_sets += 1;
            let runs = orders_for(set.len(), self.permutations);
            summary.capped_sets += usize::from(runs < self.permutations);
            summary.fewest_permutations =
                if summary.sampled_sets == 1 { runs } else { summary.fewest_permutations.min(runs) };
            let (sampled, error) = sampled(set, runs, self.seed, &|prefix| self.prefix_rate(set, prefix));
            *phi = sampled;
            let total = (self.rate)(set);
            summary.max_standard_error = summary.max_standard_error.max(error / total);
        }
    }
}

/// About the largest amount a `Decimal` holds (2⁹⁶).
const DECIMAL_LIMIT: f64 = 7.9e28;

/// Adds `set`'s outcome to its channels' credit in proportion `φᵢ / v(S)`.
fn split(set: &[u32], outcome: &SetOutcome, phi: &[f64], total: f64, credits: &mut [Credit]) {
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

/// Each channel's credit and how the values were found. `permutations` orders are drawn for
/// each set above [`MAX_EXACT`] channels, seeded from `seed` and the set itself.
pub(crate) fn credit(paths: &PathTable, permutations: usize, seed: u64) -> (Vec<Credit>, ShapleySummary) {
    WindowSets::default().credit(paths, permutations, seed)
}

#[cfg(test)]
mod tests {
    use rust_decimal::prelude::ToPrimitive;

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
    fn a_resamples_values_in_floats_are_the_credit_in_money() {
        let text = "path,total_conversions,total_conversion_value,total_null\n\
                    A,1,10,3\nB,1,10,1\nA > B,3,90,1\nB > C > A,2,40,2\nC,0,0,4\n";
        let paths = read_paths(text, &PathsOptions::default()).unwrap();
        let mut weights = RowWeights::new(paths.rows());
        for row in 0..paths.rows() {
            weights.conversions[row] = paths.conversions(row);
            weights.nulls[row] = paths.nulls(row);
            weights.values[row] = paths.value(row).to_f64().unwrap();
        }
        let values = Sets::new(&paths).values(&weights, 100, 7);
        let (credits, _) = credit(&paths, 100, 7);
        for (value, credit) in values.iter().zip(&credits) {
            assert!((value - credit.value.to_f64().unwrap()).abs() < 1e-9, "{values:?} {credits:?}");
        }
        assert!((values.iter().sum::<f64>() - 150.0).abs() < 1e-9);
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
