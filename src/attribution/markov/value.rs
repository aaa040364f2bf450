//! What each state earns until absorption, `x = Q x + r`, for one chain reweighed again and
//! again: the bootstrap's resamples keep the states and transitions of the fit on every row and
//! change only how many journeys take each. The chain's blocks, their order and each large
//! block's Perron vectors are found once. Per resample each block is swept by Gauss–Seidel,
//! sinks first, after a correction along those Perron vectors before each sweep (tested
//! through this chain's own equations, so that it never moves the solution, only the way
//! there), until a sweep moves no value by more than [`SETTLED`] of the largest.

use super::chain::Chain;
use super::lanes::{Perron, keep, perrons, stays};
use super::solve::Blocks;

/// A sweep that moves no value by more than this share of the largest ends the solve.
const SETTLED: f64 = 1e-14;
/// Sweeps after which a block is left as it is.
const MAX_SWEEPS: usize = 10_000;

/// The structure every reweighing of a chain shares.
pub(super) struct Values {
    blocks: Blocks,
    perrons: Vec<Option<Perron>>,
    /// Each state's place in its block.
    place: Vec<usize>,
}

impl Values {
    /// The blocks and Perron vectors of `chain`, the fit on every row.
    pub(super) fn new(chain: &Chain) -> Self {
        let blocks = Blocks::new(chain);
        let perrons = perrons(chain, &blocks);
        let mut place = vec![0; chain.states()];
        for states in &blocks.blocks {
            for (i, &s) in states.iter().enumerate() {
                place[s] = i;
            }
        }
        Self { blocks, perrons, place }
    }

    /// Per state, the expected `reward` until absorption on `chain`, a reweighing of the chain
    /// this was made from (its transitions a subset of that one's).
    pub(super) fn solve(&self, chain: &Chain, reward: &[f64]) -> Vec<f64> {
        let stay = stays(chain);
        let mut x = vec![0.0; chain.states()];
        for (id, states) in self.blocks.blocks.iter().enumerate() {
            let inside = |t: usize| self.blocks.block_of[t] == id;
            // Each state's reward and what it receives from blocks already solved.
            let outside: Vec<f64> = states
                .iter()
                .map(|&s| reward[s] + chain.out(s).filter(|&(t, _)| !inside(t)).map(|(t, p)| p * x[t]).sum::<f64>())
                .collect();
            if let [s] = states[..] {
                x[s] = outside[0] * keep(stay[s]);
                continue;
            }
            let correction =
                self.perrons[id].as_ref().map(|perron| Correction::new(chain, states, &self.place, perron, &outside));
            self.sweep(chain, states, &outside, &stay, correction, &mut x);
        }
        x
    }

    fn sweep(
        &self,
        chain: &Chain,
        states: &[usize],
        outside: &[f64],
        stay: &[f64],
        mut correction: Option<Correction<'_>>,
        x: &mut [f64],
    ) {
        let id = self.blocks.block_of[states[0]];
        let mut last = f64::INFINITY;
        for _ in 0..MAX_SWEEPS {
            if let Some(c) = &correction {
                c.apply(states, x);
            }
            let (mut moved, mut largest) = (0.0_f64, 0.0_f64);
            for (i, &s) in states.iter().enumerate() {
                let mut sum = outside[i];
                for (t, p) in chain.out(s) {
                    if t != s && self.blocks.block_of[t] == id {
                        sum += p * x[t];
                    }
                }
                let next = sum * keep(stay[s]);
                moved = moved.max((next - x[s]).abs());
                largest = largest.max(next.abs());
                x[s] = next;
            }
            if moved <= SETTLED * largest {
                return;
            }
            // As in the lanes: the correction goes once it no longer halves the movement.
            if correction.is_some() && moved > 0.5 * last {
                correction = None;
            }
            last = moved;
        }
    }
}

/// The Galerkin step `x += α r` (`r` the right Perron vector of the first fit) with `α` making
/// the residual orthogonal to its left vector `ℓ`: `α = ℓᵀ(b − A x) / ℓᵀ A r` with `A = I − Q`
/// of this chain, through `wᵀ = ℓᵀ A` found once.
struct Correction<'p> {
    perron: &'p Perron,
    /// `ℓᵀ A` by the block's states.
    w: Vec<f64>,
    /// `ℓᵀ b`.
    inflow: f64,
    /// `ℓᵀ A r`.
    scale: f64,
}

impl<'p> Correction<'p> {
    fn new(chain: &Chain, states: &[usize], place: &[usize], perron: &'p Perron, outside: &[f64]) -> Self {
        let mut w = perron.left.clone();
        for (i, &s) in states.iter().enumerate() {
            for (t, p) in chain.out(s) {
                if states.binary_search(&t).is_ok() {
                    w[place[t]] -= perron.left[i] * p;
                }
            }
        }
        let inflow = perron.left.iter().zip(outside).map(|(l, b)| l * b).sum();
        let scale = w.iter().zip(&perron.right).map(|(w, r)| w * r).sum();
        Self { perron, w, inflow, scale }
    }

    fn apply(&self, states: &[usize], x: &mut [f64]) {
        if self.scale == 0.0 {
            return;
        }
        let seen: f64 = states.iter().zip(&self.w).map(|(&s, w)| w * x[s]).sum();
        let step = (self.inflow - seen) / self.scale;
        for (&s, r) in states.iter().zip(&self.perron.right) {
            x[s] += step * r;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;
    use crate::paths::{PathsOptions, read_paths};

    #[test]
    fn a_reweighed_chain_earns_what_the_block_solve_finds() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |bound: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % bound
        };
        let mut csv = String::from("path,total_conversions,total_conversion_value,total_null\n");
        for _ in 0..3000 {
            let path: Vec<String> = (0..=next(5)).map(|_| format!("c{}", next(150))).collect();
            let conversions = next(3);
            let _ = writeln!(csv, "{},{conversions},{},{}", path.join(" > "), conversions * 20, next(4));
        }
        let table = read_paths(&csv, &PathsOptions::default()).unwrap();
        let chain = Chain::fit(&table, 1, false);
        let values = Values::new(&chain);
        assert!(values.perrons.iter().any(Option::is_some), "the chain needs a block with Perron vectors");
        let x = values.solve(&chain, &chain.rewards[1]);
        let exact = super::super::solve::solve(&chain, &Blocks::new(&chain), &vec![false; chain.states()]);
        for (a, b) in x.iter().zip(&exact) {
            assert!((a - b[1]).abs() <= 1e-12 * b[1].abs().max(1.0), "{a} against {}", b[1]);
        }
    }
}
