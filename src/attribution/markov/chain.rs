//! The chain fitted on a paths table: states are the last `order` channels of a journey (fewer at
//! its beginning), stored sparsely, since a second-order chain over 200 creators has tens of
//! thousands of observed states but only a few transitions out of each.

use rust_decimal::prelude::ToPrimitive;
use rustc_hash::FxHashMap;

use crate::paths::PathTable;
use crate::paths::channel::ChannelId;

/// The longest history a state remembers.
pub const MAX_ORDER: usize = 4;

/// What a state remembers: up to [`MAX_ORDER`] channels, oldest first, padded with `u32::MAX`.
pub(super) type Key = [u32; MAX_ORDER];

/// The state of the `recent` channels (at most [`MAX_ORDER`], oldest first).
pub(super) fn key(recent: &[ChannelId]) -> Key {
    let mut key = [u32::MAX; MAX_ORDER];
    for (slot, channel) in key.iter_mut().zip(recent) {
        *slot = channel.index() as u32;
    }
    key
}

/// What a journey earns when it converts: the conversion itself, its value, its value after refunds.
pub(super) const REWARDS: usize = 3;

/// A fitted chain. State 0 is `start`; every other state is a tuple of channels.
#[derive(Debug, Clone)]
pub(super) struct Chain {
    /// Each state's channels, oldest first (empty for `start`).
    pub keys: Vec<Key>,
    /// The channel each state was entered through (its newest), `None` for `start`.
    pub newest: Vec<Option<ChannelId>>,
    /// Transitions out of state `i` are `offsets[i]..offsets[i + 1]` of `targets`/`probabilities`.
    pub offsets: Vec<usize>,
    pub targets: Vec<u32>,
    pub probabilities: Vec<f64>,
    /// Per state, the expected reward of the next step: `P(conversion next)`, and the same
    /// weighted by the mean value (and net value) of the conversions that ended in this state.
    pub rewards: [Vec<f64>; REWARDS],
    /// Per state, `P(null next)`.
    pub into_null: Vec<f64>,
    /// Per state, the journeys that passed through it (for `start`, every journey). Every entry
    /// into a state is followed by one step out of it, so these are also the journeys that left
    /// it, and `visits[s] / visits[0]` is the expected number of visits to `s` from `start`.
    pub visits: Vec<f64>,
}

impl Chain {
    /// Fits the chain of `order` (1 to [`MAX_ORDER`]) on `paths`; with `collapse_repeats`, a
    /// channel repeated back to back counts once (`A > A > B` is read as `A > B`).
    pub fn fit(paths: &PathTable, order: usize, collapse_repeats: bool) -> Self {
        let mut ids: FxHashMap<Key, u32> = FxHashMap::default();
        let mut keys = vec![[u32::MAX; MAX_ORDER]];
        let mut newest = vec![None];
        ids.insert(keys[0], 0);
        let mut counts = Counts::new(order, paths.channels().len());
        // Per state: conversions, value, net value and nulls that ended there.
        let mut ends: Vec<[f64; 4]> = vec![[0.0; 4]];
        let mut path = Vec::new();
        for row in 0..paths.rows() {
            let (conversions, nulls) = (paths.conversions(row), paths.nulls(row));
            let journeys = conversions + nulls;
            path.clear();
            path.extend_from_slice(paths.path(row));
            if collapse_repeats {
                path.dedup();
            }
            if journeys <= 0.0 || path.is_empty() {
                continue;
            }
            let mut from = 0_u32;
            for end in 1..=path.len() {
                let recent = &path[end.saturating_sub(order)..end];
                let key = key(recent);
                let next = keys.len() as u32;
                let mut add = || {
                    keys.push(key);
                    newest.push(recent.last().copied());
                    ends.push([0.0; 4]);
                    next
                };
                let to = match &mut counts {
                    // First order: a state is its channel, found by index instead of hashing.
                    Counts::Dense { state_of, .. } => {
                        let slot = &mut state_of[key[0] as usize];
                        if *slot == u32::MAX {
                            *slot = add();
                        }
                        *slot
                    }
                    Counts::Sparse(_) => *ids.entry(key).or_insert_with(add),
                };
                counts.add(from, to, journeys);
                from = to;
            }
            let end = &mut ends[from as usize];
            end[0] += conversions;
            end[1] += paths.value(row).to_f64().unwrap_or(0.0);
            end[2] += paths.net_value(row).to_f64().unwrap_or(0.0);
            end[3] += nulls;
        }
        Self::from_counts(keys, newest, &counts.into_sorted(), &ends)
    }

    /// The chain over states `keys` (entered through `newest`) with `transitions` counted (by
    /// `(from, to)`, each count above 0) and, per state, the conversions, value, net value and
    /// nulls of the journeys that ended there.
    pub fn from_counts(
        keys: Vec<Key>,
        newest: Vec<Option<ChannelId>>,
        transitions: &[((u32, u32), f64)],
        ends: &[[f64; 4]],
    ) -> Self {
        let states = keys.len();
        let mut out_total: Vec<f64> = ends.iter().map(|e| e[0] + e[3]).collect();
        for &((from, _), count) in transitions {
            out_total[from as usize] += count;
        }
        let mut offsets = vec![0; states + 1];
        for &((from, _), _) in transitions {
            offsets[from as usize + 1] += 1;
        }
        for i in 0..states {
            offsets[i + 1] += offsets[i];
        }
        let targets = transitions.iter().map(|&((_, to), _)| to).collect();
        let probabilities = transitions.iter().map(|&((from, _), count)| count / out_total[from as usize]).collect();
        let per_state = |f: &dyn Fn(&[f64; 4]) -> f64| -> Vec<f64> {
            ends.iter().zip(&out_total).map(|(e, &total)| if total > 0.0 { f(e) / total } else { 0.0 }).collect()
        };
        let rewards = [per_state(&|e| e[0]), per_state(&|e| e[1]), per_state(&|e| e[2])];
        let into_null = per_state(&|e| e[3]);
        Self { keys, newest, offsets, targets, probabilities, rewards, into_null, visits: out_total }
    }

