//! Response curves: what a tier would return at a given spend, with diminishing returns.
//!
//! Nobody has run a spend experiment per tier, so a curve's shape is an assumption the user sets;
//! its height is calibrated so that at the tier's current spend it returns exactly what the model
//! attributes to the tier. Different models therefore give each tier a different curve, which is
//! the point: the same budget question gets a different answer under each model.

use serde::{Deserialize, Serialize};

/// The family of response curves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum CurveShape {
    /// Saturating Hill curve `R(s) = c·sᵏ / (sᵏ + hᵏ)`: a ceiling the tier cannot pass.
    #[default]
    Hill,
    /// Power curve `R(s) = c·sᵇ`, `0 < b < 1`: no ceiling, each doubling of spend adds less.
    Power,
}

/// The shape parameters shared by every tier (each tier's scale comes from its own current spend).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shape {
    /// The family.
    pub curve: CurveShape,
    /// Hill: the spend returning half the ceiling, as a multiple of current spend.
    pub half_saturation: f64,
    /// Hill: the steepness `k`, in (0, 1] so the curve stays concave.
    pub slope: f64,
    /// Power: the exponent `b`, in (0, 1).
    pub exponent: f64,
}

/// One tier's calibrated curve: `R(s) = scale · g(s)` with `g` the unit shape.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ResponseCurve {
    shape: Shape,
    /// Hill: the half-saturation spend `h`; power: the current spend (the unit of spend).
    reference: f64,
    scale: f64,
}

impl ResponseCurve {
    /// The curve through (`current_spend`, `current_return`) with the given shape, or `None` when
    /// there is no current spend to calibrate against.
    pub fn calibrate(shape: Shape, current_spend: f64, current_return: f64) -> Option<Self> {
        if current_spend <= 0.0 || !current_spend.is_finite() || !current_return.is_finite() {
            return None;
        }
        let reference = match shape.curve {
            CurveShape::Hill => shape.half_saturation * current_spend,
            CurveShape::Power => current_spend,
        };
        let mut curve = Self { shape, reference, scale: 1.0 };
        curve.scale = current_return / curve.unit(current_spend);
        Some(curve)
    }

    /// The unit shape `g(s)`, increasing and concave on `s ≥ 0`.
    fn unit(&self, spend: f64) -> f64 {
        let s = spend.max(0.0);
        match self.shape.curve {
            CurveShape::Hill => {
                let k = self.shape.slope;
                let x = (s / self.reference).powf(k);
                x / (1.0 + x)
            }
            CurveShape::Power => (s / self.reference).powf(self.shape.exponent),
        }
    }

    /// `g′(s)`; infinite at 0 when the curve starts vertically.
    fn unit_slope(&self, spend: f64) -> f64 {
        let s = spend.max(0.0);
        let r = self.reference;
        match self.shape.curve {
            CurveShape::Hill => {
                let k = self.shape.slope;
                let x = (s / r).powf(k);
                // d/ds [x/(1+x)] = x′/(1+x)², x′ = k·x/s; written to stay finite at s = 0 when k = 1.
                if s == 0.0 {
                    return if k < 1.0 { f64::INFINITY } else { 1.0 / r };
                }
                k * x / s / ((1.0 + x) * (1.0 + x))
            }
            CurveShape::Power => {
                let b = self.shape.exponent;
                if s == 0.0 {
                    return f64::INFINITY;
                }
                b / r * (s / r).powf(b - 1.0)
            }
        }
    }

    /// Expected return at `spend`.
    pub fn value(&self, spend: f64) -> f64 {
        self.scale * self.unit(spend)
    }

    /// Return per extra yuan at `spend`.
    pub fn marginal(&self, spend: f64) -> f64 {
        self.scale * self.unit_slope(spend)
    }

    /// The spend in `[lo, hi]` where the marginal return falls to `price`: the best spend when each
    /// yuan must return at least `price`. A curve that returns nothing or less stays at `lo`.
    pub fn spend_at(&self, price: f64, lo: f64, hi: f64) -> f64 {
        if self.scale <= 0.0 || self.marginal(lo) <= price {
            return lo;
        }
        if self.marginal(hi) >= price {
            return hi;
        }
        // The marginal return falls monotonically, so bisection always converges; 200 halvings
        // reach the last bit of any spend below 10^18.
        let (mut below, mut above) = (lo, hi);
        for _ in 0..200 {
            let mid = 0.5 * (below + above);
            if mid <= below || mid >= above {
                break;
            }
            if self.marginal(mid) > price {
                below = mid;
            } else {
                above = mid;
            }
        }
        0.5 * (below + above)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HILL: Shape = Shape { curve: CurveShape::Hill, half_saturation: 1.0, slope: 1.0, exponent: 0.5 };
    const POWER: Shape = Shape { curve: CurveShape::Power, half_saturation: 1.0, slope: 1.0, exponent: 0.5 };

    #[test]
    fn calibrated_through_the_current_point() {
        for shape in [HILL, POWER, Shape { slope: 0.6, half_saturation: 2.5, ..HILL }] {
            let curve = ResponseCurve::calibrate(shape, 1_000.0, 4_000.0).unwrap();
            assert!((curve.value(1_000.0) - 4_000.0).abs() < 1e-9);
            assert!(curve.value(2_000.0) > 4_000.0 && curve.value(2_000.0) < 8_000.0, "diminishing returns");
        }
        assert!(ResponseCurve::calibrate(HILL, 0.0, 10.0).is_none());
    }

    #[test]
    fn hill_with_unit_slope_matches_its_closed_form() {
        // R(s) = a·s/(s+h) with h = current spend: a = 2·r₀, R′(s₀) = a·h/(s₀+h)² = r₀/(2·s₀).
        let curve = ResponseCurve::calibrate(HILL, 100.0, 400.0).unwrap();
        assert!((curve.value(300.0) - 800.0 * 300.0 / 400.0).abs() < 1e-9);
        assert!((curve.marginal(100.0) - 2.0).abs() < 1e-12);
        assert!((curve.marginal(0.0) - 8.0).abs() < 1e-12);
    }

    #[test]
    fn marginal_is_the_derivative() {
        for shape in [HILL, POWER, Shape { slope: 0.4, half_saturation: 0.3, ..HILL }, Shape { exponent: 0.2, ..POWER }]
        {
            let curve = ResponseCurve::calibrate(shape, 500.0, 900.0).unwrap();
            for s in [10.0, 250.0, 500.0, 4_000.0] {
                let numeric = (curve.value(s + 1e-4) - curve.value(s - 1e-4)) / 2e-4;
                assert!((numeric - curve.marginal(s)).abs() < 1e-6 * (1.0 + numeric.abs()), "{shape:?} at {s}");
            }
        }
    }

    #[test]
    fn spend_at_inverts_the_marginal_within_bounds() {
        let curve = ResponseCurve::calibrate(HILL, 100.0, 400.0).unwrap();
        // R′(s) = 800·100/(s+100)² = 0.8 ⇔ s = 216.23 (√100000 − 100).
        let s = curve.spend_at(0.8, 0.0, 1e6);
        assert!((s - (100_000f64.sqrt() - 100.0)).abs() < 1e-9);
        assert_eq!(curve.spend_at(0.8, 0.0, 150.0), 150.0, "capped at the maximum");
        assert_eq!(curve.spend_at(100.0, 20.0, 150.0), 20.0, "held at the minimum");
        let nothing = ResponseCurve::calibrate(HILL, 100.0, 0.0).unwrap();
        assert_eq!(nothing.spend_at(1e-9, 5.0, 150.0), 5.0, "a tier that returns nothing gets its minimum");
    }
}
