//! A chain fitted once and counted again for every reweighting of the same path rows: the
//! bootstrap refits Markov on each resample without finding a state or a transition twice.
//!
//! A chain small enough (the first-order chain of a few hundred creators) has its removal
//! effects found afresh on every resample. A larger one would take seconds each time (one sweep
//! per channel over every transition, thousands of channels), so a resample keeps, from the
//! fit on every row, the share of each state's visits that are first entries into its channel
//! (for a first-order chain, the chance of never coming back to the creator, above 99% for a
//! campaign with thousands of creators) and finds afresh only what each state earns and how
//! often it is visited: one solve and one pass over the rows. The removal effect of channel `k`
//! is then `Σ_{s ∈ S_k} share(s) · visits(s) / visits(start) · x_s / x_start`, exactly what a
//! refit gives when the shares do not move between resamples.

use std::cell::RefCell;

use rustc_hash::FxHashMap;

use super::chain::{Chain, Key, key};
use super::effects_of;
use super::removal::{cost, removals};
use super::value::Values;
use crate::paths::{PathTable, RowWeights};

/// A row that adds nothing to the chain (no touches, or no journeys where it was found).
const SKIPPED: u32 = u32::MAX;

/// The most arithmetic steps a resample's removal effects may take to be found afresh (a few
/// milliseconds: the first-order chain of about 200 channels).
const REFIT_STEPS: f64 = 1e7;

thread_local! {
    /// The shares of the last chain fitted whose resamples keep them, by state, with that chain's
    /// fingerprint: a report fits a window's chain and then bootstraps the same rows, whose chain
    /// is the same one with its states in another order.
    static SHARES: RefCell<Option<(u64, FxHashMap<Key, f64>)>> = const { RefCell::new(None) };
}

/// A fingerprint of a chain's transitions that does not depend on how its states are numbered.
fn fingerprint(chain: &Chain) -> u64 {
    let mut sum = chain.states() as u64;
    for s in 0..chain.states() {
        for (t, p) in chain.out(s) {
            let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
            for word in chain.keys[s].iter().chain(&chain.keys[t]).map(|&c| u64::from(c)).chain([p.to_bits()]) {
                hash = (hash ^ word).wrapping_mul(0x0100_0000_01b3).rotate_left(29);
            }
            sum = sum.wrapping_add(hash);
        }
    }
    sum
}

/// Per state, the share of its visits that are first entries into its channel, from `first`
/// (the chance of each state being the first entry).
fn shares_of(chain: &Chain, first: &[f64]) -> Vec<f64> {
    let start = chain.visits[0];
    first.iter().zip(&chain.visits).map(|(&f, &v)| if v > 0.0 { f * start / v } else { 0.0 }).collect()
}

/// Whether a resample of `chain` finds its removal effects afresh.
fn refits_exactly(chain: &Chain, order: usize, channels: usize) -> bool {
    cost(chain, order, channels) <= REFIT_STEPS
}

/// Keeps the shares of a fit whose resamples will need them (`first` as [`super::removal::Removals`] gives it).
pub(super) fn remember(chain: &Chain, order: usize, channels: usize, first: &[f64]) {
    if refits_exactly(chain, order, channels) {
        return;
    }
    let shares = shares_of(chain, first);
    let by_key = chain.keys.iter().copied().zip(shares).collect();
    SHARES.with(|cell| *cell.borrow_mut() = Some((fingerprint(chain), by_key)));
}

/// The shares of `chain`: those remembered from the same chain, or found now.
fn shares(chain: &Chain, order: usize, channels: usize) -> Vec<f64> {
    let print = fingerprint(chain);
    let remembered = SHARES.with(|cell| {
        let cell = cell.borrow();
        let (_, by_key) = cell.as_ref().filter(|(seen, _)| *seen == print)?;
        chain.keys.iter().map(|key| by_key.get(key).copied()).collect::<Option<Vec<f64>>>()
    });
    remembered.unwrap_or_else(|| {
        let first = removals(chain, order, channels).map_or_else(|| vec![0.0; chain.states()], |r| r.first);
        shares_of(chain, &first)
    })
}

