//! Linear: `w_i = 1 / n` for each of the journey's `n` touches.
//!
//! Per touch, as ChannelAttribution's `heuristic_models`: a creator seen twice in `A > B > A` gets
//! two shares, 2/3 to A and 1/3 to B.

/// Sets the weights of a non-empty journey.
pub(super) fn weights(weights: &mut [f64]) {
    let share = 1.0 / weights.len() as f64;
    weights.fill(share);
}

#[cfg(test)]
mod tests {
    #[test]
    fn equal_shares() {
        let mut w = [0.0; 4];
        super::weights(&mut w);
        assert_eq!(w, [0.25; 4]);
    }
}
