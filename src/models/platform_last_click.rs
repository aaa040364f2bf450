//! Platform last click: what Xiaohongshu actually pays. The order goes to the creator of the last
//! click-type touch (click, promo code, QR scan) within the click window before it (default 72
//! hours, from 1 to 720); with none, the order is credited to no one. The window is the platform's
//! own and is kept apart from the lookback window: the caller passes the touches inside it.

use crate::campaign::TouchType;

/// Sets the weights of a non-empty journey: 1 for its last click, else all 0. Without types there
/// is no click.
pub(super) fn weights(kinds: Option<&[TouchType]>, weights: &mut [f64]) {
    if let Some(last) = kinds.and_then(|k| k.iter().rposition(|kind| kind.is_click())) {
        weights[last] = 1.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_click_not_the_last_touch() {
        let mut w = [0.0; 4];
        weights(Some(&[TouchType::QrScan, TouchType::Click, TouchType::Save, TouchType::View]), &mut w);
        assert_eq!(w, [0.0, 1.0, 0.0, 0.0]);
        let mut w = [0.0; 2];
        weights(Some(&[TouchType::View, TouchType::Save]), &mut w);
        assert_eq!(w, [0.0, 0.0]);
    }
}
