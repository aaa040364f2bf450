//! A dense LU factorization with partial pivoting, for the small blocks of an absorbing chain.

/// A dense LU factorization with partial pivoting.
pub(super) struct Lu {
    lu: Vec<Vec<f64>>,
    pivot: Vec<usize>,
}

impl Lu {
    /// Factorizes `a`; `None` when it is singular (a chain that can loop forever).
    pub(super) fn new(mut lu: Vec<Vec<f64>>) -> Option<Self> {
        let n = lu.len();
        let mut pivot: Vec<usize> = (0..n).collect();
        for col in 0..n {
            let best = (col..n).max_by(|&i, &j| lu[i][col].abs().total_cmp(&lu[j][col].abs()))?;
            if lu[best][col].abs() < 1e-14 {
                return None;
            }
            lu.swap(col, best);
            pivot.swap(col, best);
            for row in col + 1..n {
                let (upper, lower) = lu.split_at_mut(row);
                let (pivot_row, current) = (&upper[col], &mut lower[0]);
                let factor = current[col] / pivot_row[col];
                current[col] = factor;
                if factor != 0.0 {
                    for (cell, &above) in current[col + 1..].iter_mut().zip(&pivot_row[col + 1..]) {
                        *cell -= factor * above;
                    }
                }
            }
        }
        Some(Self { lu, pivot })
    }

    /// `x` with `A x = b`.
    pub(super) fn solve(&self, b: &[f64]) -> Vec<f64> {
        let n = b.len();
        let mut y: Vec<f64> = self.pivot.iter().map(|&p| b[p]).collect();
        for i in 0..n {
            y[i] -= dot(&self.lu[i], &y, 0..i);
        }
        for i in (0..n).rev() {
            y[i] = (y[i] - dot(&self.lu[i], &y, i + 1..n)) / self.lu[i][i];
        }
        y
    }

    /// `(A⁻¹)ₖₖ`: [`Self::solve`] of the unit vector `eₖ`, skipping the forward steps before its
    /// one nonzero entry and the backward steps past `k`, which leave the same bits; a third of
    /// the work of a full solve on average.
    pub(super) fn inverse_diagonal(&self, k: usize) -> f64 {
        let n = self.lu.len();
        let Some(first) = self.pivot.iter().position(|&p| p == k) else { return 0.0 };
        let mut y = vec![0.0; n];
        y[first] = 1.0;
        for i in first + 1..n {
            y[i] -= dot(&self.lu[i], &y, first..i);
        }
        for i in (k..n).rev() {
            y[i] = (y[i] - dot(&self.lu[i], &y, i + 1..n)) / self.lu[i][i];
        }
        y[k]
    }

    /// `x` with `Aᵀ x = b`.
    pub(super) fn solve_transposed(&self, b: &[f64]) -> Vec<f64> {
        let n = b.len();
        // Aᵀ = Uᵀ Lᵀ Pᵀ… with P A = L U: solve Uᵀ z = b, then Lᵀ w = z, then x = Pᵀ w.
        let mut z = b.to_vec();
        for i in 0..n {
            for k in 0..i {
                z[i] -= self.lu[k][i] * z[k];
            }
            z[i] /= self.lu[i][i];
        }
        for i in (0..n).rev() {
            for k in i + 1..n {
                z[i] -= self.lu[k][i] * z[k];
            }
        }
        let mut x = vec![0.0; n];
        for (i, &p) in self.pivot.iter().enumerate() {
            x[p] = z[i];
        }
        x
    }
}

/// `Σ a[m] · b[m]` over `range`, in four running sums, one per `m mod 4`, added at the end: four
/// chains of additions instead of one, so the sum runs at the machine's pace rather than one
/// addition's latency at a time. Terms are placed by their index, not by where `range` starts, so
/// zero terms left out at its start leave the same bits ([`Lu::inverse_diagonal`] relies on it).
fn dot(a: &[f64], b: &[f64], range: std::ops::Range<usize>) -> f64 {
    let mut lanes = [0.0; 4];
    let aligned = range.start.next_multiple_of(4).min(range.end);
    for m in range.start..aligned {
        lanes[m % 4] += a[m] * b[m];
    }
    let whole = aligned + (range.end - aligned) / 4 * 4;
    for (a, b) in a[aligned..whole].chunks_exact(4).zip(b[aligned..whole].chunks_exact(4)) {
        for lane in 0..4 {
            lanes[lane] += a[lane] * b[lane];
        }
    }
    for m in whole..range.end {
        lanes[m % 4] += a[m] * b[m];
    }
    (lanes[0] + lanes[1]) + (lanes[2] + lanes[3])
}

#[cfg(test)]
mod tests {
    use super::{Lu, dot};

    #[test]
    fn dots_place_terms_by_index() {
        let a: Vec<f64> = (0..11).map(|i| f64::from(i) * 0.1 + 0.3).collect();
        let b: Vec<f64> = (0..11).map(|i| 1.0 / (f64::from(i) + 1.7)).collect();
        let plain: f64 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
        assert!((dot(&a, &b, 0..11) - plain).abs() < 1e-15);
        // Zero terms at the start, left out or not: the same bits.
        let mut c = b.clone();
        c[..5].fill(0.0);
        assert_eq!(dot(&a, &c, 5..11).to_bits(), dot(&a, &c, 0..11).to_bits());
        assert_eq!(dot(&a, &c, 3..3), 0.0);
    }

    #[test]
    fn inverse_diagonal_is_the_full_solve_to_the_bit() {
        // A diagonally weak, non-symmetric matrix, so that pivoting reorders the rows.
        let n = 23;
        let mut seed = 7_u64;
        let mut next = || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (seed >> 11) as f64 / (1_u64 << 53) as f64 - 0.5
        };
        let matrix: Vec<Vec<f64>> = (0..n).map(|_| (0..n).map(|_| next()).collect()).collect();
        let lu = Lu::new(matrix).unwrap();
        assert!(lu.pivot.iter().enumerate().any(|(i, &p)| i != p), "the test needs row swaps");
        for k in 0..n {
            let mut unit = vec![0.0; n];
            unit[k] = 1.0;
            assert_eq!(lu.inverse_diagonal(k).to_bits(), lu.solve(&unit)[k].to_bits(), "k = {k}");
        }
    }
}
