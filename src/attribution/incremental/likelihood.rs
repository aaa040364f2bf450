//! The incremental model's log-posterior and gradient over the parameters of [`super::parameters`]:
//! a segment converts with probability `1 − exp(−(b + Σ h))`, `b` the baseline no touch explains
//! and `h` each touch's hazard. Priors (normal, on the parameters' log scales) are weak except the
//! creators' deviations, which shrink a creator with few touches toward its tier.
//!
//! Every exponential and logarithm goes through `libm`, the same code natively and in wasm, so a
//! fit gives the same bits on both.

use super::groups::{Groups, group_shares};
use super::parameters::{CREATOR_SD_RANGE, Layout, Tables, decay_rate};
use super::segments::{HOURS_PER_DAY, Role, Segments};

/// What a fit needs besides the parameters.
pub(crate) struct Problem<'a> {
    pub segments: &'a Segments,
    pub layout: Layout,
    /// Each segment's weight (1, or a bootstrap resample's count).
    pub weights: Option<&'a [f64]>,
    pub prior_means: &'a [f64],
    /// The spread of creators around their tier (the prior's sd of their deviations).
    pub creator_sd: f64,
    /// Experiments the fit must agree with, each a normal likelihood on what it measured.
    pub measurements: &'a [Held],
}

/// A measurement as the fit holds it: which creators were withheld (group 0), which segments'
/// orders fall in its period (weight 1, else 0), what it measured in conversions and the standard
/// error of that.
#[derive(Debug, Clone)]
pub(crate) struct Held {
    pub members: Vec<Option<usize>>,
    pub weight: Vec<f64>,
    pub conversions: f64,
    /// The 90% interval, in conversions: the fit ends inside it.
    pub interval: [f64; 2],
    pub sd: f64,
}

impl Held {
    /// What the parameters imply for the measurement: the withheld creators' credited conversions
    /// of the period's orders.
    pub(crate) fn implied(&self, theta: &[f64], layout: Layout, tables: &Tables, segments: &Segments) -> f64 {
        let groups = Groups { of: &self.members, count: 1 };
        group_shares(theta, layout, tables, segments, groups, &self.weight, false).sums[0]
    }
}

/// Reusable buffers of one fit.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    tables: Tables,
    /// Per kind of touch, `∂(−log posterior) / ∂η`.
    kind_slope: Vec<f64>,
    /// One segment's touches' hazards.
    hazards: Vec<f64>,
}

