//! Options as the page and the CLI send them, JSON objects, read so that a refusal names the
//! option's path and the catalogue's rule for it with the value given: never the JSON reader's
//! words (`invalid type: floating point 1e+20`), its positions (`at line 1 column 47`) or a
//! stand-in such as `(object)`.

use std::cell::RefCell;
use std::fmt::Write as _;

use serde::de::{DeserializeOwned, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use crate::catalogue::settings::setting;
use crate::catalogue::{Group, Kind, Setting};
use crate::error::Error;

mod tracked;

/// The most of a refused value a message quotes.
const VALUE_SHOWN: usize = 200;

/// Reads `json` as the options `T`, the object the caller calls `name` (`options`), whose settings
/// are the catalogue's `group` (`None` for a result passed back in, which has no settings).
///
/// # Errors
/// [`Error::InvalidOption`] whose `option` is the catalogue entry's path when the catalogue has
/// one for the refused value (its rule is the reason), else the value's path in the object (or
/// `name` for the object itself), with the value as given.
pub fn read_options<T: DeserializeOwned>(json: &str, name: &str, group: Option<Group>) -> Result<T, Error> {
    // Parsed once, then read from the `Value`: read from the text, every options type's reader
    // carried its own inlined copy of the JSON parser (27 KB of the wasm module's gzip size).
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let twice = RefCell::new(None);
    let Ok(parsed) = Checked { path: Vec::new(), twice: &twice }.deserialize(&mut deserializer) else {
        return Err(Error::invalid_option(name, "", "is not valid JSON"));
    };
    if let Some((holder, key)) = twice.into_inner() {
        return Err(Error::invalid_option(&shown_path(&holder, name), &key, format!("{key:?} is given twice")));
    }
    let (keys, error) = match tracked::deserialize::<T>(&parsed) {
        Ok(value) => {
            return deserializer
                .end()
                .map(|()| value)
                .map_err(|_| Error::invalid_option(name, "", "must be one JSON object, with nothing after it"));
        }
        Err(error) => error,
    };
    Err(refusal(json, name, group, &keys, &error))
}

/// Reads a JSON value as `Value` does, noting the first object that names a key twice (where
/// `Value` keeps the last silently): the holder's path and the key.
struct Checked<'a> {
    path: Vec<Key>,
    twice: &'a RefCell<Option<(Vec<Key>, String)>>,
}

impl Checked<'_> {
    fn at(&self, key: Key) -> Self {
        let mut path = self.path.clone();
        path.push(key);
        Checked { path, twice: self.twice }
    }
}

impl<'de> DeserializeSeed<'de> for Checked<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Checked<'_> {
    type Value = Value;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(value).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut values = Vec::new();
        while let Some(value) = seq.next_element_seed(self.at(Key::Index(values.len())))? {
            values.push(value);
        }
        Ok(Value::Array(values))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(self.at(Key::Field(key.clone())))?;
            if object.insert(key.clone(), value).is_some() && self.twice.borrow().is_none() {
                *self.twice.borrow_mut() = Some((self.path.clone(), key));
            }
        }
        Ok(Value::Object(object))
    }
}

/// One step of a path into the options object.
#[derive(Debug, Clone, PartialEq)]
enum Key {
    Field(String),
    Index(usize),
}

/// `modelOptions.touchWeights.save`, `windows[2]`; `name` for the object itself.
fn shown_path(keys: &[Key], name: &str) -> String {
    let mut path = String::new();
    for key in keys {
        match key {
            Key::Field(field) if path.is_empty() => path.push_str(field),
            Key::Field(field) => {
                path.push('.');
                path.push_str(field);
            }
            Key::Index(index) => {
                let _ = write!(path, "[{index}]");
            }
        }
    }
    if path.is_empty() { name.to_owned() } else { path }
}

/// The catalogue entry for the value at `keys` in `group`'s object, and how many keys lead into
/// the nested group's object that holds it: a nested group first (`modelOptions.halfLifeDays`,
/// `input.utcOffsetMinutes`), then the longest path naming an entry (`constraints`, for
/// `constraints[1].max`; indices are left out).
fn entry(group: Group, keys: &[Key]) -> Option<(&'static Setting, usize)> {
    if let Some((Key::Field(first), rest)) = keys.split_first() {
        let nested = Group::ALL.iter().filter(|sub| sub.nested_in().contains(&(group, first.as_str())));
        if let Some((found, depth)) = nested.into_iter().find_map(|&sub| entry(sub, rest)) {
            return Some((found, depth + 1));
        }
    }
    let fields: Vec<&str> = keys
        .iter()
        .filter_map(|key| match key {
            Key::Field(field) => Some(field.as_str()),
            Key::Index(_) => None,
        })
        .collect();
    (1..=fields.len()).rev().find_map(|n| setting(group, &fields[..n].join("."))).map(|found| (found, 0))
}

