//! The exact Hessian of the incremental model's negative log-posterior, and Newton's method on it.
//!
//! A segment's loss is `L(Λ)`: `−log(1 − e^(−Λ))` when it converted, `Λ` when not, with
//! `Λ = b + Σ h` over its touches. Its Hessian in the parameters is
//!
//! ```text
//! ∇²L = L''(Λ) · ∇Λ ∇Λᵀ  +  L'(Λ) · ∇²Λ
//! ```
//!
//! `L''` is zero for a segment that did not convert, so the outer product is needed for converting
//! segments only (a tenth of them, with a few dozen non-zero slopes each); `∇²Λ` is a sum over
//! touches that depends on the segment only through `L'`, so it is gathered per kind of touch in
//! the same pass and spread over the parameters once. A touch's hazard `h = e^η · e^(−r·a)`, with
//! `η` the sum of its kind's parameters (each with coefficient 1) and `r = ln 2 · e^(−ℓ)` for the
//! log half-life `ℓ`, has
//!
//! ```text
//! ∂h/∂η = h,  ∂h/∂ℓ = h·u,  ∂²h/∂η² = h,  ∂²h/∂η∂ℓ = h·u,  ∂²h/∂ℓ² = h·(u² − u),   u = r·a
//! ```
//!
//! and the baseline `b = e^β` has `∂b/∂β = ∂²b/∂β² = b`. The priors add their precisions to the
//! diagonal; an experiment adds its Gauss–Newton term `∇m ∇mᵀ / sd²` (what the fit needs to move
//! toward it, and always positive semi-definite).
//!
//! With a few hundred parameters (a campaign of a few hundred creators) one dense Cholesky
//! factorisation is cheap, and Newton's method reaches the optimum in a handful of passes over the
//! journeys where L-BFGS took over a hundred; far from the optimum the Hessian may be indefinite,
//! so the diagonal is raised until it factorises (Levenberg's damping), and each step is
//! backtracked until the objective falls. Above [`DENSE_LIMIT`] parameters the factorisation
//! would cost more than the passes it saves, and the fit keeps to L-BFGS.

// The method's own notation (f, g, h, u, d, x; L' and L'').
#![allow(clippy::many_single_char_names, clippy::similar_names)]

use super::groups::{Groups, group_shares};
use super::lbfgs::{Outcome, Stop};
use super::likelihood::{Problem, Scratch};
use super::parameters::{Layout, Tables, decay_rate};
use super::segments::{HOURS_PER_DAY, Kind, Role};

/// The most parameters the fit factorises densely (a campaign of about 570 creators): at this
/// size one factorisation costs about as much as one pass over a million journeys.
pub(crate) const DENSE_LIMIT: usize = 600;
/// The most backtracking halvings of one Newton step.
const HALVINGS: usize = 40;

/// The parameters a kind of touch's `η` sums: its tier, its creator, its touch type (views have
/// none) and its role's effect (touches between others have none).
fn parameters_of(layout: Layout, kind: Kind) -> ([usize; 4], usize) {
    let tier = usize::from(kind.tier);
    let mut out = [layout.tier(tier), layout.creator(kind.creator as usize), 0, 0];
    let mut len = 2;
    if let Some(k) = layout.kind(usize::from(kind.touch_type)) {
        out[len] = k;
        len += 1;
    }
    match kind.role {
        Role::Opening => {
            out[len] = layout.opening(tier);
            len += 1;
        }
        Role::Closing => {
            out[len] = layout.closing(tier);
            len += 1;
        }
        Role::Between => {}
    }
    (out, len)
}

