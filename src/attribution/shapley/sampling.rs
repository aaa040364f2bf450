//! Shapley values of a set too large to enumerate: marginal contributions averaged over seeded
//! random orders of its channels. Each step of an order is one look-up of the set so far, by a
//! hash that adding a channel updates ([`SetHashes`]); a set gets at most [`SAMPLING_BUDGET`]
//! steps, so a path of 10,000 distinct channels gets `SAMPLING_BUDGET / 10,000` orders instead of
//! running for minutes, and the summary says so.

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_pcg::Pcg64;
use rustc_hash::FxHashMap;

use super::Play;

/// The most steps (random orders × channels in the set) sampling spends on one set: at the
/// default 2,000 orders, sets of up to 1,000 channels get every order asked for; a larger set gets
/// fewer (at least two, for a standard error), so one path of 10,000 distinct channels costs
/// well under a second instead of minutes. Each step is one hash look-up.
pub const SAMPLING_BUDGET: usize = 2_000_000;

/// How many random orders a set of `size` channels gets when `asked` are asked for.
pub(super) fn orders_for(size: usize, asked: usize) -> usize {
    asked.min(SAMPLING_BUDGET / size.max(1)).max(2)
}

/// Every set by a hash of its channels that adding a channel updates in one step (the sum of the
/// channels' keys), so that each prefix of a random order is looked up in constant time: hashing
/// each prefix anew made an order of `n` channels cost `n²`.
pub(crate) struct SetHashes {
    numbers: FxHashMap<u64, u32>,
}

/// Two sets whose hashes collide: looked up by their channels instead.
const COLLIDED: u32 = u32::MAX - 1;

/// A channel's key in [`SetHashes`] (splitmix64: well spread, so sums of keys rarely collide).
fn channel_key(channel: u32) -> u64 {
    let mut z = u64::from(channel).wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl SetHashes {
    /// The hashes of sets `0..count`, `set(s)` giving set `s`'s channels.
    pub(crate) fn new<'a>(count: usize, set: impl Fn(usize) -> &'a [u32]) -> Self {
        let mut numbers = FxHashMap::with_capacity_and_hasher(count, rustc_hash::FxBuildHasher);
        for s in 0..count {
            let hash = set(s).iter().fold(0_u64, |h, &c| h.wrapping_add(channel_key(c)));
            numbers.entry(hash).and_modify(|n| *n = COLLIDED).or_insert(s as u32);
        }
        Self { numbers }
    }
}

impl Play<'_> {
    /// The rate of the set of `set`'s channels that `prefix` holds (its sum of keys, its size
    /// and which channels), by its hash; a set whose hash collides with another's is looked up
    /// by its channels.
    pub(super) fn prefix_rate(&self, set: &[u32], prefix: &Prefix) -> f64 {
        let found = match self.hashes {
            Some(hashes) => hashes.numbers.get(&prefix.hash).copied(),
            None => Some(COLLIDED),
        };
        match found {
            None => 0.0,
            Some(COLLIDED) => {
                let channels: Vec<u32> =
                    set.iter().zip(&prefix.held).filter(|(_, held)| **held).map(|(c, _)| *c).collect();
                (self.rate)(&channels)
            }
            Some(s) => {
                let members = (self.members)(s as usize);
                let same = members.len() == prefix.size
                    && members.iter().all(|c| set.binary_search(c).is_ok_and(|at| prefix.held[at]));
                // Another set with this hash means the prefix's own set is not a set anybody had.
                if same { self.rates[s as usize] } else { 0.0 }
            }
        }
    }
}

/// The first channels of a random order of a set: the sum of their keys, how many, and which of
/// the set's channels (by position) they are.
pub(super) struct Prefix {
    pub(super) hash: u64,
    pub(super) size: usize,
    pub(super) held: Vec<bool>,
}

