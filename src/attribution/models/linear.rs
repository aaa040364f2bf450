//! Linear: `w_i = 1 / n` for each of the journey's `n` touches.
//!
//! Per touch, as ChannelAttribution's `heuristic_models`: a creator seen twice in `A > B > A` gets
//! two shares, 2/3 to A and 1/3 to B. With the unique-creators option each of the `k` distinct
//! creators gets `1 / k`, split over its touches: A and B get 1/2 each.

use std::hash::Hash;

use rustc_hash::FxHashMap;

/// Sets the weights of a non-empty journey.
pub(super) fn weights(weights: &mut [f64]) {
    let share = 1.0 / weights.len() as f64;
    weights.fill(share);
}

/// Sets the weights so that each distinct channel gets an equal share.
pub(super) fn unique_weights<C: Copy + Eq + Hash>(channels: &[C], weights: &mut [f64]) {
    // Counted in a map: a journey can have a hundred thousand touches.
    let mut repeats: FxHashMap<C, usize> = FxHashMap::default();
    for &channel in channels {
        *repeats.entry(channel).or_default() += 1;
    }
    let distinct = repeats.len();
    for (weight, channel) in weights.iter_mut().zip(channels) {
        *weight = 1.0 / (distinct * repeats[channel]) as f64;
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn equal_shares() {
        let mut w = [0.0; 4];
        super::weights(&mut w);
        assert_eq!(w, [0.25; 4]);
        let mut w = [0.0; 3];
        super::unique_weights(&["A", "B", "A"], &mut w);
        assert_eq!(w, [0.25, 0.5, 0.25]);
    }
}
