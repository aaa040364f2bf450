//! The catalogue against the options the engine really takes: every field of every options object
//! is an entry (and every entry a field), every default is the entry's, and every number's bounds
//! are enforced by the engine with the entry's path in the message. A model or option added
//! anywhere but the catalogue fails here.

use std::collections::BTreeSet;

use kol_attribution::budget::BudgetOptions;
use kol_attribution::catalogue::{Group, Kind, SETTINGS, Setting};
use kol_attribution::money::{MoneyOptions, money_report};
use kol_attribution::{CampaignInputs, CampaignOptions, read_campaign};
use kol_attribution::{CheckOptions, Error, Model, campaign_report, model_check};
use kol_attribution::{CompareOptions, compare_paths};
use kol_attribution::{LagOptions, time_lag};
use kol_attribution::{MarkovExport, PathsExport, ReportOptions, campaign_markov, campaign_paths_csv};
use kol_attribution::{SampleOptions, sample_campaign};
use kol_attribution::{SqlOptions, warehouse_sql};
use serde_json::{Map, Value};

/// Each group's options object at its defaults, as JSON.
fn defaults(group: Group) -> Value {
    let json = match group {
        Group::Model => serde_json::to_value(kol_attribution::ModelOptions::default()),
        Group::Report => serde_json::to_value(ReportOptions::default()),
        Group::Campaign => serde_json::to_value(CampaignOptions::default()),
        Group::Compare => serde_json::to_value(CompareOptions::default()),
        Group::Money => serde_json::to_value(MoneyOptions::default()),
        Group::Budget => serde_json::to_value(BudgetOptions::default()),
        Group::PathsExport => serde_json::to_value(PathsExport::default()),
        Group::MarkovExport => serde_json::to_value(MarkovExport::default()),
        Group::Sample => serde_json::to_value(SampleOptions::default()),
        Group::Sql => serde_json::to_value(SqlOptions::default()),
        Group::Check => serde_json::to_value(CheckOptions::default()),
        Group::Lag => serde_json::to_value(LagOptions::default()),
    };
    json.unwrap()
}

fn parse<T: serde::de::DeserializeOwned>(options: Value) -> Result<T, Error> {
    serde_json::from_value(options).map_err(|e| Error::invalid_option("json", "", e.to_string()))
}

/// Runs the engine's own check of a group's options given as JSON: `Ok` when accepted (the
/// inputs are empty, so an accepted option ends in an input problem, which counts as accepted).
fn engine_accepts(group: Group, options: Value) -> Result<(), Error> {
    let empty = CampaignInputs::default();
    let accepted = |result: Result<(), Error>| match result {
        Err(Error::Input(_)) | Ok(()) => Ok(()),
        Err(refused) => Err(refused),
    };
    match group {
        Group::Model => {
            let report = serde_json::json!({ "modelOptions": options });
            accepted(campaign_report(&empty, &parse(report)?).map(drop))
        }
        Group::Report => accepted(campaign_report(&empty, &parse(options)?).map(drop)),
        Group::Campaign => accepted(read_campaign(&empty, &parse(options)?).map(drop)),
        Group::Compare => {
            let paths = "path,total_conversions,total_conversion_value,total_null\nA > B,1,10,1\n";
            accepted(compare_paths(paths, &parse(options)?).map(drop))
        }
        Group::Money => accepted(money_report(&empty, &parse(options)?).map(drop)),
        Group::Budget => accepted(parse::<BudgetOptions>(options)?.shape().map(drop)),
        Group::PathsExport => accepted(campaign_paths_csv(&empty, &parse(options)?).map(drop)),
        Group::MarkovExport => accepted(campaign_markov(&empty, &parse(options)?).map(drop)),
        Group::Sample => {
            let mut options: SampleOptions = parse(options)?;
            // The bounds are checked before anything is generated; keep an accepted one small.
            if options.journeys as f64 <= kol_attribution::catalogue::settings::SAMPLE_JOURNEYS.number().max {
                options.journeys = options.journeys.min(10);
            }
            accepted(sample_campaign(&options).map(drop))
        }
        Group::Sql => accepted(warehouse_sql(&parse(options)?).map(drop)),
        Group::Check => accepted(model_check(&empty, &parse(options)?).map(drop)),
        Group::Lag => accepted(time_lag(&empty, &parse(options)?).map(drop)),
    }
}

/// The leaves of an options object: dotted paths, not descending into a nested group's object
/// nor into a structured setting's value.
fn leaves(group: Group, value: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    let nested: Vec<&str> = Group::ALL
        .iter()
        .flat_map(|g| g.nested_in().iter().filter(|(parent, _)| *parent == group).map(|(_, key)| *key))
        .collect();
    let Value::Object(map) = value else { return };
    for (key, child) in map {
        let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
        if prefix.is_empty() && nested.contains(&key.as_str()) {
            continue;
        }
        let structured = SETTINGS.iter().any(|s| s.group == group && s.path == path);
        match child {
            Value::Object(_) if !structured => leaves(group, child, &path, out),
            _ => {
                out.insert(path);
            }
        }
    }
}

