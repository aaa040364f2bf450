//! Time decay: `w_i ∝ 2^(−Δt_i / h)`, normalized over the order's touches, where `Δt_i` is the
//! continuous time in days from touch `i` to the order and `h` the half-life (default 7 days).
//!
//! Touches at 28, 14, 7 and 0 days with `h = 7` weigh 1, 4, 8 and 16: 1/29, 4/29, 8/29, 16/29.

use crate::read::time::DAY;

/// Sets the weights of a non-empty journey; without ages every touch counts as at the order.
pub(super) fn weights(ages: Option<&[i64]>, half_life_days: f64, weights: &mut [f64]) {
    let Some(ages) = ages else {
        weights.fill(1.0 / weights.len() as f64);
        return;
    };
    // Relative to the newest touch, so that old journeys do not underflow to all zeros.
    let newest = ages.iter().copied().min().unwrap_or(0);
    for (weight, &age) in weights.iter_mut().zip(ages) {
        *weight = (-((age - newest) as f64 / DAY as f64) / half_life_days).exp2();
    }
    let total: f64 = weights.iter().sum();
    for weight in weights.iter_mut() {
        *weight /= total;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_every_half_life() {
        let mut w = [0.0; 4];
        weights(Some(&[28 * DAY, 14 * DAY, 7 * DAY, 0]), 7.0, &mut w);
        let expected = [1.0 / 29.0, 4.0 / 29.0, 8.0 / 29.0, 16.0 / 29.0];
        for (got, want) in w.iter().zip(expected) {
            assert!((got - want).abs() < 1e-12, "{w:?}");
        }
    }

    #[test]
    fn continuous_time_and_no_underflow() {
        let mut w = [0.0; 2];
        weights(Some(&[DAY * 7 / 2, 0]), 7.0, &mut w);
        let ratio = w[0] / w[1];
        assert!((ratio - 0.5_f64.sqrt()).abs() < 1e-12, "half a half-life weighs 1/√2: {ratio}");
        weights(Some(&[DAY * 3000, DAY * 2993]), 7.0, &mut w);
        assert!((w[0] - 1.0 / 3.0).abs() < 1e-12, "{w:?}");
    }
}