/// What a resample of a large chain keeps from the fit on every row.
struct Kept {
    values: Values,
    /// What each state earns in the first fit: where a resample's sweeps start.
    earns: Vec<f64>,
    shares: Vec<f64>,
    /// Each state's transition to itself, if it has one.
    self_loop: Vec<Option<u32>>,
    /// First order: per state, the chance of coming back to it after stepping to another state
    /// (its chance of coming back at all, less what its self-loop gives, over the chance of
    /// stepping elsewhere), so that a resample's own self-loops and journey ends count.
    elsewhere: Option<Vec<f64>>,
}

/// The chance that a journey at `s` stays for one more step, and that it ends there.
fn stay_and_end(chain: &Chain, s: usize) -> (f64, f64) {
    let stay: f64 = chain.out(s).filter(|&(t, _)| t == s).map(|(_, p)| p).sum();
    (stay, chain.rewards[0][s] + chain.into_null[s])
}

/// Each state's transition to itself in `chain`, if it has one.
fn self_loops(chain: &Chain) -> Vec<Option<u32>> {
    (0..chain.states())
        .map(|s| (chain.offsets[s]..chain.offsets[s + 1]).find(|&e| chain.targets[e] as usize == s).map(|e| e as u32))
        .collect()
}

impl Kept {
    fn new(shape: &Chain, order: usize, channels: usize) -> Self {
        let shares = shares(shape, order, channels);
        let elsewhere = (order == 1).then(|| {
            (0..shape.states())
                .map(|s| {
                    let (stay, end) = stay_and_end(shape, s);
                    let away = 1.0 - stay - end;
                    if away > 0.0 { ((1.0 - shares[s]) - stay) / away } else { 0.0 }
                })
                .collect()
        });
        let values = Values::new(shape);
        let earns = values.solve(&shape.probabilities, &shape.rewards[1], None);
        Self { values, earns, shares, self_loop: self_loops(shape), elsewhere }
    }
}

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
    /// For a chain too large to find removal effects afresh per resample.
    kept: Option<Kept>,
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
        let channels = paths.channels().len();
        let kept = (!refits_exactly(&shape, order, channels)).then(|| Kept::new(&shape, order, channels));
        Self { order, channels, shape, from, steps, spans, last, kept }
    }

    /// Journeys per transition (in the first fit's order) and, per state, the conversions,
    /// value and nulls of the journeys that ended there, under `weights`.
    fn tally(&self, weights: &RowWeights) -> (Vec<f64>, Vec<[f64; 4]>) {
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
        (counts, ends)
    }

    /// The chain over the rows it was built on, weighed by `weights`: the transition
    /// probabilities [`Chain::fit`] finds on them, with states numbered as in the table the rows
    /// were found on (a state no journey reaches stays, unreachable). Value after refunds is left
    /// out: the bootstrap asks for value before refunds only.
    fn chain(&self, weights: &RowWeights) -> Chain {
        let (counts, ends) = self.tally(weights);
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
        let effects = match &self.kept {
            None => effects_of(&self.chain(weights), self.order, self.channels).removal.iter().map(|e| e[1]).collect(),
            Some(kept) => self.kept_effects(weights, kept),
        };
        let total: f64 = weights.values.iter().sum();
        let sum: f64 = effects.iter().sum();
        effects.iter().map(|e| if sum > 0.0 { total * e / sum } else { 0.0 }).collect()
    }

    /// Each channel's removal effect on value under `weights`, with the shares kept from the
    /// fit on every row: the resample's transition probabilities, rewards and visits found on
    /// the first fit's transitions, as [`Chain::from_counts`] finds them.
    fn kept_effects(&self, weights: &RowWeights, kept: &Kept) -> Vec<f64> {
        let (counts, ends) = self.tally(weights);
        let mut visits: Vec<f64> = ends.iter().map(|e| e[0] + e[3]).collect();
        for (&from, &count) in self.from.iter().zip(&counts) {
            visits[from as usize] += count;
        }
        let per_visit = |amount: f64, visits: f64| if visits > 0.0 { amount / visits } else { 0.0 };
        let probability: Vec<f64> =
            self.from.iter().zip(&counts).map(|(&from, &c)| per_visit(c, visits[from as usize])).collect();
        let value: Vec<f64> = ends.iter().zip(&visits).map(|(e, &v)| per_visit(e[1], v)).collect();
        let x = kept.values.solve(&probability, &value, Some(&kept.earns));
        let mut effects = vec![0.0; self.channels];
        let (start, earned) = (visits[0], x[0]);
        if start <= 0.0 || earned <= 0.0 {
            return effects;
        }
        for (s, channel) in self.shape.newest.iter().enumerate() {
            if let Some(channel) = channel {
                let share = match &kept.elsewhere {
                    Some(elsewhere) => {
                        let stay = kept.self_loop[s].map_or(0.0, |t| probability[t as usize]);
                        let end = per_visit(ends[s][0] + ends[s][3], visits[s]);
                        1.0 - (stay + (1.0 - stay - end) * elsewhere[s])
                    }
                    None => kept.shares[s],
                };
                effects[channel.index()] += share * visits[s] / start * x[s];
            }
        }
        // Clamped as a refit clamps: rounding must not make removing a channel look like a gain.
        for effect in &mut effects {
            *effect = (*effect / earned).clamp(0.0, 1.0);
        }
        effects
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

#[cfg(test)]
mod kept_tests {
    use rust_decimal::Decimal;
    use rust_decimal::prelude::ToPrimitive;

    use super::*;
    use crate::paths::PathTableBuilder;
    use crate::paths::channel::{ChannelId, Channels};

    /// `rows` paths over `channels` channels (numbered in order, as a campaign's creators are),
    /// drawn with a seeded generator; `reverse` adds the same rows last first.
    fn wide(channels: u64, rows: usize, reverse: bool) -> PathTable {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |bound: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % bound
        };
        let mut names = Channels::default();
        let ids: Vec<ChannelId> = (0..channels).filter_map(|c| names.intern(&format!("c{c}"))).collect();
        let mut drawn: Vec<(Vec<ChannelId>, u64, u64, u64)> = (0..rows)
            .map(|_| {
                let path = (0..=next(5)).map(|_| ids[next(channels) as usize]).collect();
                let conversions = next(3);
                (path, conversions, conversions * (20 + next(50)), next(5))
            })
            .collect();
        if reverse {
            drawn.reverse();
        }
        let mut builder = PathTableBuilder::new(names);
        for (path, conversions, value, nulls) in drawn {
            builder.add(&path, conversions as f64, Decimal::from(value), Decimal::from(value), nulls as f64);
        }
        builder.finish()
    }

    fn weights_of(table: &PathTable) -> RowWeights {
        let mut weights = RowWeights::new(table.rows());
        for row in 0..table.rows() {
            weights.conversions[row] = table.conversions(row);
            weights.nulls[row] = table.nulls(row);
            weights.values[row] = table.value(row).to_f64().unwrap();
        }
        weights
    }

    #[test]
    fn a_large_chain_keeps_its_shares_and_gives_the_fit_on_every_row() {
        let table = wide(300, 4000, false);
        let refit = Refit::new(&table, 1, false);
        assert!(refit.kept.is_some(), "300 channels are refitted with kept shares");
        // Weighed as found, a resample is the table itself: the fit's own credit.
        let values = refit.values(&weights_of(&table));
        let (expected, _, _) = super::super::credit(&table, 1, false);
        for (value, credit) in values.iter().zip(&expected) {
            let credit = credit.value.to_f64().unwrap();
            assert!((value - credit).abs() <= 1e-9 * credit.abs().max(1.0), "{value} against {credit}");
        }
    }

    #[test]
    fn a_resample_with_kept_shares_stays_close_to_a_refit() {
        let table = wide(300, 4000, false);
        let refit = Refit::new(&table, 1, false);
        // Every third row drawn twice, every fifth never.
        let mut weights = weights_of(&table);
        for row in 0..table.rows() {
            let times = if row % 5 == 0 {
                0.0
            } else if row % 3 == 0 {
                2.0
            } else {
                1.0
            };
            weights.conversions[row] *= times;
            weights.nulls[row] *= times;
            weights.values[row] *= times;
        }
        let kept = refit.values(&weights);
        let chain = refit.chain(&weights);
        let afresh = effects_of(&chain, 1, refit.channels);
        let sum: f64 = afresh.removal.iter().map(|e| e[1]).sum();
        let total: f64 = weights.values.iter().sum();
        let refitted: Vec<f64> = afresh.removal.iter().map(|e| total * e[1] / sum).collect();
        // Per channel, the kept shares miss how the resample moved its chance of coming back.
        let worst = kept.iter().zip(&refitted).map(|(k, r)| (k - r).abs() / r).fold(0.0, f64::max);
        // Over groups of channels (as tiers sum them), those misses mostly cancel.
        let group = |values: &[f64]| -> Vec<f64> { values.chunks(75).map(|g| g.iter().sum()).collect() };
        let grouped = group(&kept).iter().zip(group(&refitted)).map(|(k, r)| (k - r).abs() / r).fold(0.0, f64::max);
        assert!(worst > 0.0 && worst < 0.01, "a channel {worst} off its refit");
        assert!(grouped < 5e-4, "a group {grouped} off its refit");
    }

    #[test]
    fn a_resample_earns_what_solving_it_afresh_finds() {
        let table = wide(300, 4000, false);
        let refit = Refit::new(&table, 1, false);
        let mut weights = weights_of(&table);
        for row in (0..table.rows()).step_by(4) {
            weights.conversions[row] = 0.0;
            weights.nulls[row] *= 3.0;
            weights.values[row] = 0.0;
        }
        let chain = refit.chain(&weights);
        let kept = refit.kept.as_ref().unwrap();
        // The resample's probabilities by the first fit's transitions.
        let shape = &refit.shape;
        let probability: Vec<f64> = (0..shape.states())
            .flat_map(|s| (shape.offsets[s]..shape.offsets[s + 1]).map(move |e| (s, shape.targets[e] as usize)))
            .map(|(s, t)| chain.out(s).find(|&(u, _)| u == t).map_or(0.0, |(_, p)| p))
            .collect();
        let x = kept.values.solve(&probability, &chain.rewards[1], Some(&kept.earns));
        let blocks = super::super::solve::Blocks::new(&chain);
        let afresh = super::super::solve::solve(&chain, &blocks, &vec![false; chain.states()]);
        for (a, b) in x.iter().zip(&afresh) {
            assert!((a - b[1]).abs() <= 1e-12 * b[1].abs().max(1.0), "{a} against {}", b[1]);
        }
    }

    #[test]
    fn the_window_fit_is_recalled_whatever_the_order_of_its_rows() {
        let (table, reversed) = (wide(300, 4000, false), wide(300, 4000, true));
        let (chain, other) = (Chain::fit(&table, 1, false), Chain::fit(&reversed, 1, false));
        assert_ne!(chain.keys, other.keys, "the states are numbered in another order");
        assert_eq!(fingerprint(&chain), fingerprint(&other));
        assert_ne!(fingerprint(&chain), fingerprint(&Chain::fit(&wide(300, 3999, false), 1, false)));
        let _ = super::super::effects(&table, 1, false);
        let recalled = shares(&other, 1, table.channels().len());
        let first = removals(&other, 1, table.channels().len()).unwrap().first;
        let fresh = shares_of(&other, &first);
        for (a, b) in recalled.iter().zip(&fresh) {
            assert!((a - b).abs() < 1e-12, "{a} against {b}");
        }
    }
}
