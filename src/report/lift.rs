//! Lift tests: experiments a brand ran (a holdout of users who were not shown a tier's notes,
//! creators paused in some cities for some weeks), entered with what they measured, and every
//! model held against them.
//!
//! A test names the creators whose touches were withheld (tiers and/or creator ids), the period
//! of the orders (`from` to `to`, both days included, in the campaign's time zone) and what it
//! measured with its 90% interval: incremental conversions, or the relative lift (`Δ / (N − Δ)`,
//! `N` the period's orders). Per window, every model implies a number for the same creators and
//! period, which falls inside the interval or not:
//! - `incremental`: the creators' credited conversions of the period's orders (its counterfactual
//!   shares); its fit takes the measurement in as a normal likelihood with the interval's standard
//!   error and, when the data still pulls it outside the interval, tightens that likelihood until
//!   it is inside: the experiment, which the brand ran to settle exactly this, wins;
//! - the rule-based models: the creators' weights summed over the period's orders;
//! - `markov` and `shapley`, which split no single order: the creators' share of the window's
//!   conversions times the period's orders.

use serde::{Deserialize, Serialize};

use crate::attribution::incremental::Measurement;
use crate::attribution::journey::{Lookback, walk};
use crate::attribution::models::{Model, ModelOptions};
use crate::attribution::window::OrderView;
use crate::campaign::Campaign;
use crate::error::Error;
use crate::read::time::DAY;
use crate::report::comparison::Comparison;

/// `z` of a two-sided 90% normal interval.
const Z_90: f64 = 1.644_853_626_951_472_2;

/// An experiment's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct LiftTest {
    /// What to call it in results (default: "test 1", "test 2", …).
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub name: String,
    /// Tiers whose creators' touches were withheld.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub tiers: Vec<String>,
    /// Creators (`kol_id`) whose touches were withheld.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub creators: Vec<String>,
    /// The period's first day, `YYYY-MM-DD`.
    pub from: String,
    /// The period's last day (included), `YYYY-MM-DD`.
    pub to: String,
    /// What it measured as incremental conversions (or give `relativeLift`).
    #[serde(default)]
    #[cfg_attr(test, ts(optional))]
    pub incremental_conversions: Option<f64>,
    /// What it measured as the relative lift, `0.12` for 12% (or give `incrementalConversions`).
    #[serde(default)]
    #[cfg_attr(test, ts(optional))]
    pub relative_lift: Option<f64>,
    /// The 90% interval's low end, in the same measure.
    pub low: f64,
    /// Its high end.
    pub high: f64,
}

/// One model's implied number for one test in one window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct LiftCheck {
    /// The test's name.
    pub test: String,
    /// The lookback window, in days.
    pub days: u32,
    /// The model.
    pub model: Model,
    /// What the model implies, in the test's measure.
    pub implied: f64,
    /// What the test measured.
    pub measured: f64,
    /// Its 90% interval.
    pub low: f64,
    /// Its 90% interval's high end.
    pub high: f64,
    /// Whether the model's number is inside the interval.
    pub inside: bool,
}

/// A test resolved against a campaign: its creators, period and measure in conversions.
#[derive(Debug, Clone)]
pub(crate) struct Resolved {
    name: String,
    relative: bool,
    measured: f64,
    low: f64,
    high: f64,
    /// Orders placed in the period.
    orders: f64,
    measurement: Measurement,
}

fn refuse(i: usize, field: &str, value: impl std::fmt::Display, reason: impl Into<String>) -> Error {
    Error::invalid_option(&format!("liftTests[{i}].{field}"), value, reason)
}

/// Local midnight of a `YYYY-MM-DD` day, in Unix seconds.
fn day_start(i: usize, field: &str, text: &str, offset_minutes: i32) -> Result<i64, Error> {
    let date = chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| refuse(i, field, text, "must be a real date written YYYY-MM-DD"))?;
    let midnight = date.and_hms_opt(0, 0, 0).map_or(0, |t| t.and_utc().timestamp());
    Ok(midnight - i64::from(offset_minutes) * 60)
}

