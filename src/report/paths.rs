//! Comparing an aggregated paths file (ChannelAttribution's format, or the warehouse SQL's
//! multi-window file): every requested model on its rows, and a paths file's Markov chain.

use serde::{Deserialize, Serialize};

use super::comparison::{Baseline, Comparison, apply_baseline, build};
use crate::attribution::fit::{Totals, model_credit};
use crate::attribution::markov::{MarkovChain, check_order, markov_chain};
use crate::attribution::models::{Model, ModelOptions};
use crate::error::Error;
use crate::paths::{PathTable, PathsOptions, read_path_windows, read_paths};

/// What to compute over a paths file, and how to read it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct CompareOptions {
    /// Models to compute, in report order (default: every model the paths support: all nine when
    /// they carry touch types and ages, else the six that need neither).
    #[cfg_attr(test, ts(optional))]
    pub models: Option<Vec<Model>>,
    /// The model every cell is compared against (default `last_touch`).
    #[cfg_attr(test, ts(optional = nullable))]
    pub baseline: Model,
    /// The models' parameters.
    #[cfg_attr(test, ts(optional = nullable))]
    pub model_options: ModelOptions,
    /// How to read the paths file.
    #[cfg_attr(test, ts(optional = nullable))]
    pub paths: PathsOptions,
}

impl Default for CompareOptions {
    fn default() -> Self {
        Self {
            models: None,
            baseline: Model::LastTouch,
            model_options: ModelOptions::default(),
            paths: PathsOptions::default(),
        }
    }
}

/// Reads a paths file and computes every requested model.
///
/// # Errors
/// [`Error::Input`] with every problem in the file; [`Error::InvalidOption`] for bad options,
/// including a model that needs touch times or types, which paths do not have, and a file that
/// holds several lookback windows (see [`compare_path_windows`]).
pub fn compare_paths(text: &str, options: &CompareOptions) -> Result<Comparison, Error> {
    check_options(options)?;
    let paths = read_paths(text, &options.paths)?;
    let models = options.models_for(paths.has_events())?;
    Ok(compare(&paths, &models, options.baseline, &options.model_options))
}

/// One lookback window's comparison from a paths file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct WindowComparison {
    /// The window in days; `null` for a file without a window column.
    pub days: Option<u32>,
    /// Every requested model, against the baseline model in the same window.
    pub comparison: Comparison,
}

/// Every window of a paths file, compared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PathWindows {
    /// One per window, shortest first.
    pub windows: Vec<WindowComparison>,
    /// Models these paths cannot give, because they need each touch's time or type and the file has
    /// no `touch_types` and `touch_ages_seconds` columns: for those, give the event-level files
    /// (creators, touchpoints, orders) or paths with those columns.
    pub needs_events: Vec<Model>,
}

/// Reads a paths file holding one or several lookback windows (a `window_days` column, as the
/// warehouse SQL writes it) and compares every requested model in each.
///
/// # Errors
/// As [`compare_paths`], without the refusal of several windows.
pub fn compare_path_windows(text: &str, options: &CompareOptions) -> Result<PathWindows, Error> {
    check_options(options)?;
    let windows = read_path_windows(text, &options.paths)?;
    let has_events = windows.iter().any(|w| w.paths.has_events());
    let models = options.models_for(has_events)?;
    let windows = windows
        .into_iter()
        .map(|w| WindowComparison {
            days: w.days,
            comparison: compare(&w.paths, &models, options.baseline, &options.model_options),
        })
        .collect();
    // Models a campaign would give that these paths cannot for want of touch times and types
    // (the ones that need the journeys themselves never run on paths, whatever their columns).
    let needs_events = if has_events {
        Vec::new()
    } else {
        Model::ALL.into_iter().filter(|m| m.needs_events() && !m.is_campaign_only()).collect()
    };
    Ok(PathWindows { windows, needs_events })
}

fn check_options(options: &CompareOptions) -> Result<(), Error> {
    if options.models.as_ref().is_some_and(Vec::is_empty) {
        return Err(Error::invalid_option("models", "[]", "choose at least one model"));
    }
    options.model_options.validate()
}

