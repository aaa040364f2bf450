//! How sure the incremental model's tier shares are: from the fit's curvature, not by refitting.
//!
//! A tier's share of the window's value is `S = Σ_orders v · share(order; θ) / V`. Two things
//! move it: the parameters, known to within the posterior's spread (Laplace: a normal with the
//! inverse Hessian of the negative log-posterior at the fit as its covariance), and which orders
//! happened, as in every model's bootstrap. The delta method adds the two:
//!
//! ```text
//! Var S ≈ ∇S·H⁻¹·∇S  +  Σ_orders v² (s(order) − S)² / V²
//! ```
//!
//! `∇S` comes from one pass over the orders; `H⁻¹·∇S` from the exact Hessian factorised once
//! (one more pass over the journeys) where the parameters are few enough ([`newton::DENSE_LIMIT`]),
//! else by preconditioned conjugate gradients with Hessian-vector products from one gradient each
//! (some dozens of gradient passes per tier); a bootstrap would refit the model hundreds of times. The 90% interval is
//! `S ± 1.645·sd`, kept within 0 and 1.

// The method's own notation (b, p, r, x, z, v for vectors; p and p₀ for probabilities).
#![allow(clippy::many_single_char_names, clippy::similar_names)]

use rust_decimal::prelude::ToPrimitive;

use super::groups::{GroupShares, Groups, group_shares};
use super::likelihood::{Problem, Scratch};
use super::newton;
use super::segments::Segments;
use super::{Fit, prior_means};
use crate::campaign::Campaign;

/// `z` of a two-sided 90% normal interval.
const Z_90: f64 = 1.644_853_626_951_472_2;
const CG_ITERATIONS: usize = 200;
const CG_TOLERANCE: f64 = 1e-6;

/// Per tier, the 90% interval of the incremental model's share of the window's value, from the
/// window's journeys and fit.
pub(crate) fn tier_intervals(campaign: &Campaign, segments: &Segments, fit: &Fit, tiers: usize) -> Vec<[f64; 2]> {
    let orders = &campaign.orders;
    let value = |order: usize| orders.gross[order].to_f64().unwrap_or(0.0);
    // The window's total: every order, attributed or not, as the other models' shares count it.
    let total: f64 = (0..orders.len()).map(value).sum();
    if total <= 0.0 {
        return vec![[0.0, 0.0]; tiers];
    }
    let (shares, gradients, order_variance) = shares_and_gradients(fit, segments, campaign, tiers, total);
    let means = prior_means(segments, fit.layout);
    let problem = Problem {
        segments,
        layout: fit.layout,
        weights: None,
        prior_means: &means,
        creator_sd: fit.creator_sd,
        measurements: &fit.held,
    };
    let n = fit.theta.len();
    // Few parameters: the Hessian itself, factorised once for every tier; many: CG per tier.
    let factor = (n <= newton::DENSE_LIMIT).then(|| newton::damped_factor(&problem.hessian(&fit.theta), n));
    let diagonal = if factor.is_none() { problem.hessian_diagonal(&fit.theta, &fit.tables) } else { Vec::new() };
    (0..tiers)
        .map(|t| {
            let g = &gradients[t];
            let parameter_variance = if g.iter().all(|&x| x == 0.0) {
                0.0
            } else {
                let x = match &factor {
                    Some(factor) => newton::solve(factor, n, g),
                    None => solve(&problem, &fit.theta, &diagonal, g),
                };
                g.iter().zip(&x).map(|(a, b)| a * b).sum::<f64>().max(0.0)
            };
            let sd = libm::sqrt(parameter_variance + order_variance[t]);
            let s = shares[t];
            [(s - Z_90 * sd).max(0.0), (s + Z_90 * sd).min(1.0)]
        })
        .collect()
}

/// Per tier, its share of the window's value, the share's gradient in the parameters, and the
/// variance from which orders happened.
fn shares_and_gradients(
    fit: &Fit,
    segments: &Segments,
    campaign: &Campaign,
    tiers: usize,
    total: f64,
) -> (Vec<f64>, Vec<Vec<f64>>, Vec<f64>) {
    let orders = &campaign.orders;
    let value = |order: u32| orders.gross[order as usize].to_f64().unwrap_or(0.0) / total;
    let weight: Vec<f64> = segments.order.iter().map(|o| o.map_or(0.0, value)).collect();
    // Positions among the tiers reports show, as `tiers` counts them.
    let tier_of: Vec<Option<usize>> = campaign.tier_channels().1.into_iter().map(Some).collect();
    let GroupShares { sums: shares, gradients, per_segment } = group_shares(
        &fit.theta,
        fit.layout,
        &fit.tables,
        segments,
        Groups { of: &tier_of, count: tiers },
        &weight,
        true,
    );
    let mut variance = vec![0.0; tiers];
    for (s, order_shares) in &per_segment {
        let v = weight[*s];
        for (t, var) in variance.iter_mut().enumerate() {
            let d = order_shares[t] - shares[t];
            *var += v * v * d * d;
        }
    }
    // Orders with no eligible touch count in the total with a share of 0.
    let attributed: std::collections::BTreeSet<u32> = segments.order.iter().flatten().copied().collect();
    for o in (0..orders.len() as u32).filter(|o| !attributed.contains(o)) {
        let v = orders.gross[o as usize].to_f64().unwrap_or(0.0) / total;
        for (t, var) in variance.iter_mut().enumerate() {
            *var += v * v * shares[t] * shares[t];
        }
    }
    (shares, gradients, variance)
}

