//! What removing each channel leaves: `x_start` with every state entered through the channel
//! absorbing into null, found from where journeys first enter each channel (see the module
//! above), by one dense factorization for a small first-order chain and side by side
//! ([`first_entries`]) for any other.

use super::chain::{Chain, REWARDS};
use super::lanes::first_entries;
use super::lu::Lu;
use super::solve::{Blocks, solve};

/// Above this many states a first-order chain is never factorized densely.
const DENSE_FIRST_ORDER: usize = 1500;

/// Whether one dense factorization (about `n³` steps for `n` states) costs less than finding the
/// first entries side by side (about ten sweeps over the transitions per channel).
pub(super) fn dense_is_cheaper(chain: &Chain) -> bool {
    let n = chain.states();
    n <= DENSE_FIRST_ORDER && n * n <= 16 * chain.targets.len().max(1)
}

/// About how many arithmetic steps [`removals`] takes on `chain`: `n³` for one dense
/// factorization, else about twenty sweeps over the transitions per channel.
pub(super) fn cost(chain: &Chain, order: usize, channels: usize) -> f64 {
    let n = chain.states() as f64;
    if order == 1 && dense_is_cheaper(chain) { n * n * n } else { 20.0 * channels as f64 * chain.targets.len() as f64 }
}

/// Per reward, `x_start`; per channel and reward, `x_start` with the channel removed; and per
/// state `s`, the chance `φ(s)` that the first state a journey enters through `s`'s channel is `s`.
pub(super) struct Removals {
    pub start: [f64; REWARDS],
    pub without: Vec<[f64; REWARDS]>,
    pub first: Vec<f64>,
}

/// The [`Removals`] of `chain` (of `order`, over `channels`); `None` when its equations are
/// singular (a loop no journey leaves).
pub(super) fn removals(chain: &Chain, order: usize, channels: usize) -> Option<Removals> {
    if order == 1 && dense_is_cheaper(chain) { first_order(chain, channels) } else { Some(by_blocks(chain, channels)) }
}

/// `x_start` and, per channel, `x_start` with the channel removed, by one LU factorization.
pub(super) fn first_order(chain: &Chain, channels: usize) -> Option<Removals> {
    let n = chain.states();
    let mut system = vec![vec![0.0; n]; n];
    for (i, row) in system.iter_mut().enumerate() {
        row[i] += 1.0;
        for (t, p) in chain.out(i) {
            row[t] -= p;
        }
    }
    let lu = Lu::new(system)?;
    let x: Vec<Vec<f64>> = chain.rewards.iter().map(|r| lu.solve(r)).collect();
    let start: [f64; REWARDS] = std::array::from_fn(|k| x[k][0]);
    let mut unit = vec![0.0; n];
    unit[0] = 1.0;
    let g_start = lu.solve_transposed(&unit);
    let (mut without, mut first) = (vec![start; channels], vec![0.0; n]);
    for state in 1..n {
        let Some(channel) = chain.newest[state] else { continue };
        let g_kk = lu.inverse_diagonal(state);
        let reach = if g_kk > 0.0 { g_start[state] / g_kk } else { 0.0 };
        first[state] = reach;
        without[channel.index()] = std::array::from_fn(|k| (start[k] - reach * x[k][state]).max(0.0));
    }
    Some(Removals { start, without, first })
}

/// `x_start` and, per channel, `x_start` with every state entered through it removed, by the
/// first entries into each channel's states ([`first_entries`]).
pub(super) fn by_blocks(chain: &Chain, channels: usize) -> Removals {
    let blocks = Blocks::new(chain);
    let n = chain.states();
    let x = solve(chain, &blocks, &vec![false; n]);
    // A channel no journey entering it converts from (in any reward) loses nothing when removed.
    let mut wanted = vec![false; channels];
    for (s, channel) in chain.newest.iter().enumerate() {
        if let Some(channel) = channel {
            wanted[channel.index()] |= (0..REWARDS).any(|k| x[s][k] > 0.0 && x[0][k] > 0.0);
        }
    }
    // What each state earns, over what `start` earns, in the reward where that is most.
    let weight: Vec<f64> = x
        .iter()
        .map(|earns| (0..REWARDS).filter(|&k| x[0][k] > 0.0).map(|k| earns[k] / x[0][k]).fold(0.0, f64::max))
        .collect();
    let first = first_entries(chain, &blocks, &wanted, &weight);
    let mut removed = vec![x[0]; channels];
    for (s, channel) in chain.newest.iter().enumerate() {
        if let Some(channel) = channel {
            for (k, slot) in removed[channel.index()].iter_mut().enumerate() {
                *slot -= first[s] * x[s][k];
            }
        }
    }
    for without in &mut removed {
        *without = without.map(|w| w.max(0.0));
    }
    Removals { start: x[0], without: removed, first }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paths::{PathsOptions, read_paths};

    #[test]
    fn first_order_by_lu_and_by_blocks_agree() {
        let paths = read_paths(super::super::tests::LOOPING, &PathsOptions::default()).unwrap();
        let chain = Chain::fit(&paths, 1, false);
        let Removals { start, without: lu, first } = first_order(&chain, 3).unwrap();
        let Removals { start: start_blocks, without: blocks, first: first_blocks } = by_blocks(&chain, 3);
        for k in 0..REWARDS {
            assert!((start[k] - start_blocks[k]).abs() < 1e-14);
            for (a, b) in lu.iter().zip(&blocks) {
                assert!((a[k] - b[k]).abs() < 1e-14, "{lu:?} {blocks:?}");
            }
        }
        for (a, b) in first.iter().zip(&first_blocks) {
            assert!((a - b).abs() < 1e-14, "{first:?} {first_blocks:?}");
        }
    }
}
