//! The incremental model's parameters, its log-posterior and gradient.
//!
//! A touch's hazard is `h = exp(η) · 2^(−age / H)` with
//! `η = tier effect + creator's deviation from its tier + type effect (views 0)
//!      + opening effect of its tier (first of several) + closing effect of its tier (last of several)`
//! and `H` the half-life in days; a segment converts with probability `1 − exp(−(b + Σ h))`, `b`
//! the baseline no touch explains. Priors (normal, on these log scales) are weak except the
//! creators' deviations, which shrink a creator with few touches toward its tier.
//!
//! Every exponential and logarithm goes through `libm`, the same code natively and in wasm, so a
//! fit gives the same bits on both.

use super::segments::{Role, Segments};
use crate::campaign::TouchType;

/// Standard deviation of a creator's deviation from its tier, on the log scale: a creator twice
/// as strong as its tier is about one deviation away.
pub(crate) const CREATOR_SD: f64 = 0.75;
const TIER_SD: f64 = 3.0;
const KIND_SD: f64 = 1.5;
const ROLE_SD: f64 = 1.0;
const BASELINE_SD: f64 = 3.0;
const HALF_LIFE_SD: f64 = 1.5;
/// Where the half-life's prior is centred, in days (a journey's touches matter for weeks).
const HALF_LIFE_PRIOR_DAYS: f64 = 14.0;
/// Touch types: views are the reference, the others each have an effect.
pub(crate) const KINDS: usize = TouchType::ALL.len();

/// Where each parameter sits in the vector the optimizer moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Layout {
    /// Tiers, `unknown` included.
    pub tiers: usize,
    /// Creators, roster order.
    pub creators: usize,
}

impl Layout {
    pub(crate) const BASELINE: usize = 0;
    pub(crate) const HALF_LIFE: usize = 1;

    pub(crate) fn tier(self, tier: usize) -> usize {
        2 + tier
    }

    /// The effect of touch type `kind` (an index in [`TouchType::ALL`], not the view's).
    pub(crate) fn kind(self, kind: usize) -> Option<usize> {
        let view = usize::from(super::segments::kind_index(TouchType::View));
        match kind.cmp(&view) {
            std::cmp::Ordering::Equal => None,
            std::cmp::Ordering::Less => Some(2 + self.tiers + kind),
            std::cmp::Ordering::Greater => Some(2 + self.tiers + kind - 1),
        }
    }

    pub(crate) fn opening(self, tier: usize) -> usize {
        2 + self.tiers + KINDS - 1 + tier
    }

    pub(crate) fn closing(self, tier: usize) -> usize {
        2 + 2 * self.tiers + KINDS - 1 + tier
    }

    pub(crate) fn creator(self, creator: usize) -> usize {
        2 + 3 * self.tiers + KINDS - 1 + creator
    }

    pub(crate) fn len(self) -> usize {
        self.creator(self.creators)
    }

    /// Where the priors are centred, which is also where a fit starts: `rate` is the share of
    /// segments that converted.
    pub(crate) fn prior_means(self, rate: f64, touches_per_segment: f64) -> Vec<f64> {
        let mut means = vec![0.0; self.len()];
        let rate = rate.clamp(1e-6, 0.5);
        means[Self::BASELINE] = libm::log(rate / 3.0);
        means[Self::HALF_LIFE] = libm::log(HALF_LIFE_PRIOR_DAYS);
        for tier in 0..self.tiers {
            means[self.tier(tier)] = libm::log(rate / touches_per_segment.max(1.0));
        }
        means
    }

    fn prior_sd(self, index: usize) -> f64 {
        match index {
            Self::BASELINE => BASELINE_SD,
            Self::HALF_LIFE => HALF_LIFE_SD,
            i if i < self.tier(self.tiers) => TIER_SD,
            i if i < self.opening(0) => KIND_SD,
            i if i < self.creator(0) => ROLE_SD,
            _ => CREATOR_SD,
        }
    }
}

/// What `log_posterior` needs besides the parameters.
pub(crate) struct Problem<'a> {
    pub segments: &'a Segments,
    pub layout: Layout,
    /// Each segment's weight (1, or a bootstrap resample's count).
    pub weights: Option<&'a [f64]>,
    pub prior_means: &'a [f64],
}

/// A touch's log-strength `η` (its hazard at age 0).
pub(crate) fn log_strength(theta: &[f64], layout: Layout, segments: &Segments, t: usize) -> f64 {
    let tier = usize::from(segments.tier[t]);
    let mut eta = theta[layout.tier(tier)] + theta[layout.creator(segments.creator[t] as usize)];
    if let Some(k) = layout.kind(usize::from(segments.kind[t])) {
        eta += theta[k];
    }
    match segments.role[t] {
        Role::Opening => eta += theta[layout.opening(tier)],
        Role::Closing => eta += theta[layout.closing(tier)],
        Role::Between => {}
    }
    eta
}

