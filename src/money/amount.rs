//! Money and rates in options, read the way people type them: `"¥5,000"`, `5000`, `"10%"`, `0.1`.

use std::fmt;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::read::number::{parse_fen, parse_rate};

/// `value` rounded to the fen, half away from zero.
pub(crate) fn half_up(value: Decimal) -> Decimal {
    fen(value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
}

/// `value` written to the fen: `5000` as `5000.00`. Amounts here never have more decimals.
pub(crate) fn fen(mut value: Decimal) -> Decimal {
    value.rescale(2);
    value
}

/// A non-negative amount of money in yuan and fen, as options give it (`"¥5,000"`, `5000`); more
/// decimal places than the fen are refused, never rounded. A decimal string in results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Amount(pub Decimal);

/// A rate as a fraction of 1 (`10%` is 0.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Rate(pub Decimal);

/// Reads an option typed as text or as a JSON number through one text grammar: what it expects
/// (for messages) and the parser, whose error text follows the value in the message.
pub(crate) struct TextOrNumber<T>(pub &'static str, pub fn(&str) -> Result<T, String>);

impl<T> Visitor<'_> for TextOrNumber<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
        (self.1)(text).map_err(|reason| E::custom(format!("{text:?}: {reason}")))
    }

    fn visit_f64<E: de::Error>(self, number: f64) -> Result<T, E> {
        self.visit_str(&number.to_string())
    }

    fn visit_u64<E: de::Error>(self, number: u64) -> Result<T, E> {
        self.visit_str(&number.to_string())
    }

    fn visit_i64<E: de::Error>(self, number: i64) -> Result<T, E> {
        self.visit_str(&number.to_string())
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(TextOrNumber("an amount such as 5000 or \"¥5,000.00\"", |t| {
                parse_fen(t).map_err(|e| e.reason.to_owned())
            }))
            .map(Self)
    }
}

impl<'de> Deserialize<'de> for Rate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(TextOrNumber("a rate such as \"10%\" or 0.1", |t| {
                parse_rate(t).map_err(|e| e.reason.to_owned())
            }))
            .map(Self)
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

impl Serialize for Rate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_as_people_write_them() {
        let amount: Amount = serde_json::from_str(r#""¥5,000.00""#).unwrap();
        assert_eq!(amount.0, Decimal::new(500_000, 2));
        assert_eq!(serde_json::from_str::<Amount>("5000").unwrap().0, Decimal::new(5000, 0));
        assert_eq!(serde_json::from_str::<Rate>(r#""12%""#).unwrap().0, Decimal::new(12, 2));
        assert_eq!(serde_json::from_str::<Rate>("0.05").unwrap().0, Decimal::new(5, 2));
        let error = serde_json::from_str::<Rate>("12").unwrap_err().to_string();
        assert!(error.contains("percent sign"), "{error}");
        assert_eq!(serde_json::to_string(&Rate(Decimal::new(1, 1))).unwrap(), r#""0.1""#);
        let error = serde_json::from_str::<Amount>("1000.005").unwrap_err().to_string();
        assert!(error.contains("more decimal places than the fen"), "{error}");
    }
}
