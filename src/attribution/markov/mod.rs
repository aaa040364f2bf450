//! Markov removal effects, computed exactly by solving the absorbing chain, not by simulation, so
//! the answer is the same on every run.
//!
//! States: `start`, one per observed tuple of the last `order` channels, and the absorbing
//! `conversion` and `null`. Each path row adds `conversions + nulls` to every transition along
//! `start → s₁ → … → sₙ`, then `conversions` to `sₙ → conversion` and `nulls` to `sₙ → null`.
//! With `Q` the transient block and `r` the probabilities into `conversion`, the conversion
//! probabilities solve `(I − Q) x = r` and `P(conv) = x_start`. Value removal effects use the same
//! chain with `r` weighted by the mean value of the conversions ending in each state (as
//! ChannelAttribution defines them).
//!
//! Removing channel `k` sends every transition into a state entered through `k` to `null`;
//! `RE_k = 1 − P(conv | k removed) / P(conv)`, and a channel's credit is the total times
//! `RE_k / Σ RE`.
//!
//! By the strong Markov property at the first entry into the states `S` entered through `k`,
//! `P(conv | k removed) = x_start − Σ_{s ∈ S} φ(s) · x_s`, with `φ(s)` the probability that the
//! first state of `S` a journey enters is `s`. A small first-order chain (at most a few hundred
//! channels, or many transitions per state) gets every `φ` from one dense LU factorization:
//! `S = {k}` and `φ(k) = G[start, k] / G[k, k]` with `G = (I − Q)⁻¹`. Any other chain is split
//! into its strongly connected components ([`solve`]) and the `φ` of every channel are found
//! side by side, to a proven bound ([`lanes`]): the chain of a campaign with thousands of
//! creators is one component where each creator leads to dozens of others, where a factorization
//! fills in to a dense matrix.

mod chain;
mod lanes;
mod lu;
mod refit;
mod solve;

use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;
use serde::{Deserialize, Serialize};

pub use chain::MAX_ORDER;
use chain::{Chain, REWARDS};
use lanes::{TOLERANCE, first_entries};
use lu::Lu;
pub(crate) use refit::Refit;
use solve::{Blocks, solve};

use crate::attribution::credit::Credit;
use crate::error::Error;
use crate::paths::PathTable;

/// Above this many states a first-order chain is never factorized densely.
const DENSE_FIRST_ORDER: usize = 1500;

/// Whether one dense factorization (about `n³` steps for `n` states) costs less than finding the
/// first entries side by side (about ten sweeps over the transitions per channel).
fn dense_is_cheaper(chain: &Chain) -> bool {
    let n = chain.states();
    n <= DENSE_FIRST_ORDER && n * n <= 16 * chain.targets.len().max(1)
}

/// One channel's removal effects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RemovalEffect {
    /// The channel.
    pub channel: String,
    /// `1 − P(conv | removed) / P(conv)`.
    pub conversion: f64,
    /// The same for expected conversion value.
    pub value: f64,
    /// The same for expected value after refunds.
    pub net_value: f64,
}

/// One transition of the chain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Transition {
    /// From state: `(start)` or channels joined by ` > `, oldest first.
    pub from: String,
    /// To state, or `(conversion)` / `(null)`.
    pub to: String,
    /// Probability, 0 to 1.
    pub probability: f64,
}

/// The fitted chain and what removing each channel does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MarkovChain {
    /// How many channels a state remembers.
    pub order: usize,
    /// Transient states, `start` included.
    pub states: usize,
    /// `P(conv)` from `start`.
    pub conversion_probability: f64,
    /// Per channel (input order).
    pub removal_effects: Vec<RemovalEffect>,
    /// Every transition with a probability above zero, by from state.
    pub transitions: Vec<Transition>,
}

/// What [`effects`] finds: per reward, `x_start`, and per channel and reward, the removal effect.
pub(crate) struct Effects {
    pub start: [f64; REWARDS],
    pub removal: Vec<[f64; REWARDS]>,
}