impl Problem<'_> {
    /// The Hessian's diagonal, from the Fisher information (each segment's `1 / (e^Λ − 1)` times the
    /// squared slope of `Λ` in each parameter) plus the prior's precision: the CG's preconditioner.
    pub(crate) fn hessian_diagonal(&self, theta: &[f64], tables: &Tables) -> Vec<f64> {
        let (segments, layout) = (self.segments, self.layout);
        let baseline = libm::exp(theta[Layout::BASELINE]);
        let rate = decay_rate(theta);
        let mut diagonal: Vec<f64> =
            (0..layout.len()).map(|i| 1.0 / layout.prior_sd(i, self.creator_sd).powi(2)).collect();
        // Per kind of touch, its hazards' squares weighted by each segment's information (a touch's
        // cross terms with the other touches of its segment are left out: a preconditioner needs
        // the scale, not every term).
        let mut per_kind = vec![0.0; segments.kinds.len()];
        let (mut baseline_term, mut age_term) = (0.0, 0.0);
        for s in 0..segments.len() {
            let range = segments.touches(s);
            let mut lambda = baseline;
            for t in range.clone() {
                lambda += tables.hazard(segments, t);
            }
            let information = 1.0 / libm::expm1(lambda);
            baseline_term += information * baseline * baseline;
            for t in range {
                let h = tables.hazard(segments, t);
                per_kind[segments.kind[t] as usize] += information * h * h;
                let age = f64::from(segments.hours[t]) / HOURS_PER_DAY * rate;
                age_term += information * h * h * age * age;
            }
        }
        diagonal[Layout::BASELINE] += baseline_term;
        diagonal[Layout::HALF_LIFE] += age_term;
        for (kind, &x) in segments.kinds.iter().zip(&per_kind) {
            let tier = usize::from(kind.tier);
            diagonal[layout.tier(tier)] += x;
            diagonal[layout.creator(kind.creator as usize)] += x;
            if let Some(k) = layout.kind(usize::from(kind.touch_type)) {
                diagonal[k] += x;
            }
            match kind.role {
                Role::Opening => diagonal[layout.opening(tier)] += x,
                Role::Closing => diagonal[layout.closing(tier)] += x,
                Role::Between => {}
            }
        }
        // Each experiment's curvature, as Gauss–Newton sees it: (∂implied/∂θ)² / sd².
        for held in self.measurements {
            let groups = Groups { of: &held.members, count: 1 };
            let shares = group_shares(theta, layout, tables, segments, groups, &held.weight, true);
            for (d, g) in diagonal.iter_mut().zip(&shares.gradients[0]) {
                *d += g * g / (held.sd * held.sd);
            }
        }
        diagonal
    }

    /// The negative log-posterior at `theta`, and its gradient into `gradient`.
    pub(crate) fn evaluate(&self, theta: &[f64], gradient: &mut [f64], scratch: &mut Scratch) -> f64 {
        let (segments, layout) = (self.segments, self.layout);
        gradient.fill(0.0);
        let baseline = libm::exp(theta[Layout::BASELINE]);
        scratch.tables.fill(theta, layout, segments);
        let tables = &scratch.tables;
        let kind_slope = &mut scratch.kind_slope;
        kind_slope.clear();
        kind_slope.resize(segments.kinds.len(), 0.0);
        let (mut log_likelihood, mut baseline_slope, mut age_slope) = (0.0, 0.0, 0.0);
        // Slices and iterators over each segment's touches, so the hot loop checks no bounds.
        let (kinds, hours) = (&segments.kind[..], &segments.hours[..]);
        let (strength, decay) = (&tables.strength[..], &tables.decay[..]);
        let hazards = &mut scratch.hazards;
        for (s, bounds) in segments.bounds.windows(2).enumerate() {
            let weight = self.weights.map_or(1.0, |w| w[s]);
            if weight == 0.0 {
                continue;
            }
            let (kinds, hours) = (&kinds[bounds[0]..bounds[1]], &hours[bounds[0]..bounds[1]]);
            hazards.clear();
            let mut total = baseline;
            for (&k, &h) in kinds.iter().zip(hours) {
                let x = strength[k as usize] * decay[h as usize];
                hazards.push(x);
                total += x;
            }
            // log P(y | Λ) and its slope in Λ, written to stay exact for tiny and large Λ.
            let (value, slope) = if segments.converted(s) {
                (libm::log(-libm::expm1(-total)), 1.0 / libm::expm1(total))
            } else {
                (-total, -1.0)
            };
            log_likelihood += weight * value;
            let slope = weight * slope;
            baseline_slope += slope;
            for ((&k, &h), &x) in kinds.iter().zip(hours).zip(hazards.iter()) {
                let g = slope * x;
                kind_slope[k as usize] += g;
                age_slope += g * f64::from(h);
            }
        }
        gradient[Layout::BASELINE] -= baseline_slope * baseline;
        // h ∝ exp(−age · ln2 · e^(−ℓ)), so ∂h/∂ℓ = h · age · rate.
        gradient[Layout::HALF_LIFE] -= age_slope * decay_rate(theta) / HOURS_PER_DAY;
        for (kind, &g) in segments.kinds.iter().zip(kind_slope.iter()) {
            let tier = usize::from(kind.tier);
            gradient[layout.tier(tier)] -= g;
            gradient[layout.creator(kind.creator as usize)] -= g;
            if let Some(k) = layout.kind(usize::from(kind.touch_type)) {
                gradient[k] -= g;
            }
            match kind.role {
                Role::Opening => gradient[layout.opening(tier)] -= g,
                Role::Closing => gradient[layout.closing(tier)] -= g,
                Role::Between => {}
            }
        }
        // Each experiment as a normal likelihood of what the model implies for its creators and
        // period around what it measured.
        let mut log_measured = 0.0;
        for held in self.measurements {
            let groups = Groups { of: &held.members, count: 1 };
            let shares = group_shares(theta, layout, &scratch.tables, segments, groups, &held.weight, true);
            let miss = (shares.sums[0] - held.conversions) / held.sd;
            log_measured -= 0.5 * miss * miss;
            for (g, d) in gradient.iter_mut().zip(&shares.gradients[0]) {
                *g += miss / held.sd * d;
            }
        }
        let mut log_prior = 0.0;
        for (i, (&x, &mean)) in theta.iter().zip(self.prior_means).enumerate() {
            let sd = layout.prior_sd(i, self.creator_sd);
            let z = (x - mean) / sd;
            log_prior -= 0.5 * z * z;
            gradient[i] += z / sd;
        }
        -(log_likelihood + log_prior + log_measured)
    }
}

