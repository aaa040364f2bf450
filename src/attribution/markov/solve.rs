//! Expected rewards of an absorbing chain, `x = Q x + r`, solved block by block.
//!
//! The chain is split into strongly connected components, which are solved sinks first, so each
//! block only sees values already known outside it. A block of one state is a division (its
//! self-loop only delays), a block of up to [`DENSE_BLOCK`] states is solved by LU, and a larger
//! one by Gauss–Seidel sweeps until no value moves by more than 1e-15 of the largest: to double
//! precision, in a fixed order, so every run and every platform gives the same bits. Paths rarely
//! loop, so most blocks are single states and the whole solve is one pass over the transitions.

use super::chain::{Chain, REWARDS};
use super::lu::Lu;

/// The largest block solved directly.
const DENSE_BLOCK: usize = 256;
/// Sweeps after which a large block is left as it is (a chain that almost never leaves a loop).
const MAX_SWEEPS: usize = 100_000;

/// The chain's components, sinks first, each a list of states.
#[derive(Debug, Clone)]
pub(super) struct Blocks {
    pub(super) blocks: Vec<Vec<usize>>,
    pub(super) block_of: Vec<usize>,
}

impl Blocks {
    /// Tarjan's algorithm, iterative so that long chains cannot overflow the stack; it emits
    /// components in reverse topological order, which is the order they are solved in.
    pub fn new(chain: &Chain) -> Self {
        let n = chain.states();
        let unvisited = usize::MAX;
        let (mut index, mut low) = (vec![unvisited; n], vec![0; n]);
        let (mut on_stack, mut stack) = (vec![false; n], Vec::new());
        let mut block_of = vec![0; n];
        let mut blocks = Vec::new();
        let mut next = 0;
        let mut frames: Vec<(usize, usize)> = Vec::new();
        for root in 0..n {
            if index[root] != unvisited {
                continue;
            }
            frames.push((root, chain.offsets[root]));
            index[root] = next;
            low[root] = next;
            next += 1;
            stack.push(root);
            on_stack[root] = true;
            while let Some(&mut (v, ref mut edge)) = frames.last_mut() {
                if *edge < chain.offsets[v + 1] {
                    let w = chain.targets[*edge] as usize;
                    *edge += 1;
                    if index[w] == unvisited {
                        index[w] = next;
                        low[w] = next;
                        next += 1;
                        stack.push(w);
                        on_stack[w] = true;
                        frames.push((w, chain.offsets[w]));
                    } else if on_stack[w] {
                        low[v] = low[v].min(index[w]);
                    }
                    continue;
                }
                frames.pop();
                if let Some(&(parent, _)) = frames.last() {
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == index[v] {
                    let mut block = Vec::new();
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        block_of[w] = blocks.len();
                        block.push(w);
                        if w == v {
                            break;
                        }
                    }
                    block.sort_unstable();
                    blocks.push(block);
                }
            }
        }
        Self { blocks, block_of }
    }

    /// The size of the largest block.
    #[cfg(test)]
    pub fn largest(&self) -> usize {
        self.blocks.iter().map(Vec::len).max().unwrap_or(0)
    }
}

/// Per state and reward, the expected reward until absorption. States in `removed` are treated
/// as sending everything to null (their value is 0).
pub(super) fn solve(chain: &Chain, blocks: &Blocks, removed: &[bool]) -> Vec<[f64; REWARDS]> {
    let mut x = vec![[0.0; REWARDS]; chain.states()];
    for block in &blocks.blocks {
        let live: Vec<usize> = block.iter().copied().filter(|&s| !removed[s]).collect();
        // Each state's reward plus what it receives from states outside the block.
        let outside: Vec<[f64; REWARDS]> = live
            .iter()
            .map(|&s| {
                let mut b = [0.0; REWARDS];
                for (k, slot) in b.iter_mut().enumerate() {
                    *slot = chain.rewards[k][s];
                }
                for (t, p) in chain.out(s) {
                    if blocks.block_of[t] != blocks.block_of[s] && !removed[t] {
                        for (slot, value) in b.iter_mut().zip(x[t]) {
                            *slot += p * value;
                        }
                    }
                }
                b
            })
            .collect();
        match live.len() {
            0 => {}
            1 => {
                let s = live[0];
                let stay: f64 = chain.out(s).filter(|&(t, _)| t == s).map(|(_, p)| p).sum();
                if stay < 1.0 {
                    x[s] = outside[0].map(|b| b / (1.0 - stay));
                }
            }
            n if n <= DENSE_BLOCK => dense(chain, &live, &outside, removed, &mut x),
            _ => sweeps(chain, blocks, &live, &outside, removed, &mut x),
        }
    }
    x
}