/// Shapley values of `set` averaged over `permutations` random orders (at least two), and the
/// largest standard error among them; `rate` gives the rate of an order's first channels.
pub(super) fn sampled(set: &[u32], permutations: usize, seed: u64, rate: &dyn Fn(&Prefix) -> f64) -> (Vec<f64>, f64) {
    let n = set.len();
    let set_seed = set.iter().fold(seed, |h, &c| h.rotate_left(7) ^ u64::from(c).wrapping_mul(0x9e37_79b9_7f4a_7c15));
    let mut rng = Pcg64::seed_from_u64(set_seed);
    let (mut sum, mut squares) = (vec![0.0; n], vec![0.0; n]);
    let mut order: Vec<usize> = (0..n).collect();
    let keys: Vec<u64> = set.iter().map(|&c| channel_key(c)).collect();
    let mut prefix = Prefix { hash: 0, size: 0, held: vec![false; n] };
    let runs = permutations.max(2);
    for _ in 0..runs {
        order.shuffle(&mut rng);
        prefix.held.fill(false);
        (prefix.hash, prefix.size) = (0, 0);
        let mut before = 0.0;
        for &i in &order {
            prefix.hash = prefix.hash.wrapping_add(keys[i]);
            prefix.size += 1;
            prefix.held[i] = true;
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
    use super::super::{Sets, credit, rates};
    use super::*;
    use crate::paths::{PathsOptions, RowWeights, read_paths};

    #[test]
    fn prefixes_found_by_hash_are_the_sets_found_by_their_channels() {
        // Sets of 13 and 15 channels, sampled, over subsets that people had and did not have.
        let names: Vec<String> = (0..15).map(|i| format!("c{i:02}")).collect();
        let text = format!(
            "path,total_conversions,total_null\n{},3,5\n{},2,7\n{},1,2\n{},1,1\n{},0,4\n",
            names.join(" > "),
            names[..13].join(" > "),
            names[..3].join(" > "),
            names[0],
            names[1..4].join(" > "),
        );
        let paths = read_paths(&text, &PathsOptions::default()).unwrap();
        let sets = Sets::new(&paths);
        let mut weights = RowWeights::new(paths.rows());
        for row in 0..paths.rows() {
            weights.conversions[row] = paths.conversions(row);
            weights.nulls[row] = paths.nulls(row);
        }
        let rates = rates(&sets.journeys(&weights));
        let numbers = sets.numbers.as_ref().unwrap();
        let by_channels = |set: &[u32]| numbers.get(set).map_or(0.0, |i| rates[i]);
        let members = |s: usize| sets.set(s);
        let play = Play {
            permutations: 300,
            seed: 9,
            rates: &rates,
            rate: &by_channels,
            members: &members,
            hashes: sets.hashes.as_ref(),
        };
        for s in 0..2 {
            let set = sets.set(s);
            let by_hash = sampled(set, 300, 9, &|prefix| play.prefix_rate(set, prefix));
            let looked_up = sampled(set, 300, 9, &|prefix| {
                let held: Vec<u32> = set.iter().zip(&prefix.held).filter(|(_, h)| **h).map(|(c, _)| *c).collect();
                by_channels(&held)
            });
            assert_eq!(by_hash, looked_up, "set {s}");
            assert!(by_hash.0.iter().any(|&phi| phi != 0.0));
        }
    }

    #[test]
    fn a_huge_set_gets_the_orders_the_budget_allows_and_says_so() {
        assert_eq!(orders_for(13, 2000), 2000);
        assert_eq!(orders_for(10_000, 2000), SAMPLING_BUDGET / 10_000);
        assert_eq!(orders_for(SAMPLING_BUDGET, 2000), 2, "always two, for a standard error");
        let names: Vec<String> = (0..3_000).map(|i| format!("c{i}")).collect();
        let text = format!("path,total_conversions,total_null\n{},2,3\n{},1,1\n", names.join(" > "), names[7]);
        let paths = read_paths(&text, &PathsOptions::default()).unwrap();
        let (credits, summary) = credit(&paths, 2000, 7);
        assert_eq!((summary.sampled_sets, summary.capped_sets), (1, 1));
        assert_eq!((summary.fewest_permutations, summary.sampling_budget), (666, SAMPLING_BUDGET));
        let total: f64 = credits.iter().map(|c| c.conversions).sum();
        assert!((total - 3.0).abs() < 1e-9, "{total}");
    }
}