/// The spread of creators around their tiers that the fit at `theta` implies: an empirical-Bayes
/// step for a normal random effect (the mean of each creator's squared deviation plus its
/// posterior variance, the inverse of its Fisher information plus the prior's precision), over
/// the creators with touches. A fit alternates it with the MAP until it settles, so campaigns whose
/// creators hardly differ shrink them hard and those whose creators differ keep them apart.
pub(crate) fn creator_spread(problem: &Problem<'_>, theta: &[f64], tables: &Tables) -> f64 {
    let (segments, layout) = (problem.segments, problem.layout);
    let baseline = libm::exp(theta[Layout::BASELINE]);
    let mut information = vec![0.0; layout.creators];
    let mut hazard_of = Vec::new();
    for s in 0..segments.len() {
        let weight = problem.weights.map_or(1.0, |w| w[s]);
        let range = segments.touches(s);
        let mut total = baseline;
        hazard_of.clear();
        for t in range {
            let h = tables.hazard(segments, t);
            total += h;
            let creator = segments.kinds[segments.kind[t] as usize].creator;
            match hazard_of.iter_mut().find(|(c, _)| *c == creator) {
                Some(entry) => entry.1 += h,
                None => hazard_of.push((creator, h)),
            }
        }
        // Fisher information of Λ for a Bernoulli with p = 1 − e^(−Λ): 1 / (e^Λ − 1).
        let per_hazard = weight / libm::expm1(total);
        for &(creator, h) in &hazard_of {
            information[creator as usize] += per_hazard * h * h;
        }
    }
    let precision = 1.0 / (problem.creator_sd * problem.creator_sd);
    let (mut sum, mut count) = (0.0, 0_usize);
    for (c, &info) in information.iter().enumerate() {
        if info > 0.0 {
            let e = theta[layout.creator(c)];
            sum += e * e + 1.0 / (info + precision);
            count += 1;
        }
    }
    if count == 0 {
        return problem.creator_sd;
    }
    libm::sqrt(sum / count as f64).clamp(CREATOR_SD_RANGE.0, CREATOR_SD_RANGE.1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::incremental::parameters::CREATOR_SD;
    use crate::campaign::test_support::campaign;

    #[test]
    fn the_gradient_is_the_objectives_slope() {
        let c = campaign(
            "u1,big,2025-04-01 12:00,view\nu1,mid,2025-04-03 12:00,save\nu1,koc,2025-04-05 12:00,click\n\
             u2,koc,2025-04-03 12:00,view\nu3,mid,2025-04-02 12:00,like\nu3,big,2025-04-04 12:00,comment\n",
            "o1,u1,2025-04-06 12:00,300,\no3,u3,2025-04-05 12:00,80,\n",
        );
        let segments = Segments::of_window(&c, 30);
        let layout = Layout { tiers: c.tiers.count(), creators: c.roster.len() };
        let means = layout.prior_means(0.3, 2.0);
        // An experiment on every other creator, so the measurement's slope is checked too.
        let members: Vec<Option<usize>> = (0..layout.creators).map(|c| (c % 2 == 0).then_some(0)).collect();
        let held =
            [Held { members, weight: vec![1.0; segments.len()], conversions: 0.7, interval: [0.4, 1.0], sd: 0.2 }];
        let problem = Problem {
            segments: &segments,
            layout,
            weights: None,
            prior_means: &means,
            creator_sd: CREATOR_SD,
            measurements: &held,
        };
        let theta: Vec<f64> = (0..layout.len()).map(|i| means[i] + 0.1 * ((i * 7 % 5) as f64 - 2.0)).collect();
        let mut gradient = vec![0.0; layout.len()];
        let mut work = Scratch::default();
        problem.evaluate(&theta, &mut gradient, &mut work);
        let mut scratch = vec![0.0; layout.len()];
        for i in 0..layout.len() {
            let step = 1e-6;
            let (mut up, mut down) = (theta.clone(), theta.clone());
            up[i] += step;
            down[i] -= step;
            let numeric = (problem.evaluate(&up, &mut scratch, &mut work)
                - problem.evaluate(&down, &mut scratch, &mut work))
                / (2.0 * step);
            assert!((numeric - gradient[i]).abs() < 1e-5 * (1.0 + numeric.abs()), "{i}: {numeric} vs {}", gradient[i]);
        }
    }
}
