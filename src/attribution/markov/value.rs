//! What each state earns until absorption, `x = Q x + r`, for one chain reweighed again and
//! again: the bootstrap's resamples keep the states and transitions of the fit on every row and
//! change only how many journeys take each. The chain's blocks, their order, the transitions
//! within and out of each block and each large block's Perron vectors are found once; a
//! resample brings only its transition probabilities (by the first fit's transitions, 0 for one
//! no journey took) and rewards. Each block is swept by Gauss–Seidel, sinks first, after a
//! correction along the Perron vectors before each sweep (tested through the resample's own
//! equations, so that it never moves the solution, only the way there), until a sweep moves no
//! value by more than [`SETTLED`] of the largest.

use super::chain::Chain;
use super::lanes::{Perron, keep, perrons};
use super::solve::Blocks;

/// A sweep that moves no value by more than this share of the largest ends the solve.
const SETTLED: f64 = 1e-14;
/// Sweeps after which a block is left as it is.
const MAX_SWEEPS: usize = 10_000;

/// Transitions by the state they leave: `(to, transition)`, `to` numbered as the list says.
struct Rows {
    offsets: Vec<usize>,
    to: Vec<u32>,
    transition: Vec<u32>,
}

impl Rows {
    fn of(&self, row: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        let range = self.offsets[row]..self.offsets[row + 1];
        self.to[range.clone()].iter().zip(&self.transition[range]).map(|(&t, &e)| (t as usize, e as usize))
    }
}

/// One strongly connected block of the first fit.
struct Block {
    states: Vec<usize>,
    /// Transitions to other states of the block (`to` by place in the block).
    inner: Rows,
    /// Transitions to states of blocks solved before (`to` by state).
    outer: Rows,
    /// Each state's transition to itself, if it has one.
    stay: Vec<Option<u32>>,
    perron: Option<Perron>,
}

/// The structure every reweighing of a chain shares.
pub(super) struct Values {
    /// Sinks first.
    blocks: Vec<Block>,
    states: usize,
}

impl Values {
    /// The blocks, transitions and Perron vectors of `chain`, the fit on every row.
    pub(super) fn new(chain: &Chain) -> Self {
        let found = Blocks::new(chain);
        let mut perrons = perrons(chain, &found);
        let mut place = vec![0; chain.states()];
        let blocks = found
            .blocks
            .iter()
            .enumerate()
            .map(|(id, states)| {
                for (i, &s) in states.iter().enumerate() {
                    place[s] = i;
                }
                let (mut inner, mut outer) = (rows(), rows());
                let mut stay = Vec::with_capacity(states.len());
                for &s in states {
                    let mut own = None;
                    for e in chain.offsets[s]..chain.offsets[s + 1] {
                        let t = chain.targets[e] as usize;
                        if t == s {
                            own = Some(e as u32);
                        } else if found.block_of[t] == id {
                            inner.to.push(place[t] as u32);
                            inner.transition.push(e as u32);
                        } else {
                            outer.to.push(t as u32);
                            outer.transition.push(e as u32);
                        }
                    }
                    inner.offsets.push(inner.to.len());
                    outer.offsets.push(outer.to.len());
                    stay.push(own);
                }
                Block { states: states.clone(), inner, outer, stay, perron: perrons[id].take() }
            })
            .collect();
        Self { blocks, states: chain.states() }
    }