fn dense(chain: &Chain, live: &[usize], outside: &[[f64; REWARDS]], removed: &[bool], x: &mut [[f64; REWARDS]]) {
    let n = live.len();
    let mut position = rustc_hash::FxHashMap::default();
    for (i, &s) in live.iter().enumerate() {
        position.insert(s, i);
    }
    let mut system = vec![vec![0.0; n]; n];
    for (i, &s) in live.iter().enumerate() {
        system[i][i] += 1.0;
        for (t, p) in chain.out(s) {
            if let Some(&j) = position.get(&t).filter(|_| !removed[t]) {
                system[i][j] -= p;
            }
        }
    }
    // Singular only when some states can never leave: they never convert.
    let Some(lu) = Lu::new(system) else { return };
    for k in 0..REWARDS {
        let b: Vec<f64> = outside.iter().map(|o| o[k]).collect();
        for (&s, value) in live.iter().zip(lu.solve(&b)) {
            x[s][k] = value;
        }
    }
}

fn sweeps(
    chain: &Chain,
    blocks: &Blocks,
    live: &[usize],
    outside: &[[f64; REWARDS]],
    removed: &[bool],
    x: &mut [[f64; REWARDS]],
) {
    let block = blocks.block_of[live[0]];
    for _ in 0..MAX_SWEEPS {
        let (mut moved, mut largest) = ([0.0_f64; REWARDS], [0.0_f64; REWARDS]);
        for (&s, b) in live.iter().zip(outside) {
            let (mut sum, mut stay) = (*b, 0.0);
            for (t, p) in chain.out(s) {
                if t == s {
                    stay += p;
                } else if blocks.block_of[t] == block && !removed[t] {
                    for (slot, value) in sum.iter_mut().zip(x[t]) {
                        *slot += p * value;
                    }
                }
            }
            let next = if stay < 1.0 { sum.map(|v| v / (1.0 - stay)) } else { [0.0; REWARDS] };
            for k in 0..REWARDS {
                moved[k] = moved[k].max((next[k] - x[s][k]).abs());
                largest[k] = largest[k].max(next[k].abs());
            }
            x[s] = next;
        }
        if (0..REWARDS).all(|k| moved[k] <= 1e-15 * largest[k]) {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paths::{PathsOptions, read_paths};

    #[test]
    fn sweeps_reach_what_the_dense_solve_finds() {
        let text = "path,total_conversions,total_conversion_value,total_null\nA > B > A > C,3,30,1\nB > A > B,1,7,4\nC > A,0,0,2\n";
        let paths = read_paths(text, &PathsOptions::default()).unwrap();
        let chain = Chain::fit(&paths, 1, false);
        let blocks = Blocks::new(&chain);
        assert_eq!(blocks.largest(), 3, "A, B and C reach each other");
        let block = blocks.blocks.iter().find(|b| b.len() == 3).unwrap().clone();
        let removed = vec![false; chain.states()];
        let outside: Vec<[f64; REWARDS]> =
            block.iter().map(|&s| std::array::from_fn(|k| chain.rewards[k][s])).collect();
        let (mut direct, mut iterated) = (vec![[0.0; REWARDS]; chain.states()], vec![[0.0; REWARDS]; chain.states()]);
        dense(&chain, &block, &outside, &removed, &mut direct);
        sweeps(&chain, &blocks, &block, &outside, &removed, &mut iterated);
        for (d, i) in direct.iter().zip(&iterated) {
            for k in 0..REWARDS {
                assert!((d[k] - i[k]).abs() <= 1e-14 * d[k].abs().max(1.0), "{direct:?} {iterated:?}");
            }
        }
        assert!(direct[block[0]][0] > 0.0);
    }
}