/// `H⁻¹·b` by conjugate gradients preconditioned with the diagonal, `H·v` from one gradient.
fn solve(problem: &Problem<'_>, theta: &[f64], diagonal: &[f64], b: &[f64]) -> Vec<f64> {
    let n = theta.len();
    let mut scratch = Scratch::default();
    // One-sided differences from the gradient at the fit: one gradient per product.
    let mut at_fit = vec![0.0; n];
    problem.evaluate(theta, &mut at_fit, &mut scratch);
    let (mut moved, mut at_moved) = (vec![0.0; n], vec![0.0; n]);
    let mut hessian_times = |v: &[f64], out: &mut [f64]| {
        let norm = libm::sqrt(v.iter().map(|x| x * x).sum::<f64>()).max(f64::MIN_POSITIVE);
        let step = 1e-6 / norm;
        for i in 0..n {
            at_moved[i] = theta[i] + step * v[i];
        }
        problem.evaluate(&at_moved, &mut moved, &mut scratch);
        for i in 0..n {
            out[i] = (moved[i] - at_fit[i]) / step;
        }
    };
    let mut x = vec![0.0; n];
    let mut r = b.to_vec();
    let mut z: Vec<f64> = r.iter().zip(diagonal).map(|(r, d)| r / d).collect();
    let mut p = z.clone();
    let mut rz: f64 = r.iter().zip(&z).map(|(a, b)| a * b).sum();
    let b_norm = libm::sqrt(b.iter().map(|x| x * x).sum::<f64>());
    let mut hp = vec![0.0; n];
    for _ in 0..CG_ITERATIONS {
        hessian_times(&p, &mut hp);
        let php: f64 = p.iter().zip(&hp).map(|(a, b)| a * b).sum();
        if php <= 0.0 {
            break;
        }
        let alpha = rz / php;
        for i in 0..n {
            x[i] += alpha * p[i];
            r[i] -= alpha * hp[i];
        }
        if libm::sqrt(r.iter().map(|x| x * x).sum::<f64>()) <= CG_TOLERANCE * b_norm {
            break;
        }
        for i in 0..n {
            z[i] = r[i] / diagonal[i];
        }
        let next: f64 = r.iter().zip(&z).map(|(a, b)| a * b).sum();
        let beta = next / rz;
        rz = next;
        for i in 0..n {
            p[i] = z[i] + beta * p[i];
        }
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::sample::{SampleOptions, sample_campaign};
    use crate::campaign::{CampaignOptions, read_campaign};

    #[test]
    fn the_share_gradient_is_its_slope_and_intervals_surround_the_shares() {
        let sample = sample_campaign(&SampleOptions { journeys: 4000, ..SampleOptions::default() }).unwrap();
        let c = read_campaign(&sample.inputs, &CampaignOptions::default()).unwrap();
        let segments = Segments::of_window(&c, 30);
        let mut fit = Fit::new(&c, &segments, None, None, Vec::new());
        let tiers = c.tiers.count();
        let total: f64 = c.orders.gross.iter().map(|v| v.to_f64().unwrap_or(0.0)).sum();
        let (shares, gradients, variance) = shares_and_gradients(&fit, &segments, &c, tiers, total);
        assert!(variance.iter().all(|&v| v >= 0.0));
        let direction: Vec<f64> = (0..fit.theta.len()).map(|i| ((i * 13 % 7) as f64 - 3.0) * 0.01).collect();
        let step = 1e-5;
        let theta = fit.theta.clone();
        let mut at = |sign: f64| {
            fit.theta = theta.iter().zip(&direction).map(|(x, d)| x + sign * step * d).collect();
            fit.tables.fill(&fit.theta, fit.layout, &segments);
            shares_and_gradients(&fit, &segments, &c, tiers, total).0
        };
        let (up, down) = (at(1.0), at(-1.0));
        for t in 0..tiers {
            let numeric = (up[t] - down[t]) / (2.0 * step);
            let analytic: f64 = gradients[t].iter().zip(&direction).map(|(g, d)| g * d).sum();
            assert!((numeric - analytic).abs() < 1e-6 + 1e-4 * numeric.abs(), "tier {t}: {numeric} vs {analytic}");
        }
        fit.theta = theta;
        fit.tables.fill(&fit.theta, fit.layout, &segments);
        let intervals = tier_intervals(&c, &segments, &fit, tiers);
        for (t, [low, high]) in intervals.iter().enumerate() {
            assert!(*low <= shares[t] && shares[t] <= *high, "tier {t}: {low} {} {high}", shares[t]);
            // A tier with credit has an interval of some width, and none is wider than half the value.
            assert!(shares[t] == 0.0 || (high - low > 0.005 && high - low < 0.5), "tier {t}: {low}..{high}");
        }
    }
}
