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
            for k in 0..i {
                y[i] -= self.lu[i][k] * y[k];
            }
        }
        for i in (0..n).rev() {
            for k in i + 1..n {
                y[i] -= self.lu[i][k] * y[k];
            }
            y[i] /= self.lu[i][i];
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
            for m in first..i {
                y[i] -= self.lu[i][m] * y[m];
            }
        }
        for i in (k..n).rev() {
            for m in i + 1..n {
                y[i] -= self.lu[i][m] * y[m];
            }
            y[i] /= self.lu[i][i];
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

#[cfg(test)]
mod tests {
    use super::Lu;

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
