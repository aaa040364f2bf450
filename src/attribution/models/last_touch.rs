//! Last touch: `w_n = 1`, `w_i = 0` for `i < n`.
//!
//! Favors the creators who close (micro, KOC); the view a platform's last-click payout takes.

/// Sets the weights of a non-empty journey.
pub(super) fn weights(weights: &mut [f64]) {
    if let Some(last) = weights.last_mut() {
        *last = 1.0;
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn all_to_the_last() {
        let mut w = [0.0; 3];
        super::weights(&mut w);
        assert_eq!(w, [0.0, 0.0, 1.0]);
    }
}