/// The value at `keys` in the options as given, as text.
fn value_at(json: &str, keys: &[Key]) -> Option<String> {
    let mut value = serde_json::from_str::<Value>(json).ok()?;
    for key in keys {
        value = match key {
            Key::Field(field) => value.get_mut(field)?.take(),
            Key::Index(index) => value.get_mut(*index)?.take(),
        };
    }
    let text = match value {
        Value::String(text) => text,
        other => other.to_string(),
    };
    Some(text.chars().take(VALUE_SHOWN).collect())
}

/// Words of the JSON reader's own messages; any other message is one of the engine's readers
/// (a rate, an amount, a date) and is said as it is.
const READER_WORDS: [&str; 10] = [
    "invalid type:",
    "invalid value:",
    "invalid length",
    "unknown variant",
    "unknown field",
    "missing field",
    "duplicate field",
    "expected ",
    "EOF while",
    "number out of range",
];

/// The refusal of the value at `keys`, in the catalogue's words where it has an entry.
fn refusal(json: &str, name: &str, group: Option<Group>, keys: &[Key], error: &serde_json::Error) -> Error {
    // (The reader calls some refusals of a value syntax errors, `expected ident` for an enum.)
    if serde_json::from_str::<serde::de::IgnoredAny>(json).is_err() {
        return Error::invalid_option(name, "", "is not valid JSON");
    }
    let text = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    let message = text.strip_suffix(&position).unwrap_or(&text);
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let known = listed(expected);
        let options = if known.is_empty() { String::new() } else { format!("; the options here are: {known}") };
        // An unknown field is a fault of the object holding it: the path stops there.
        let holder = keys.strip_suffix(&[Key::Field(field.to_owned())]).unwrap_or(keys);
        return Error::invalid_option(&shown_path(holder, name), field, format!("no such option {field:?}{options}"));
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        let mut path = keys.to_vec();
        path.push(Key::Field(field.to_owned()));
        return Error::invalid_option(&shown_path(&path, name), "", "is required here");
    }
    let value = value_at(json, keys).unwrap_or_default();
    // The engine's own readers (a rate, an amount) say what is wrong in their own words.
    let own = (!READER_WORDS.iter().any(|words| message.starts_with(words))).then(|| message.to_owned());
    match group.and_then(|group| entry(group, keys)) {
        Some((setting, depth)) => {
            let reason = own.or_else(|| setting.refusal()).unwrap_or_else(|| plain(message));
            // A structured value is named down to the part refused (`constraints[0].min`), as
            // the engine's own checks name it; any other by its entry's path.
            let option = match setting.kind {
                Kind::Structured { .. } | Kind::CategoryDays { .. } => shown_path(&keys[depth..], name),
                _ => setting.path.to_owned(),
            };
            Error::invalid_option(&option, value, reason)
        }
        None => Error::invalid_option(&shown_path(keys, name), value, own.unwrap_or_else(|| plain(message))),
    }
}

/// `` `a`, `b` `` as `a, b`.
fn listed(expected: &str) -> String {
    let names: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    names.join(", ")
}