fn at<'a>(value: &'a Value, path: &str) -> &'a Value {
    path.split('.').fold(value, |v, key| &v[key])
}

fn set(value: &mut Value, path: &str, new: Value) {
    let mut keys: Vec<&str> = path.split('.').collect();
    let last = keys.pop().unwrap();
    let mut object = value;
    for key in keys {
        object = object.as_object_mut().unwrap().entry(key).or_insert_with(|| Value::Object(Map::new()));
    }
    object.as_object_mut().unwrap().insert(last.to_owned(), new);
}

fn settings_of(group: Group) -> impl Iterator<Item = &'static Setting> {
    SETTINGS.iter().copied().filter(move |s| s.group == group)
}

#[test]
fn every_option_is_in_the_catalogue_and_every_entry_an_option() {
    for group in Group::ALL {
        let mut fields = BTreeSet::new();
        leaves(group, &defaults(group), "", &mut fields);
        let entries: BTreeSet<String> = settings_of(group).map(|s| s.path.to_owned()).collect();
        assert_eq!(fields, entries, "{group:?}: the options object and the catalogue disagree");
    }
}

#[test]
fn every_default_is_the_catalogues() {
    for group in Group::ALL {
        let json = defaults(group);
        for setting in settings_of(group) {
            let value = at(&json, setting.path);
            let path = setting.path;
            match setting.kind {
                Kind::Number(n) if path != "now" => assert_eq!(value.as_f64(), Some(n.default), "{group:?} {path}"),
                Kind::Flag { default } => assert_eq!(value.as_bool(), Some(default), "{group:?} {path}"),
                Kind::Choice { default, .. } | Kind::Model { default, .. } | Kind::Text { default } => {
                    assert_eq!(value.as_str(), Some(default), "{group:?} {path}");
                }
                Kind::Rate { default } => {
                    let parse = |t: &str| t.parse::<rust_decimal::Decimal>().unwrap();
                    assert_eq!(parse(value.as_str().unwrap()), parse(default), "{group:?} {path}");
                }
                Kind::Windows { default } => {
                    assert_eq!(value, &serde_json::json!(default), "{group:?} {path}");
                }
                Kind::CategoryDays { default } => {
                    let table: Map<String, Value> = default.iter().map(|&(c, d)| (c.to_owned(), d.into())).collect();
                    assert_eq!(value, &Value::Object(table), "{group:?} {path}");
                }
                // A paths comparison's and a model check's default is every model that applies (`null`).
                Kind::Models if matches!(group, Group::Compare | Group::Check) => assert_eq!(value, &Value::Null),
                Kind::Models => {
                    let ids: Vec<&str> = Model::defaults().iter().map(|m| m.name()).collect();
                    assert_eq!(value, &serde_json::json!(ids), "{group:?} {path}");
                }
                Kind::Amount { default } => assert_eq!(value.as_str(), default, "{group:?} {path}"),
                _ => {}
            }
        }
    }
}

#[test]
fn the_engine_enforces_every_bound_and_names_the_path() {
    for group in Group::ALL {
        for setting in settings_of(group).filter(|s| matches!(s.kind, Kind::Number(_)) && s.path != "now") {
            let n = setting.number();
            let mut base = defaults(group);
            if matches!(setting.path, "firstShare" | "lastShare") {
                // The two shares are also checked together (at most 1): test each alone.
                set(&mut base, "firstShare", serde_json::json!(0));
                set(&mut base, "lastShare", serde_json::json!(0));
            }
            let check = |value: f64, accepted: bool| {
                let mut options = base.clone();
                let number = if n.whole { serde_json::json!(value as i64) } else { serde_json::json!(value) };
                set(&mut options, setting.path, number);
                match engine_accepts(group, options) {
                    Ok(()) => assert!(accepted, "{group:?} {} = {value} was accepted", setting.path),
                    // Refused by the field's type before the engine saw it (a negative count).
                    Err(Error::InvalidOption { option, .. }) if option == "json" => {
                        assert!(!accepted && value < 0.0, "{group:?} {} = {value}", setting.path);
                    }
                    Err(Error::InvalidOption { option, .. }) => {
                        assert!(!accepted, "{group:?} {} = {value} was refused", setting.path);
                        assert_eq!(option, setting.path, "the refusal names the setting");
                    }
                    Err(other) => assert!(!accepted, "{group:?} {} = {value}: {other}", setting.path),
                }
            };
            check(n.min + if n.above_min { n.step } else { 0.0 }, true);
            check(n.max, true);
            if n.min > -1e15 {
                check(if n.above_min { n.min } else { n.min - 1.0 }, false);
            }
            if n.max < 1e15 {
                check(n.max + 1.0, false);
            }
        }
    }
}