impl CompareOptions {
    /// The models to compute on paths that do (or do not) carry touch types and ages, refusing
    /// one that needs them when they do not.
    fn models_for(&self, has_events: bool) -> Result<Vec<Model>, Error> {
        let Some(models) = &self.models else {
            return Ok(Model::ALL
                .into_iter()
                .filter(|m| !m.is_campaign_only() && (has_events || !m.needs_events()))
                .collect());
        };
        if let Some(model) = models.iter().chain([&self.baseline]).find(|m| m.is_campaign_only()) {
            return Err(Error::invalid_option(
                "models",
                model.name(),
                "needs every journey's touches, converting or not, with their times and types: give the creators, touchpoints and orders (a paths file holds only aggregates)",
            ));
        }
        if has_events {
            return Ok(models.clone());
        }
        if let Some(model) = models.iter().chain([&self.baseline]).find(|m| m.needs_events()) {
            return Err(Error::invalid_option(
                "models",
                model.name(),
                "needs touch times and types, which these paths do not have: give the creators, touchpoints and orders, or paths with touch_types and touch_ages_seconds columns",
            ));
        }
        Ok(models.clone())
    }
}

/// Which Markov chain to fit on a paths file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct PathsMarkov {
    /// Channels a state remembers, 1 to 4 (default 1).
    #[cfg_attr(test, ts(optional = nullable, type = "number"))]
    pub order: usize,
    /// Read a channel repeated back to back as one (default false).
    #[cfg_attr(test, ts(optional = nullable))]
    pub collapse_repeats: bool,
    /// How to read the paths file.
    #[cfg_attr(test, ts(optional = nullable))]
    pub paths: PathsOptions,
}

impl Default for PathsMarkov {
    fn default() -> Self {
        Self { order: 1, collapse_repeats: false, paths: PathsOptions::default() }
    }
}

/// A paths file's Markov chain: transitions and removal effects.
///
/// # Errors
/// [`Error::InvalidOption`] for a bad order; [`Error::Input`] with every problem in the file.
pub fn paths_markov(text: &str, options: &PathsMarkov) -> Result<MarkovChain, Error> {
    check_order(options.order)?;
    let paths = read_paths(text, &options.paths)?;
    Ok(markov_chain(&paths, options.order, options.collapse_repeats))
}

