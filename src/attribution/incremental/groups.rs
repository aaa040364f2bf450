//! What groups of creators (tiers, or the set a lift test withheld) get of some orders under a
//! fit, and how that moves with the parameters: the share's gradient, for the intervals' delta
//! method and for holding the fit to a lift test.
//!
//! An order's split (see the module above), with `E_k = e^(H_k) − 1` for creator `k`'s summed
//! hazard `H_k`, `E` their sum and `E_G` a group's, and its derivatives:
//!
//! ```text
//! share_G        = (1 − P₀/P) · E_G / E
//! ∂share_G/∂H_k  = (P₀ e^(−Λ) / P²) · E_G / E  +  (1 − P₀/P) · e^(H_k) · (1[k ∈ G]·E − E_G) / E²
//! ∂share_G/∂b    = −(e^(−b)·P − P₀ e^(−Λ)) / P² · E_G / E
//! ```
//!
//! carried to each touch's parameters through `∂H_k/∂η = h` and `∂h/∂ℓ = h · age · rate`.

// The shares' own notation (p, p₀, h, e, v).
#![allow(clippy::many_single_char_names, clippy::similar_names)]

use super::parameters::{Layout, Tables, decay_rate};
use super::segments::{HOURS_PER_DAY, Role, Segments};

/// Groups' weighted shares of the orders, and optionally their gradients.
pub(crate) struct GroupShares {
    /// Per group, `Σ weight · share` over the weighted converting segments.
    pub sums: Vec<f64>,
    /// Per group, the gradient of its sum in the parameters (empty unless asked for).
    pub gradients: Vec<Vec<f64>>,
    /// Per weighted converting segment, in segment order: (segment, each group's share).
    pub per_segment: Vec<(usize, Vec<f64>)>,
}

/// Groups of creators: `of[creator]` is its group, if any, among `count`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Groups<'a> {
    pub of: &'a [Option<usize>],
    pub count: usize,
}

/// The groups' shares of the converting segments with a weight (`weight[s] == 0` leaves one out).
pub(crate) fn group_shares(
    theta: &[f64],
    layout: Layout,
    tables: &Tables,
    segments: &Segments,
    groups: Groups<'_>,
    weight: &[f64],
    with_gradients: bool,
) -> GroupShares {
    let (group_of, groups) = (groups.of, groups.count);
    let baseline = libm::exp(theta[Layout::BASELINE]);
    let rate = decay_rate(theta);
    let p0 = -libm::expm1(-baseline);
    let mut sums = vec![0.0; groups];
    let mut gradients = if with_gradients { vec![vec![0.0; layout.len()]; groups] } else { Vec::new() };
    let mut per_segment = Vec::new();
    let mut creators: Vec<(u32, f64)> = Vec::new();
    let mut e_group = vec![0.0; groups];
    for (s, &v) in weight.iter().enumerate().take(segments.len()) {
        if v == 0.0 || !segments.converted(s) {
            continue;
        }
        creators.clear();
        let mut lambda = baseline;
        for t in segments.touches(s) {
            let creator = segments.kinds[segments.kind[t] as usize].creator;
            let h = tables.hazard(segments, t);
            lambda += h;
            match creators.iter_mut().find(|(c, _)| *c == creator) {
                Some(entry) => entry.1 += h,
                None => creators.push((creator, h)),
            }
        }
        let p = -libm::expm1(-lambda);
        let organic = p0 / p;
        let e_all: f64 = creators.iter().map(|&(_, h)| libm::expm1(h)).sum();
        e_group.fill(0.0);
        for &(creator, h) in &creators {
            if let Some(g) = group_of[creator as usize] {
                e_group[g] += libm::expm1(h);
            }
        }
        let shares: Vec<f64> =
            e_group.iter().map(|&e| if e_all > 0.0 { (1.0 - organic) * e / e_all } else { 0.0 }).collect();
        for (sum, share) in sums.iter_mut().zip(&shares) {
            *sum += v * share;
        }
        per_segment.push((s, shares));
        if !with_gradients || e_all <= 0.0 {
            continue;
        }
        let d_organic_db = (libm::exp(-baseline) * p - p0 * libm::exp(-lambda)) / (p * p);
        let d_organic_dh = -p0 * libm::exp(-lambda) / (p * p);
        for (g, gradient) in gradients.iter_mut().enumerate() {
            let ratio = e_group[g] / e_all;
            gradient[Layout::BASELINE] += v * (-d_organic_db * ratio) * baseline;
            for touch in segments.touches(s) {
                let kind = segments.kinds[segments.kind[touch] as usize];
                let h_c = creators.iter().find(|(c, _)| *c == kind.creator).map_or(0.0, |e| e.1);
                let inside = if group_of[kind.creator as usize] == Some(g) { e_all } else { 0.0 };
                let d_share_dh =
                    -d_organic_dh * ratio + (1.0 - organic) * libm::exp(h_c) * (inside - e_group[g]) / (e_all * e_all);
                let x = v * d_share_dh * tables.hazard(segments, touch);
                add_kind(gradient, layout, kind.tier, kind.creator, kind.touch_type, kind.role, x);
                gradient[Layout::HALF_LIFE] += x * f64::from(segments.hours[touch]) / HOURS_PER_DAY * rate;
            }
        }
    }
    GroupShares { sums, gradients, per_segment }
}

/// Adds `g` to the gradient entries of one kind of touch's log-strength.
fn add_kind(gradient: &mut [f64], layout: Layout, tier: u16, creator: u32, touch_type: u8, role: Role, g: f64) {
    let tier = usize::from(tier);
    gradient[layout.tier(tier)] += g;
    gradient[layout.creator(creator as usize)] += g;
    if let Some(k) = layout.kind(usize::from(touch_type)) {
        gradient[k] += g;
    }
    match role {
        Role::Opening => gradient[layout.opening(tier)] += g,
        Role::Closing => gradient[layout.closing(tier)] += g,
        Role::Between => {}
    }
}
