//! Limited-memory BFGS (Nocedal and Wright, *Numerical Optimization*, algorithm 7.4) with a
//! backtracking line search under the Armijo condition: enough to minimise a smooth convex-ish
//! objective of some thousands of parameters in a few dozen evaluations. Written here rather than
//! taken from a crate because the general optimisation crates bring far more code than the wasm
//! build should carry for one call; this one is deterministic (fixed order of every sum).

// The algorithm's own notation (s, y, x, f, g, rho), as in Nocedal and Wright.
#![allow(clippy::many_single_char_names, clippy::similar_names)]

/// When to stop.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Stop {
    /// The most iterations.
    pub iterations: usize,
    /// Stop when the objective improves by less than this fraction of itself in an iteration.
    pub relative_change: f64,
    /// Stop when every gradient entry is below this.
    pub gradient: f64,
}

/// How a minimisation ended.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Outcome {
    /// The objective at the end.
    pub value: f64,
    /// Iterations taken.
    pub iterations: usize,
    /// Objective evaluations taken.
    pub evaluations: usize,
    /// Whether a stopping rule other than the iteration limit ended it.
    pub converged: bool,
}

const MEMORY: usize = 8;

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Minimises `f` (which returns the value and writes the gradient) from `x`, in place.
/// `curvature`, when given, is an estimate of the Hessian's diagonal: the starting inverse
/// Hessian is its inverse (scaled by the usual `s·y / y·y` ratio in its metric), which matters
/// when the parameters' curvatures differ by orders of magnitude, as a tier's and a creator's do.
pub(crate) fn minimise(
    x: &mut [f64],
    stop: Stop,
    curvature: Option<&[f64]>,
    mut f: impl FnMut(&[f64], &mut [f64]) -> f64,
) -> Outcome {
    let inverse: Vec<f64> =
        curvature.map_or_else(|| vec![1.0; x.len()], |d| d.iter().map(|&c| 1.0 / c.max(1e-12)).collect());
    let n = x.len();
    let mut gradient = vec![0.0; n];
    let mut value = f(x, &mut gradient);
    let mut evaluations = 1;
    let (mut steps, mut changes): (Vec<Vec<f64>>, Vec<Vec<f64>>) = (Vec::new(), Vec::new());
    let mut rhos: Vec<f64> = Vec::new();
    let mut direction = vec![0.0; n];
    let mut alphas = [0.0; MEMORY];
    let (mut candidate, mut candidate_gradient) = (vec![0.0; n], vec![0.0; n]);
    for iteration in 0..stop.iterations {
        if gradient.iter().all(|g| g.abs() <= stop.gradient) {
            return Outcome { value, iterations: iteration, evaluations, converged: true };
        }
        // Two-loop recursion: direction = −H·g.
        direction.copy_from_slice(&gradient);
        for i in (0..steps.len()).rev() {
            alphas[i] = rhos[i] * dot(&steps[i], &direction);
            for (d, y) in direction.iter_mut().zip(&changes[i]) {
                *d -= alphas[i] * y;
            }
        }
        let scale = steps.last().map_or_else(
            || {
                if curvature.is_some() {
                    1.0
                } else {
                    1.0 / gradient.iter().map(|g| g.abs()).fold(0.0, f64::max).max(1.0)
                }
            },
            |s| {
                let y = changes.last().map_or(&[][..], Vec::as_slice);
                let weighted: f64 = y.iter().zip(&inverse).map(|(y, h)| y * y * h).sum();
                dot(s, y) / weighted
            },
        );
        for (d, h) in direction.iter_mut().zip(&inverse) {
            *d *= scale * h;
        }
        for i in 0..steps.len() {
            let beta = rhos[i] * dot(&changes[i], &direction);
            for (d, s) in direction.iter_mut().zip(&steps[i]) {
                *d += s * (alphas[i] - beta);
            }
        }
        for d in &mut direction {
            *d = -*d;
        }
        let mut slope = dot(&gradient, &direction);
        if slope >= 0.0 {
            // Not a descent direction (curvature lost): restart from steepest descent.
            steps.clear();
            changes.clear();
            rhos.clear();
            for (d, g) in direction.iter_mut().zip(&gradient) {
                *d = -g;
            }
            slope = -dot(&gradient, &gradient);
        }
        // Backtracking under the Armijo condition.
        let mut step = 1.0;
        let mut accepted = None;
        for _ in 0..40 {
            for ((c, &xi), &d) in candidate.iter_mut().zip(x.iter()).zip(&direction) {
                *c = xi + step * d;
            }
            let next = f(&candidate, &mut candidate_gradient);
            evaluations += 1;
            if next.is_finite() && next <= value + 1e-4 * step * slope {
                accepted = Some(next);
                break;
            }
            step *= 0.5;
        }
        let Some(next) = accepted else {
            return Outcome { value, iterations: iteration, evaluations, converged: true };
        };
        let s: Vec<f64> = candidate.iter().zip(x.iter()).map(|(c, xi)| c - xi).collect();
        let y: Vec<f64> = candidate_gradient.iter().zip(&gradient).map(|(a, b)| a - b).collect();
        let sy = dot(&s, &y);
        x.copy_from_slice(&candidate);
        gradient.copy_from_slice(&candidate_gradient);
        let improvement = value - next;
        value = next;
        if sy > 1e-12 * dot(&y, &y).max(f64::MIN_POSITIVE) {
            if steps.len() == MEMORY {
                steps.remove(0);
                changes.remove(0);
                rhos.remove(0);
            }
            steps.push(s);
            changes.push(y);
            rhos.push(1.0 / sy);
        }
        if improvement <= stop.relative_change * value.abs().max(1.0) {
            return Outcome { value, iterations: iteration + 1, evaluations, converged: true };
        }
    }
    Outcome { value, iterations: stop.iterations, evaluations, converged: false }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_minimum_of_rosenbrocks_valley() {
        let mut x = [-1.2, 1.0];
        let stop = Stop { iterations: 500, relative_change: 0.0, gradient: 1e-9 };
        let outcome = minimise(&mut x, stop, None, |x, g| {
            let (a, b) = (1.0 - x[0], x[1] - x[0] * x[0]);
            g[0] = -2.0 * a - 400.0 * x[0] * b;
            g[1] = 200.0 * b;
            a * a + 100.0 * b * b
        });
        assert!(outcome.converged, "{outcome:?}");
        assert!((x[0] - 1.0).abs() < 1e-6 && (x[1] - 1.0).abs() < 1e-6, "{x:?}");
    }

    #[test]
    fn a_quadratic_in_many_dimensions_takes_few_iterations() {
        let n = 200;
        let mut x = vec![0.0; n];
        let outcome =
            minimise(&mut x, Stop { iterations: 100, relative_change: 0.0, gradient: 1e-10 }, None, |x, g| {
                let mut value = 0.0;
                for (i, (&xi, gi)) in x.iter().zip(g.iter_mut()).enumerate() {
                    let scale = 1.0 + (i % 7) as f64;
                    let target = (i % 3) as f64;
                    value += 0.5 * scale * (xi - target).powi(2);
                    *gi = scale * (xi - target);
                }
                value
            });
        assert!(outcome.converged && outcome.iterations < 40, "{outcome:?}");
        assert!(x.iter().enumerate().all(|(i, &xi)| (xi - (i % 3) as f64).abs() < 1e-8));
        // Told the curvature, a badly scaled quadratic is solved at once.
        let scales: Vec<f64> = (0..n).map(|i| [1e-4, 1e-3, 1e-2, 0.1, 1.0, 10.0, 100.0, 1e3, 1e4][i % 9]).collect();
        let mut y = vec![0.0; n];
        let stop = Stop { iterations: 100, relative_change: 0.0, gradient: 1e-10 };
        let outcome = minimise(&mut y, stop, Some(&scales), |x, g| {
            let mut value = 0.0;
            for ((&xi, gi), &scale) in x.iter().zip(g.iter_mut()).zip(&scales) {
                value += 0.5 * scale * (xi - 1.0).powi(2);
                *gi = scale * (xi - 1.0);
            }
            value
        });
        assert!(outcome.converged && outcome.iterations <= 2, "{outcome:?}");
    }
}
