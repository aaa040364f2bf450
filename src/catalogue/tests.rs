//! The catalogue's own consistency. Whether the options structs and the catalogue agree (every
//! field an entry, every default the entry's, every bound enforced) is `tests/catalogue.rs`.

use std::collections::BTreeSet;

use super::*;

#[test]
fn every_default_is_within_its_bounds() {
    for s in SETTINGS {
        match s.kind {
            Kind::Number(n) => {
                assert!(n.min < n.max, "{}", s.path);
                assert!(n.allows(n.default) || s.path == "now", "{}: default {} out of bounds", s.path, n.default);
                assert!(n.step > 0.0, "{}", s.path);
            }
            Kind::Choice { values, default } => assert!(values.contains(&default), "{}", s.path),
            Kind::Model { basis_only, default } => {
                let model = models::model(default).unwrap_or_else(|| panic!("{}: no model {default}", s.path));
                assert!(!basis_only || model.commission_basis, "{}", s.path);
            }
            Kind::Windows { default } => assert!(!default.is_empty() && default.iter().all(|&d| is_window(d))),
            Kind::CategoryDays { default } => {
                let names: BTreeSet<&str> = default.iter().map(|&(name, _)| name).collect();
                assert_eq!(names.len(), default.len(), "{}: a category twice", s.path);
                for &(name, days) in default {
                    assert!(!name.is_empty() && name.trim() == name && is_window(days), "{}: {name}={days}", s.path);
                }
            }
            Kind::Rate { default } => {
                let rate: rust_decimal::Decimal = default.parse().unwrap();
                assert!((rust_decimal::Decimal::ZERO..=rust_decimal::Decimal::ONE).contains(&rate), "{}", s.path);
            }
            _ => {}
        }
        assert!(!s.label.en.is_empty() && !s.label.zh.is_empty(), "{}", s.path);
        assert!(!s.help.en.is_empty() && !s.help.zh.is_empty(), "{}", s.path);
        assert!(s.help.en.len() < 200, "{}: help is one line", s.path);
    }
}

#[test]
fn paths_and_flags_are_unique_within_a_group() {
    let mut paths = BTreeSet::new();
    let mut flags = BTreeSet::new();
    for s in SETTINGS {
        assert!(paths.insert((s.group, s.path)), "{:?} {} twice", s.group, s.path);
        if let Some(flag) = s.flag {
            assert!(flags.insert((s.group, flag)), "--{flag} twice in {:?}", s.group);
            assert!(flag.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "--{flag}");
            let switch = matches!(s.kind, Kind::Flag { .. });
            assert_eq!(s.metavar.is_empty(), switch, "--{flag}: a switch has no value, others name theirs");
        }
    }
    for short in SHORTHANDS {
        assert!(
            !SETTINGS.iter().any(|s| s.group == short.group && s.flag == Some(short.flag)),
            "--{} is both a setting's flag and a shorthand",
            short.flag
        );
        for (_, path) in short.parts {
            assert!(settings::setting(short.group, path).is_some(), "--{}: no setting {path}", short.flag);
        }
    }
}

#[test]
fn models_name_their_parameters() {
    let ids: BTreeSet<&str> = MODELS.iter().map(|m| m.id).collect();
    assert_eq!(ids.len(), MODELS.len(), "model ids are unique");
    for model in &MODELS {
        assert!(!model.data_driven || !model.commission_basis, "{}: a fitted model gives no per-order share", model.id);
        for path in model.settings {
            let setting = settings::setting(Group::Model, path).unwrap_or_else(|| panic!("{}: no {path}", model.id));
            assert_eq!(setting.model, Some(model.id), "{path} names its model");
        }
    }
    for s in SETTINGS.iter().filter(|s| s.model.is_some()) {
        let model = models::model(s.model.unwrap_or_default()).expect("a known model");
        assert!(model.settings.contains(&s.path), "{} lists {}", model.id, s.path);
    }
}

#[test]
fn number_rules_say_the_range() {
    assert_eq!(settings::CLICK_WINDOW_HOURS.number().rule("hours"), "must be a whole number from 1 to 720 hours");
    assert_eq!(settings::HALF_LIFE_DAYS.number().rule(""), "must be above 0 and at most 3650");
    assert!(settings::SLOPE.number().rule("").starts_with("must be from 0.1 to 1: above 1"));
    let refused = settings::CLICK_WINDOW_HOURS.check(721).unwrap_err();
    assert_eq!(refused.to_string(), "option clickWindowHours = \"721\": must be a whole number from 1 to 720 hours");
    assert!(settings::HALF_LIFE_DAYS.check(0.0).is_err());
    assert!(settings::HALF_LIFE_DAYS.check(f64::NAN).is_err());
    assert!(settings::MARKOV_ORDER.check(1.5).is_err());
    assert!(check_window("windows", MAX_WINDOW_DAYS).is_ok());
    assert_eq!(
        check_window("windows", 0).unwrap_err().to_string(),
        "option windows = \"0\": a window is 1 to 3650 days"
    );
}

#[test]
fn group_names_are_their_serde_names() {
    for group in Group::ALL {
        assert_eq!(serde_json::to_value(group).unwrap(), group.name());
    }
}

#[test]
fn the_export_lists_everything_once() {
    let exported = catalogue();
    assert_eq!(exported.models.len(), MODELS.len());
    assert_eq!(exported.settings.len(), SETTINGS.len());
    let half_life = exported.settings.iter().find(|s| s.path == "halfLifeDays").unwrap();
    assert_eq!((half_life.kind.as_str(), half_life.min, half_life.above_min), ("number", Some(0.0), true));
    assert_eq!(half_life.flag.as_deref(), Some("half-life"));
    let basis = exported.settings.iter().find(|s| s.path == "basis.model").unwrap();
    assert!(!basis.values.iter().any(|m| m == "markov" || m == "shapley"), "{:?}", basis.values);
    let json = serde_json::to_value(&exported).unwrap();
    assert_eq!(json["maxWindowDays"], 3650);
    assert_eq!(json["groups"][0]["nestedIn"][0], serde_json::json!(["report", "modelOptions"]));
}
