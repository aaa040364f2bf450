//! Reads a type from a parsed JSON `Value` and notes where in it the first error arose, for the
//! option path a refusal names.
//!
//! What `serde_path_to_error` did over `serde_json`'s `&Value` reader, without its wrappers around
//! every visitor and seed, which were instantiated for each of the hundred-odd readers of option
//! and result types: this is 83 KB smaller in the wasm module (11 KB gzip; docs/performance.md,
//! "Size"), and keys are borrowed rather than copied.
//! Everything but the walk into arrays and objects is `serde_json`'s own `&Value` reader, so the
//! errors are its words exactly; the path is the keys and indices down to the innermost value
//! whose reading failed, as `serde_path_to_error` recorded it.

use std::cell::RefCell;

use serde::de::{
    DeserializeSeed, Deserializer, EnumAccess, Error as _, Expected, MapAccess, SeqAccess, Unexpected, VariantAccess,
    Visitor,
};
use serde_json::{Error, Value};

use super::Key;

/// Reads `T` from `value`; on an error, also the path to where it arose.
pub(super) fn deserialize<'de, T: serde::Deserialize<'de>>(value: &'de Value) -> Result<T, (Vec<Key>, Error)> {
    let failed = RefCell::new(None);
    T::deserialize(Tracked { value, at: &Chain::Root, failed: &failed })
        .map_err(|error| (failed.into_inner().unwrap_or_default(), error))
}

/// The way from the top to the value being read, kept on the stack.
enum Chain<'a> {
    Root,
    Field(&'a Chain<'a>, &'a str),
    Index(&'a Chain<'a>, usize),
}

/// `error`, noted as arising at `at`.
#[inline(never)]
fn noted(failed: &RefCell<Option<Vec<Key>>>, at: &Chain, error: Error) -> Error {
    note(failed, at);
    error
}

/// Notes `at` as where the error arose, unless a deeper value's error already did: the first
/// note is the innermost, as every error passes up through the values that hold it.
#[inline(never)]
fn note(failed: &RefCell<Option<Vec<Key>>>, at: &Chain) {
    let mut failed = failed.borrow_mut();
    if failed.is_some() {
        return;
    }
    let mut keys = Vec::new();
    let mut chain = at;
    loop {
        chain = match chain {
            Chain::Root => break,
            Chain::Field(parent, key) => {
                keys.push(Key::Field((*key).to_owned()));
                parent
            }
            Chain::Index(parent, index) => {
                keys.push(Key::Index(*index));
                parent
            }
        };
    }
    keys.reverse();
    *failed = Some(keys);
}

/// `serde_json`'s refusal of `value` where `expected` was wanted (its own is private). Written
/// out rather than reached through `serde_json`'s reader of a sequence or a map, which would also
/// carry a second copy of every reader of one, for values that are never read there.
#[cold]
fn invalid_type(value: &Value, expected: &dyn Expected) -> Error {
    let unexpected = match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(value) => Unexpected::Bool(*value),
        Value::Number(number) => match (number.as_u64(), number.as_i64()) {
            (Some(whole), _) => Unexpected::Unsigned(whole),
            (None, Some(whole)) => Unexpected::Signed(whole),
            (None, None) => Unexpected::Float(number.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(text) => Unexpected::Str(text),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    };
    Error::invalid_type(unexpected, expected)
}

/// A value at a place in the options.
#[derive(Clone, Copy)]
struct Tracked<'de, 'a> {
    value: &'de Value,
    at: &'a Chain<'a>,
    failed: &'a RefCell<Option<Vec<Key>>>,
}

impl<'de> Tracked<'de, '_> {
    /// Reads `seed` from `value`, the child of this one at `at`. (Inlined, so that the seed's
    /// reader stays one function per type rather than one copy per seed inside this one.)
    #[inline]
    fn child<S: DeserializeSeed<'de>>(&self, value: &'de Value, at: &Chain, seed: S) -> Result<S::Value, Error> {
        seed.deserialize(Tracked { value, at, failed: self.failed }).map_err(|error| noted(self.failed, at, error))
    }

    /// An array's elements, as `serde_json` reads them (refusing elements left over).
    fn visit_array<V: Visitor<'de>>(self, array: &'de [Value], visitor: V) -> Result<V::Value, Error> {
        let mut elements = Elements { from: self, array, next: 0 };
        let read = visitor.visit_seq(&mut elements)?;
        if elements.next == array.len() {
            Ok(read)
        } else {
            Err(Error::invalid_length(array.len(), &"fewer elements in array"))
        }
    }
}

