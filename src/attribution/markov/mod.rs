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
mod removal;
mod solve;
mod value;

use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;
use serde::{Deserialize, Serialize};

pub use chain::MAX_ORDER;
use chain::{Chain, REWARDS};
pub(crate) use refit::Refit;
use removal::{Removals, removals};

use crate::attribution::credit::Credit;
use crate::error::Error;
use crate::paths::PathTable;

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
    let chain = Chain::fit(paths, order, collapse_repeats);
    let channels = paths.channels().len();
    let removals = removals(&chain, order, channels);
    if let Some(removals) = &removals {
        refit::remember(&chain, order, channels, &removals.first);
    }
    effects_from(removals.as_ref(), channels)
}

fn effects_of(chain: &Chain, order: usize, channels: usize) -> Effects {
    effects_from(removals(chain, order, channels).as_ref(), channels)
}

/// The removal effects of what [`removals`] found (none for a chain that cannot be solved).
fn effects_from(removals: Option<&Removals>, channels: usize) -> Effects {
    let Some(Removals { start, without, .. }) = removals else {
        return Effects { start: [0.0; REWARDS], removal: vec![[0.0; REWARDS]; channels] };
    };
    let start = *start;
    let removal = without
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

    /// Paths where revisits make a second-order chain loop.
    pub(super) const LOOPING: &str =
        "path,total_conversions,total_null\nA > B > A > B > C,3,1\nB > A > B,1,4\nC > A,0,2\nA > B > C > A,2,2\n";

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