/// Removal effects of every channel of `paths` under a chain of `order` (1 to [`MAX_ORDER`]).
pub(crate) fn effects(paths: &PathTable, order: usize, collapse_repeats: bool) -> Effects {
    effects_of(&Chain::fit(paths, order, collapse_repeats), order, paths.channels().len())
}

fn effects_of(chain: &Chain, order: usize, channels: usize) -> Effects {
    let removed = if order == 1 && dense_is_cheaper(chain) {
        first_order(chain, channels)
    } else {
        Some(by_blocks(chain, channels))
    };
    let Some((start, removed)) = removed else {
        return Effects { start: [0.0; REWARDS], removal: vec![[0.0; REWARDS]; channels] };
    };
    let removal = removed
        .iter()
        .map(|without| {
            let mut effect = [0.0; REWARDS];
            for k in 0..REWARDS {
                if start[k] > 0.0 {
                    // Clamped: rounding must not make removing a channel look like a gain.
                    effect[k] = (1.0 - without[k] / start[k]).clamp(0.0, 1.0);
                }
            }
            effect
        })
        .collect();
    Effects { start, removal }
}

/// Per reward, `x_start`, and per channel and reward, `x_start` with that channel removed.
type Removed = ([f64; REWARDS], Vec<[f64; REWARDS]>);

/// `x_start` and, per channel, `x_start` with the channel removed, by one LU factorization.
fn first_order(chain: &Chain, channels: usize) -> Option<Removed> {
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
    let mut removed = vec![start; channels];
    for state in 1..n {
        let Some(channel) = chain.newest[state] else { continue };
        let g_kk = lu.inverse_diagonal(state);
        let reach = if g_kk > 0.0 { g_start[state] / g_kk } else { 0.0 };
        removed[channel.index()] = std::array::from_fn(|k| (start[k] - reach * x[k][state]).max(0.0));
    }
    Some((start, removed))
}

/// `x_start` and, per channel, `x_start` with every state entered through it removed, by the
/// first entries into each channel's states ([`first_entries`]).
fn by_blocks(chain: &Chain, channels: usize) -> Removed {
    let blocks = Blocks::new(chain);
    let n = chain.states();
    let x = solve(chain, &blocks, &vec![false; n]);
    // Per channel and reward, the most a journey entering one of its states can still earn: a
    // residual of 1-norm `r` in its first entries moves its removal effect by at most `r` times
    // that over `x_start`.
    let mut most = vec![[0.0_f64; REWARDS]; channels];
    for (s, channel) in chain.newest.iter().enumerate() {
        if let Some(channel) = channel {
            for (m, v) in most[channel.index()].iter_mut().zip(x[s]) {
                *m = m.max(v);
            }
        }
    }
    let allowed: Vec<Option<f64>> = most
        .iter()
        .map(|most| {
            (0..REWARDS)
                .filter(|&k| most[k] > 0.0 && x[0][k] > 0.0)
                .map(|k| TOLERANCE * x[0][k] / most[k])
                .reduce(f64::min)
        })
        .collect();
    let first = first_entries(chain, &blocks, &allowed);
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
    (x[0], removed)
}

/// Each channel's credit: the table's conversions, value and net value times `RE_k / Σ RE`
/// (each by its own removal effects), what no channel can be credited with, and the effects.
pub(crate) fn credit(paths: &PathTable, order: usize, collapse_repeats: bool) -> (Vec<Credit>, Credit, Effects) {
    let effects = effects(paths, order, collapse_repeats);
    // Summed once: it is a pass over every row, and every channel's credit needs it.
    let conversions = paths.total_conversions();
    let totals = [Decimal::from_f64(conversions).unwrap_or_default(), paths.total_value(), paths.total_net_value()];
    let sums: [f64; REWARDS] = std::array::from_fn(|k| effects.removal.iter().map(|e| e[k]).sum());
    let mut lost = Credit::default();
    let credited = |k: usize, lost: &mut Credit| {
        if sums[k] > 0.0 {
            return true;
        }
        match k {
            0 => lost.conversions = conversions,
            1 => lost.value = totals[1],
            _ => lost.net_value = totals[2],
        }
        false
    };
    let shares: [bool; REWARDS] = std::array::from_fn(|k| credited(k, &mut lost));
    let credits = effects
        .removal
        .iter()
        .map(|effect| {
            let part = |k: usize| {
                if shares[k] { Decimal::from_f64(effect[k] / sums[k]).unwrap_or_default() } else { Decimal::ZERO }
            };
            Credit {
                conversions: if shares[0] { conversions * effect[0] / sums[0] } else { 0.0 },
                value: totals[1] * part(1),
                net_value: totals[2] * part(2),
            }
        })
        .collect();
    (credits, lost, effects)
}