/// Computes `models` over already-read paths, with changes against `baseline`.
pub fn compare(paths: &PathTable, models: &[Model], baseline: Model, options: &ModelOptions) -> Comparison {
    let scale = paths.value_scale();
    let totals = Totals {
        paths: paths.rows(),
        conversions: paths.total_conversions(),
        value: paths.total_value(),
        net_value: paths.total_net_value(),
        nulls: paths.total_nulls(),
        value_scale: scale,
    };
    let credit = |model| model_credit(paths, model, options);
    let channels = paths.channels().names().to_vec();
    let mut comparison = build(channels.clone(), totals.clone(), models.iter().map(|&m| credit(m)).collect());
    let reference = build(channels, totals, vec![credit(baseline)]);
    apply_baseline(&mut comparison, &reference, Baseline { model: baseline, days: None });
    comparison
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_models_and_event_models_on_paths_are_option_errors() {
        let none = CompareOptions { models: Some(vec![]), ..CompareOptions::default() };
        assert!(matches!(compare_paths("path,total_conversions\nA,1\n", &none), Err(Error::InvalidOption { .. })));
        let decay = CompareOptions { models: Some(vec![Model::TimeDecay]), ..CompareOptions::default() };
        let error = compare_paths("path,total_conversions\nA,1\n", &decay).unwrap_err();
        assert!(error.to_string().contains("time_decay"), "{error}");
    }

    #[test]
    fn values_are_given_at_the_file_scale_with_changes_against_last_touch() {
        let options =
            CompareOptions { models: Some(vec![Model::FirstTouch, Model::Linear]), ..CompareOptions::default() };
        let result = compare_paths("path,total_conversions,total_conversion_value\nA > B,1,10\n", &options).unwrap();
        assert_eq!(result.totals.value.to_string(), "10.00");
        let values: Vec<String> = result.credits.iter().map(|c| c.value.to_string()).collect();
        assert_eq!(values, ["10.00", "0.00", "5.00", "5.00"]);
        let changes: Vec<String> = result.credits.iter().map(|c| c.value_change.to_string()).collect();
        assert_eq!(changes, ["10.00", "-10.00", "5.00", "-5.00"]);
        assert_eq!(result.credits[0].value_change_percent, None, "A had nothing under last touch");
        assert_eq!(result.credits[3].value_change_percent, Some(-50.0));
        assert_eq!(result.credits[1].value_share_change, -1.0);
    }

    #[test]
    fn options_deserialize_with_defaults_and_refuse_unknown_fields() {
        let options: CompareOptions = serde_json::from_str(r#"{"paths":{"separator":"|"}}"#).unwrap();
        assert_eq!(
            options.models_for(false).unwrap(),
            [Model::FirstTouch, Model::LastTouch, Model::Linear, Model::PositionBased, Model::Markov, Model::Shapley]
        );
        // Every model but those that need the campaign's own journeys (non-converting ones with
        // their touches), which a paths file does not hold.
        let on_paths: Vec<Model> = Model::ALL.into_iter().filter(|m| !m.is_campaign_only()).collect();
        assert_eq!(options.models_for(true).unwrap(), on_paths, "paths with touch types and ages give every model");
        let incremental = CompareOptions { models: Some(vec![Model::Incremental]), ..CompareOptions::default() };
        let refused = incremental.models_for(true).unwrap_err().to_string();
        assert!(refused.contains("give the creators, touchpoints and orders"), "{refused}");
        assert_eq!(options.paths.separator, "|");
        assert!(serde_json::from_str::<CompareOptions>(r#"{"modles":[]}"#).is_err());
    }

    /// Paths with touch types and ages (a campaign's event paths, or the warehouse SQL's with
    /// `--events`) give the time- and type-based models the same credit as the campaign itself.
    mod event_paths {
        use crate::attribution::credit::attribute;
        use crate::attribution::journey::{Level, window_event_paths};
        use crate::attribution::models::{Model, ModelOptions};
        use crate::attribution::window::attribute_window;
        use crate::campaign::test_support::campaign;
        use crate::paths::{PathsOptions, paths_csv, read_paths};
        use crate::report::paths::{CompareOptions, compare_paths};

        /// u1 saw big, saved mid's note and clicked koc's; u2 clicked koc's link 71 hours before
        /// buying and viewed mid's an hour before; u3 only viewed big 80 hours before; u4 never bought.
        fn journeys() -> crate::campaign::Campaign {
            campaign(
                "u1,big,2025-04-01 12:00,view\nu1,mid,2025-04-03 12:00,save\nu1,koc,2025-04-05 11:00,click\n\
                 u2,koc,2025-04-03 13:00,click\nu2,mid,2025-04-06 11:00,view\nu3,big,2025-04-02 04:00,view\n\
                 u4,mid,2025-04-02 04:00,like\n",
                "o1,u1,2025-04-05 12:00,300,\no2,u2,2025-04-06 12:00,100,40\no3,u3,2025-04-05 12:00,50,\n",
            )
        }

        #[test]
        fn paths_keep_each_touchs_type_and_age() {
            let paths = window_event_paths(&journeys(), 30, Level::Creator).paths;
            assert_eq!(
                paths_csv(&paths, true),
                "path,total_conversions,total_conversion_value,total_null,touch_types,touch_ages_seconds\n\
                 big,1,50.00,0,view,288000\n\
                 big > mid > koc,1,300.00,0,view > save > click,345600 > 172800 > 3600\n\
                 koc > mid,1,60.00,0,click > view,255600 > 3600\n\
                 mid,0,0.00,1,,\n"
            );
        }

        #[test]
        fn time_and_type_models_on_such_paths_match_the_event_level_campaign() {
            let journeys = journeys();
            let text = paths_csv(&window_event_paths(&journeys, 30, Level::Creator).paths, false);
            let paths = read_paths(&text, &PathsOptions::default()).unwrap();
            let options = ModelOptions::default();
            let models = [Model::TimeDecay, Model::TouchWeighted, Model::PlatformLastClick];
            let (_, events) = attribute_window(&journeys, 30, &models, &options);
            for (model, from_events) in models.iter().zip(&events) {
                let from_paths = attribute(&paths, *model, &options);
                // Paths name creators in first-seen order; the campaign in roster order (big, mid, koc).
                for (name, credit) in ["big", "mid", "koc"].iter().zip(&from_events.credits) {
                    let id = paths.channels().names().iter().position(|n| n == name).unwrap();
                    let ours = from_paths[id];
                    assert_eq!(ours.value, credit.value, "{model:?} {name}");
                    assert!((ours.conversions - credit.conversions).abs() < 1e-12, "{model:?} {name}");
                }
            }
            // The platform pays u2's order to koc (a click 71 hours before) and nobody for u3's.
            let platform = attribute(&paths, Model::PlatformLastClick, &options);
            let koc = paths.channels().names().iter().position(|n| n == "koc").unwrap();
            assert_eq!(platform[koc].conversions, 2.0);
            let all = compare_paths(&text, &CompareOptions::default()).unwrap();
            let on_paths: Vec<Model> = Model::ALL.into_iter().filter(|m| !m.is_campaign_only()).collect();
            assert_eq!(all.models, on_paths, "every model, by default, on paths with types and ages");
        }
    }
}