    /// Per state, the expected `reward` until absorption when the first fit's transitions have
    /// probabilities `probability` (in the first fit's order), sweeping from `from` (a solution
    /// of a chain like this one, or nothing).
    pub(super) fn solve(&self, probability: &[f64], reward: &[f64], from: Option<&[f64]>) -> Vec<f64> {
        let mut x = vec![0.0; self.states];
        for block in &self.blocks {
            // Each state's reward and what it receives from blocks already solved.
            let outside: Vec<f64> = block
                .states
                .iter()
                .enumerate()
                .map(|(i, &s)| reward[s] + block.outer.of(i).map(|(t, e)| probability[e] * x[t]).sum::<f64>())
                .collect();
            let keeps: Vec<f64> =
                block.stay.iter().map(|stay| keep(stay.map_or(0.0, |e| probability[e as usize]))).collect();
            let mut local: Vec<f64> = block.states.iter().map(|&s| from.map_or(0.0, |from| from[s])).collect();
            if let [_] = block.states[..] {
                local[0] = outside[0] * keeps[0];
            } else {
                let correction =
                    block.perron.as_ref().map(|perron| Correction::new(block, perron, probability, &outside, &keeps));
                sweep(block, probability, &outside, &keeps, correction, &mut local);
            }
            for (&s, value) in block.states.iter().zip(local) {
                x[s] = value;
            }
        }
        x
    }
}

fn rows() -> Rows {
    Rows { offsets: vec![0], to: Vec::new(), transition: Vec::new() }
}

/// Gauss–Seidel over one block, by place in it.
fn sweep(
    block: &Block,
    probability: &[f64],
    outside: &[f64],
    keeps: &[f64],
    mut correction: Option<Correction<'_>>,
    x: &mut [f64],
) {
    let mut last = f64::INFINITY;
    for _ in 0..MAX_SWEEPS {
        if let Some(c) = &correction {
            c.apply(x);
        }
        let (mut moved, mut largest) = (0.0_f64, 0.0_f64);
        for i in 0..x.len() {
            let mut sum = outside[i];
            for (t, e) in block.inner.of(i) {
                sum += probability[e] * x[t];
            }
            let next = sum * keeps[i];
            moved = moved.max((next - x[i]).abs());
            largest = largest.max(next.abs());
            x[i] = next;
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

/// The Galerkin step `x += α r` (`r` the right Perron vector of the first fit) with `α` making
/// the residual orthogonal to its left vector `ℓ`: `α = ℓᵀ(b − A x) / ℓᵀ A r`, with `A` this
/// resample's `I − Q` (its self-loops folded in: row `i` divided by `1 − Q_ii`), through
/// `wᵀ = ℓᵀ A` found once.
struct Correction<'p> {
    perron: &'p Perron,
    /// `ℓᵀ A` by place in the block.
    w: Vec<f64>,
    /// `ℓᵀ b`.
    inflow: f64,
    /// `ℓᵀ A r`.
    scale: f64,
}

impl<'p> Correction<'p> {
    fn new(block: &Block, perron: &'p Perron, probability: &[f64], outside: &[f64], keeps: &[f64]) -> Self {
        // Row i of the equations swept: x_i − keep_i Σ_t Q_it x_t = keep_i b_i.
        let mut w = perron.left.clone();
        let mut inflow = 0.0;
        for (i, (&left, keep)) in perron.left.iter().zip(keeps).enumerate() {
            for (t, e) in block.inner.of(i) {
                w[t] -= left * keep * probability[e];
            }
            inflow += left * keep * outside[i];
        }
        let scale = w.iter().zip(&perron.right).map(|(w, r)| w * r).sum();
        Self { perron, w, inflow, scale }
    }

    fn apply(&self, x: &mut [f64]) {
        if self.scale == 0.0 {
            return;
        }
        let seen: f64 = self.w.iter().zip(x.iter()).map(|(w, x)| w * x).sum();
        let step = (self.inflow - seen) / self.scale;
        for (x, r) in x.iter_mut().zip(&self.perron.right) {
            *x += step * r;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;
    use crate::paths::{PathsOptions, read_paths};

    #[test]
    fn the_first_fit_earns_what_the_block_solve_finds() {
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
        assert!(values.blocks.iter().any(|b| b.perron.is_some()), "the chain needs a block with Perron vectors");
        let x = values.solve(&chain.probabilities, &chain.rewards[1], None);
        let exact = super::super::solve::solve(&chain, &Blocks::new(&chain), &vec![false; chain.states()]);
        for (a, b) in x.iter().zip(&exact) {
            assert!((a - b[1]).abs() <= 1e-12 * b[1].abs().max(1.0), "{a} against {}", b[1]);
        }
    }
}