/// Checks every test and resolves it against `campaign`.
///
/// # Errors
/// [`Error::InvalidOption`] naming the test's field: an unknown tier or creator, an impossible
/// date, a period that ends before it starts, both or neither measure, an interval that does not
/// hold the measure.
pub(crate) fn resolve(campaign: &Campaign, tests: &[LiftTest], offset_minutes: i32) -> Result<Vec<Resolved>, Error> {
    let creators = campaign.roster.creators();
    tests
        .iter()
        .enumerate()
        .map(|(i, test)| {
            if test.tiers.is_empty() && test.creators.is_empty() {
                return Err(refuse(i, "tiers", "[]", "name the tiers or creators whose touches were withheld"));
            }
            let mut members = vec![false; creators.len()];
            for tier in &test.tiers {
                let found = campaign.tiers.by_name(tier).ok_or_else(|| {
                    let names: Vec<&str> = campaign.tiers.specs().iter().map(|s| s.name.as_str()).collect();
                    refuse(i, "tiers", tier, format!("no such tier; the tiers are {}", names.join(", ")))
                })?;
                for (m, c) in members.iter_mut().zip(creators) {
                    *m |= c.tier == found;
                }
            }
            for id in &test.creators {
                let c = creators
                    .iter()
                    .position(|c| &c.id == id)
                    .ok_or_else(|| refuse(i, "creators", id, "no such creator in the roster"))?;
                members[c] = true;
            }
            let from = day_start(i, "from", &test.from, offset_minutes)?;
            let until = day_start(i, "to", &test.to, offset_minutes)? + DAY;
            if until <= from {
                return Err(refuse(i, "to", &test.to, "the period ends before it starts"));
            }
            let (measured, relative) = match (test.incremental_conversions, test.relative_lift) {
                (Some(x), None) => (x, false),
                (None, Some(r)) => (r, true),
                _ => {
                    return Err(refuse(
                        i,
                        "incrementalConversions",
                        "",
                        "give exactly one measure: incremental conversions or relative lift",
                    ));
                }
            };
            let measure = if relative { "relative lift" } else { "incremental conversions" };
            let finite = [measured, test.low, test.high].iter().all(|x| x.is_finite());
            if !(finite && test.low <= measured && measured <= test.high) || test.low >= test.high {
                return Err(refuse(
                    i,
                    "low",
                    test.low,
                    format!("the 90% interval must hold the measured {measure} and have some width: low < high"),
                ));
            }
            if relative && test.low <= -1.0 {
                return Err(refuse(i, "low", test.low, "a relative lift is above −1 (−100%)"));
            }
            let orders = campaign.orders.at.iter().filter(|&&at| (from..until).contains(&at)).count() as f64;
            // A relative lift r of N orders is r·N/(1 + r) conversions; the interval likewise.
            let conversions = |x: f64| if relative { x / (1.0 + x) * orders } else { x };
            let sd = (conversions(test.high) - conversions(test.low)) / (2.0 * Z_90);
            let name =
                if test.name.trim().is_empty() { format!("test {}", i + 1) } else { test.name.trim().to_owned() };
            Ok(Resolved {
                name,
                relative,
                measured,
                low: test.low,
                high: test.high,
                orders,
                measurement: Measurement {
                    members,
                    from,
                    until,
                    conversions: conversions(measured),
                    interval: [conversions(test.low), conversions(test.high)],
                    sd,
                },
            })
        })
        .collect()
}

impl Resolved {
    /// The measurement the incremental model's fit is held to.
    pub(crate) fn measurement(&self) -> Measurement {
        self.measurement.clone()
    }

    /// A model's implied conversions, as the test's row.
    fn check(&self, days: u32, model: Model, conversions: f64) -> LiftCheck {
        let implied = if self.relative {
            let rest = self.orders - conversions;
            if rest > 0.0 { conversions / rest } else { f64::INFINITY }
        } else {
            conversions
        };
        LiftCheck {
            test: self.name.clone(),
            days,
            model,
            implied,
            measured: self.measured,
            low: self.low,
            high: self.high,
            inside: (self.low..=self.high).contains(&implied),
        }
    }
}

/// Every model's rows for every test in one window: `creators` is the window's creator-level
/// comparison, `incremental` what the incremental model's fit implies per test (when computed).
pub(crate) fn checks<'l>(
    campaign: &Campaign,
    tests: &[Resolved],
    lookback: impl Into<Lookback<'l>>,
    creators: &Comparison,
    options: &ModelOptions,
    incremental: Option<&[f64]>,
) -> Vec<LiftCheck> {
    let lookback = lookback.into();
    let mut rows = Vec::new();
    let rules: Vec<Model> = creators.models.iter().copied().filter(|m| !m.is_data_driven()).collect();
    for (t, test) in tests.iter().enumerate() {
        let on_orders = rule_conversions(campaign, lookback, &rules, options, &test.measurement);
        for (m, &model) in creators.models.iter().enumerate() {
            let conversions = match model {
                Model::Incremental => incremental.map_or(0.0, |implied| implied[t]),
                _ if !model.is_data_driven() => on_orders[rules.iter().position(|&r| r == model).unwrap_or(0)],
                _ => {
                    // The creators' share of the window's conversions, applied to the period's orders.
                    let per = creators.channels.len();
                    let credited: f64 = creators.credits[m * per..(m + 1) * per]
                        .iter()
                        .zip(&test.measurement.members)
                        .filter(|&(_, &member)| member)
                        .map(|(c, _)| c.conversions)
                        .sum();
                    let total = creators.totals.conversions;
                    if total > 0.0 { credited / total * test.orders } else { 0.0 }
                }
            };
            rows.push(test.check(lookback.label(), model, conversions));
        }
    }
    rows
}