/// Checks a chain order.
///
/// # Errors
/// [`Error::InvalidOption`] outside 1 to [`MAX_ORDER`].
pub fn check_order(order: usize) -> Result<(), Error> {
    if (1..=MAX_ORDER).contains(&order) {
        Ok(())
    } else {
        Err(Error::invalid_option("order", order, format!("must be from 1 to {MAX_ORDER}")))
    }
}

/// The chain of `order` fitted on `paths`, its transitions and every channel's removal effects.
pub fn markov_chain(paths: &PathTable, order: usize, collapse_repeats: bool) -> MarkovChain {
    let chain = Chain::fit(paths, order, collapse_repeats);
    let effects = effects_of(&chain, order, paths.channels().len());
    let names = paths.channels().names();
    let state_name = |s: usize| {
        if s == 0 {
            "(start)".to_owned()
        } else {
            chain.channels(s).map(|c| names[c].as_str()).collect::<Vec<_>>().join(" > ")
        }
    };
    let mut transitions = Vec::new();
    for s in 0..chain.states() {
        let from = state_name(s);
        for (t, probability) in chain.out(s) {
            transitions.push(Transition { from: from.clone(), to: state_name(t), probability });
        }
        for (to, probability) in [("(conversion)", chain.rewards[0][s]), ("(null)", chain.into_null[s])] {
            if probability > 0.0 {
                transitions.push(Transition { from: from.clone(), to: to.to_owned(), probability });
            }
        }
    }
    MarkovChain {
        order,
        states: chain.states(),
        conversion_probability: effects.start[0],
        removal_effects: names
            .iter()
            .zip(&effects.removal)
            .map(|(name, e)| RemovalEffect { channel: name.clone(), conversion: e[0], value: e[1], net_value: e[2] })
            .collect(),
        transitions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paths::{PathsOptions, read_paths};

    /// Paths where revisits make a second-order chain loop: a block solved densely.
    const LOOPING: &str =
        "path,total_conversions,total_null\nA > B > A > B > C,3,1\nB > A > B,1,4\nC > A,0,2\nA > B > C > A,2,2\n";

    #[test]
    fn first_order_by_lu_and_by_blocks_agree() {
        let paths = read_paths(LOOPING, &PathsOptions::default()).unwrap();
        let chain = Chain::fit(&paths, 1, false);
        let (start, lu) = first_order(&chain, 3).unwrap();
        let (start_blocks, blocks) = by_blocks(&chain, 3);
        for k in 0..REWARDS {
            assert!((start[k] - start_blocks[k]).abs() < 1e-14);
            for (a, b) in lu.iter().zip(&blocks) {
                assert!((a[k] - b[k]).abs() < 1e-14, "{lu:?} {blocks:?}");
            }
        }
    }

    #[test]
    fn credit_sums_to_the_totals() {
        let paths = read_paths(LOOPING, &PathsOptions::default()).unwrap();
        for order in 1..=MAX_ORDER {
            let (credits, lost, _) = credit(&paths, order, false);
            let conversions: f64 = credits.iter().map(|c| c.conversions).sum();
            assert!((conversions - 6.0).abs() < 1e-12, "order {order}: {conversions}");
            assert_eq!(lost, Credit::default());
        }
    }

    #[test]
    fn a_table_without_conversions_credits_no_one() {
        let paths = read_paths("path,total_conversions,total_null\nA > B,0,3\n", &PathsOptions::default()).unwrap();
        let (credits, lost, _) = credit(&paths, 2, false);
        assert!(credits.iter().all(|c| *c == Credit::default()));
        assert_eq!(lost.conversions, 0.0);
    }
}
