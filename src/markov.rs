//! Exact first-order Markov removal effects, computed by solving the absorbing chain, not by
//! simulation, so the answer is the same on every run.
//!
//! States: `start`, one per channel, and the absorbing `conversion` and `null`. Each path row of a
//! paths table adds `conversions + nulls` to every transition along `start → c₁ → … → cₙ`, then
//! `conversions` to `cₙ → conversion` and `nulls` to `cₙ → null`; rows of a transient state are
//! normalized into probabilities. With `Q` the transient-to-transient block and `r` the
//! probabilities into `conversion`, the conversion probabilities solve `(I − Q) x = r`, and
//! `P(conv) = x_start`.
//!
//! Removing channel `k` sends every transition into `k` to `null`. By the strong Markov property
//! at the first visit to `k`, `P(conv | k removed) = x_start − h(k) · x_k`, where
//! `h(k) = G[start, k] / G[k, k]` is the probability of ever reaching `k` and `G = (I − Q)⁻¹`. One
//! LU factorization gives every channel's removal effect `RE_k = 1 − P(conv | k removed) / P(conv)`.

use crate::paths::PathTable;

/// The chain's transition probabilities and what removing each channel does to conversion.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkovChain {
    /// `P(conv)` from `start`.
    pub conversion_probability: f64,
    /// Per channel (table order): `P(conv | channel removed)`.
    pub removed_probability: Vec<f64>,
    /// Per channel: `RE = 1 − removed / P(conv)`.
    pub removal_effect: Vec<f64>,
    /// Transition probabilities: rows and columns are `start`, the channels, `conversion`, `null`.
    pub transitions: Vec<Vec<f64>>,
}

/// The first-order chain of `paths` and every channel's removal effect; `None` when nothing
/// converts or no path has a channel.
pub fn first_order(paths: &PathTable) -> Option<MarkovChain> {
    let channels = paths.channels().len();
    // Transient states: 0 = start, 1..=channels; absorbing: conversion, null.
    let (states, conversion, null) = (channels + 1, channels + 1, channels + 2);
    let mut counts = vec![vec![0.0; states + 2]; states];
    for row in 0..paths.rows() {
        let path = paths.path(row);
        let (conversions, nulls) = (paths.conversions(row), paths.nulls(row));
        let journeys = conversions + nulls;
        let Some(last) = path.last() else { continue };
        let mut from = 0;
        for channel in path {
            counts[from][channel.index() + 1] += journeys;
            from = channel.index() + 1;
        }
        counts[last.index() + 1][conversion] += conversions;
        counts[last.index() + 1][null] += nulls;
    }
    let transitions: Vec<Vec<f64>> = counts
        .iter()
        .map(|row| {
            let total: f64 = row.iter().sum();
            row.iter().map(|&c| if total > 0.0 { c / total } else { 0.0 }).collect()
        })
        .collect();
    // I − Q over the transient states.
    let mut system = vec![vec![0.0; states]; states];
    for (i, row) in system.iter_mut().enumerate() {
        for (j, cell) in row.iter_mut().enumerate() {
            *cell = f64::from(u8::from(i == j)) - transitions[i][j];
        }
    }
    let lu = Lu::new(system)?;
    let into_conversion: Vec<f64> = transitions.iter().map(|row| row[conversion]).collect();
    let converts = lu.solve(&into_conversion);
    let p_conv = converts[0];
    if p_conv.is_nan() || p_conv <= 0.0 {
        return None;
    }
    // Row `start` of G: solve (I − Q)ᵀ y = e_start. Diagonal of G: one column solve per channel.
    let mut unit = vec![0.0; states];
    unit[0] = 1.0;
    let g_start = lu.solve_transposed(&unit);
    let mut removed = Vec::with_capacity(channels);
    for k in 1..states {
        unit.fill(0.0);
        unit[k] = 1.0;
        let g_kk = lu.solve(&unit)[k];
        let reach = if g_kk > 0.0 { g_start[k] / g_kk } else { 0.0 };
        removed.push((p_conv - reach * converts[k]).max(0.0));
    }
    let removal_effect = removed.iter().map(|q| 1.0 - q / p_conv).collect();
    let mut full = transitions;
    full.push(vec![0.0; states + 2]);
    full.push(vec![0.0; states + 2]);
    full[conversion][conversion] = 1.0;
    full[null][null] = 1.0;
    Some(MarkovChain {
        conversion_probability: p_conv,
        removed_probability: removed,
        removal_effect,
        transitions: full,
    })
}

/// A dense LU factorization with partial pivoting.
struct Lu {
    lu: Vec<Vec<f64>>,
    pivot: Vec<usize>,
}

impl Lu {
    /// Factorizes `a`; `None` when it is singular (a chain that can loop forever).
    fn new(mut lu: Vec<Vec<f64>>) -> Option<Self> {
        let n = lu.len();
        let mut pivot: Vec<usize> = (0..n).collect();
        for col in 0..n {
            let best = (col..n).max_by(|&i, &j| lu[i][col].abs().total_cmp(&lu[j][col].abs()))?;
            if lu[best][col].abs() < 1e-14 {
                return None;
            }
            lu.swap(col, best);
            pivot.swap(col, best);
            for row in col + 1..n {
                let (upper, lower) = lu.split_at_mut(row);
                let (pivot_row, current) = (&upper[col], &mut lower[0]);
                let factor = current[col] / pivot_row[col];
                current[col] = factor;
                if factor != 0.0 {
                    for (cell, &above) in current[col + 1..].iter_mut().zip(&pivot_row[col + 1..]) {
                        *cell -= factor * above;
                    }
                }
            }
        }
        Some(Self { lu, pivot })
    }

    /// `x` with `A x = b`.
    fn solve(&self, b: &[f64]) -> Vec<f64> {
        let n = b.len();
        let mut y: Vec<f64> = self.pivot.iter().map(|&p| b[p]).collect();
        for i in 0..n {
            for k in 0..i {
                y[i] -= self.lu[i][k] * y[k];
            }
        }
        for i in (0..n).rev() {
            for k in i + 1..n {
                y[i] -= self.lu[i][k] * y[k];
            }
            y[i] /= self.lu[i][i];
        }
        y
    }

    /// `x` with `Aᵀ x = b`.
    fn solve_transposed(&self, b: &[f64]) -> Vec<f64> {
        let n = b.len();
        // Aᵀ = Uᵀ Lᵀ Pᵀ… with P A = L U: solve Uᵀ z = b, then Lᵀ w = z, then x = Pᵀ w.
        let mut z = b.to_vec();
        for i in 0..n {
            for k in 0..i {
                z[i] -= self.lu[k][i] * z[k];
            }
            z[i] /= self.lu[i][i];
        }
        for i in (0..n).rev() {
            for k in i + 1..n {
                z[i] -= self.lu[k][i] * z[k];
            }
        }
        let mut x = vec![0.0; n];
        for (i, &p) in self.pivot.iter().enumerate() {
            x[p] = z[i];
        }
        x
    }
}