/// Per rule-based model, the withheld creators' weights summed over the period's orders.
fn rule_conversions<'l>(
    campaign: &Campaign,
    lookback: impl Into<Lookback<'l>>,
    rules: &[Model],
    options: &ModelOptions,
    measurement: &Measurement,
) -> Vec<f64> {
    let lookback = lookback.into();
    let mut sums = vec![0.0; rules.len()];
    let (mut view, mut weights) = (OrderView::new(), Vec::new());
    let at = &campaign.orders.at;
    walk(
        campaign,
        lookback,
        |order| {
            if !(measurement.from..measurement.until).contains(&at[order.order]) {
                return;
            }
            view.load(campaign, &order, options.click_window_hours);
            for (sum, &model) in sums.iter_mut().zip(rules) {
                let touched = view.weights(campaign, model, options, &mut weights);
                *sum += touched
                    .iter()
                    .zip(&weights)
                    .filter(|&(&c, _)| measurement.members[c as usize])
                    .map(|(_, w)| w)
                    .sum::<f64>();
            }
        },
        |_| {},
    );
    sums
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::bootstrap::Intervals;
    use crate::campaign::sample::{SampleOptions, sample_campaign};
    use crate::report::campaign::{ReportOptions, campaign_report};

    fn options(tests: Vec<LiftTest>) -> ReportOptions {
        ReportOptions {
            windows: vec![90],
            models: vec![Model::LastTouch, Model::Linear, Model::Markov, Model::Incremental],
            intervals: Intervals { resamples: 0 },
            lift_tests: tests,
            ..ReportOptions::default()
        }
    }

    fn koc_test(conversions: f64, spread: f64) -> LiftTest {
        LiftTest {
            name: "KOC holdout".into(),
            tiers: vec!["KOC".into()],
            creators: vec![],
            from: "2025-04-01".into(),
            to: "2025-05-31".into(),
            incremental_conversions: Some(conversions),
            relative_lift: None,
            low: conversions - spread,
            high: conversions + spread,
        }
    }

    #[test]
    fn every_model_is_held_against_the_test_and_the_incremental_fit_takes_it_in() {
        let sample = sample_campaign(&SampleOptions { journeys: 6000, ..SampleOptions::default() }).unwrap();
        // A loose test first: what each model says on its own.
        let free = campaign_report(&sample.inputs, &options(vec![koc_test(100.0, 1000.0)])).unwrap();
        assert_eq!(free.lift_checks.len(), 4, "one row per model");
        let implied = |report: &crate::report::campaign::CampaignReport, model: Model| {
            report.lift_checks.iter().find(|c| c.model == model).unwrap().implied
        };
        let (free_incremental, free_linear) = (implied(&free, Model::Incremental), implied(&free, Model::Linear));
        assert!(free_incremental > 10.0, "{free_incremental}");
        // A tight test at half of it: the incremental model moves to agree, the rules do not.
        let target = free_incremental / 2.0;
        let held = campaign_report(&sample.inputs, &options(vec![koc_test(target, target * 0.05)])).unwrap();
        let row = held.lift_checks.iter().find(|c| c.model == Model::Incremental).unwrap();
        assert!((row.implied - target).abs() < 0.15 * target, "{} against {target}", row.implied);
        assert_eq!(implied(&held, Model::Linear), free_linear);
        let linear = held.lift_checks.iter().find(|c| c.model == Model::Linear).unwrap();
        assert!(!linear.inside, "linear gives KOC far more than half: {}", linear.implied);
    }

    #[test]
    fn a_relative_lift_is_read_in_conversions_of_the_period() {
        let sample = sample_campaign(&SampleOptions { journeys: 3000, ..SampleOptions::default() }).unwrap();
        let test = LiftTest {
            incremental_conversions: None,
            relative_lift: Some(0.25),
            low: 0.1,
            high: 0.4,
            ..koc_test(0.0, 1.0)
        };
        let report = campaign_report(&sample.inputs, &options(vec![test])).unwrap();
        for row in &report.lift_checks {
            assert_eq!((row.measured, row.low, row.high), (0.25, 0.1, 0.4));
            assert!(row.implied > 0.0 && row.implied.is_finite(), "{row:?}");
        }
    }

    #[test]
    fn a_test_that_cannot_be_read_is_refused_by_its_field() {
        let sample = sample_campaign(&SampleOptions { journeys: 300, ..SampleOptions::default() }).unwrap();
        let refused = |test: LiftTest| match campaign_report(&sample.inputs, &options(vec![test])).unwrap_err() {
            Error::InvalidOption { option, reason, .. } => format!("{option}: {reason}"),
            other @ Error::Input(_) => panic!("{other}"),
        };
        assert!(
            refused(LiftTest { tiers: vec!["giants".into()], ..koc_test(5.0, 1.0) })
                .starts_with("liftTests[0].tiers: no such tier")
        );
        assert!(
            refused(LiftTest { to: "2025-02-30".into(), ..koc_test(5.0, 1.0) })
                .starts_with("liftTests[0].to: must be a real date")
        );
        assert!(
            refused(LiftTest { relative_lift: Some(0.1), ..koc_test(5.0, 1.0) })
                .contains("exactly one measure: incremental conversions or relative lift")
        );
        assert!(refused(LiftTest { low: 6.0, ..koc_test(5.0, 1.0) }).starts_with("liftTests[0].low"));
        assert!(
            refused(LiftTest { from: "2025-06-01".into(), ..koc_test(5.0, 1.0) }).contains("ends before it starts")
        );
    }
}
