//! Platform last click: what Xiaohongshu actually pays. The order goes to the creator of the last
//! click-type touch (click, promo code, QR scan) within the click window before it (default 72
//! hours, from 1 to 720); with none, the order is credited to no one. The window is the platform's
//! own and is kept apart from the lookback window: for a campaign the caller passes the touches
//! inside it; aggregated paths carry each touch's age, and a click older than the window is ignored.

use crate::campaign::TouchType;

/// Sets the weights of a non-empty journey: 1 for its last click within `window_hours` of the
/// order, else all 0. Without types there is no click; without ages every touch counts as inside.
pub(super) fn weights(kinds: Option<&[TouchType]>, ages: Option<&[i64]>, window_hours: u32, weights: &mut [f64]) {
    let Some(last) = kinds.and_then(|k| k.iter().rposition(|kind| kind.is_click())) else { return };
    // The last click is the newest; when even it is older than the window, nobody is paid.
    if ages.and_then(|a| a.get(last)).is_none_or(|&age| age <= i64::from(window_hours) * 3600) {
        weights[last] = 1.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_click_not_the_last_touch() {
        let mut w = [0.0; 4];
        weights(Some(&[TouchType::QrScan, TouchType::Click, TouchType::Save, TouchType::View]), None, 72, &mut w);
        assert_eq!(w, [0.0, 1.0, 0.0, 0.0]);
        let mut w = [0.0; 2];
        weights(Some(&[TouchType::View, TouchType::Save]), None, 72, &mut w);
        assert_eq!(w, [0.0, 0.0]);
    }

    #[test]
    fn a_click_older_than_the_window_is_not_paid() {
        let kinds = [TouchType::Click, TouchType::View];
        let mut w = [0.0; 2];
        weights(Some(&kinds), Some(&[72 * 3600, 60]), 72, &mut w);
        assert_eq!(w, [1.0, 0.0], "exactly 72 hours old is inside");
        let mut w = [0.0; 2];
        weights(Some(&kinds), Some(&[72 * 3600 + 1, 60]), 72, &mut w);
        assert_eq!(w, [0.0, 0.0]);
    }
}