impl Problem<'_> {
    /// The Hessian of [`Problem::evaluate`]'s objective at `theta`, dense and row-major (`n × n`):
    /// exact for the journeys and the priors, Gauss–Newton for the experiments.
    pub(crate) fn hessian(&self, theta: &[f64]) -> Vec<f64> {
        let (segments, layout) = (self.segments, self.layout);
        let n = layout.len();
        let mut tables = Tables::default();
        tables.fill(theta, layout, segments);
        let baseline = libm::exp(theta[Layout::BASELINE]);
        let per_hour = decay_rate(theta) / HOURS_PER_DAY;
        let kinds: Vec<([usize; 4], usize)> = segments.kinds.iter().map(|&k| parameters_of(layout, k)).collect();
        let mut matrix = vec![0.0; n * n];
        // Per kind: Σ L'·h and Σ L'·h·u; over all touches Σ L'·h·(u² − u); over segments Σ L'·b.
        let (mut kind_h, mut kind_hu) = (vec![0.0; kinds.len()], vec![0.0; kinds.len()]);
        let (mut age_age, mut base_base) = (0.0, 0.0);
        // One converting segment's slope of Λ, gathered per parameter (a journey of thousands of
        // touches has a handful of distinct parameters): `slope` by parameter, `used` which
        // (in the order first met, so the sums' order is fixed).
        let (mut slope, mut marked, mut used) = (vec![0.0; n], vec![false; n], Vec::<usize>::new());
        for (s, bounds) in segments.bounds.windows(2).enumerate() {
            let weight = self.weights.map_or(1.0, |w| w[s]);
            if weight == 0.0 {
                continue;
            }
            let range = bounds[0]..bounds[1];
            let mut lambda = baseline;
            for t in range.clone() {
                lambda += tables.hazard(segments, t);
            }
            let converted = segments.converted(s);
            let (first, second) = if converted {
                let e = libm::expm1(lambda);
                (-1.0 / e, (e + 1.0) / (e * e))
            } else {
                (1.0, 0.0)
            };
            let (first, second) = (weight * first, weight * second);
            base_base += first * baseline;
            let mut add = |p: usize, x: f64| {
                if !marked[p] {
                    marked[p] = true;
                    used.push(p);
                }
                slope[p] += x;
            };
            if converted {
                add(Layout::BASELINE, baseline);
            }
            for t in range {
                let k = segments.kind[t] as usize;
                let h = tables.hazard(segments, t);
                let u = per_hour * f64::from(segments.hours[t]);
                kind_h[k] += first * h;
                kind_hu[k] += first * h * u;
                age_age += first * h * (u * u - u);
                if converted {
                    let (params, len) = kinds[k];
                    for &p in &params[..len] {
                        add(p, h);
                    }
                    add(Layout::HALF_LIFE, h * u);
                }
            }
            for &i in &used {
                let row = &mut matrix[i * n..(i + 1) * n];
                for &j in &used {
                    row[j] += second * slope[i] * slope[j];
                }
            }
            for &i in &used {
                slope[i] = 0.0;
                marked[i] = false;
            }
            used.clear();
        }
        matrix[Layout::BASELINE * n + Layout::BASELINE] += base_base;
        matrix[Layout::HALF_LIFE * n + Layout::HALF_LIFE] += age_age;
        for (k, &(params, len)) in kinds.iter().enumerate() {
            for &i in &params[..len] {
                for &j in &params[..len] {
                    matrix[i * n + j] += kind_h[k];
                }
                matrix[i * n + Layout::HALF_LIFE] += kind_hu[k];
                matrix[Layout::HALF_LIFE * n + i] += kind_hu[k];
            }
        }
        for i in 0..n {
            matrix[i * n + i] += 1.0 / layout.prior_sd(i, self.creator_sd).powi(2);
        }
        for held in self.measurements {
            let groups = Groups { of: &held.members, count: 1 };
            let g = &group_shares(theta, layout, &tables, segments, groups, &held.weight, true).gradients[0];
            let precision = 1.0 / (held.sd * held.sd);
            for i in (0..n).filter(|&i| g[i] != 0.0) {
                for j in 0..n {
                    matrix[i * n + j] += precision * g[i] * g[j];
                }
            }
        }
        matrix
    }
}

/// The lower Cholesky factor of the symmetric positive definite `a` (`n × n`, row-major), in
/// place; `false` when `a` is not positive definite.
pub(crate) fn cholesky(a: &mut [f64], n: usize) -> bool {
    for j in 0..n {
        let mut d = a[j * n + j];
        for k in 0..j {
            d -= a[j * n + k] * a[j * n + k];
        }
        if d <= 0.0 || !d.is_finite() {
            return false;
        }
        let d = d.sqrt();
        a[j * n + j] = d;
        for i in j + 1..n {
            let mut x = a[i * n + j];
            for k in 0..j {
                x -= a[i * n + k] * a[j * n + k];
            }
            a[i * n + j] = x / d;
        }
    }
    true
}

/// `x` with `L·Lᵀ·x = b`, for the factor [`cholesky`] left in `l`.
pub(crate) fn solve(l: &[f64], n: usize, b: &[f64]) -> Vec<f64> {
    let mut y = b.to_vec();
    for i in 0..n {
        let mut x = y[i];
        for k in 0..i {
            x -= l[i * n + k] * y[k];
        }
        y[i] = x / l[i * n + i];
    }
    for i in (0..n).rev() {
        let mut x = y[i];
        for k in i + 1..n {
            x -= l[k * n + i] * y[k];
        }
        y[i] = x / l[i * n + i];
    }
    y
}

/// The Cholesky factor of `matrix` with its diagonal raised as little as it must be to factorise.
pub(crate) fn damped_factor(matrix: &[f64], n: usize) -> Vec<f64> {
    let scale = (0..n).map(|i| matrix[i * n + i].abs()).fold(0.0, f64::max).max(1.0);
    let mut damping = 0.0;
    loop {
        let mut factor = matrix.to_vec();
        for i in 0..n {
            factor[i * n + i] += damping;
        }
        if cholesky(&mut factor, n) {
            return factor;
        }
        damping = if damping == 0.0 { 1e-10 * scale } else { damping * 10.0 };
    }
}