/// What the JSON reader expected, in plain words: `must be a whole number`.
fn plain(message: &str) -> String {
    if message.starts_with("unknown variant") {
        return format!("must be one of: {}", listed(message.split_once("expected").map_or("", |(_, rest)| rest)));
    }
    let expected = message.rsplit_once("expected ").map_or("", |(_, expected)| expected);
    let thing = if ["u8", "u16", "u32", "u64", "usize", "i8", "i16", "i32", "i64", "isize"].contains(&expected) {
        "a whole number in range"
    } else if expected.starts_with('f') && expected.len() == 3 {
        "a number"
    } else if expected.contains("string") || expected.contains("char") {
        "text"
    } else if expected.contains("boolean") {
        "true or false"
    } else if expected.contains("sequence") || expected.contains("tuple") {
        "a list"
    } else if expected.contains("struct") || expected.contains("map") {
        "an object with named fields"
    } else if !expected.is_empty() && !expected.contains('`') {
        expected
    } else {
        "something else"
    };
    format!("must be {thing}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::budget::BudgetOptions;
    use crate::money::MoneyOptions;
    use crate::report::campaign::ReportOptions;
    use crate::report::paths::CompareOptions;

    fn refused<T: DeserializeOwned + std::fmt::Debug>(json: &str, group: Group) -> (String, String, String) {
        match read_options::<T>(json, "options", Some(group)).unwrap_err() {
            Error::InvalidOption { option, value, reason } => (option, value, reason),
            other @ Error::Input(_) => panic!("{other}"),
        }
    }

    #[test]
    fn a_refusal_names_the_entry_and_says_its_rule_with_the_value() {
        let (option, value, reason) =
            refused::<ReportOptions>(r#"{"modelOptions":{"clickWindowHours":1e20}}"#, Group::Report);
        assert_eq!((option.as_str(), value.as_str()), ("clickWindowHours", "1e+20"));
        assert_eq!(reason, "must be a whole number from 1 to 720 hours");
        let (option, value, reason) = refused::<ReportOptions>(r#"{"windows":[7,30.5]}"#, Group::Report);
        assert_eq!((option.as_str(), value.as_str()), ("windows", "30.5"));
        assert!(reason.starts_with("must be a list of lookback windows: a window is 1 to"), "{reason}");
        let (option, value, reason) = refused::<ReportOptions>(r#"{"input":{"dateOnlyOrders":"noon"}}"#, Group::Report);
        assert_eq!((option.as_str(), value.as_str()), ("dateOnlyOrders", "noon"));
        assert_eq!(reason, "must be one of: end_of_day, start_of_day");
        let (option, _, reason) = refused::<CompareOptions>(r#"{"baseline":"magic"}"#, Group::Compare);
        assert_eq!(option, "baseline");
        assert!(reason.starts_with("must be one of the models: first_touch, last_touch"), "{reason}");
        let (option, value, reason) = refused::<ReportOptions>(r#"{"level":true}"#, Group::Report);
        assert_eq!(
            (option.as_str(), value.as_str(), reason.as_str()),
            ("level", "true", "must be one of: both, creator, tier, note, group, all, auto")
        );
    }

    #[test]
    fn the_engines_own_reasons_are_kept() {
        let (option, value, reason) = refused::<MoneyOptions>(r#"{"defaultRate":"12"}"#, Group::Money);
        assert_eq!((option.as_str(), value.as_str()), ("defaultRate", "12"));
        assert_eq!(reason, "\"12\": a rate above 1 needs a percent sign: write 10% or 0.10");
        let (option, value, reason) = refused::<BudgetOptions>(r#"{"budget":"1000.005"}"#, Group::Budget);
        assert_eq!((option.as_str(), value.as_str()), ("budget", "1000.005"));
        assert!(reason.starts_with("\"1000.005\": more decimal places than the fen"), "{reason}");
        let (option, value, reason) =
            refused::<BudgetOptions>(r#"{"constraints":[{"tier":"mega","min":"lots"}]}"#, Group::Budget);
        assert_eq!((option.as_str(), value.as_str()), ("constraints[0].min", "lots"));
        assert!(reason.starts_with("\"lots\": not an amount"), "{reason}");
    }

    #[test]
    fn unknown_and_missing_fields_and_values_without_an_entry_are_plain_sentences() {
        let (option, value, reason) = refused::<ReportOptions>(r#"{"modles":["linear"]}"#, Group::Report);
        assert_eq!((option.as_str(), value.as_str()), ("options", "modles"));
        assert!(reason.starts_with("no such option \"modles\"; the options here are: models, windows"), "{reason}");
        let (option, value, _) = refused::<ReportOptions>(r#"{"modelOptions":{"halfLife":3}}"#, Group::Report);
        assert_eq!((option.as_str(), value.as_str()), ("modelOptions", "halfLife"));
        let (option, _, reason) =
            refused::<ReportOptions>(r#"{"input":{"tiers":[{"minFollowers":0}]}}"#, Group::Report);
        assert_eq!((option.as_str(), reason.as_str()), ("input.tiers[0].name", "is required here"));
        let (option, value, reason) =
            refused::<ReportOptions>(r#"{"input":{"tiers":[{"name":"x","minFollowers":-1}]}}"#, Group::Report);
        assert_eq!((option.as_str(), value.as_str()), ("tiers[0].minFollowers", "-1"));
        assert_eq!(reason, "must be a whole number in range");
        let error = read_options::<ReportOptions>("null", "options", Some(Group::Report)).unwrap_err().to_string();
        assert_eq!(error, "option options = \"null\": must be an object with named fields");
        let error = read_options::<ReportOptions>("{3:", "options", Some(Group::Report)).unwrap_err().to_string();
        assert_eq!(error, "option options = \"\": is not valid JSON");
        // A key given twice is refused wherever it is, never the last silently kept.
        let (option, value, reason) = refused::<ReportOptions>(r#"{"windows":[7],"windows":[30]}"#, Group::Report);
        assert_eq!(
            (option.as_str(), value.as_str(), reason.as_str()),
            ("options", "windows", "\"windows\" is given twice")
        );
        let twice = r#"{"defaultRate":"10%","categoryRates":{"beauty":"5%","beauty":"8%"}}"#;
        let (option, value, _) = refused::<MoneyOptions>(twice, Group::Money);
        assert_eq!((option.as_str(), value.as_str()), ("categoryRates", "beauty"));
        let error = read_options::<ReportOptions>(r#"{"windows":[7]} {}"#, "options", Some(Group::Report)).unwrap_err();
        assert_eq!(error.to_string(), "option options = \"\": must be one JSON object, with nothing after it");
        for error in [
            read_options::<ReportOptions>(r#"{"windows":"7"}"#, "options", Some(Group::Report)).unwrap_err(),
            read_options::<ReportOptions>(r#"{"intervals":{"resamples":1e300}}"#, "options", None).unwrap_err(),
        ] {
            let text = error.to_string();
            assert!(!text.contains("line 1") && !text.contains('`') && !text.contains("(object)"), "{text}");
        }
    }
}
