//! Touch-type weighted: `w_i = weight(type_i) / Σ_j weight(type_j)`; saves and codes say more
//! than views (defaults: view 1, like 1, comment 2, save 3, click 3, QR scan 4, promo code 5,
//! other 1). When every touch weighs 0 the order is split equally.

use super::TouchWeights;
use crate::campaign::TouchType;

/// Sets the weights of a non-empty journey; without types every touch counts as a view.
pub(super) fn weights(kinds: Option<&[TouchType]>, table: &TouchWeights, weights: &mut [f64]) {
    for (i, weight) in weights.iter_mut().enumerate() {
        *weight = table.of(kinds.map_or(TouchType::View, |k| k[i]));
    }
    let total: f64 = weights.iter().sum();
    if total > 0.0 {
        for weight in weights.iter_mut() {
            *weight /= total;
        }
    } else {
        weights.fill(1.0 / weights.len() as f64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_save_counts_three_views() {
        let mut w = [0.0; 3];
        weights(Some(&[TouchType::View, TouchType::Save, TouchType::PromoCode]), &TouchWeights::default(), &mut w);
        assert_eq!(w, [1.0 / 9.0, 3.0 / 9.0, 5.0 / 9.0]);
        let zero = TouchWeights { view: 0.0, ..TouchWeights::default() };
        weights(Some(&[TouchType::View; 3]), &zero, &mut w);
        assert_eq!(w, [1.0 / 3.0; 3]);
    }
}
