//! How a generated journey decides to buy: three families of conversion process, and the
//! structures (roles, categories, repeats…) that set each touch's strength.

use serde::{Deserialize, Serialize};

/// How a journey decides to buy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SampleProcess {
    /// Decide once, just after the last touch: `P = 1 − exp(−(b + Σ h·decay))`, each touch adding
    /// its hazard (the noisy-OR, discrete additive hazard).
    NoisyOr,
    /// Continuous time: from the first touch, a purchase intensity `r + Σ h/τ·e^(−(t − tᵢ)/τ)`,
    /// each touch triggering purchases over the following days; the journey buys at the first
    /// event before the campaign's end. A touch's age at the purchase, not at the last touch,
    /// sets its effect, and touches after the purchase change nothing.
    Hazard,
    /// Diminishing returns: `logit P = logit(b) + RETURNS·ln(1 + S/SATURATION)`, `S = Σ h·decay`;
    /// each touch adds less when others are there.
    Logistic,
}

impl SampleProcess {
    /// The process named `name` (a catalogue value), noisy-OR otherwise.
    pub(super) fn named(name: &str) -> Self {
        match name {
            "hazard" => Self::Hazard,
            "logistic" => Self::Logistic,
            _ => Self::NoisyOr,
        }
    }
}

/// Days of a journey over which the hazard process's organic rate adds up to the `organic`
/// option (about a journey's mean time from first touch to the campaign's end).
pub(super) const ORGANIC_DAYS: f64 = 90.0;
/// The logistic process's exponent on `1 + S/SATURATION`: below 1, returns diminish.
const RETURNS: f64 = 0.5;
/// The logistic process's scale of summed hazard: with RETURNS, a typical journey converts about
/// as often as under noisy-OR.
const SATURATION: f64 = 0.000_1;

/// One touch as the process weighs it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Weighed {
    pub creator: usize,
    pub tier: usize,
    /// Its day since the campaign's start.
    pub day: f64,
    /// Its hazard before decay: the tier's lift times its type's strength and the structures'
    /// multipliers (creator, role, category, repeat).
    pub strength: f64,
    /// Its hazard decayed to the journey's decision (its last touch).
    pub decayed: f64,
}

/// A journey's touches and what its process needs to turn them into a chance to buy.
pub(super) struct Journey<'a> {
    pub process: SampleProcess,
    pub touches: &'a [Weighed],
    /// Hazard of buying with no touch (per journey; for the hazard process, over [`ORGANIC_DAYS`]).
    pub baseline: f64,
    /// Days over which a touch's effect falls by a factor e.
    pub decay_days: f64,
    /// The journey's first day and the campaign's last (the hazard process's span).
    pub start: f64,
    pub horizon: f64,
}