    /// How many states, `start` included.
    pub fn states(&self) -> usize {
        self.keys.len()
    }

    /// The transitions out of `state`: `(target, probability)`.
    pub fn out(&self, state: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let range = self.offsets[state]..self.offsets[state + 1];
        self.targets[range.clone()].iter().map(|&t| t as usize).zip(self.probabilities[range].iter().copied())
    }

    /// The channels a state remembers, oldest first.
    pub fn channels(&self, state: usize) -> impl Iterator<Item = usize> + '_ {
        self.keys[state].iter().take_while(|&&c| c != u32::MAX).map(|&c| c as usize)
    }
}

/// Journeys per transition, summed row by row. A first-order chain over at most [`DENSE_STATES`]
/// states counts in a matrix (a hash probe per touch was most of fitting it); others sparsely.
enum Counts {
    Dense { states: usize, counts: Vec<f64>, state_of: Vec<u32> },
    Sparse(FxHashMap<(u32, u32), f64>),
}

/// The most states a first-order chain counts densely (8 MB of counts).
const DENSE_STATES: usize = 1024;

impl Counts {
    fn new(order: usize, channels: usize) -> Self {
        let states = channels + 1;
        if order == 1 && states <= DENSE_STATES {
            Self::Dense { states, counts: vec![0.0; states * states], state_of: vec![u32::MAX; channels] }
        } else {
            Self::Sparse(FxHashMap::default())
        }
    }

    fn add(&mut self, from: u32, to: u32, journeys: f64) {
        match self {
            Self::Dense { states, counts, .. } => counts[from as usize * *states + to as usize] += journeys,
            Self::Sparse(counts) => *counts.entry((from, to)).or_default() += journeys,
        }
    }

    /// Every transition seen with its count, by `(from, to)`: the sums that follow are then taken
    /// in one order on every platform and every run.
    fn into_sorted(self) -> Vec<((u32, u32), f64)> {
        match self {
            // Rows only ever add journeys (> 0), so a transition was seen exactly when its count is.
            Self::Dense { states, counts, .. } => counts
                .iter()
                .enumerate()
                .filter(|&(_, &count)| count > 0.0)
                .map(|(i, &count)| (((i / states) as u32, (i % states) as u32), count))
                .collect(),
            Self::Sparse(counts) => {
                let mut transitions: Vec<((u32, u32), f64)> = counts.into_iter().collect();
                transitions.sort_unstable_by_key(|&(edge, _)| edge);
                transitions
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paths::{PathsOptions, read_paths};

    fn table(text: &str) -> PathTable {
        read_paths(text, &PathsOptions::default()).unwrap()
    }

    #[test]
    fn second_order_states_remember_two_channels() {
        let paths = table("path,total_conversions,total_null\nA > B > C,1,1\nB > C,0,2\n");
        let chain = Chain::fit(&paths, 2, false);
        let names: Vec<Vec<usize>> = (0..chain.states()).map(|s| chain.channels(s).collect()).collect();
        assert_eq!(names, [vec![], vec![0], vec![0, 1], vec![1, 2], vec![1]]);
        // (B, C) is reached by both rows: 2 journeys, one converting; 2 from B > C, both null.
        assert_eq!(chain.rewards[0][3], 0.25);
        assert_eq!(chain.into_null[3], 0.75);
        let from_start: Vec<(usize, f64)> = chain.out(0).collect();
        assert_eq!(from_start, [(1, 0.5), (4, 0.5)]);
    }

    #[test]
    fn dense_and_sparse_counts_give_the_same_transitions_to_the_bit() {
        let (mut dense, mut sparse) = (Counts::new(1, 6), Counts::Sparse(FxHashMap::default()));
        assert!(matches!(dense, Counts::Dense { .. }));
        let adds = [(0, 3, 0.1), (3, 1, 2.5), (0, 3, 0.7), (1, 6, 1e-9), (3, 1, 0.2), (6, 0, 3.0), (0, 3, 0.3)];
        for (from, to, journeys) in adds {
            dense.add(from, to, journeys);
            sparse.add(from, to, journeys);
        }
        let bits = |t: Vec<((u32, u32), f64)>| t.into_iter().map(|(edge, c)| (edge, c.to_bits())).collect::<Vec<_>>();
        let expected = bits(sparse.into_sorted());
        assert_eq!(expected.len(), 4);
        assert_eq!(bits(dense.into_sorted()), expected);
        assert!(
            matches!(Counts::new(2, 6), Counts::Sparse(_)) && matches!(Counts::new(1, DENSE_STATES), Counts::Sparse(_))
        );
    }

    #[test]
    fn collapsing_repeats_reads_a_a_b_as_a_b() {
        let paths = table("path,total_conversions\nA > A > B,1\n");
        assert_eq!(Chain::fit(&paths, 1, false).out(1).collect::<Vec<_>>(), [(1, 0.5), (2, 0.5)]);
        assert_eq!(Chain::fit(&paths, 1, true).out(1).collect::<Vec<_>>(), [(2, 1.0)]);
    }
}
