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