impl Journey<'_> {
    /// The chance to buy with only the touches `keep` keeps (the others never happened).
    pub fn probability(&self, keep: impl Fn(&Weighed) -> bool) -> f64 {
        match self.process {
            SampleProcess::NoisyOr => {
                let hazard = self.baseline + self.touches.iter().filter(|t| keep(t)).map(|t| t.decayed).sum::<f64>();
                1.0 - (-hazard).exp()
            }
            SampleProcess::Hazard => 1.0 - (-self.cumulative(self.horizon, keep)).exp(),
            SampleProcess::Logistic => {
                let summed = self.touches.iter().filter(|t| keep(t)).map(|t| t.decayed).sum::<f64>();
                let logit = (self.baseline / (1.0 - self.baseline)).ln() + RETURNS * (summed / SATURATION).ln_1p();
                1.0 / (1.0 + (-logit).exp())
            }
        }
    }

    /// How a model knowing this process exactly splits an order bought on `day`: returns the
    /// organic share and puts each creator's into `shares` (first-touch order), all summing to 1.
    /// For the one-decision processes, as the incremental model splits (organic `P₀/P`, the rest
    /// in proportion to each creator's `P − P(without it)`); for the hazard process, by which
    /// intensity fired at that moment (each creator's part of the intensity on `day`).
    pub fn split(&self, day: f64, shares: &mut Vec<(usize, f64)>) -> f64 {
        shares.clear();
        for t in self.touches {
            if !shares.iter().any(|s| s.0 == t.creator) {
                shares.push((t.creator, 0.0));
            }
        }
        if self.process == SampleProcess::Hazard {
            for t in self.touches.iter().filter(|t| t.day < day) {
                let part = t.strength / self.decay_days * (-(day - t.day) / self.decay_days).exp();
                if let Some(share) = shares.iter_mut().find(|s| s.0 == t.creator) {
                    share.1 += part;
                }
            }
            let rate = self.baseline / ORGANIC_DAYS;
            let total = rate + shares.iter().map(|s| s.1).sum::<f64>();
            for share in shares.iter_mut() {
                share.1 /= total;
            }
            rate / total
        } else {
            let all = self.probability(|_| true);
            for share in shares.iter_mut() {
                share.1 = all - self.probability(|t| t.creator != share.0);
            }
            let organic = self.probability(|_| false) / all;
            let caused: f64 = shares.iter().map(|s| s.1).sum();
            let scale = if caused > 0.0 { (1.0 - organic) / caused } else { 0.0 };
            for share in shares.iter_mut() {
                share.1 *= scale;
            }
            organic
        }
    }

    /// The hazard process's intensity summed from the journey's start to `day`.
    fn cumulative(&self, day: f64, keep: impl Fn(&Weighed) -> bool) -> f64 {
        let organic = self.baseline / ORGANIC_DAYS * (day - self.start).max(0.0);
        let touches = self
            .touches
            .iter()
            .filter(|t| t.day < day && keep(t))
            .map(|t| t.strength * -(-(day - t.day) / self.decay_days).exp_m1())
            .sum::<f64>();
        organic + touches
    }

    /// When the hazard process's journey buys, for a uniform draw `u` below its chance to buy by
    /// the horizon: the day its summed intensity reaches `−ln(1 − u)` (found by bisection; the
    /// sum only grows).
    pub fn purchase_day(&self, u: f64) -> f64 {
        let target = -(-u).ln_1p();
        let (mut low, mut high) = (self.start, self.horizon);
        for _ in 0..60 {
            let middle = 0.5 * (low + high);
            if self.cumulative(middle, |_| true) < target {
                low = middle;
            } else {
                high = middle;
            }
        }
        high
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(creator: usize, day: f64, strength: f64) -> Weighed {
        Weighed { creator, tier: creator, day, strength, decayed: strength }
    }

    fn journey(process: SampleProcess, touches: &[Weighed]) -> Journey<'_> {
        Journey { process, touches, baseline: 0.01, decay_days: 10.0, start: 0.0, horizon: 60.0 }
    }

    #[test]
    fn every_process_grows_with_touches_and_falls_to_its_baseline_without() {
        let touches = [touch(0, 0.0, 0.05), touch(1, 5.0, 0.03)];
        for process in [SampleProcess::NoisyOr, SampleProcess::Hazard, SampleProcess::Logistic] {
            let j = journey(process, &touches);
            let (all, one, none) =
                (j.probability(|_| true), j.probability(|t| t.creator == 0), j.probability(|_| false));
            assert!(all > one && one > none && none > 0.0, "{process:?}: {all} {one} {none}");
        }
        // Logistic returns diminish: the second touch adds less than it would alone.
        let j = journey(SampleProcess::Logistic, &touches);
        let none = j.probability(|_| false);
        let second_alone = j.probability(|t| t.creator == 1) - none;
        let second_after_first = j.probability(|_| true) - j.probability(|t| t.creator == 0);
        assert!(second_after_first < second_alone, "{second_after_first} vs {second_alone}");
    }

    #[test]
    fn a_known_process_splits_an_order_whole() {
        let touches = [touch(0, 0.0, 0.05), touch(1, 5.0, 0.03), touch(0, 6.0, 0.01)];
        let mut shares = Vec::new();
        for process in [SampleProcess::NoisyOr, SampleProcess::Hazard, SampleProcess::Logistic] {
            let organic = journey(process, &touches).split(7.0, &mut shares);
            let creators: Vec<usize> = shares.iter().map(|s| s.0).collect();
            assert_eq!(creators, [0, 1], "{process:?}: each creator once, first-touch order");
            let total = organic + shares.iter().map(|s| s.1).sum::<f64>();
            assert!(
                (total - 1.0).abs() < 1e-12 && organic > 0.0 && shares[1].1 > 0.0,
                "{process:?}: {organic} {shares:?}"
            );
        }
        // The hazard process: a touch after the purchase had no part in it.
        let organic = journey(SampleProcess::Hazard, &touches).split(3.0, &mut shares);
        assert_eq!(shares[1].1, 0.0);
        assert!((organic + shares[0].1 - 1.0).abs() < 1e-12);
    }

    #[test]
    fn the_hazard_purchase_day_has_the_drawn_chance() {
        let touches = [touch(0, 2.0, 0.5), touch(1, 20.0, 0.3)];
        let j = journey(SampleProcess::Hazard, &touches);
        let day = j.purchase_day(0.2);
        assert!((2.0..60.0).contains(&day), "{day}");
        // By that day the chance to have bought is exactly the draw.
        let by_then = 1.0 - (-j.cumulative(day, |_| true)).exp();
        assert!((by_then - 0.2).abs() < 1e-9, "{by_then}");
    }
}
