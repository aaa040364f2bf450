//! Exact Markov removal effects, checked against rational arithmetic done here: the test builds
//! its own transition counts and solves the absorbing chain with fractions, so nothing is shared
//! with the code under test but the paths.
//! Runs natively and in wasm.

use std::fmt::Write as _;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use kol_attribution::markov::first_order;
use kol_attribution::{PathsOptions, read_paths};

/// `(path, conversions, nulls)`: a self-loop (A > A), a channel that never converts (D), and a
/// path that only ends in null (C).
const PATHS: [(&[usize], i128, i128); 5] =
    [(&[0, 1], 2, 1), (&[0, 0, 2], 1, 2), (&[1, 2], 1, 0), (&[2], 0, 3), (&[3, 1], 0, 2)];
const NAMES: [&str; 4] = ["A", "B", "C", "D"];

#[derive(Clone, Copy, Debug, PartialEq)]
struct Fraction(i128, i128);

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 { a.abs() } else { gcd(b, a % b) }
}

impl Fraction {
    fn new(n: i128, d: i128) -> Self {
        let g = gcd(n, d).max(1) * d.signum();
        Self(n / g, d / g)
    }
    fn add(self, o: Self) -> Self {
        Self::new(self.0 * o.1 + o.0 * self.1, self.1 * o.1)
    }
    fn sub(self, o: Self) -> Self {
        self.add(Self(-o.0, o.1))
    }
    fn mul(self, o: Self) -> Self {
        Self::new(self.0 * o.0, self.1 * o.1)
    }
    fn div(self, o: Self) -> Self {
        Self::new(self.0 * o.1, self.1 * o.0)
    }
    fn f64(self) -> f64 {
        self.0 as f64 / self.1 as f64
    }
}

/// `P(conv)` from start, exactly. With `removed`, the chain fitted on every path is kept but each
/// transition into that channel goes to null instead (the removal effect's definition).
fn exact_conversion(removed: Option<usize>) -> Fraction {
    let n = NAMES.len() + 1; // start + channels
    let (conv, null) = (n, n + 1);
    let mut counts = vec![vec![0_i128; n + 2]; n];
    for &(path, conversions, nulls) in &PATHS {
        let mut from = 0;
        for &c in path {
            counts[from][c + 1] += conversions + nulls;
            from = c + 1;
        }
        counts[from][conv] += conversions;
        counts[from][null] += nulls;
    }
    if let Some(k) = removed {
        for row in &mut counts {
            row[null] += row[k + 1];
            row[k + 1] = 0;
        }
    }
    // Solve (I − Q) x = r by Gauss–Jordan over fractions.
    let mut m: Vec<Vec<Fraction>> = (0..n)
        .map(|i| {
            let total: i128 = counts[i].iter().sum();
            let p = |j: usize| if total == 0 { Fraction(0, 1) } else { Fraction::new(counts[i][j], total) };
            let mut row: Vec<Fraction> = (0..n).map(|j| Fraction(i128::from(i == j), 1).sub(p(j))).collect();
            row.push(p(conv));
            row
        })
        .collect();
    for col in 0..n {
        let pivot = (col..n).find(|&r| m[r][col].0 != 0).expect("the chain is absorbing");
        m.swap(col, pivot);
        let lead = m[col][col];
        for cell in &mut m[col] {
            *cell = cell.div(lead);
        }
        let pivot_row = m[col].clone();
        for (r, row) in m.iter_mut().enumerate() {
            if r != col && row[col].0 != 0 {
                let factor = row[col];
                for (cell, &above) in row.iter_mut().zip(&pivot_row) {
                    *cell = cell.sub(factor.mul(above));
                }
            }
        }
    }
    m[0][n]
}

fn paths_csv() -> String {
    let mut csv = String::from("path,total_conversions,total_conversion_value,total_null\n");
    for &(path, conversions, nulls) in &PATHS {
        let names: Vec<&str> = path.iter().map(|&c| NAMES[c]).collect();
        let _ = writeln!(csv, "{},{conversions},0,{nulls}", names.join(" > "));
    }
    csv
}

#[test]
fn conversion_and_removal_probabilities_are_exact() {
    let table = read_paths(&paths_csv(), &PathsOptions::default()).unwrap();
    let chain = first_order(&table).unwrap();
    let p = exact_conversion(None);
    assert!((chain.conversion_probability - p.f64()).abs() < 1e-12, "{} vs {:?}", chain.conversion_probability, p);
    for (k, name) in NAMES.iter().enumerate() {
        let channel = table.channels().names().iter().position(|n| n == name).unwrap();
        let exact = exact_conversion(Some(k));
        assert!(
            (chain.removed_probability[channel] - exact.f64()).abs() < 1e-12,
            "{name}: {} vs {:?}",
            chain.removed_probability[channel],
            exact
        );
        let effect = 1.0 - exact.f64() / p.f64();
        assert!((chain.removal_effect[channel] - effect).abs() < 1e-12, "{name}");
    }
    // No path through D converted, yet the first-order chain forgets where a journey came from:
    // D leads into B, and B converts, so D keeps a removal effect, smaller than B's own.
    let position = |name: &str| table.channels().names().iter().position(|n| n == name).unwrap();
    let (d, b) = (chain.removal_effect[position("D")], chain.removal_effect[position("B")]);
    assert!(d > 0.0 && d < b, "D {d}, B {b}");
}

#[test]
fn the_transition_matrix_is_reported_and_rows_sum_to_one() {
    let table = read_paths(&paths_csv(), &PathsOptions::default()).unwrap();
    let chain = first_order(&table).unwrap();
    assert_eq!(chain.transitions.len(), NAMES.len() + 3);
    for row in &chain.transitions {
        assert!((row.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }
    // A's self-loop: from A, 3 of 10 journeys' transitions go back to A (the A > A > C row).
    let a = 1 + table.channels().names().iter().position(|n| n == "A").unwrap();
    assert!((chain.transitions[a][a] - 3.0 / 9.0).abs() < 1e-12, "{:?}", chain.transitions[a]);
    assert_eq!(first_order(&table), Some(chain), "the same answer on every run");
}
