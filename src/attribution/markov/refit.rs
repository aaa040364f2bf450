//! A chain fitted once and counted again for every reweighting of the same path rows: the
//! bootstrap refits Markov on each resample without finding a state or a transition twice.

use rustc_hash::FxHashMap;

use super::chain::{Chain, Key, key};
use super::effects_of;
use crate::paths::{PathTable, RowWeights};

/// A row that adds nothing to the chain (no touches, or no journeys where it was found).
const SKIPPED: u32 = u32::MAX;

/// The states and transitions of a table's rows, and which transitions each row takes.
pub(crate) struct Refit {
    order: usize,
    channels: usize,
    /// The chain fitted on the table the rows were found on: its states and, sorted by
    /// `(from, to)`, its transitions (their probabilities are not used again).
    shape: Chain,
    /// Each transition's from state.
    from: Vec<u32>,
    /// Row `r`'s transitions are `steps[spans[r]..spans[r + 1]]`, indexes into the shape's.
    steps: Vec<u32>,
    spans: Vec<usize>,
    /// Each row's last state, [`SKIPPED`] for a row that adds nothing.
    last: Vec<u32>,
}

impl Refit {
    /// The chain of `order` over `paths`' rows (as [`Chain::fit`]).
    pub(crate) fn new(paths: &PathTable, order: usize, collapse_repeats: bool) -> Self {
        let shape = Chain::fit(paths, order, collapse_repeats);
        let state_of: FxHashMap<Key, u32> = shape.keys.iter().enumerate().map(|(s, &k)| (k, s as u32)).collect();
        let mut from = vec![0; shape.targets.len()];
        for state in 0..shape.states() {
            from[shape.offsets[state]..shape.offsets[state + 1]].fill(state as u32);
        }
        let (mut steps, mut spans, mut last) = (Vec::new(), vec![0], Vec::with_capacity(paths.rows()));
        let mut path = Vec::new();
        for row in 0..paths.rows() {
            path.clear();
            path.extend_from_slice(paths.path(row));
            if collapse_repeats {
                path.dedup();
            }
            let mut state = SKIPPED;
            if paths.conversions(row) + paths.nulls(row) > 0.0 && !path.is_empty() {
                state = 0;
                for end in 1..=path.len() {
                    // Every state and transition of a row with journeys is in the chain fitted on it.
                    let to = state_of[&key(&path[end.saturating_sub(order)..end])];
                    let out = shape.offsets[state as usize]..shape.offsets[state as usize + 1];
                    let at = shape.targets[out.clone()].partition_point(|&t| t < to);
                    steps.push((out.start + at) as u32);
                    state = to;
                }
            }
            spans.push(steps.len());
            last.push(state);
        }
        Self { order, channels: paths.channels().len(), shape, from, steps, spans, last }
    }

    /// The chain over the rows it was built on, weighed by `weights`: the transition
    /// probabilities [`Chain::fit`] finds on them, with states numbered as in the table the rows
    /// were found on (a state no journey reaches stays, unreachable). Value after refunds is left
    /// out: the bootstrap asks for value before refunds only.
    fn chain(&self, weights: &RowWeights) -> Chain {
        let mut counts = vec![0.0; self.from.len()];
        let mut ends = vec![[0.0; 4]; self.shape.states()];
        for (row, &last) in self.last.iter().enumerate() {
            let (conversions, nulls) = (weights.conversions[row], weights.nulls[row]);
            let journeys = conversions + nulls;
            if journeys <= 0.0 || last == SKIPPED {
                continue;
            }
            for &step in &self.steps[self.spans[row]..self.spans[row + 1]] {
                counts[step as usize] += journeys;
            }
            let end = &mut ends[last as usize];
            end[0] += conversions;
            end[1] += weights.values[row];
            end[3] += nulls;
        }
        let transitions: Vec<((u32, u32), f64)> = counts
            .iter()
            .enumerate()
            .filter(|&(_, &count)| count > 0.0)
            .map(|(t, &count)| ((self.from[t], self.shape.targets[t]), count))
            .collect();
        Chain::from_counts(self.shape.keys.clone(), self.shape.newest.clone(), &transitions, &ends)
    }

    /// Each channel's credited value (before refunds) under `weights`, in floating point: the
    /// rows' value times `RE_k / Σ RE`, as [`super::credit`] splits it in exact money.
    pub(crate) fn values(&self, weights: &RowWeights) -> Vec<f64> {
        let effects = effects_of(&self.chain(weights), self.order, self.channels);
        let total: f64 = weights.values.iter().sum();
        let sum: f64 = effects.removal.iter().map(|e| e[1]).sum();
        effects.removal.iter().map(|e| if sum > 0.0 { total * e[1] / sum } else { 0.0 }).collect()
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal::prelude::ToPrimitive;

    use super::*;
    use crate::paths::{PathsOptions, read_paths};

    #[test]
    fn a_reweighed_table_gives_what_fitting_it_afresh_gives() {
        let text = "path,total_conversions,total_conversion_value,total_null\n\
                    A > B > A > B > C,3,30,1\nB > A > B,1,5,4\nC > A,0,0,2\nA > B > C > A,2,8,2\nC,1,1,0\n";
        let full = read_paths(text, &PathsOptions::default()).unwrap();
        // A resample: the first row drawn twice, the third never, the last once as a null.
        let mut weights = RowWeights::new(full.rows());
        for (row, conversions, nulls, value) in
            [(0, 6.0, 2.0, 60.0), (1, 1.0, 4.0, 5.0), (3, 2.0, 2.0, 8.0), (4, 0.0, 1.0, 0.0)]
        {
            (weights.conversions[row], weights.nulls[row], weights.values[row]) = (conversions, nulls, value);
        }
        // Afresh: the same rows without the one never drawn.
        let afresh = read_paths(
            "path,total_conversions,total_conversion_value,total_null\n\
             A > B > A > B > C,6,60,2\nB > A > B,1,5,4\nA > B > C > A,2,8,2\nC,0,0,1\n",
            &PathsOptions::default(),
        )
        .unwrap();
        for (order, collapse) in [(1, false), (2, false), (1, true), (3, true)] {
            let values = Refit::new(&full, order, collapse).values(&weights);
            let (expected, _, _) = super::super::credit(&afresh, order, collapse);
            assert_eq!(values.len(), expected.len());
            for (value, credit) in values.iter().zip(&expected) {
                let expected = credit.value.to_f64().unwrap();
                assert!((value - expected).abs() < 1e-9, "order {order}: {values:?} {expected:?}");
            }
            assert!(values.iter().sum::<f64>() > 72.9, "the resample's value is all credited: {values:?}");
        }
    }
}