/// Forwards to `serde_json`'s `&Value` reader.
macro_rules! as_serde_json_does {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
                self.value.$method(visitor)
            }
        )*
    };
}

impl<'de> Deserializer<'de> for Tracked<'de, '_> {
    type Error = Error;

    as_serde_json_does! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128 deserialize_f32
        deserialize_f64 deserialize_char deserialize_str deserialize_string deserialize_bytes
        deserialize_byte_buf deserialize_unit deserialize_identifier deserialize_ignored_any
    }

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Array(array) => self.visit_array(array, visitor),
            Value::Object(_) => self.value.deserialize_any(Fields { from: self, visitor }),
            _ => self.value.deserialize_any(visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value, Error> {
        self.value.deserialize_unit_struct(name, visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Array(array) => self.visit_array(array, visitor),
            other => Err(invalid_type(other, &visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Object(_) => self.value.deserialize_map(Fields { from: self, visitor }),
            other => Err(invalid_type(other, &visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.value {
            Value::Array(array) => self.visit_array(array, visitor),
            Value::Object(_) => self.value.deserialize_map(Fields { from: self, visitor }),
            other => Err(invalid_type(other, &visitor)),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.value.deserialize_enum(name, variants, Variant { from: self, visitor })
    }
}

/// An array's elements, each read at its index.
struct Elements<'de, 'a> {
    from: Tracked<'de, 'a>,
    array: &'de [Value],
    next: usize,
}

impl<'de> SeqAccess<'de> for Elements<'de, '_> {
    type Error = Error;

    #[inline]
    fn next_element_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>, Error> {
        let Some(value) = self.array.get(self.next) else { return Ok(None) };
        let index = self.next;
        self.next += 1;
        self.from.child(value, &Chain::Index(self.from.at, index), seed).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.array.len() - self.next)
    }
}

/// Hands `visitor` an object's entries: `serde_json`'s own reader of the keys (and its check that
/// none is left over), the values read here, at their keys. (`A` is `serde_json`'s reader of an
/// object, whose errors are `serde_json`'s: converting them changes no word.)
struct Fields<'de, 'a, V> {
    from: Tracked<'de, 'a>,
    visitor: V,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Fields<'de, '_, V> {
    type Value = V::Value;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        self.visitor.expecting(formatter)
    }

    fn visit_map<A: MapAccess<'de>>(self, keys: A) -> Result<V::Value, A::Error> {
        let entries = match self.from.value {
            Value::Object(object) => Some(object.iter()),
            _ => None,
        };
        self.visitor.visit_map(Entries { from: self.from, keys, remaining: entries, value: None })
    }
}

/// An object's entries: `keys` is `serde_json`'s reader of the same object, in the same order.
struct Entries<'de, 'a, A> {
    from: Tracked<'de, 'a>,
    keys: A,
    remaining: Option<serde_json::map::Iter<'de>>,
    value: Option<(&'de str, &'de Value)>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Entries<'de, '_, A> {
    type Error = A::Error;

    fn next_key_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>, A::Error> {
        self.value = self.remaining.as_mut().and_then(Iterator::next).map(|(key, value)| (key.as_str(), value));
        self.keys.next_key_seed(seed).inspect_err(|_| match self.value {
            Some((key, _)) => note(self.from.failed, &Chain::Field(self.from.at, key)),
            None => note(self.from.failed, self.from.at),
        })
    }

    #[inline]
    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        match self.value.take() {
            // (`A::Error` is `serde_json`'s `Error`: converting it changes no word.)
            Some((key, value)) => {
                self.from.child(value, &Chain::Field(self.from.at, key), seed).map_err(A::Error::custom)
            }
            None => Err(A::Error::custom("value is missing")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        self.keys.size_hint()
    }
}

/// Hands `visitor` an enum's variant: `serde_json`'s own reader of its name, its content (a
/// struct or tuple variant's, when given as an object of one key) read here.
struct Variant<'de, 'a, V> {
    from: Tracked<'de, 'a>,
    visitor: V,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Variant<'de, '_, V> {
    type Value = V::Value;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        self.visitor.expecting(formatter)
    }

    fn visit_enum<A: EnumAccess<'de>>(self, variant: A) -> Result<V::Value, A::Error> {
        let content = match self.from.value {
            Value::Object(object) => object.values().next(),
            _ => None,
        };
        self.visitor.visit_enum(Content { from: self.from, variant, given: content })
    }
}

/// An enum's variant: its name read by `serde_json`, its content (if any) here.
struct Content<'de, 'a, A> {
    from: Tracked<'de, 'a>,
    variant: A,
    given: Option<&'de Value>,
}

impl<'de, 'a, A: EnumAccess<'de>> EnumAccess<'de> for Content<'de, 'a, A> {
    type Error = A::Error;
    type Variant = Content<'de, 'a, A::Variant>;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Self::Variant), A::Error> {
        let (name, variant) = self.variant.variant_seed(seed)?;
        Ok((name, Content { from: self.from, variant, given: self.given }))
    }
}

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for Content<'de, '_, A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.variant.unit_variant()
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, A::Error> {
        match self.given {
            Some(value) => seed.deserialize(Tracked { value, ..self.from }).map_err(A::Error::custom),
            None => Err(A::Error::invalid_type(Unexpected::UnitVariant, &"newtype variant")),
        }
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, A::Error> {
        let read = match self.given {
            Some(Value::Array(array)) if array.is_empty() => visitor.visit_unit(),
            Some(value @ Value::Array(array)) => Tracked { value, ..self.from }.visit_array(array, visitor),
            Some(other) => Err(invalid_type(other, &"tuple variant")),
            None => Err(Error::invalid_type(Unexpected::UnitVariant, &"tuple variant")),
        };
        read.map_err(A::Error::custom)
    }

    fn struct_variant<V: Visitor<'de>>(self, _: &'static [&'static str], visitor: V) -> Result<V::Value, A::Error> {
        let read = match self.given {
            Some(value @ Value::Object(_)) => Tracked { value, ..self.from }.deserialize_map(visitor),
            Some(other) => Err(invalid_type(other, &"struct variant")),
            None => Err(Error::invalid_type(Unexpected::UnitVariant, &"struct variant")),
        };
        read.map_err(A::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    //! Compared with `serde_path_to_error` over `serde_json`'s `&Value` reader, which this replaces:
    //! every option object and result the binding reads, as the engine writes them, then with
    //! each of their values replaced by values of every other JSON type (and objects with a key
    //! left out or an unknown one added, arrays longer, shorter or given for an object).
    use super::*;
    use crate::campaign::sample::{SampleOptions, sample_campaign};
    use serde::Serialize;
    use serde::de::DeserializeOwned;

    type Outcome = Result<(), (Vec<Key>, String)>;

    fn as_before<T: DeserializeOwned>(value: &Value) -> Outcome {
        serde_path_to_error::deserialize::<_, T>(value).map(|_| ()).map_err(|error| {
            let keys = error
                .path()
                .iter()
                .filter_map(|segment| match segment {
                    serde_path_to_error::Segment::Map { key } => Some(Key::Field(key.clone())),
                    serde_path_to_error::Segment::Seq { index } => Some(Key::Index(*index)),
                    _ => None,
                })
                .collect();
            (keys, error.inner().to_string())
        })
    }

    fn as_now<T: DeserializeOwned>(value: &Value) -> Outcome {
        deserialize::<T>(value).map(|_: T| ()).map_err(|(keys, error)| (keys, error.to_string()))
    }

    /// Every place in `value`, the first three elements of each array.
    fn places(value: &Value, at: &mut Vec<Key>, out: &mut Vec<Vec<Key>>) {
        out.push(at.clone());
        let children: Vec<(Key, &Value)> = match value {
            Value::Object(object) => object.iter().map(|(key, value)| (Key::Field(key.clone()), value)).collect(),
            Value::Array(array) => array.iter().take(3).enumerate().map(|(i, value)| (Key::Index(i), value)).collect(),
            _ => Vec::new(),
        };
        for (key, child) in children {
            at.push(key);
            places(child, at, out);
            at.pop();
        }
    }

    fn at<'v>(value: &'v mut Value, keys: &[Key]) -> &'v mut Value {
        keys.iter().fold(value, |value, key| match key {
            Key::Field(field) => &mut value[field.as_str()],
            Key::Index(index) => &mut value[*index],
        })
    }

    /// The variants of `value` with the one at `keys` changed.
    fn changed(value: &Value, keys: &[Key]) -> Vec<Value> {
        let others: Vec<Value> = serde_json::from_str(
            r#"[null, true, 1, -1, 0, 1.5, 1e20, "x", "", "10%", "first_touch", [], [1], ["x"], {}, {"zz": 1},
                {"first_touch": 1}, {"first_touch": [1, 2]}, {"a": 1, "b": 2}]"#,
        )
        .unwrap();
        let here = at(&mut value.clone(), keys).clone();
        let mut replacements = others;
        match &here {
            Value::Object(object) => {
                for key in object.keys() {
                    let mut fewer = object.clone();
                    fewer.shift_remove(key);
                    replacements.push(Value::Object(fewer));
                }
                let mut more = object.clone();
                more.insert("zzUnknown".to_owned(), Value::Null);
                replacements.push(Value::Object(more));
                replacements.push(Value::Array(object.values().cloned().collect()));
            }
            Value::Array(array) if !array.is_empty() => {
                replacements.push(Value::Array([array.as_slice(), &array[..1]].concat()));
                replacements.push(Value::Array(array[..array.len() - 1].to_vec()));
            }
            Value::Array(_) => {}
            other => replacements.push(Value::Array(vec![other.clone()])),
        }
        replacements
            .into_iter()
            .map(|replacement| {
                let mut variant = value.clone();
                *at(&mut variant, keys) = replacement;
                variant
            })
            .collect()
    }

    fn agrees<T: DeserializeOwned>(written: &impl Serialize) {
        let value = serde_json::to_value(written).unwrap();
        let mut all = Vec::new();
        places(&value, &mut Vec::new(), &mut all);
        assert_eq!(as_now::<T>(&value), Ok(()));
        for keys in &all {
            for variant in changed(&value, keys) {
                assert_eq!(as_now::<T>(&variant), as_before::<T>(&variant), "{variant}");
            }
        }
    }

    #[test]
    fn paths_and_refusals_are_those_serde_path_to_error_gave() {
        use crate::report::campaign::{CampaignReport, MarkovExport, PathsExport, ReportOptions};
        agrees::<crate::campaign::CampaignOptions>(&crate::campaign::CampaignOptions::default());
        agrees::<ReportOptions>(&ReportOptions::default());
        agrees::<crate::money::MoneyOptions>(&crate::money::MoneyOptions::default());
        let budget: crate::budget::BudgetOptions =
            serde_json::from_str(r#"{"budget":"10000","constraints":[{"tier":"mega","min":"1.5x","max":"5000"}]}"#)
                .unwrap();
        agrees::<crate::budget::BudgetOptions>(&budget);
        agrees::<crate::report::paths::CompareOptions>(&crate::report::paths::CompareOptions::default());
        agrees::<crate::report::paths::PathsMarkov>(&crate::report::paths::PathsMarkov::default());
        agrees::<PathsExport>(&PathsExport::default());
        agrees::<MarkovExport>(&MarkovExport::default());
        agrees::<crate::api::sql::SqlOptions>(&crate::api::sql::SqlOptions::default());
        agrees::<crate::report::check::CheckOptions>(&crate::report::check::CheckOptions::default());
        agrees::<crate::report::lag::LagOptions>(&crate::report::lag::LagOptions::default());
        agrees::<SampleOptions>(&SampleOptions::default());
        // Results passed back in, from a small campaign.
        let sample =
            sample_campaign(&SampleOptions { journeys: 200, creators: 6, ..SampleOptions::default() }).unwrap();
        let options = ReportOptions { windows: vec![7], ..ReportOptions::default() };
        let report = crate::report::campaign::campaign_report(&sample.inputs, &options).unwrap();
        agrees::<CampaignReport>(&report);
        let money = crate::money::money_report(&sample.inputs, &crate::money::MoneyOptions::default()).unwrap();
        agrees::<crate::money::MoneyReport>(&money);
        agrees::<Vec<crate::money::RoiRow>>(&crate::money::roi(&report, &money));
        let lag = crate::report::lag::time_lag(&sample.inputs, &crate::report::lag::LagOptions::default()).unwrap();
        agrees::<crate::report::lag::TimeLag>(&lag);
        let chain = crate::report::campaign::campaign_markov(&sample.inputs, &MarkovExport::default()).unwrap();
        agrees::<crate::attribution::markov::MarkovChain>(&chain);
        let plan = crate::budget::budget_plan(&report, &money, &serde_json::from_str(r#"{"budget":"10000"}"#).unwrap())
            .unwrap();
        agrees::<crate::budget::BudgetReport>(&plan);
    }
}