/// Minimises the problem's objective from `theta`, in place, by damped Newton steps.
pub(crate) fn minimise(problem: &Problem<'_>, theta: &mut [f64], stop: Stop, scratch: &mut Scratch) -> Outcome {
    let n = theta.len();
    let mut gradient = vec![0.0; n];
    let mut value = problem.evaluate(theta, &mut gradient, scratch);
    let (mut evaluations, mut iterations, mut converged) = (1, 0, false);
    let (mut candidate, mut candidate_gradient) = (vec![0.0; n], vec![0.0; n]);
    while iterations < stop.iterations {
        if gradient.iter().all(|g| g.abs() <= stop.gradient) {
            converged = true;
            break;
        }
        iterations += 1;
        let factor = damped_factor(&problem.hessian(theta), n);
        let step: Vec<f64> = solve(&factor, n, &gradient).into_iter().map(|x| -x).collect();
        let slope: f64 = step.iter().zip(&gradient).map(|(d, g)| d * g).sum();
        let mut length = 1.0;
        let mut accepted = None;
        for _ in 0..HALVINGS {
            for i in 0..n {
                candidate[i] = theta[i] + length * step[i];
            }
            let next = problem.evaluate(&candidate, &mut candidate_gradient, scratch);
            evaluations += 1;
            if next.is_finite() && next <= value + 1e-4 * length * slope {
                accepted = Some(next);
                break;
            }
            length *= 0.5;
        }
        let Some(next) = accepted else {
            // No step lowers the objective: it is at its optimum to the precision of a double.
            converged = true;
            break;
        };
        theta.copy_from_slice(&candidate);
        gradient.copy_from_slice(&candidate_gradient);
        let change = value - next;
        value = next;
        // Newton's decrement −g·d/2 is how far the objective still is from its optimum.
        if change <= stop.relative_change * value.abs().max(1.0)
            && -slope * 0.5 <= stop.relative_change * value.abs().max(1.0)
        {
            converged = true;
            break;
        }
    }
    Outcome { value, iterations, evaluations, converged }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::incremental::parameters::CREATOR_SD;
    use crate::attribution::incremental::segments::Segments;
    use crate::campaign::test_support::campaign;

    #[test]
    fn the_hessian_is_the_gradients_slope() {
        let c = campaign(
            "u1,big,2025-04-01 12:00,view\nu1,mid,2025-04-03 12:00,save\nu1,koc,2025-04-05 12:00,click\n\
             u2,koc,2025-04-03 12:00,view\nu3,mid,2025-04-02 12:00,like\nu3,big,2025-04-04 12:00,comment\n\
             u4,big,2025-04-02 09:00,save\nu4,big,2025-04-03 09:00,view\n",
            "o1,u1,2025-04-06 12:00,300,\no3,u3,2025-04-05 12:00,80,\no4,u4,2025-04-03 10:00,50,\n",
        );
        let segments = Segments::of_window(&c, 30);
        let layout = Layout { tiers: c.tiers.count(), creators: c.roster.len() };
        let means = layout.prior_means(0.3, 2.0);
        let problem = Problem {
            segments: &segments,
            layout,
            weights: None,
            prior_means: &means,
            creator_sd: CREATOR_SD,
            measurements: &[],
        };
        let n = layout.len();
        let theta: Vec<f64> = (0..n).map(|i| means[i] + 0.3 * ((i * 7 % 5) as f64 - 2.0)).collect();
        let hessian = problem.hessian(&theta);
        let mut scratch = Scratch::default();
        let (mut up, mut down) = (vec![0.0; n], vec![0.0; n]);
        for j in 0..n {
            let step = 1e-5;
            let (mut a, mut b) = (theta.clone(), theta.clone());
            a[j] += step;
            b[j] -= step;
            problem.evaluate(&a, &mut up, &mut scratch);
            problem.evaluate(&b, &mut down, &mut scratch);
            for i in 0..n {
                let numeric = (up[i] - down[i]) / (2.0 * step);
                let exact = hessian[i * n + j];
                assert!((numeric - exact).abs() < 1e-5 * (1.0 + numeric.abs()), "({i}, {j}): {numeric} vs {exact}");
            }
        }
    }

    #[test]
    fn cholesky_solves_a_known_system() {
        // [[4, 2], [2, 3]] x = [2, 1] has x = [0.5, 0].
        let mut a = vec![4.0, 2.0, 2.0, 3.0];
        assert!(cholesky(&mut a, 2));
        assert_eq!(solve(&a, 2, &[2.0, 1.0]), vec![0.5, 0.0]);
        assert!(!cholesky(&mut [1.0, 2.0, 2.0, 1.0], 2), "indefinite");
    }
}
