//! The incremental model's parameters: where each sits in the vector the fit moves, their priors'
//! centres and spreads, and a touch's hazard at given parameters.
//!
//! A touch's hazard is `h = exp(η) · 2^(−age / H)` with
//! `η = tier effect + creator's deviation from its tier + type effect (views 0)
//!      + opening effect of its tier (first of several) + closing effect of its tier (last of several)`
//! and `H` the half-life in days.

use super::segments::{HOURS_PER_DAY, Kind, Role, Segments};
use crate::campaign::TouchType;

/// Where the spread of creators within a tier starts, on the log scale (a creator 1.6 times as
/// strong as its tier is one deviation away); each fit then learns it from the data ([`super::likelihood::creator_spread`]).
pub(crate) const CREATOR_SD: f64 = 0.5;
/// Bounds on the learned spread: never quite zero (a creator may differ), never wide open.
pub(crate) const CREATOR_SD_RANGE: (f64, f64) = (0.05, 1.5);
const TIER_SD: f64 = 3.0;
const KIND_SD: f64 = 1.5;
const ROLE_SD: f64 = 0.5;
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

    #[allow(clippy::unused_self)] // Every place is asked of the layout, this one too.
    pub(crate) fn tier(self, tier: usize) -> usize {
        2 + tier
    }

    /// The effect of touch type `kind` (an index in [`TouchType::ALL`], not the view's).
    pub(crate) fn kind(self, kind: usize) -> Option<usize> {
        let view = usize::from(super::segments::type_index(TouchType::View));
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

    pub(crate) fn prior_sd(self, index: usize, creator_sd: f64) -> f64 {
        match index {
            Self::BASELINE => BASELINE_SD,
            Self::HALF_LIFE => HALF_LIFE_SD,
            i if i < self.tier(self.tiers) => TIER_SD,
            i if i < self.opening(0) => KIND_SD,
            i if i < self.creator(0) => ROLE_SD,
            _ => creator_sd,
        }
    }
}

/// A kind of touch's log-strength `η` (its hazard at age 0).
pub(crate) fn log_strength(theta: &[f64], layout: Layout, kind: Kind) -> f64 {
    let tier = usize::from(kind.tier);
    let mut eta = theta[layout.tier(tier)] + theta[layout.creator(kind.creator as usize)];
    if let Some(k) = layout.kind(usize::from(kind.touch_type)) {
        eta += theta[k];
    }
    match kind.role {
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

/// Per kind of touch its strength, and per hour of age its decay, at some parameters: a touch's
/// hazard is one product of the two.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tables {
    pub strength: Vec<f64>,
    pub decay: Vec<f64>,
}

impl Tables {
    pub(crate) fn fill(&mut self, theta: &[f64], layout: Layout, segments: &Segments) {
        self.strength.clear();
        self.strength.extend(segments.kinds.iter().map(|&kind| libm::exp(log_strength(theta, layout, kind))));
        let per_hour = decay_rate(theta) / HOURS_PER_DAY;
        self.decay.clear();
        self.decay.extend((0..=segments.max_hours()).map(|h| libm::exp(-per_hour * f64::from(h))));
    }

    /// The hazard of touch `t`.
    pub(crate) fn hazard(&self, segments: &Segments, t: usize) -> f64 {
        self.strength[segments.kind[t] as usize] * self.decay[segments.hours[t] as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