/// `ln 2 / H`: how fast a touch's hazard falls per day.
pub(crate) fn decay_rate(theta: &[f64]) -> f64 {
    std::f64::consts::LN_2 / libm::exp(theta[Layout::HALF_LIFE])
}

impl Problem<'_> {
    /// The negative log-posterior at `theta`, and its gradient into `gradient`.
    pub(crate) fn evaluate(&self, theta: &[f64], gradient: &mut [f64]) -> f64 {
        let (segments, layout) = (self.segments, self.layout);
        gradient.fill(0.0);
        let baseline = libm::exp(theta[Layout::BASELINE]);
        let rate = decay_rate(theta);
        let mut log_likelihood = 0.0;
        let mut hazards = Vec::new();
        for s in 0..segments.len() {
            let weight = self.weights.map_or(1.0, |w| w[s]);
            if weight == 0.0 {
                continue;
            }
            let range = segments.touches(s);
            hazards.clear();
            let mut total = baseline;
            for t in range.clone() {
                let h = libm::exp(log_strength(theta, layout, segments, t) - rate * segments.age[t]);
                hazards.push(h);
                total += h;
            }
            // log P(y | Λ) and d/dΛ, written to stay exact for tiny and large Λ.
            let (value, slope) = if segments.converted[s] {
                let p = -libm::expm1(-total);
                (libm::log(p), 1.0 / libm::expm1(total))
            } else {
                (-total, -1.0)
            };
            log_likelihood += weight * value;
            let slope = weight * slope;
            gradient[Layout::BASELINE] -= slope * baseline;
            for (t, &h) in range.zip(&hazards) {
                let g = slope * h;
                let tier = usize::from(segments.tier[t]);
                gradient[layout.tier(tier)] -= g;
                gradient[layout.creator(segments.creator[t] as usize)] -= g;
                if let Some(k) = layout.kind(usize::from(segments.kind[t])) {
                    gradient[k] -= g;
                }
                match segments.role[t] {
                    Role::Opening => gradient[layout.opening(tier)] -= g,
                    Role::Closing => gradient[layout.closing(tier)] -= g,
                    Role::Between => {}
                }
                // h ∝ exp(−age · ln2 · e^(−ℓ)), so ∂h/∂ℓ = h · age · rate.
                gradient[Layout::HALF_LIFE] -= g * segments.age[t] * rate;
            }
        }
        let mut log_prior = 0.0;
        for (i, (&x, &mean)) in theta.iter().zip(self.prior_means).enumerate() {
            let sd = layout.prior_sd(i);
            let z = (x - mean) / sd;
            log_prior -= 0.5 * z * z;
            gradient[i] += z / sd;
        }
        -(log_likelihood + log_prior)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::test_support::campaign;

    #[test]
    fn the_gradient_is_the_objectives_slope() {
        let c = campaign(
            "u1,big,2025-04-01 12:00,view\nu1,mid,2025-04-03 12:00,save\nu1,koc,2025-04-05 12:00,click\n\
             u2,koc,2025-04-03 12:00,view\nu3,mid,2025-04-02 12:00,like\nu3,big,2025-04-04 12:00,comment\n",
            "o1,u1,2025-04-06 12:00,300,\no3,u3,2025-04-05 12:00,80,\n",
        );
        let segments = Segments::of_window(&c, 30);
        let layout = Layout { tiers: c.tiers.specs().len() + 1, creators: c.roster.len() };
        let means = layout.prior_means(0.3, 2.0);
        let problem = Problem { segments: &segments, layout, weights: None, prior_means: &means };
        let theta: Vec<f64> = (0..layout.len()).map(|i| means[i] + 0.1 * ((i * 7 % 5) as f64 - 2.0)).collect();
        let mut gradient = vec![0.0; layout.len()];
        problem.evaluate(&theta, &mut gradient);
        let mut scratch = vec![0.0; layout.len()];
        for i in 0..layout.len() {
            let step = 1e-6;
            let (mut up, mut down) = (theta.clone(), theta.clone());
            up[i] += step;
            down[i] -= step;
            let numeric = (problem.evaluate(&up, &mut scratch) - problem.evaluate(&down, &mut scratch)) / (2.0 * step);
            assert!((numeric - gradient[i]).abs() < 1e-5 * (1.0 + numeric.abs()), "{i}: {numeric} vs {}", gradient[i]);
        }
    }

    #[test]
    fn the_layout_gives_every_parameter_one_place() {
        let layout = Layout { tiers: 5, creators: 3 };
        let mut places: Vec<usize> = vec![Layout::BASELINE, Layout::HALF_LIFE];
        places.extend((0..5).map(|t| layout.tier(t)));
        places.extend((0..KINDS).filter_map(|k| layout.kind(k)));
        places.extend((0..5).map(|t| layout.opening(t)));
        places.extend((0..5).map(|t| layout.closing(t)));
        places.extend((0..3).map(|c| layout.creator(c)));
        let expected: Vec<usize> = (0..layout.len()).collect();
        assert_eq!(places, expected);
    }
}
