//! First touch: `w_1 = 1`, `w_i = 0` for `i > 1`.
//!
//! Shows who introduces the brand: awareness creators (mega, mid-tier) that start journeys.

/// Sets the weights of a non-empty journey.
pub(super) fn weights(weights: &mut [f64]) {
    weights[0] = 1.0;
}

#[cfg(test)]
mod tests {
    #[test]
    fn all_to_the_first() {
        let mut w = [0.0; 3];
        super::weights(&mut w);
        assert_eq!(w, [1.0, 0.0, 0.0]);
    }
}
