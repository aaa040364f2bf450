//! Position-based (U-shaped): the first touch gets `f`, the last `l` (default 40% and 40%), the
//! `n − 2` middle touches share `1 − f − l` equally. One touch gets everything; two touches split
//! in proportion `f : l` (50/50 by default).

/// Sets the weights of a non-empty journey.
pub(super) fn weights(first: f64, last: f64, weights: &mut [f64]) {
    let n = weights.len();
    match n {
        1 => weights[0] = 1.0,
        2 => {
            let ends = first + last;
            let (a, b) = if ends > 0.0 { (first / ends, last / ends) } else { (0.5, 0.5) };
            weights[0] = a;
            weights[1] = b;
        }
        _ => {
            let middle = (1.0 - first - last) / (n - 2) as f64;
            weights.fill(middle);
            weights[0] = first;
            weights[n - 1] = last;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(n: usize) -> Vec<f64> {
        let mut w = vec![0.0; n];
        weights(0.4, 0.4, &mut w);
        w
    }

    #[test]
    fn one_two_three_and_five_touches() {
        assert_eq!(split(1), [1.0]);
        assert_eq!(split(2), [0.5, 0.5]);
        let three = split(3);
        assert!((three[1] - 0.2).abs() < 1e-12 && three[0] == 0.4 && three[2] == 0.4);
        let five = split(5);
        assert!(five[1..4].iter().all(|w| (w - 0.2 / 3.0).abs() < 1e-12), "{five:?}");
        let mut two = [0.0; 2];
        weights(0.3, 0.6, &mut two);
        assert!((two[0] - 1.0 / 3.0).abs() < 1e-12 && (two[1] - 2.0 / 3.0).abs() < 1e-12);
    }
}
